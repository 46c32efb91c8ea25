/**
 * Orders (DESIGN.md flow 1): validate → sourcing (service area, opening hours, cold capability,
 * FEFO stock, boxes, riders, road travel time) → atomic reservation in one transaction →
 * shipments → a debounced planning job. The decision and its reasons are stored with the order.
 */
import type pg from 'pg';
import { appDb, withTx, prepared, type Queryable } from '../platform/db/pool';
import { Where } from '../platform/db/where';
import { Batcher } from '../platform/db/batch';
import { jsonb, textArray } from '../platform/db/binary';
import { AppError } from '../platform/errors';
import { withJsonText } from '../platform/http/json-body';
import { newId, newToken } from '../platform/ids';
import { getKey } from '../platform/config/registry';
import { piiRings } from '../platform/pii';
import { encryptField, decryptField, phoneBlindIndex, maskRecipient, decidePersonalDataAccess, type PiiViewer } from '../platform/privacy';
import { toWgs84, assertValidLatLng, haversineM, type LatLng } from '../geo/coords';
import { dispatchKeys } from './config';
import { parseCreateOrder, checkRx, type CreateOrder, type ApiIssue } from './domain/order-schema';
import { allocateFefo, type FefoResult } from './domain/fefo';
import { decideSourcing, type SourcingCandidate, type SourcingDecision, type SourcingOrder } from './domain/sourcing';
import { localDateOf } from './domain/zoned-time';
import { getFacilitiesCached, getSkusCached, type Facility, type Sku } from './network';
import { sharedRoutingEngine as routingEngine, sharedServiceAreaCover as serviceAreaCover } from '../geo';
import { requestPlanSoon } from './planning-trigger';
import { createSeries } from './recurring';
import { fleetSnapshot, type FleetSnapshot } from './fleet-snapshot';

export type OrderStatus = 'awaiting_rx' | 'awaiting_confirmation' | 'confirmed' | 'in_delivery' | 'delivered' | 'cancelled';

export interface Actor { id: string | null; role: string | null }

class StockRace extends Error {}

const issuesError = (issues: ApiIssue[]) => {
  const first = issues[0];
  return new AppError('invalid_input', first.code === 'unknown_sku' || first.code === 'rx_required' ? first.code : 'validation_failed', first.message, { issues });
};

/** Sellable lots as dispatch.stock_for_order returns them: [facility, sku, lot, expiry YYYY-MM-DD, available units]. */
interface Availability { lots: [string, string, string, string, number][] }

const placeOrder = prepared('SELECT dispatch.place_order($1, $2::json) AS r');

/**
 * dispatch.stock_for_order for several orders in one statement (see {@link availability}); the
 * function returns one row per call, so rows come back in input order.
 */
const stockForOrders = prepared(`SELECT s.serving, s.lots, s.generation
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(o, i)
  CROSS JOIN LATERAL dispatch.stock_for_order(
    ARRAY(SELECT jsonb_array_elements_text(x.o->'skus')), (x.o->>'lng')::float8, (x.o->>'lat')::float8,
    CASE WHEN jsonb_typeof(x.o->'facilities') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(x.o->'facilities')) END,
    (x.o->>'gen')::bigint) AS s
  ORDER BY x.i`);

interface StockAsk { skus: string[]; lng: number | null; lat: number | null; facilities: string[] | null; gen: number | null }
interface StockAnswer extends Availability { serving: string[]; generation: number }

/**
 * Orders that ask for stock in the same round of the event loop ask in one statement. Should
 * that statement fail, each asks again alone, so one order's failure stays its own.
 */
let stockBatcher: Batcher<StockAsk, StockAnswer> | undefined;
function askStock(ask: StockAsk): Promise<StockAnswer> {
  stockBatcher ??= new Batcher(async (asks) => {
    const run = async (xs: StockAsk[]) => (await appDb().query(stockForOrders([jsonb(xs)]))).rows as StockAnswer[];
    try {
      return await run(asks);
    } catch (e) {
      if (asks.length === 1) throw e;
      return Promise.all(asks.map((a) => run([a]).then((r) => r[0], (err: Error) => err)));
    }
  });
  return stockBatcher.call(ask);
}

/**
 * Stock of facilities in one call (one round trip, one snapshot; dispatch.stock_for_order,
 * migrations 006, 008 and 009): either of the given facilities, or — `{ point }` — of the
 * facilities whose service area covers the point (their ids unordered: see {@link nearestFirst}).
 * Which areas cover the point is answered in memory (geo's cover index) and used by the
 * database only if the service areas have not changed since the index was loaded.
 */
