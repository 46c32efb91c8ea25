/**
 * A replacement shipment: a cold shipment that could not be handed over (its delivery failed as
 * a cold-chain breach, or QA quarantined it) leaves the customer without the medicine, so the same
 * items are sent again from the nearest facility with stock. Sourcing is a new order's
 * (sourcing-step.ts findCandidates → domain/sourcing), as one shipment (a split would send the customer
 * several riders for one missing parcel); the reservation, the link to the shipment replaced,
 * the order's event and the audit row commit in one statement (sql/place_replacement.sql); then
 * the facility is planned (requestPlanSoon).
 */
import { appDb } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { getKey } from '../../platform/config/registry';
import { publishFeed } from '../../platform/feed';
import { logger } from '../../platform/logger';
import { dispatchKeys } from '../config';
import { decideSourcing } from '../domain/sourcing';
import { localDateOf } from '../domain/zoned-time';
import { getSkusCached } from '../network';
import { requestPlanSoon } from '../planning-trigger';
import { planReasonText } from '../plan-reason';
import { decisionView } from './create';
import { findCandidates } from './sourcing-step';
import { stockRaceOr, StockRace } from './placement';
import type { Actor } from './types';

/**
 * Why a shipment may be replaced, as its owners (tracking's lifecycle, telemetry's QA) see it;
 * app/ answers it. `failed`: the delivery failed (any reason); `quarantined`: a QA case is open
 * or rejected the goods.
 */
export type ReplacementGrounds = (shipmentId: string) => Promise<{ failed: boolean; failCode: string | null; quarantined: boolean }>;

export interface Replacement {
  /** The replacement shipment. */
  id: string;
  orderId: string;
  replaces: string;
  facilityId: string;
  eta: string;
  dueAt: string;
  /** True when this request placed it; false when it was there already. */
  created: boolean;
}

export interface ReplaceOptions {
  grounds: ReplacementGrounds;
  /** Why (the order event and audit say it): `cold_chain_breach`, `quarantine`, or a person's request. */
  cause: string;
  now?: Date;
  /**
   * A request that finds a replacement there already: `conflict` refuses (409
   * `already_replaced`, what a person asking twice should hear), `return` answers it (the
   * automatic path, which may run twice for one breach).
   */
  onExisting?: 'conflict' | 'return';
}

/**
 * Places the replacement of shipment `shipmentId`. Throws 404 `shipment_not_found`, 409
 * `not_replaceable` (neither failed nor quarantined, or delivered), `already_replaced`,
 * `no_stock_for_replacement` (after telling the dispatchers on the feed), `stock_changed`.
 */
