/**
 * Custody: which box (and rider) carries a shipment from pickup to handover. The binding
 * history is kept (`box_…` carried `shp_…` from t1 to t2) and is what the telemetry context
 * uses to cut each shipment's temperature log out of the box's readings.
 */
import type { AuditFn } from './orders/types';
import type pg from 'pg';
import type { Queryable } from '../platform/db/pool';
import { fleetChanged } from './fleet-snapshot';
import { AppError } from '../platform/errors';
import { getBox } from './network';
import { ambientOutlook, holdoverBudget, type HoldoverBudget } from './holdover-budget';
import { assertPairable } from './devices';
import { localDateOf } from './domain/zoned-time';
import { requestPlan } from './planning-trigger';
import { boxPickedUp } from './box-lifecycle/store';

export interface BindResult {
  shipmentId: string; boxId: string; riderId: string | null; from: string; facilityId: string; orderId: string;
  compartments: Array<{ temperatureClass: string; units: number }>;
  /**
   * The box's validated holdover at the forecast ambient of the pickup hour at the facility
   * (its model's table; the season table when the model has none), minutes: the hard limit
   * out of the fridge. Kept on the custody leg.
   */
  holdoverMinutes: number;
  /** How it was read: the ambient, whether that is hotter than the model was qualified for, the 25 °C figure. */
  holdover: HoldoverBudget | null;
  warnings: string[];
}

/**
 * The custody writes run inside the caller's transaction (the tracking context's lifecycle
 * event and its custody effect commit together); the caller then calls {@link custodyChanged}.
 */
export interface BindShipment { shipmentId: string; boxId: string; riderId: string | null; audit: AuditFn; now?: Date }

/**
 * Binds a shipment to a box at pickup. Refused, with the reason, when the box may not be used
 * (its model is not GSP-accurate, it has no calibration certificate or that is overdue, or, with
 * DISPATCH_REQUIRE_SEAL, it is not sealed), when it lacks a compartment of a class the shipment needs or that compartment has
 * no room left, or when the shipment is not ready to leave.
 */