async function availability(of: { ids: string[] } | { point: LatLng }, skuIds: string[]): Promise<{ serving: string[]; avail: Availability }> {
  if ('ids' in of) {
    const avail = await askStock({ skus: skuIds, lng: null, lat: null, facilities: of.ids, gen: null });
    return { serving: avail.serving, avail };
  }
  assertValidLatLng(of.point);
  const cover = serviceAreaCover().current();
  const avail = await askStock({ skus: skuIds, lng: of.point.lng, lat: of.point.lat, facilities: cover ? cover.index.covering(of.point) : null, gen: cover?.gen ?? null });
  return { serving: avail.serving, avail };
}

/**
 * Candidates are listed nearest first (great-circle distance to the facility, then id), as
 * geo's facilitiesServing lists them; the database sends the covering ids unordered, since its
 * geodesic distances cost more than the cover test itself (geo migration 005).
 */
function nearestFirst(facilities: Facility[], point: LatLng): Facility[] {
  return facilities.map((f) => ({ f, d: haversineM(point, f.location) }))
    .sort((a, b) => a.d - b.d || (a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0))
    .map((x) => x.f);
}

/** Candidate facilities enriched with stock (from {@link availability}), boxes, riders (from {@link fleetSnapshot}) and travel time. */
async function gatherCandidates(avail: Availability, fleetNow: FleetSnapshot, facilities: Facility[], lines: Array<{ sku: Sku; quantity: number }>, customer: LatLng, today: string, mode: 'instant' | 'scheduled' | 'pickup'): Promise<SourcingCandidate[]> {
  const margin = getKey(dispatchKeys.sellByMarginDays);
  // Lots by facility, then SKU (nested maps: no key strings built per facility and line).
  const lotsBy = new Map<string, Map<string, Array<{ lotId: string; expiresOn: string; available: number }>>>();
  for (const [facilityId, skuId, lotId, expiresOn, available] of avail.lots) {
    let bySku = lotsBy.get(facilityId);
    if (!bySku) lotsBy.set(facilityId, (bySku = new Map()));
    let list = bySku.get(skuId);
    if (!list) bySku.set(skuId, (list = []));
    list.push({ lotId, expiresOn, available });
  }

  // Road travel time only for facilities that could serve at least one line (cold capability
  // and a sellable lot): sourcing never looks at the others' travel time.
  const couldServe = facilities.map((f) => {
    const bySku = lotsBy.get(f.id);
    return !!bySku && lines.some((l) => f.coldCapabilities.includes(l.sku.temperatureClass) && bySku.has(l.sku.id));
  });
  const travel: (number | null)[] = facilities.map(() => null);
  const routed = facilities.filter((_f, i) => couldServe[i]);
  if (mode !== 'pickup' && routed.length) {
    const t = await routingEngine().table(routed.map((f) => f.location), [customer]);
    let k = 0;
    facilities.forEach((_f, i) => { if (couldServe[i]) travel[i] = t.durations[k++][0]; });
  }

  return facilities.map((f, i) => {
    const stock: Record<string, FefoResult | undefined> = {};
    const bySku = lotsBy.get(f.id);
    for (const l of lines) {
      const fl = bySku?.get(l.sku.id);
      stock[l.sku.id] = fl ? allocateFefo({ lots: fl, quantity: l.quantity, today, sellByMarginDays: margin }) : undefined;
    }
    return {
      facilityId: f.id, label: f.name, tier: f.tier, inService: true, openingHours: f.openingHours,
      coldCapabilities: f.coldCapabilities, stock, boxes: fleetNow.boxes.get(f.id) ?? {}, travelSeconds: travel[i],
      riders: { availableNow: fleetNow.riders.get(f.id) ?? 0 },
      // Cost: road time dominates; a central warehouse shipment costs more to send out.
      cost: (travel[i] ?? 0) + (f.tier === 'central' ? 1800 : f.tier === 'forward' ? 0 : 120),
      handlingSeconds: f.handlingSeconds,
    } satisfies SourcingCandidate;
  });
}

export interface CreateOrderResult { order: OrderView; replayed?: boolean }

/**
 * Creates an order. Throws AppError 400 for bad input, 422 `no_facility_can_serve` (with the
 * decision) when nothing can serve it; nothing is written in either case.
 */