export async function replaceShipment(shipmentId: string, actor: Actor, opts: ReplaceOptions): Promise<Replacement> {
  const now = opts.now ?? new Date();
  const db = appDb();
  const head = (await db.query(
    `SELECT s.id, s.order_id, s.facility_id, s.status, o.delivery_mode, o.window_end, o.status AS order_status, ST_Y(o.location) AS lat, ST_X(o.location) AS lng,
            (SELECT r.id FROM dispatch.shipments r WHERE r.replaces_shipment_id = s.id) AS replaced_by
       FROM dispatch.shipments s JOIN dispatch.orders o ON o.id = s.order_id WHERE s.id = $1`, [shipmentId])).rows[0];
  if (!head) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
  if (head.replaced_by) {
    if (opts.onExisting === 'return') return existing(db, head.replaced_by);
    throw new AppError('conflict', 'already_replaced', `Shipment ${shipmentId} has been replaced already, by ${head.replaced_by}.`, { replacedBy: head.replaced_by });
  }
  const g = await opts.grounds(shipmentId);
  if (head.status === 'delivered' || head.order_status === 'cancelled' || (!g.failed && !g.quarantined)) {
    throw new AppError('conflict', 'not_replaceable',
      `Shipment ${shipmentId} is ${head.status}${head.order_status === 'cancelled' ? ' (its order was cancelled)' : ''}: only a shipment whose delivery failed or that QA quarantined is replaced.`,
      { status: head.status, failed: g.failed, quarantined: g.quarantined });
  }

  // The items the shipment carried: its reservations.
  const items = (await db.query(
    `SELECT sku_id, sum(quantity)::int AS qty FROM dispatch.reservations WHERE shipment_id = $1 AND status <> 'released' GROUP BY sku_id ORDER BY sku_id`, [shipmentId])).rows as Array<{ sku_id: string; qty: number }>;
  if (!items.length) throw new AppError('conflict', 'not_replaceable', `Shipment ${shipmentId} carries nothing to replace.`);
  const skus = await getSkusCached(db, items.map((i) => i.sku_id));
  const lines = items.map((i) => ({ sku: skus.get(i.sku_id)!, quantity: i.qty }));
  const point = { lat: head.lat as number, lng: head.lng as number };
  const pickup = head.delivery_mode === 'pickup';
  // The customer waits already: the promise is a new instant one, or the order's own if later.
  const latest = new Date(Math.max(head.window_end.getTime(), now.getTime() + getKey(dispatchKeys.defaultPromiseMinutes) * 60_000));
  const mode = pickup ? 'pickup' as const : 'instant' as const;

  for (let attempt = 0; ; attempt++) {
    const candidates = await findCandidates({ lines, point, mode, pickupFacilityId: pickup ? head.facility_id : null, today: localDateOf(now) });
    const decision = decideSourcing(
      { items: lines.map((l) => ({ sku: l.sku.id, quantity: l.quantity, temperatureClass: l.sku.temperatureClass })), deliveryMode: mode, promise: { latest } },
      candidates, { now, allowSplit: false });
    if (decision.status === 'unservable' || !decision.shipments.length) {
      await publishFeed({ type: 'shipment.replacement_failed', facilityId: head.facility_id, shipmentId, orderId: head.order_id, reason: 'no_stock_for_replacement', at: now.toISOString() })
        .catch((err: unknown) => logger.warn({ err, shipmentId }, 'replacement notice not published'));
      throw new AppError('conflict', 'no_stock_for_replacement',
        `No facility has the stock to replace shipment ${shipmentId}: ${decision.summary.en} Call the customer; the dispatchers have been told.`, { decision: decisionView(decision) });
    }
    const s = decision.shipments[0];
    const units: Record<string, number> = {};
    for (const l of s.lines) units[l.temperatureClass] = (units[l.temperatureClass] ?? 0) + l.quantity * skus.get(l.sku)!.volumeUnits;
    const id = newId('shp');
    const event = { replaces: shipmentId, replacement: id, facilityId: s.facilityId, cause: opts.cause, summary: decision.summary };
    try {
      const { rows } = await db.query(`SELECT dispatch.place_replacement($1::jsonb) AS r`, [JSON.stringify({
        orderId: head.order_id, replaces: shipmentId, actorId: actor.id, actorRole: actor.role, event,
        shipment: { id, facilityId: s.facilityId, coldClasses: s.boxClasses, units, eta: s.eta.toISOString(), dueAt: latest.toISOString(), picks: s.lines.flatMap((l) => l.picks.map((p) => ({ lot: p.lotId, sku: l.sku, qty: p.quantity }))) },
      })]);
      const r = rows[0].r as { id: string; existing: boolean };
      if (r.existing) {
        if (opts.onExisting === 'return') return existing(db, r.id);
        throw new AppError('conflict', 'already_replaced', `Shipment ${shipmentId} has been replaced already, by ${r.id}.`, { replacedBy: r.id });
      }
      void requestPlanSoon(s.facilityId, planReasonText({ kind: 'shipment_replaced', params: { replacementId: id, shipmentId } }));
      await publishFeed({ type: 'shipment.replaced', facilityId: s.facilityId, shipmentId, replacementId: id, orderId: head.order_id, at: now.toISOString() })
        .catch((err: unknown) => logger.warn({ err, shipmentId }, 'replacement not published on the feed'));
      return { id, orderId: head.order_id, replaces: shipmentId, facilityId: s.facilityId, eta: s.eta.toISOString(), dueAt: latest.toISOString(), created: true };
    } catch (e) {
      const x = stockRaceOr(e);
      if (x instanceof StockRace && attempt < 3) continue;
      if (x instanceof StockRace) throw new AppError('conflict', 'stock_changed', 'Stock changed while the replacement was placed; retry.');
      throw e;
    }
  }
}

async function existing(db: ReturnType<typeof appDb>, id: string): Promise<Replacement> {
  const r = (await db.query(`SELECT id, order_id, replaces_shipment_id, facility_id, eta, due_at FROM dispatch.shipments WHERE id = $1`, [id])).rows[0];
  return { id: r.id, orderId: r.order_id, replaces: r.replaces_shipment_id, facilityId: r.facility_id, eta: r.eta?.toISOString() ?? r.due_at.toISOString(), dueAt: r.due_at.toISOString(), created: false };
}
