/**
 * Placing an order (DESIGN.md flow 1): validate → candidates (service area, opening hours, cold
 * capability, FEFO stock, boxes, riders, road travel time) → decide (domain/sourcing; both steps in
 * sourcing-step.ts, which the public availability answer runs too) → persist
 * (one atomic placement: reservations, shipments, the decision and its reasons) → a debounced
 * planning job. Nothing is written when the order is invalid or nothing can serve it.
 */
import type pg from 'pg';
import { appDb, withTx } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { withJsonText } from '../../platform/http/json-body';
import { newId, newToken } from '../../platform/ids';
import { getKey } from '../../platform/config/registry';
import { piiRings } from '../../platform/pii';
import { encryptField, phoneBlindIndex, decidePersonalDataAccess } from '../../platform/privacy';
import { toWgs84, type LatLng } from '../../geo';
import { dispatchKeys } from '../config';
import { parseCreateOrder, checkRx, type CreateOrder, type ApiIssue } from '../domain/order-schema';
import type { SourcingCandidate, SourcingDecision, SourcingOrder } from '../domain/sourcing';
import { localDateOf } from '../domain/zoned-time';
import { getSkusCached, type Sku } from '../network';
import { requestPlanSoon } from '../planning-trigger';
import { isDuplicateExternalRef, placeInTx, placeTogether, stockRaceOr, StockRace, type Placed, type Placement } from './placement';
import { decide, findCandidates } from './sourcing-step';
import { customerView, itemName, orderIdByExternalRef, type OrderView, type OrderViewer } from './read';
import type { Actor, OrderStatus } from './types';
import { planReasonText } from '../plan-reason';

export interface CreateOrderOptions {
  /** When the order is placed; default now. */
  now?: Date;
  /** The recurring series this order is an occurrence of (recurring.ts); default none. */
  recurringId?: string | null;
  /** Who reads the answer, which shows the customer as they may see them; default a dispatcher. */
  viewer?: OrderViewer;
}

/**
 * Creates an order. Throws AppError 400 for bad input, 422 `no_facility_can_serve` (with the
 * decision) when nothing can serve it; nothing is written in either case.
 */
export async function createOrder(body: unknown, actor: Actor, opts: CreateOrderOptions = {}): Promise<OrderView> {
  const n = await validate(body, actor, opts);
  for (let attempt = 0; ; attempt++) {
    const candidates = await candidatesFor(n);
    const decision = decide(n.sourcing, candidates, n.now);
    if (decision.status === 'unservable') {
      throw new AppError('unprocessable', 'no_facility_can_serve', `${decision.summary.en} ${decision.summary.zh}`, decisionView(decision));
    }
    try {
      const saved = await persist(n, decision);
      // The order is stored: its plan request does not hold up the answer (requestPlanSoon).
      if (saved.status === 'confirmed') for (const f of new Set(saved.shipments.map((s) => s.facilityId))) void requestPlanSoon(f, planReasonText({ kind: 'order_placed', params: { orderId: saved.id } }));
      return answer(n, saved);
    } catch (e) {
      if (isDuplicateExternalRef(e)) throw await duplicateOrder(n.order);
      // Another order took the last units between our read and our write: decide again.
      if (e instanceof StockRace && attempt < 3) continue;
      if (e instanceof StockRace) throw new AppError('conflict', 'stock_changed', 'Stock changed while the order was placed; retry.');
      throw e;
    }
  }
}

/**
 * The channel's order number is already an order's: 409 with that order's id. Not the first
 * answer again: without an Idempotency-Key nothing says the second body is the same order, and a
 * channel that reuses its numbers should hear of it rather than be told its new order exists.
 */
async function duplicateOrder(o: CreateOrder): Promise<AppError> {
  const id = await orderIdByExternalRef(appDb(), o.channel, o.externalRef!);
  return new AppError('conflict', 'duplicate_order',
    `Channel ${o.channel} has placed order ${o.externalRef} already, as ${id}: read it with GET /api/v1/orders/${id}, or send an order number of its own.`, { orderId: id });
}

type Line = { sku: Sku; quantity: number };