export async function createOrder(body: unknown, actor: Actor, now = new Date(), recurringId: string | null = null, viewer: PiiViewer & { facilityId?: string | null } = { role: 'dispatcher' }): Promise<OrderView> {
  const { paymentPending, ...rest } = (body ?? {}) as Record<string, unknown>;
  if (paymentPending !== undefined && typeof paymentPending !== 'boolean') {
    throw new AppError('invalid_input', 'validation_failed', 'paymentPending must be true or false', { issues: [{ code: 'invalid_type', message: 'paymentPending must be a boolean', details: { path: 'paymentPending' } }] });
  }
  const parsed = parseCreateOrder(rest, { now, maxLines: getKey(dispatchKeys.maxLines), defaultPromiseMinutes: getKey(dispatchKeys.defaultPromiseMinutes) });
  if (!parsed.ok) throw issuesError(parsed.issues);
  const o = parsed.order;
  const db = appDb();
  const skus = await getSkusCached(db, o.items.map((i) => i.skuId));
  const rxIssues = checkRx(o.items, (id) => skus.get(id), o.rxRef);
  if (rxIssues.length) throw issuesError(rxIssues);

  const point = toWgs84({ lat: o.customer.location.lat, lng: o.customer.location.lng }, o.customer.location.crs);
  const { promise, windowStart, mode } = promiseOf(o, now);
  const lines = o.items.map((i) => ({ sku: skus.get(i.skuId)!, quantity: i.quantity }));

  for (let attempt = 0; ; attempt++) {
    // Who serves the address and what they have, in one statement (pickup at a named store: that store).
    const today = localDateOf(now);
    const skuIds = lines.map((l) => l.sku.id);
    const [{ serving: ids, avail }, fleetNow] = await Promise.all([
      availability(o.delivery.mode === 'pickup' && o.delivery.facilityId ? { ids: [o.delivery.facilityId] } : { point }, skuIds),
      fleetSnapshot(db, today),
    ]);
    let facilities = ids.length ? nearestFirst((await getFacilitiesCached(db, ids)).filter((f) => f.active), point) : [];
    if (mode === 'pickup') facilities = facilities.filter((f) => f.tier === 'store');
    if (!facilities.length) {
      throw new AppError('unprocessable', 'no_facility_can_serve',
        mode === 'pickup' && o.delivery.mode === 'pickup' && o.delivery.facilityId ? `No store ${o.delivery.facilityId} takes pickup orders.` : 'No facility can serve: the address is outside every service area. 无可服务门店：地址不在任何服务范围内。',
        { candidates: [], summary: { en: 'no facility can serve: 0 in range', zh: '无可服务门店：0 家在范围内' } });
    }
    const candidates = await gatherCandidates(avail, fleetNow, facilities, lines, point, today, mode);
    const sOrder: SourcingOrder = { items: lines.map((l) => ({ sku: l.sku.id, quantity: l.quantity, temperatureClass: l.sku.temperatureClass })), deliveryMode: mode, promise };
    const decision = decideSourcing(sOrder, candidates, { now, allowSplit: getKey(dispatchKeys.allowSplit) && mode !== 'pickup' });
    if (decision.status === 'unservable') {
      throw new AppError('unprocessable', 'no_facility_can_serve', `${decision.summary.en} ${decision.summary.zh}`, decisionView(decision));
    }
    try {
      const saved = await persist(o, rest, decision, lines, point, promise, windowStart, actor, paymentPending === true, recurringId);
      // The order is stored: its plan request does not hold up the answer (requestPlanSoon).
      if (saved.status === 'confirmed') for (const f of new Set(saved.shipments.map((s) => s.facilityId))) void requestPlanSoon(f, `order ${saved.id}`);
      // Built from what was just written (no re-read); the creator sees what its role may see:
      // nobody but an admin sees the customer unmasked before a rider has the parcel.
      const pii = { name: o.customer.name, phone: o.customer.phone, address: o.customer.address };
      return {
        id: saved.id, token: saved.token, channel: o.channel, externalRef: o.externalRef ?? null, status: saved.status, deliveryMode: saved.mode,
        window: { start: windowStart?.toISOString() ?? null, end: promise.latest.toISOString() },
        // Nobody carries it yet, so only the policy's always-allowed roles see it whole.
        customer: customerView(pii, point, viewer, decidePersonalDataAccess(viewer, { assignedRiderId: null, pickedUpAt: null, endedAt: null, now })),
        rx: { ref: o.rxRef ?? null, status: saved.rxStatus, reviewedBy: null, reviewedAt: null, note: null },
        items: lines.map((l, i) => ({ line: i + 1, skuId: l.sku.id, quantity: l.quantity })),
        shipments: saved.shipments,
        decision: saved.decision,
        reservationExpiresAt: saved.expiresAt?.toISOString() ?? null,
        cancelReason: null,
        createdAt: saved.createdAt.toISOString(),
      };
    } catch (e) {
      // Another order took the last units between our read and our write: decide again.
      if (e instanceof StockRace && attempt < 3) continue;
      if (e instanceof StockRace) throw new AppError('conflict', 'stock_changed', 'Stock changed while the order was placed; retry.');
      throw e;
    }
  }
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

interface Saved {
  id: string; token: string; status: OrderStatus; mode: string; rxStatus: string; createdAt: Date; expiresAt: Date | null; decision: unknown;
  shipments: OrderView['shipments'];
}

async function persist(o: CreateOrder, rawBody: Record<string, unknown>, decision: SourcingDecision, lines: Array<{ sku: Sku; quantity: number }>, point: LatLng, promise: { earliest?: Date; latest: Date }, windowStart: Date | null, actor: Actor, paymentPending: boolean, recurringId: string | null): Promise<Saved> {
  const { enc, idx } = piiRings();
  const id = newId('ord');
  const rxPending = lines.some((l) => l.sku.rx);
  const status: OrderStatus = rxPending ? 'awaiting_rx' : paymentPending ? 'awaiting_confirmation' : 'confirmed';
  const holdMin = rxPending ? getKey(dispatchKeys.rxHoldMinutes) : paymentPending ? getKey(dispatchKeys.paymentHoldMinutes) : null;
  const mode = o.delivery.mode === 'recurring' ? 'scheduled' : o.delivery.mode;
  const token = newToken(18);
  const dview = decisionView(decision);
  // Serialised once: stored as this text, and the answer splices the same text (json-body.ts).
  const decisionJson = JSON.stringify(dview);
  withJsonText(dview, decisionJson);
  const skuOf = new Map(lines.map((l) => [l.sku.id, l.sku]));
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
  // One function does the whole placement (dispatch.place_order, migrations 003 and 007): the
  // conditional reservations and everything else commit or roll back together.
  const payload = (recurring: string | null) => ({
    order: {
      id, token, channel: o.channel, externalRef: o.externalRef ?? null, status, mode, windowStart: windowStart?.toISOString() ?? null,
      windowEnd: promise.latest.toISOString(),
      nameEnc: encryptField(o.customer.name, enc, { context: `${id}:name` }), phoneEnc: encryptField(o.customer.phone, enc, { context: `${id}:phone` }),
      phoneIdx: phoneBlindIndex(o.customer.phone, idx), addressEnc: encryptField(o.customer.address, enc, { context: `${id}:address` }),
      lat: point.lat, lng: point.lng, rxRef: o.rxRef ?? null, rxStatus: rxPending ? 'pending' : 'not_required',
      holdMinutes: holdMin, recurringId: recurring, createdBy: actor.id, actorRole: actor.role,
    },
    items: lines.map((l, i) => ({ line: i + 1, sku: l.sku.id, qty: l.quantity })),
    shipments: ships,
    event: { channel: o.channel, decision: decision.status, summary: decision.summary },
    audit: { status, channel: o.channel, shipments: decision.shipments.map((x) => x.facilityId), lines: lines.length },
  });
  try {
    const r = o.delivery.mode === 'recurring' && !recurringId
      // A new series: its row and the first occurrence commit together.
      ? await withTx(appDb(), async (c) => {
        const d = o.delivery as Extract<CreateOrder['delivery'], { mode: 'recurring' }>;
        const series = await createSeries(c, rawBody, { firstWindow: d.firstWindow, everyDays: d.everyDays, count: d.count, until: d.until }, actor.id);
        return (await c.query(placeOrder([payload(series), decisionJson]))).rows[0].r as Placed;
      })
      // Otherwise with the orders placed in the same round (dispatch.place_batch).
      : await placeTogether({ payload: payload(recurringId), decisionJson });
    return {
      id, token, status, mode, rxStatus: rxPending ? 'pending' : 'not_required', createdAt: new Date(r.createdAt), expiresAt: r.expiresAt ? new Date(r.expiresAt) : null, decision: dview,
      shipments: ships.map((x) => ({ id: x.id, facilityId: x.facilityId, status: x.status, riderId: null, eta: x.eta, dueAt: promise.latest.toISOString(), coldClasses: x.coldClasses })),
    };
  } catch (e) {
    const code = (e as { code?: string; message?: string }).code;
    // Another order took the units first (the function's check, or the CHECK constraint behind
    // it); or two placements waited on each other's lots (deadlock): decide again.
    if ((code === 'P0001' && (e as Error).message === 'stock_race') || code === '23514' || code === '40P01') throw new StockRace();
    throw e;
  }
}

type Placed = { createdAt: string; expiresAt: string | null };

const placeBatch = prepared('SELECT i, r, err_code, err_message FROM dispatch.place_batch($1::jsonb, $2::text[]) ORDER BY i');

/**
 * Placements go to the database in batches (dispatch.place_batch, migration 012): one round trip,
 * one commit and a few set-based statements for the whole batch. Should any order fail, the batch
 * is placed again one order at a time, each in a subtransaction of its own (dispatch.place_orders,
 * migrations 010 and 011), so an order that fails — its error comes back with its SQLSTATE as
 * `code` — is undone alone. The decisions travel as their texts (nothing is serialised twice).
 *
 * One placement batch runs at a time per process: orders that reach this step meanwhile go in the
 * next batch when it ends, instead of a batch of their own that would wait inside PostgreSQL on
 * the running batch's lot locks and commit separately (A/B, bench:dispatch 40 s, unlimited / one:
 * 700.5 / 820.1 and 897.7 / 913.2 orders/s, p99 186.5 / 120.0 and 106.1 / 95.2 ms).
 */
let placeBatcher: Batcher<{ payload: object; decisionJson: string }, Placed> | undefined;
function placeTogether(x: { payload: object; decisionJson: string }): Promise<Placed> {
  placeBatcher ??= new Batcher<{ payload: object; decisionJson: string }, Placed>(async (xs) => {
    // As bytes, in PostgreSQL's binary formats: a string parameter would be measured, then
    // encoded, in two passes over ~100 kB.
    const { rows } = await appDb().query(placeBatch([jsonb(xs.map((p) => p.payload)), textArray(xs.map((p) => p.decisionJson))]));
    return rows.map((row: { r: Placed | null; err_code: string | null; err_message: string | null }): Placed | Error =>
      row.err_code ? Object.assign(new Error(row.err_message ?? row.err_code), { code: row.err_code }) : row.r!);
  }, { maxInFlight: 1 });
  return placeBatcher.call(x);
}

/** The stored decision: candidates and why each was or was not chosen. */
function decisionView(d: SourcingDecision) {
  return {
    status: d.status,
    summary: d.summary,
    shipments: d.shipments.map((s) => ({ facilityId: s.facilityId, tier: s.tier, skus: s.lines.map((l) => l.sku), boxClasses: s.boxClasses, eta: s.eta.toISOString(), meetsPromise: s.meetsPromise })),
    // A reason is copied only when it has an ETA to write out (most have none).
    candidates: d.candidates.map((c) => ({ facilityId: c.facilityId, tier: c.tier, outcome: c.outcome, reasons: c.reasons.map((r) => (r.eta ? { ...r, eta: r.eta.toISOString() } : r)), eta: c.eta?.toISOString() ?? null })),
    unservableSkus: d.unservableSkus,
  };
}

/**
 * The customer as a viewer may see them: whole when the privacy policy allows, else masked
 * (张*, 138******78); the door's location also for dispatchers, who plan routes to it.
 */
function customerView(pii: { name: string; phone: string; address: string }, location: LatLng, viewer: PiiViewer, access: { allowed: boolean }): OrderView['customer'] {
  return { ...(access.allowed ? pii : maskRecipient(pii)), location: access.allowed || viewer.role === 'dispatcher' ? location : null, masked: !access.allowed };
}

export interface OrderView {
  id: string; token: string; channel: string; externalRef: string | null; status: OrderStatus; deliveryMode: string;
  window: { start: string | null; end: string };
  customer: { name: string; phone: string; address: string; location: LatLng | null; masked: boolean };
  rx: { ref: string | null; status: string; reviewedBy: string | null; reviewedAt: string | null; note: string | null };
  items: Array<{ line: number; skuId: string; quantity: number }>;
  shipments: Array<{ id: string; facilityId: string; status: string; riderId: string | null; eta: string | null; dueAt: string; coldClasses: string[] }>;
  decision: unknown;
  reservationExpiresAt: string | null;
  cancelReason: string | null;
  createdAt: string;
}

/**
 * Reads an order as `viewer` may see it: personal data decrypted only for admins and the
 * assigned rider while the delivery is active; masked (张*, 138******78) for everyone else.
 */
export async function getOrder(q: Queryable, id: string, viewer: PiiViewer & { facilityId?: string | null }, now = new Date()): Promise<OrderView | null> {
  const { rows } = await q.query(`SELECT o.*, ST_Y(o.location) AS lat, ST_X(o.location) AS lng FROM dispatch.orders o WHERE id = $1`, [id]);
  const o = rows[0];
  if (!o) return null;
  const [items, ships, custody] = await Promise.all([
    q.query('SELECT line_no, sku_id, quantity FROM dispatch.order_items WHERE order_id = $1 ORDER BY line_no', [id]),
    q.query('SELECT * FROM dispatch.shipments WHERE order_id = $1 ORDER BY created_at, id', [id]),
    q.query(`SELECT k.rider_id, min(k.from_at) AS picked, max(coalesce(k.to_at, 'infinity')) AS ended
               FROM dispatch.custody k JOIN dispatch.shipments s ON s.id = k.shipment_id WHERE s.order_id = $1 GROUP BY k.rider_id`, [id]),
  ]);
  if (viewer.role === 'partner' && !ships.rows.some((s) => s.facility_id === viewer.facilityId)) return null;
  if (viewer.role === 'rider' && !ships.rows.some((s) => s.rider_id === viewer.riderId)) return null;
  const mine = custody.rows.find((k) => k.rider_id === viewer.riderId);
  const decisionAccess = decidePersonalDataAccess(viewer, {
    assignedRiderId: ships.rows.find((s) => s.rider_id === viewer.riderId)?.rider_id ?? null,
    pickedUpAt: mine?.picked ?? null,
    endedAt: mine && Number.isFinite(new Date(mine.ended).getTime()) ? new Date(mine.ended) : null,
    now, graceMs: getKey(dispatchKeys.piiRiderGraceMinutes) * 60_000,
  });
  const { enc } = piiRings();
  const pii = {
    name: decryptField(o.customer_name_enc, enc, { context: `${id}:name` }),
    phone: decryptField(o.customer_phone_enc, enc, { context: `${id}:phone` }),
    address: decryptField(o.customer_address_enc, enc, { context: `${id}:address` }),
  };
  return {
    id: o.id, token: o.token, channel: o.channel, externalRef: o.external_ref, status: o.status, deliveryMode: o.delivery_mode,
    window: { start: o.window_start?.toISOString() ?? null, end: o.window_end.toISOString() },
    customer: customerView(pii, { lat: o.lat, lng: o.lng }, viewer, decisionAccess),
    rx: { ref: o.rx_ref, status: o.rx_status, reviewedBy: o.rx_reviewed_by, reviewedAt: o.rx_reviewed_at?.toISOString() ?? null, note: o.rx_note },
    items: items.rows.map((r) => ({ line: r.line_no, skuId: r.sku_id, quantity: r.quantity })),
    shipments: ships.rows.map((s) => ({ id: s.id, facilityId: s.facility_id, status: s.status, riderId: s.rider_id, eta: s.eta?.toISOString() ?? null, dueAt: s.due_at.toISOString(), coldClasses: s.cold_classes })),
    decision: o.decision,
    reservationExpiresAt: o.reservation_expires_at?.toISOString() ?? null,
    cancelReason: o.cancel_reason,
    createdAt: o.created_at.toISOString(),
  };
}

export async function orderEvents(q: Queryable, id: string) {
  const { rows } = await q.query('SELECT at, type, status, actor_id, detail FROM dispatch.order_events WHERE order_id = $1 ORDER BY id', [id]);
  return rows.map((r) => ({ at: r.at.toISOString(), type: r.type, status: r.status, actorId: r.actor_id, detail: r.detail }));
}

async function lockOrder(c: pg.PoolClient, id: string) {
  const { rows } = await c.query('SELECT id, status, rx_status FROM dispatch.orders WHERE id = $1 FOR UPDATE', [id]);
  if (!rows[0]) throw new AppError('not_found', 'order_not_found', `No order ${id}.`);
  return rows[0] as { id: string; status: OrderStatus; rx_status: string };
}

async function releaseStock(c: pg.PoolClient, orderId: string): Promise<number> {
  const { rows } = await c.query(
    `UPDATE dispatch.reservations SET status = 'released' WHERE order_id = $1 AND status IN ('held','confirmed') RETURNING lot_id, quantity`, [orderId]);
  for (const r of rows) await c.query('UPDATE dispatch.lots SET reserved = reserved - $2 WHERE id = $1', [r.lot_id, r.quantity]);
  return rows.reduce((a, r) => a + r.quantity, 0);
}

type AuditFn = (q: Queryable, e: { action: string; entityType: string; entityId: string; oldValue?: unknown; newValue?: unknown; reason?: string | null }) => Promise<void>;

/** Cancels an order that has not left yet; its stock is released in the same transaction. */
export async function cancelOrder(id: string, reason: string, actor: Actor, audit: AuditFn): Promise<void> {
  const facilities = await withTx(appDb(), async (c) => {
    const o = await lockOrder(c, id);
    if (['delivered', 'cancelled', 'in_delivery'].includes(o.status)) {
      throw new AppError('conflict', 'order_not_cancellable', `Order ${id} is ${o.status} and can no longer be cancelled.`);
    }
    const picked = await c.query(`SELECT 1 FROM dispatch.shipments WHERE order_id = $1 AND status IN ('picked_up','delivered')`, [id]);
    if (picked.rowCount) throw new AppError('conflict', 'order_not_cancellable', `Order ${id} has left the facility; use a return instead.`);
    const units = await releaseStock(c, id);
    const { rows } = await c.query(`UPDATE dispatch.shipments SET status = 'cancelled', rider_id = NULL, updated_at = now() WHERE order_id = $1 RETURNING facility_id`, [id]);
    await c.query(`UPDATE dispatch.orders SET status = 'cancelled', cancel_reason = $2, reservation_expires_at = NULL, updated_at = now() WHERE id = $1`, [id, reason]);
    await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,'cancelled','cancelled',$2,$3)`, [id, actor.id, JSON.stringify({ reason, unitsReleased: units })]);
    await audit(c, { action: 'order.cancel', entityType: 'order', entityId: id, oldValue: { status: o.status }, newValue: { status: 'cancelled', unitsReleased: units }, reason });
    return [...new Set(rows.map((r) => r.facility_id as string))];
  });
  for (const f of facilities) void requestPlanSoon(f, `order ${id} cancelled`);
}

/** Payment confirmed (or a held order released for delivery): reservation confirmed, shipments ready. */
async function confirmInTx(c: pg.PoolClient, id: string): Promise<string[]> {
  await c.query(`UPDATE dispatch.reservations SET status = 'confirmed' WHERE order_id = $1 AND status = 'held'`, [id]);
  const { rows } = await c.query(`UPDATE dispatch.shipments SET status = 'ready', updated_at = now() WHERE order_id = $1 AND status = 'held' RETURNING facility_id`, [id]);
  await c.query(`UPDATE dispatch.orders SET status = 'confirmed', reservation_expires_at = NULL, updated_at = now() WHERE id = $1`, [id]);
  return [...new Set(rows.map((r) => r.facility_id as string))];
}

export async function confirmOrder(id: string, actor: Actor, audit: AuditFn): Promise<void> {
  const facilities = await withTx(appDb(), async (c) => {
    const o = await lockOrder(c, id);
    if (o.status !== 'awaiting_confirmation') throw new AppError('conflict', 'order_not_awaiting_confirmation', `Order ${id} is ${o.status}.`);
    const f = await confirmInTx(c, id);
    await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id) VALUES ($1,'confirmed','confirmed',$2)`, [id, actor.id]);
    await audit(c, { action: 'order.confirm', entityType: 'order', entityId: id, oldValue: { status: o.status }, newValue: { status: 'confirmed' } });
    return f;
  });
  for (const f of facilities) void requestPlanSoon(f, `order ${id} confirmed`);
}