export async function bindShipment(c: pg.PoolClient, { shipmentId, boxId, riderId, audit, now = new Date() }: BindShipment): Promise<BindResult> {
  const s = (await c.query('SELECT * FROM dispatch.shipments WHERE id = $1 FOR UPDATE', [shipmentId])).rows[0];
  if (!s) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
  if (!['ready', 'assigned'].includes(s.status)) throw new AppError('conflict', 'shipment_not_ready', `Shipment ${shipmentId} is ${s.status}; only a ready or assigned shipment can be picked up.`);
  // Lock the box row so two pickups into the same compartment serialise.
  const locked = await c.query('SELECT id FROM dispatch.boxes WHERE id = $1 FOR UPDATE', [boxId]);
  if (!locked.rowCount) throw new AppError('not_found', 'box_not_found', `No box ${boxId}.`);
  const box = (await getBox(c, boxId))!;
  if (box.facilityId !== s.facility_id) throw new AppError('conflict', 'box_elsewhere', `Box ${boxId} belongs to ${box.facilityId}, the shipment leaves from ${s.facility_id}.`);
  if (['maintenance', 'retired'].includes(box.status)) throw new AppError('conflict', 'box_unavailable', `Box ${boxId} is ${box.status}.`);
  const warnings = await assertPairable(c, boxId, localDateOf(now));
  const rider = riderId ?? s.rider_id ?? box.riderId;
  await boxPickedUp(c, boxId, shipmentId, rider, now);

  const units = s.units as Record<string, number>;
  const usedBy = await compartmentUse(c, boxId);
  const compartments: BindResult['compartments'] = [];
  for (const [cls, need] of Object.entries(units)) {
    if (need <= 0) continue;
    const comp = box.compartments.find((x) => x.temperatureClass === cls);
    if (!comp) throw new AppError('conflict', 'no_compartment', `Box ${boxId} has no ${cls} compartment; the shipment needs ${need} ${cls} units. Take a box with one.`, { temperatureClass: cls });
    const free = comp.capacityUnits - (usedBy.get(cls) ?? 0);
    if (free < need) throw new AppError('conflict', 'no_free_compartment', `Box ${boxId}'s ${cls} compartment has ${free} of ${comp.capacityUnits} units free; the shipment needs ${need}.`, { temperatureClass: cls, free, need });
    compartments.push({ temperatureClass: cls, units: need });
  }
  const where = (await c.query(
    `SELECT ST_Y(f.location) AS lat, ST_X(f.location) AS lng, f.time_zone, m.holdover
       FROM dispatch.facilities f, dispatch.device_models m WHERE f.id = $1 AND m.id = $2`, [s.facility_id, box.modelId])).rows[0];
  const outlook = where ? await ambientOutlook({ lat: where.lat, lng: where.lng }, now, now) : null;
  const holdover = holdoverBudget(where?.holdover, box.holdoverMinutes, outlook?.ambientC ?? null, now, where?.time_zone);
  for (const comp of compartments) {
    await c.query(`INSERT INTO dispatch.custody (box_id, shipment_id, rider_id, temperature_class, units, from_at, holdover_minutes, ambient_c, beyond_qualification) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [boxId, shipmentId, rider, comp.temperatureClass, comp.units, now, holdover?.minutes ?? null, holdover?.ambientC ?? null, holdover?.beyondQualification ?? false]);
  }
  await c.query(`UPDATE dispatch.boxes SET status = 'in_use' WHERE id = $1`, [boxId]);
  await c.query(`UPDATE dispatch.shipments SET status = 'picked_up', rider_id = coalesce($2, rider_id), updated_at = now() WHERE id = $1`, [shipmentId, rider]);
  await c.query(`UPDATE dispatch.orders SET status = 'in_delivery', updated_at = now() WHERE id = $1 AND status = 'confirmed'`, [s.order_id]);
  await consumeReservations(c, shipmentId);
  await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,'picked_up','in_delivery',$2,$3)`,
    [s.order_id, rider, JSON.stringify({ shipmentId, boxId })]);
  const holdoverMinutes = holdover?.minutes ?? 0;
  if (holdover?.beyondQualification) warnings.push(`beyond_qualification: ${holdover.ambientC} °C forecast is hotter than box ${boxId}'s model was qualified for; its hottest qualified holdover (${holdover.minutes} min) applies`);
  await audit(c, { action: 'custody.start', entityType: 'shipment', entityId: shipmentId, newValue: { boxId, riderId: rider, compartments, holdoverMinutes, ambientC: holdover?.ambientC ?? null, beyondQualification: holdover?.beyondQualification ?? false } });
  return { shipmentId, boxId, riderId: rider, from: now.toISOString(), facilityId: s.facility_id, orderId: s.order_id, compartments, holdoverMinutes, holdover, warnings };
}

async function compartmentUse(c: Queryable, boxId: string): Promise<Map<string, number>> {
  const used = await c.query(`SELECT temperature_class, sum(units)::int AS u FROM dispatch.custody WHERE box_id = $1 AND to_at IS NULL GROUP BY 1`, [boxId]);
  return new Map<string, number>(used.rows.map((r) => [r.temperature_class, r.u]));
}

/** After a custody change commits: sourcing's fleet picture is stale and the facility re-plans. */
export async function custodyChanged(facilityId: string, why: string): Promise<void> {
  fleetChanged();
  await requestPlan(facilityId, why);
}

/** Picked goods leave stock: reserved units become shipped units. */
async function consumeReservations(c: pg.PoolClient, shipmentId: string): Promise<void> {
  const { rows } = await c.query(`UPDATE dispatch.reservations SET status = 'consumed' WHERE shipment_id = $1 AND status = 'confirmed' RETURNING lot_id, quantity`, [shipmentId]);
  for (const r of rows) await c.query('UPDATE dispatch.lots SET on_hand = on_hand - $2, reserved = reserved - $2 WHERE id = $1', [r.lot_id, r.quantity]);
}

/** The rider a shipment is assigned to: null when none, undefined when there is no such shipment. */
export async function shipmentRider(q: Queryable, shipmentId: string): Promise<string | null | undefined> {
  const { rows } = await q.query('SELECT rider_id FROM dispatch.shipments WHERE id = $1', [shipmentId]);
  return rows[0]?.rider_id;
}

/** A shipment's unresolved temperature excursions (the telemetry context answers). */
export type OpenExcursions = (shipmentId: string) => Promise<Array<{ alarmId: string; type: string; boxId: string }>>;

export interface EndCustody { shipmentId: string; outcome: 'delivered' | 'returned'; actorId: string | null; audit: AuditFn; now?: Date }

/**
 * Ends custody at handover (`delivered`) or on return to the facility (`returned`). Whether
 * the goods may be handed over (delivery code, excursions) is the lifecycle's decision.
 */
export async function endCustody(c: pg.PoolClient, { shipmentId, outcome, actorId, audit, now = new Date() }: EndCustody): Promise<{ facilityId: string }> {
  const s = (await c.query('SELECT * FROM dispatch.shipments WHERE id = $1 FOR UPDATE', [shipmentId])).rows[0];
  if (!s) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
  if (!['picked_up', 'returning'].includes(s.status)) throw new AppError('conflict', 'not_in_custody', `Shipment ${shipmentId} is ${s.status}, not in a box.`);
  const { rows } = await c.query(`UPDATE dispatch.custody SET to_at = $2 WHERE shipment_id = $1 AND to_at IS NULL RETURNING box_id`, [shipmentId, now]);
  for (const boxId of new Set(rows.map((r) => r.box_id))) {
    await c.query(`UPDATE dispatch.boxes SET status = 'available' WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM dispatch.custody WHERE box_id = $1 AND to_at IS NULL)`, [boxId]);
  }
  await finishShipment(c, s, outcome, actorId);
  await audit(c, { action: `custody.end`, entityType: 'shipment', entityId: shipmentId, oldValue: { status: s.status }, newValue: { status: outcome, boxes: rows.map((r) => r.box_id) } });
  return { facilityId: s.facility_id };
}

/**
 * The shipment ends; the order is delivered when its last open shipment is, or when the last to
 * end is a shipment coming back whose replacement (orders/replace.ts) was delivered before it.
 */
async function finishShipment(c: pg.PoolClient, s: Record<string, any>, outcome: 'delivered' | 'returned', actorId: string | null): Promise<void> {
  await c.query(`UPDATE dispatch.shipments SET status = $2, updated_at = now() WHERE id = $1`, [s.id, outcome]);
  const open = await c.query(`SELECT 1 FROM dispatch.shipments WHERE order_id = $1 AND status NOT IN ('delivered','cancelled','returned')`, [s.order_id]);
  const delivered = !open.rowCount && (outcome === 'delivered'
    || !!(await c.query(`SELECT 1 FROM dispatch.shipments WHERE replaces_shipment_id = $1 AND status = 'delivered'`, [s.id])).rowCount);
  if (delivered) await c.query(`UPDATE dispatch.orders SET status = 'delivered', updated_at = now() WHERE id = $1`, [s.order_id]);
  await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,$2,$3,$4,$5)`,
    [s.order_id, outcome, open.rowCount ? 'in_delivery' : delivered ? 'delivered' : outcome, actorId, JSON.stringify({ shipmentId: s.id })]);
}

/** A store-pickup shipment is collected over the counter: no box, no rider; its stock leaves. */
export async function collectAtStore(c: pg.PoolClient, { shipmentId, actorId, audit }: { shipmentId: string; actorId: string | null; audit: AuditFn }): Promise<{ facilityId: string }> {
  const s = (await c.query('SELECT * FROM dispatch.shipments WHERE id = $1 FOR UPDATE', [shipmentId])).rows[0];
  if (!s) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
  if (s.status !== 'ready') throw new AppError('conflict', 'shipment_not_ready', `Shipment ${shipmentId} is ${s.status}; only a ready (paid) order can be collected.`);
  await consumeReservations(c, shipmentId);
  await finishShipment(c, s, 'delivered', actorId);
  await audit(c, { action: 'shipment.collected', entityType: 'shipment', entityId: shipmentId, oldValue: { status: 'ready' }, newValue: { status: 'delivered' } });
  return { facilityId: s.facility_id };
}

/** A failed delivery on its way back: no longer planned as a delivery, still in custody. */
export async function markReturning(c: pg.PoolClient, shipmentId: string): Promise<{ facilityId: string }> {
  const { rows } = await c.query(`UPDATE dispatch.shipments SET status = 'returning', updated_at = now() WHERE id = $1 AND status IN ('picked_up','returning') RETURNING facility_id`, [shipmentId]);
  if (!rows[0]) throw new AppError('conflict', 'not_in_custody', `Shipment ${shipmentId} is not with a rider.`);
  return { facilityId: rows[0].facility_id };
}

export interface HandOver { shipmentId: string; toRiderId: string | null; toFacilityId: string | null; boxId?: string; audit: AuditFn; now?: Date }

/**
 * A handover mid-way (rider to rider, or to a store in a relay) closes the open custody leg and
 * opens the next with the same compartments, in the same box unless another is named.
 */
export async function handOverCustody(c: pg.PoolClient, { shipmentId, toRiderId, toFacilityId, boxId, audit, now = new Date() }: HandOver): Promise<{ facilityId: string; boxId: string; fromRiderId: string | null }> {
  const s = (await c.query('SELECT * FROM dispatch.shipments WHERE id = $1 FOR UPDATE', [shipmentId])).rows[0];
  if (!s) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
  const open = (await c.query(`SELECT * FROM dispatch.custody WHERE shipment_id = $1 AND to_at IS NULL ORDER BY id`, [shipmentId])).rows;
  if (!open.length) throw new AppError('conflict', 'not_in_custody', `Shipment ${shipmentId} is not in a box.`);
  const target = boxId ?? open[0].box_id;
  if (target !== open[0].box_id) {
    const box = await getBox(c, target);
    if (!box) throw new AppError('not_found', 'box_not_found', `No box ${target}.`);
    const usedBy = await compartmentUse(c, target);
    for (const k of open) {
      const comp = box.compartments.find((x) => x.temperatureClass === k.temperature_class);
      const free = comp ? comp.capacityUnits - (usedBy.get(k.temperature_class) ?? 0) : 0;
      if (free < k.units) throw new AppError('conflict', 'no_free_compartment', `Box ${target} has ${free} free ${k.temperature_class} units; the shipment needs ${k.units}.`);
    }
    await c.query(`UPDATE dispatch.boxes SET status = 'in_use' WHERE id = $1`, [target]);
  }
  await c.query(`UPDATE dispatch.custody SET to_at = $2 WHERE shipment_id = $1 AND to_at IS NULL`, [shipmentId, now]);
  for (const k of open) {
    // The next leg keeps the budget given at pickup: a hand-over does not refresh a box's cold.
    await c.query(`INSERT INTO dispatch.custody (box_id, shipment_id, rider_id, holder_facility_id, temperature_class, units, from_at, holdover_minutes, ambient_c, beyond_qualification) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [target, shipmentId, toRiderId, toFacilityId, k.temperature_class, k.units, now, k.holdover_minutes, k.ambient_c, k.beyond_qualification]);
  }
  if (target !== open[0].box_id) {
    await c.query(`UPDATE dispatch.boxes SET status = 'available' WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM dispatch.custody WHERE box_id = $1 AND to_at IS NULL)`, [open[0].box_id]);
  }
  await c.query(`UPDATE dispatch.shipments SET rider_id = $2, updated_at = now() WHERE id = $1`, [shipmentId, toRiderId]);
  await audit(c, { action: 'custody.handover', entityType: 'shipment', entityId: shipmentId, oldValue: { riderId: open[0].rider_id, facilityId: open[0].holder_facility_id, boxId: open[0].box_id }, newValue: { riderId: toRiderId, facilityId: toFacilityId, boxId: target } });
  return { facilityId: s.facility_id, boxId: target, fromRiderId: open[0].rider_id };
}