/** An order that passed validation, with what placing it needs. */
interface NewOrder {
  order: CreateOrder;
  /** The body as given, less `paymentPending`: a new series keeps it as its template. */
  body: Record<string, unknown>;
  paymentPending: boolean;
  lines: Line[];
  skuIds: string[];
  /** The order in sourcing's terms. */
  sourcing: SourcingOrder;
  /** The customer's door, WGS-84. */
  point: LatLng;
  promise: { earliest?: Date; latest: Date };
  windowStart: Date | null;
  mode: 'instant' | 'scheduled' | 'pickup';
  now: Date;
  /** The local date of `now` (YYYY-MM-DD). */
  today: string;
  actor: Actor;
  viewer: OrderViewer;
  recurringId: string | null;
}

const issuesError = (issues: ApiIssue[]) => {
  const first = issues[0];
  return new AppError('invalid_input', first.code === 'unknown_sku' || first.code === 'rx_required' ? first.code : 'validation_failed', first.message, { issues });
};

async function validate(body: unknown, actor: Actor, opts: CreateOrderOptions): Promise<NewOrder> {
  const now = opts.now ?? new Date();
  const { paymentPending, ...rest } = (body ?? {}) as Record<string, unknown>;
  if (paymentPending !== undefined && typeof paymentPending !== 'boolean') {
    throw new AppError('invalid_input', 'validation_failed', 'paymentPending must be true or false', { issues: [{ code: 'invalid_type', message: 'paymentPending must be a boolean', details: { path: 'paymentPending' } }] });
  }
  const parsed = parseCreateOrder(rest, { now, maxLines: getKey(dispatchKeys.maxLines), defaultPromiseMinutes: getKey(dispatchKeys.defaultPromiseMinutes) });
  if (!parsed.ok) throw issuesError(parsed.issues);
  const o = parsed.order;
  const skus = await getSkusCached(appDb(), o.items.map((i) => i.skuId));
  const rxIssues = checkRx(o.items, (id) => skus.get(id), o.rxRef);
  if (rxIssues.length) throw issuesError(rxIssues);

  const point = toWgs84({ lat: o.customer.location.lat, lng: o.customer.location.lng }, o.customer.location.crs);
  const { promise, windowStart, mode } = promiseOf(o, now);
  const lines = o.items.map((i) => ({ sku: skus.get(i.skuId)!, quantity: i.quantity }));
  return {
    order: o, body: rest, paymentPending: paymentPending === true, lines, skuIds: lines.map((l) => l.sku.id),
    sourcing: { items: lines.map((l) => ({ sku: l.sku.id, quantity: l.quantity, temperatureClass: l.sku.temperatureClass })), deliveryMode: mode, promise },
    point, promise, windowStart, mode, now, today: localDateOf(now),
    actor, viewer: opts.viewer ?? { role: 'dispatcher' }, recurringId: opts.recurringId ?? null,
  };
}

function promiseOf(o: CreateOrder, now: Date): { promise: { earliest?: Date; latest: Date }; windowStart: Date | null; mode: 'instant' | 'scheduled' | 'pickup' } {
  const d = o.delivery;
  switch (d.mode) {
    case 'instant': return { promise: { latest: new Date(now.getTime() + d.promiseMinutes * 60_000) }, windowStart: null, mode: 'instant' };
    case 'scheduled': return { promise: { earliest: d.window.start, latest: d.window.end }, windowStart: d.window.start, mode: 'scheduled' };
    case 'recurring': return { promise: { earliest: d.firstWindow.start, latest: d.firstWindow.end }, windowStart: d.firstWindow.start, mode: 'scheduled' };
    case 'pickup': return { promise: { latest: new Date(now.getTime() + 2 * 3600_000) }, windowStart: null, mode: 'pickup' };
  }
}