/** A pharmacist's verdict on the prescription: verified releases the order, rejected cancels it. */
export async function reviewRx(id: string, verdict: 'verified' | 'rejected', note: string, actor: Actor, audit: AuditFn): Promise<void> {
  const facilities = await withTx(appDb(), async (c) => {
    const o = await lockOrder(c, id);
    if (o.rx_status !== 'pending' || o.status !== 'awaiting_rx') throw new AppError('conflict', 'rx_not_pending', `Order ${id} has no prescription awaiting review (rx ${o.rx_status}, order ${o.status}).`);
    await c.query(`UPDATE dispatch.orders SET rx_status = $2, rx_reviewed_by = $3, rx_reviewed_at = now(), rx_note = $4 WHERE id = $1`, [id, verdict, actor.id, note]);
    let f: string[] = [];
    if (verdict === 'verified') f = await confirmInTx(c, id);
    else {
      const units = await releaseStock(c, id);
      await c.query(`UPDATE dispatch.shipments SET status = 'cancelled', updated_at = now() WHERE order_id = $1`, [id]);
      await c.query(`UPDATE dispatch.orders SET status = 'cancelled', cancel_reason = $2, reservation_expires_at = NULL, updated_at = now() WHERE id = $1`, [id, `prescription rejected: ${note}`]);
      await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,'cancelled','cancelled',$2,$3)`, [id, actor.id, JSON.stringify({ reason: 'rx_rejected', unitsReleased: units })]);
    }
    await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,$2,$3,$4,$5)`,
      [id, `rx_${verdict}`, verdict === 'verified' ? 'confirmed' : 'cancelled', actor.id, JSON.stringify({ note })]);
    await audit(c, { action: `order.rx_${verdict}`, entityType: 'order', entityId: id, oldValue: { rxStatus: 'pending', status: o.status }, newValue: { rxStatus: verdict }, reason: note });
    return f;
  });
  for (const f of facilities) void requestPlanSoon(f, `order ${id} rx verified`);
}

