/**
 * Alarm store: one open alarm per box × type (unique partial index), raised and cleared by the
 * excursion engine, acknowledged and resolved by people. Every change writes an audit row
 * (COMPLIANCE C.30) in the same transaction. Applying the same engine event twice (a QoS 1
 * redelivery re-evaluated after a crash) changes nothing the second time and writes no audit.
 */
import { Where } from '../../platform/db/where';
import type { Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { ExcursionEvent, Severity } from '../excursion';

export const SEVERITIES: Severity[] = ['critical', 'major', 'minor', 'warning'];
export const severityRank = (s: Severity) => SEVERITIES.length - SEVERITIES.indexOf(s);

export interface Alarm {
  id: string;
  boxId: string;
  type: string;
  severity: Severity;
  status: 'active' | 'acknowledged' | 'resolved';
  condition: 'active' | 'cleared';
  temperatureClass: string | null;
  shipmentIds: string[];
  facilityIds: string[];
  riderIds: string[];
  raisedAt: string;
  retrospective: boolean;
  details: Record<string, unknown>;
  occurrences: number;
  clearedAt: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolveNote: string | null;
  escalationTier: number;
  lastNotifiedAt: string | null;
  /** When the next escalation tier fires; null once acknowledged or resolved, or when no step is left. */
  nextEscalationAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toAlarm(r: Record<string, any>): Alarm {
  return {
    id: r.id, boxId: r.box_id, type: r.type, severity: r.severity, status: r.status, condition: r.condition,
    temperatureClass: r.temperature_class, shipmentIds: r.shipment_ids, facilityIds: r.facility_ids, riderIds: r.rider_ids,
    raisedAt: r.raised_at.toISOString(), retrospective: r.retrospective, details: r.details, occurrences: r.occurrences,
    clearedAt: iso(r.cleared_at), createdAt: r.created_at.toISOString(),
    acknowledgedAt: iso(r.acknowledged_at), acknowledgedBy: r.acknowledged_by, ackNote: r.ack_note,
    resolvedAt: iso(r.resolved_at), resolvedBy: r.resolved_by, resolveNote: r.resolve_note,
    escalationTier: r.escalation_tier, lastNotifiedAt: iso(r.last_notified_at),
    // The worker checks the status before each step, so an acknowledged alarm's scheduled step never fires.
    nextEscalationAt: r.status === 'active' ? iso(r.next_escalation_at ?? null) : null,
  };
}

/** Who and what an engine event concerns (from custody at the reading's time). */
export interface EventScope {
  boxId: string;
  temperatureClass: string | null;
  shipmentIds: string[];
  facilityIds: string[];
  riderIds: string[];
}

export interface AlarmChange {
  alarm: Alarm;
  /** created: a new alarm; reactivated: an open alarm's condition came back; cleared: back in range. */
  change: 'created' | 'reactivated' | 'cleared';
}

/**
 * Applies engine events to the alarm table; returns only the real changes (for the feed,
 * notifications and re-planning). One statement for the whole list
 * (telemetry.apply_alarm_events, telemetry/sql/, which holds the raise/clear rules): the events
 * are sorted by box × type, keeping each pair's own order (raise before clear), so concurrent
 * callers lock alarm rows in the same order.
 */
export async function applyEvents(q: Queryable, items: Array<{ scope: EventScope; event: ExcursionEvent }>): Promise<AlarmChange[]> {
  if (!items.length) return [];
  const order = items.map((_, i) => i).sort((a, b) => {
    const x = items[a], y = items[b];
    return x.scope.boxId < y.scope.boxId ? -1 : x.scope.boxId > y.scope.boxId ? 1 : x.event.type < y.event.type ? -1 : x.event.type > y.event.type ? 1 : a - b;
  });
  const events = order.map((i) => {
    const { scope: s, event: e } = items[i];
    return {
      i, action: e.action, id: e.action === 'raise' ? newId('alm') : null, boxId: s.boxId, type: e.type, severity: e.severity,
      temperatureClass: s.temperatureClass, shipmentIds: s.shipmentIds, facilityIds: s.facilityIds, riderIds: s.riderIds,
      at: new Date(e.at).toISOString(), retrospective: e.retrospective, details: e.details,
    };
  });
  const { rows } = await q.query('SELECT telemetry.apply_alarm_events($1::jsonb) AS r', [JSON.stringify(events)]);
  const changes = rows[0].r as Array<{ i: number; change: AlarmChange['change']; alarm: Record<string, unknown> }>;
  // Back in the callers' order.
  return changes.sort((a, b) => a.i - b.i).map((c) => ({ change: c.change, alarm: toAlarm(fromJsonRow(c.alarm)) }));
}

const TIMESTAMPS = ['raised_at', 'cleared_at', 'created_at', 'acknowledged_at', 'resolved_at', 'last_notified_at', 'next_escalation_at', 'updated_at'];
/** A row that came back as JSON (to_jsonb) has its timestamps as strings. */
function fromJsonRow(r: Record<string, unknown>): Record<string, unknown> {
  const out = { ...r };
  for (const k of TIMESTAMPS) if (typeof out[k] === 'string') out[k] = new Date(out[k] as string);
  return out;
}

export async function getAlarm(q: Queryable, id: string): Promise<Alarm | null> {
  const { rows } = await q.query(`SELECT * FROM telemetry.alarms WHERE id = $1`, [id]);
  return rows[0] ? toAlarm(rows[0]) : null;
}

export interface AlarmFilter {
  status?: Array<'active' | 'acknowledged' | 'resolved'>;
  open?: boolean;
  boxId?: string;
  type?: string;
  severity?: Severity;
  facilityId?: string;
  riderId?: string;
  shipmentId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** created_at of the last alarm of the previous page (newest first). */
  before?: Date;
}

export async function listAlarms(q: Queryable, f: AlarmFilter): Promise<Alarm[]> {
  const w = new Where()
    .add('status = ANY(?::text[])', f.status?.length ? f.status : undefined).raw(`status <> 'resolved'`, !!f.open)
    .add('box_id = ?', f.boxId || undefined).add('type = ?', f.type || undefined).add('severity = ?', f.severity || undefined)
    .add('? = ANY(facility_ids)', f.facilityId || undefined).add('? = ANY(rider_ids)', f.riderId || undefined).add('? = ANY(shipment_ids)', f.shipmentId || undefined)
    .add('created_at >= ?', f.from).add('created_at < ?', f.to).add('created_at < ?', f.before);
  const { rows } = await q.query(`SELECT * FROM telemetry.alarms ${w.sql()} ORDER BY created_at DESC, id DESC LIMIT ${w.param(f.limit)}`, w.args);
  return rows.map(toAlarm);
}

/** The alarm types that say the goods themselves may be damaged (not a device or data fault). */
export const EXCURSION_TYPES = ['TEMP_HIGH', 'TEMP_LOW', 'FREEZE', 'CUMULATIVE', 'BUDGET_EXCEEDED'] as const;

/** A shipment's temperature excursions not yet resolved (by QA or a dispatcher). */
export async function openExcursions(q: Queryable, shipmentId: string): Promise<Array<{ alarmId: string; type: string; boxId: string }>> {
  const { rows } = await q.query(
    `SELECT id, type, box_id FROM telemetry.alarms WHERE status <> 'resolved' AND $1 = ANY(shipment_ids) AND type = ANY($2::text[]) ORDER BY raised_at`,
    [shipmentId, EXCURSION_TYPES]);
  return rows.map((r) => ({ alarmId: r.id, type: r.type, boxId: r.box_id }));
}

/** The person acting on an alarm (from the session). */
export interface Actor { id: string; role: string; riderId: string | null; facilityId: string | null }

/**
 * active → acknowledged. Stops escalation (the worker checks the status before each step).
 * Acknowledging twice is a 409, so the first person's name and note are never overwritten.
 */
export async function acknowledge(c: Queryable, id: string, actor: Actor, note: string, audit: (q: Queryable, e: { action: string; entityType: string; entityId: string; oldValue: unknown; newValue: unknown }) => Promise<void>): Promise<Alarm> {
  const { rows } = await c.query(`SELECT * FROM telemetry.alarms WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new AppError('not_found', 'alarm_not_found', `No alarm ${id}.`);
  const prev = toAlarm(rows[0]);
  assertMayAct(prev, actor, 'acknowledge');
  if (prev.status !== 'active') throw new AppError('conflict', 'alarm_not_active', `Alarm ${id} is ${prev.status}; only an active alarm can be acknowledged.`, { status: prev.status });
  const upd = await c.query(`UPDATE telemetry.alarms SET status = 'acknowledged', acknowledged_at = clock_timestamp(), acknowledged_by = $2, ack_note = $3, updated_at = now() WHERE id = $1 RETURNING *`, [id, actor.id, note]);
  const next = toAlarm(upd.rows[0]);
  await audit(c, { action: 'alarm.acknowledge', entityType: 'alarm', entityId: id, oldValue: { status: prev.status }, newValue: { status: next.status, acknowledgedAt: next.acknowledgedAt, acknowledgedBy: actor.id, note } });
  return next;
}

/** active|acknowledged → resolved, with the resolution note. Frees the box × type slot. */
export async function resolve(c: Queryable, id: string, actor: Actor, note: string, audit: (q: Queryable, e: { action: string; entityType: string; entityId: string; oldValue: unknown; newValue: unknown }) => Promise<void>): Promise<Alarm> {
  const { rows } = await c.query(`SELECT * FROM telemetry.alarms WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new AppError('not_found', 'alarm_not_found', `No alarm ${id}.`);
  const prev = toAlarm(rows[0]);
  assertMayAct(prev, actor, 'resolve');
  if (prev.status === 'resolved') throw new AppError('conflict', 'alarm_already_resolved', `Alarm ${id} is already resolved.`);
  const upd = await c.query(
    `UPDATE telemetry.alarms SET status = 'resolved', resolved_at = clock_timestamp(), resolved_by = $2, resolve_note = $3,
        acknowledged_at = coalesce(acknowledged_at, clock_timestamp()), acknowledged_by = coalesce(acknowledged_by, $2), updated_at = now()
      WHERE id = $1 RETURNING *`, [id, actor.id, note]);
  const next = toAlarm(upd.rows[0]);
  await audit(c, { action: 'alarm.resolve', entityType: 'alarm', entityId: id, oldValue: { status: prev.status, condition: prev.condition }, newValue: { status: 'resolved', resolvedAt: next.resolvedAt, resolvedBy: actor.id, note } });
  return next;
}

/**
 * Who may act: dispatcher, QA and admin on any alarm; a rider may acknowledge (not resolve)
 * alarms on boxes they carry — they are the one who can close the lid or move the box to a
 * cooler now, while resolving is a quality decision. Partners only read.
 */
export function assertMayAct(a: Alarm, actor: Actor, what: 'acknowledge' | 'resolve'): void {
  if (['admin', 'dispatcher', 'qa'].includes(actor.role)) return;
  if (actor.role === 'rider' && what === 'acknowledge' && actor.riderId && a.riderIds.includes(actor.riderId)) return;
  throw new AppError('forbidden', 'forbidden', `Role ${actor.role} may not ${what} alarm ${a.id}.`);
}

/** Whether a user may see an alarm (riders: their boxes; partners: their store's). */
export function maySee(a: Pick<Alarm, 'riderIds' | 'facilityIds'>, actor: Actor): boolean {
  if (['admin', 'dispatcher', 'qa'].includes(actor.role)) return true;
  if (actor.role === 'rider') return !!actor.riderId && a.riderIds.includes(actor.riderId);
  if (actor.role === 'partner') return !!actor.facilityId && a.facilityIds.includes(actor.facilityId);
  return false;
}