/** The candidates for the order (sourcing-step.ts); 422 when no facility is in range. */
async function candidatesFor(n: NewOrder): Promise<SourcingCandidate[]> {
  const o = n.order;
  const candidates = await findCandidates({ lines: n.lines, point: n.point, mode: n.mode, pickupFacilityId: o.delivery.mode === 'pickup' ? o.delivery.facilityId : null, today: n.today, now: n.now });
  if (!candidates.length) {
    throw new AppError('unprocessable', 'no_facility_can_serve',
      n.mode === 'pickup' && o.delivery.mode === 'pickup' && o.delivery.facilityId ? `No store ${o.delivery.facilityId} takes pickup orders.` : 'No facility can serve: the address is outside every service area. 无可服务门店：地址不在任何服务范围内。',
      { candidates: [], summary: { en: 'no facility can serve: 0 in range', zh: '无可服务门店：0 家在范围内' } });
  }
  return candidates;
}

/** The stored decision: candidates and why each was or was not chosen. */
export function decisionView(d: SourcingDecision) {
  return {
    status: d.status,
    summary: d.summary,
    shipments: d.shipments.map((s) => ({ facilityId: s.facilityId, tier: s.tier, skus: s.lines.map((l) => l.sku), boxClasses: s.boxClasses, eta: s.eta.toISOString(), meetsPromise: s.meetsPromise })),
    // A reason is copied only when it has an ETA to write out (most have none).
    candidates: d.candidates.map((c) => ({ facilityId: c.facilityId, tier: c.tier, outcome: c.outcome, reasons: c.reasons.map((r) => (r.eta ? { ...r, eta: r.eta.toISOString() } : r)), eta: c.eta?.toISOString() ?? null })),
    unservableSkus: d.unservableSkus,
  };
}

/** What persist stored, for the answer. */
interface Saved {
  id: string; token: string; status: OrderStatus; mode: string; rxStatus: string; createdAt: Date; expiresAt: Date | null; decision: unknown;
  shipments: OrderView['shipments'];
}

/**
 * Stores the order as decided in one placement (dispatch.place_order): the conditional
 * reservations and everything else commit or roll back together. Throws StockRace when another
 * order took the units first.
 */
async function persist(n: NewOrder, decision: SourcingDecision): Promise<Saved> {
  const o = n.order;
  const { enc, idx } = piiRings();
  const id = newId('ord');
  const rxPending = n.lines.some((l) => l.sku.rx);
  const status: OrderStatus = rxPending ? 'awaiting_rx' : n.paymentPending ? 'awaiting_confirmation' : 'confirmed';
  const holdMin = rxPending ? getKey(dispatchKeys.rxHoldMinutes) : n.paymentPending ? getKey(dispatchKeys.paymentHoldMinutes) : null;
  const mode = o.delivery.mode === 'recurring' ? 'scheduled' : o.delivery.mode;
  const token = newToken(18);
  const dview = decisionView(decision);
  // Serialised once: stored as this text, and the answer splices the same text (platform/http/json-body.ts).
  const decisionJson = JSON.stringify(dview);
  withJsonText(dview, decisionJson);
  const skuOf = new Map(n.lines.map((l) => [l.sku.id, l.sku]));
  const shipStatus = status === 'confirmed' ? 'ready' : 'held';
  const ships = decision.shipments.map((s) => {
    const units: Record<string, number> = {};
    for (const l of s.lines) units[l.temperatureClass] = (units[l.temperatureClass] ?? 0) + l.quantity * skuOf.get(l.sku)!.volumeUnits;
    return {
      id: newId('shp'), facilityId: s.facilityId, status: shipStatus, coldClasses: s.boxClasses, units, eta: s.eta.toISOString(),
      reservationStatus: status === 'confirmed' ? 'confirmed' : 'held',
      picks: s.lines.flatMap((l) => l.picks.map((p) => ({ lot: p.lotId, sku: l.sku, qty: p.quantity }))),
    };
  });
  const placement: Placement = {
    payload: {
      order: {
        id, token, channel: o.channel, externalRef: o.externalRef ?? null, language: o.customer.language ?? null, status, mode, windowStart: n.windowStart?.toISOString() ?? null,
        windowEnd: n.promise.latest.toISOString(),
        nameEnc: encryptField(o.customer.name, enc, { context: `${id}:name` }), phoneEnc: encryptField(o.customer.phone, enc, { context: `${id}:phone` }),
        phoneIdx: phoneBlindIndex(o.customer.phone, idx), addressEnc: encryptField(o.customer.address, enc, { context: `${id}:address` }),
        lat: n.point.lat, lng: n.point.lng, rxRef: o.rxRef ?? null, rxStatus: rxPending ? 'pending' : 'not_required',
        holdMinutes: holdMin, recurringId: n.recurringId, createdBy: n.actor.id, actorRole: n.actor.role,
      },
      items: n.lines.map((l, i) => ({ line: i + 1, sku: l.sku.id, qty: l.quantity })),
      shipments: ships,
      event: { channel: o.channel, decision: decision.status, summary: decision.summary },
      audit: { status, channel: o.channel, shipments: decision.shipments.map((x) => x.facilityId), lines: n.lines.length },
    },
    decisionJson,
  };
  let r: Placed;
  try {
    r = o.delivery.mode === 'recurring' && !n.recurringId
      // A new series: its row and the first occurrence commit together.
      ? await withTx(appDb(), async (c) => {
        placement.payload.order.recurringId = await createSeries(c, n);
        return placeInTx(c, placement);
      })
      // Otherwise with the orders placed in the same round.
      : await placeTogether(placement);
  } catch (e) {
    throw stockRaceOr(e);
  }
  return {
    id, token, status, mode, rxStatus: rxPending ? 'pending' : 'not_required', createdAt: new Date(r.createdAt), expiresAt: r.expiresAt ? new Date(r.expiresAt) : null, decision: dview,
    shipments: ships.map((x) => ({ id: x.id, facilityId: x.facilityId, status: x.status, riderId: null, eta: x.eta, dueAt: n.promise.latest.toISOString(), coldClasses: x.coldClasses, replaces: null, replacedBy: null })),
  };
}