export interface CustodySpan { boxId: string; shipmentId: string; riderId: string | null; holderFacilityId: string | null; temperatureClass: string; units: number; from: string; to: string | null }

const spanFrom = (r: Record<string, any>): CustodySpan => ({ boxId: r.box_id, shipmentId: r.shipment_id, riderId: r.rider_id, holderFacilityId: r.holder_facility_id ?? null, temperatureClass: r.temperature_class, units: r.units, from: r.from_at.toISOString(), to: r.to_at?.toISOString() ?? null });

export async function custodyHistory(q: Queryable, by: { boxId?: string; shipmentId?: string }): Promise<CustodySpan[]> {
  const { rows } = await q.query(
    `SELECT * FROM dispatch.custody WHERE ${by.boxId ? 'box_id' : 'shipment_id'} = $1 ORDER BY from_at, id LIMIT 1000`, [by.boxId ?? by.shipmentId]);
  return rows.map(spanFrom);
}

/** What telemetry needs to attach a reading to shipments (its port `custodyAt`). */
export interface BoxCustody {
  shipmentId: string; orderToken: string; facilityId: string; riderId: string | null;
  temperatureClass: 'ambient' | 'chilled' | 'frozen'; skuIds: string[]; stabilityBudgetMin: number | null;
  from: Date; to: Date | null; etaAt: Date | null;
  /**
   * The order's delivery point (WGS-84), for the composition root to compare rider fixes with
   * (expected door openings at handover); personal data: never logged, published or passed on.
   */
  deliveryPoint: { lat: number; lng: number };
}

