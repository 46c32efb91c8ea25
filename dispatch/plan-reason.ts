/**
 * Why a facility was re-planned, as a kind and its parameters, so the console can say it in the
 * reader's language. The plan row keeps the text (logs, audit, plans stored before this); the
 * producers in dispatch write it with `planReasonText`, and `parsePlanReason` reads back that
 * text and the texts other contexts hand to `requestPlan` (tracking's custody changes,
 * telemetry's alarms), which stay strings at the port.
 */
import type { Queryable } from '../platform/db/pool';

export const PLAN_REASON_KINDS = [
  'order_placed', 'order_cancelled', 'order_confirmed', 'order_rx_verified', 'rider_status', 'shipment_pinned', 'edit', 'manual',
  'shipment_picked_up', 'shipment_delivered', 'shipment_failed', 'shipment_returned', 'shipment_handed_over', 'shipment_replaced', 'alarm', 'other',
] as const;
export type PlanReasonKind = (typeof PLAN_REASON_KINDS)[number];
export interface PlanReason { kind: PlanReasonKind; params: Record<string, string> }

/** The stored text of a reason made in dispatch (read back by `parsePlanReason`). */
export function planReasonText(r: PlanReason): string {
  const p = r.params;
  switch (r.kind) {
    case 'order_placed': return `order ${p.orderId}`;
    case 'order_cancelled': return `order ${p.orderId} cancelled`;
    case 'order_confirmed': return `order ${p.orderId} confirmed`;
    case 'order_rx_verified': return `order ${p.orderId} rx verified`;
    case 'rider_status': return `rider ${p.riderId} ${p.status}`;
    case 'shipment_pinned': return `shipment ${p.shipmentId} pinned`;
    case 'edit': return `edit (${p.edit}) by ${p.userId}`;
    case 'manual': return p.userId ? `manual by ${p.userId}` : 'manual';
    case 'shipment_replaced': return `replacement ${p.replacementId} for shipment ${p.shipmentId}`;
    default: return p.text ?? r.kind;
  }
}

const PATTERNS: Array<[RegExp, PlanReasonKind, string[]]> = [
  [/^order (\S+)$/, 'order_placed', ['orderId']],
  [/^order (\S+) cancelled$/, 'order_cancelled', ['orderId']],
  [/^order (\S+) confirmed$/, 'order_confirmed', ['orderId']],
  [/^order (\S+) rx verified$/, 'order_rx_verified', ['orderId']],
  [/^rider (\S+) (online|offline)$/, 'rider_status', ['riderId', 'status']],
  [/^shipment (\S+) pinned$/, 'shipment_pinned', ['shipmentId']],
  [/^edit \((\w+)\) by (\S+)$/, 'edit', ['edit', 'userId']],
  [/^manual by (\S+)$/, 'manual', ['userId']],
  [/^manual$/, 'manual', []],
  [/^shipment (\S+) picked up$/, 'shipment_picked_up', ['shipmentId']],
  [/^shipment (\S+) delivered$/, 'shipment_delivered', ['shipmentId']],
  [/^shipment (\S+) failed: (.+)$/, 'shipment_failed', ['shipmentId', 'failure']],
  [/^shipment (\S+) returned$/, 'shipment_returned', ['shipmentId']],
  [/^shipment (\S+) handed over$/, 'shipment_handed_over', ['shipmentId']],
  [/^replacement (\S+) for shipment (\S+)$/, 'shipment_replaced', ['replacementId', 'shipmentId']],
  [/^alarm (\w+) \((\w+)\) on (\S+), (\S+)$/, 'alarm', ['type', 'severity', 'boxId', 'alarmId']],
];

/** The kind and parameters of a stored reason text; an unknown text is `other` with the text itself. */
export function parsePlanReason(text: string | null | undefined): PlanReason {
  const s = (text ?? '').trim();
  for (const [re, kind, names] of PATTERNS) {
    const m = re.exec(s);
    if (m) return { kind, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1]])) };
  }
  return { kind: 'other', params: { text: s } };
}

/**
 * The reasons with the display name of the user they name (`userName`), so no page shows a
 * user id: one query for all of them.
 */
export async function withUserNames(q: Queryable, reasons: PlanReason[]): Promise<PlanReason[]> {
  const ids = [...new Set(reasons.map((r) => r.params.userId).filter((x): x is string => !!x))];
  if (!ids.length) return reasons;
  const { rows } = await q.query('SELECT id, display_name FROM platform.users WHERE id = ANY($1::text[])', [ids]);
  const names = new Map<string, string>(rows.map((r) => [r.id, r.display_name]));
  return reasons.map((r) => (r.params.userId ? { ...r, params: { ...r.params, userName: names.get(r.params.userId) ?? '' } } : r));
}

/** The reason of a stored text, with its user's display name. */
export async function describePlanReason(q: Queryable, text: string | null | undefined): Promise<PlanReason> {
  return (await withUserNames(q, [parsePlanReason(text)]))[0];
}