/**
 * A new recurring series, from an order whose delivery is `recurring`: the order less its
 * delivery is kept as the template (personal data encrypted), and recurring.ts places each later
 * occurrence from it. Returns the series id.
 */
async function createSeries(c: pg.PoolClient, n: NewOrder): Promise<string> {
  const d = n.order.delivery as Extract<CreateOrder['delivery'], { mode: 'recurring' }>;
  const id = newId('rec');
  const { delivery: _d, ...template } = n.body;
  const env = encryptField(JSON.stringify(template), piiRings().enc, { context: `${id}:template` });
  const next = new Date(d.firstWindow.start.getTime() + d.everyDays * 86_400_000);
  await c.query(
    `INSERT INTO dispatch.recurring_orders (id, template, every_days, next_at, remaining, until_at, created_by, window_minutes) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [id, JSON.stringify({ enc: env }), d.everyDays, next, d.count !== undefined ? d.count - 1 : null, d.until ?? null, n.actor.id,
      Math.round((d.firstWindow.end.getTime() - d.firstWindow.start.getTime()) / 60_000)]);
  return id;
}

/** The answer, built from what was just written (no re-read). */
function answer(n: NewOrder, saved: Saved): OrderView {
  const o = n.order;
  const customer = { name: o.customer.name, phone: o.customer.phone, address: o.customer.address, location: n.point };
  return {
    id: saved.id, token: saved.token, channel: o.channel, externalRef: o.externalRef ?? null, status: saved.status, deliveryMode: saved.mode,
    window: { start: n.windowStart?.toISOString() ?? null, end: n.promise.latest.toISOString() },
    // Nobody carries the order yet: only the roles the privacy policy always allows (admins) see the customer whole.
    customer: customerView(customer, n.viewer, decidePersonalDataAccess(n.viewer, { assignedRiderId: null, pickedUpAt: null, endedAt: null, now: n.now })),
    rx: { ref: o.rxRef ?? null, status: saved.rxStatus, reviewedBy: null, reviewedAt: null, note: null },
    items: n.lines.map((l, i) => ({ line: i + 1, skuId: l.sku.id, name: itemName(n.viewer, l.sku.name), quantity: l.quantity })),
    shipments: saved.shipments,
    decision: saved.decision,
    reservationExpiresAt: saved.expiresAt?.toISOString() ?? null,
    cancelReason: null,
    createdAt: saved.createdAt.toISOString(),
  };
}