/** Shipments in `boxId` at instant `at` (late readings are attributed by event time). */
export async function custodyAt(q: Queryable, boxId: string, at: Date): Promise<BoxCustody[]> {
  const { rows } = await q.query(
    `SELECT k.shipment_id, k.rider_id, k.temperature_class, k.from_at, k.to_at, s.facility_id, s.eta, o.token,
            ST_Y(o.location) AS lat, ST_X(o.location) AS lng,
            array_agg(DISTINCT r.sku_id) FILTER (WHERE r.sku_id IS NOT NULL) AS skus,
            min(sk.stability_budget_min) AS budget
       FROM dispatch.custody k
       JOIN dispatch.shipments s ON s.id = k.shipment_id
       JOIN dispatch.orders o ON o.id = s.order_id
       LEFT JOIN dispatch.reservations r ON r.shipment_id = k.shipment_id
       LEFT JOIN dispatch.skus sk ON sk.id = r.sku_id AND sk.temperature_class = k.temperature_class
      WHERE k.box_id = $1 AND k.from_at <= $2 AND (k.to_at IS NULL OR k.to_at > $2)
      GROUP BY k.id, s.id, o.id`, [boxId, at]);
  return rows.map((r) => ({
    shipmentId: r.shipment_id, orderToken: r.token, facilityId: r.facility_id, riderId: r.rider_id, holderFacilityId: r.holder_facility_id ?? null, temperatureClass: r.temperature_class,
    skuIds: r.skus ?? [], stabilityBudgetMin: r.budget, from: r.from_at, to: r.to_at, etaAt: r.eta,
    deliveryPoint: { lat: r.lat, lng: r.lng },
  }));
}