/** Releases reservations that were never confirmed in time (worker job, every minute). */
export async function expireReservations(now = new Date()): Promise<number> {
  const { rows } = await appDb().query(
    `SELECT id FROM dispatch.orders WHERE status IN ('awaiting_rx','awaiting_confirmation') AND reservation_expires_at <= $1 LIMIT 500`, [now]);
  let n = 0;
  for (const r of rows) {
    await withTx(appDb(), async (c) => {
      const o = await lockOrder(c, r.id);
      if (!['awaiting_rx', 'awaiting_confirmation'].includes(o.status)) return;
      const units = await releaseStock(c, r.id);
      await c.query(`UPDATE dispatch.shipments SET status = 'cancelled', updated_at = now() WHERE order_id = $1`, [r.id]);
      await c.query(`UPDATE dispatch.orders SET status = 'cancelled', cancel_reason = 'reservation_expired', reservation_expires_at = NULL, updated_at = now() WHERE id = $1`, [r.id]);
      await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,'reservation_expired','cancelled','system:worker',$2)`, [r.id, JSON.stringify({ unitsReleased: units })]);
      await c.query(`INSERT INTO platform.audit_log (actor_id, action, entity_type, entity_id, old_value, new_value, reason) VALUES ('system:worker','order.expire','order',$1,$2,$3,'reservation not confirmed in time')`,
        [r.id, JSON.stringify({ status: o.status }), JSON.stringify({ status: 'cancelled', unitsReleased: units })]);
      n++;
    });
  }
  return n;
}

export interface OrderFilter { facilityId?: string; status?: string; tier?: string; from?: Date; to?: Date; limit: number; before?: string }

/** Console list: newest first, keyset-paginated on (created_at, id); always masked. */
export async function listOrders(q: Queryable, f: OrderFilter) {
  const w = new Where()
    .add('o.status = ?', f.status).add('o.created_at >= ?', f.from).add('o.created_at < ?', f.to)
    .add('EXISTS (SELECT 1 FROM dispatch.shipments s WHERE s.order_id = o.id AND s.facility_id = ?)', f.facilityId)
    .add('EXISTS (SELECT 1 FROM dispatch.shipments s JOIN dispatch.facilities fa ON fa.id = s.facility_id WHERE s.order_id = o.id AND fa.tier = ?)', f.tier)
    .add('o.id < ?', f.before);
  const { rows } = await q.query(
    `SELECT o.id, o.status, o.channel, o.delivery_mode, o.window_end, o.created_at, o.rx_status,
            (SELECT json_agg(json_build_object('id', s.id, 'facilityId', s.facility_id, 'status', s.status, 'riderId', s.rider_id)) FROM dispatch.shipments s WHERE s.order_id = o.id) AS shipments
       FROM dispatch.orders o ${w.sql()} ORDER BY o.id DESC LIMIT ${w.param(f.limit)}`, w.args);
  return rows.map((r) => ({ id: r.id, status: r.status, channel: r.channel, deliveryMode: r.delivery_mode, dueAt: r.window_end.toISOString(), createdAt: r.created_at.toISOString(), rxStatus: r.rx_status, shipments: r.shipments ?? [] }));
}
