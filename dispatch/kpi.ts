/** What the KPI figures need from dispatch: the day's orders and shipments, and facility names. */
import type { Queryable } from '../platform/db/pool';
import { seasonOf } from './network';

export interface ShipmentFact {
  id: string; orderId: string; facilityId: string; mode: 'instant' | 'scheduled' | 'pickup'; cold: boolean;
  orderCreatedAt: Date; dueAt: Date; status: string; cancelReason: string | null;
}

/** Shipments of the orders placed in [from, to), optionally of one facility. */
export async function shipmentFacts(q: Queryable, by: { from: Date; to: Date; facilityId?: string }): Promise<ShipmentFact[]> {
  const { rows } = await q.query(
    `SELECT s.id, s.order_id, s.facility_id, o.delivery_mode, s.cold_classes && ARRAY['chilled','frozen'] AS cold, o.created_at, s.due_at, s.status, o.cancel_reason
       FROM dispatch.orders o JOIN dispatch.shipments s ON s.order_id = o.id
      WHERE o.created_at >= $1 AND o.created_at < $2 AND ($3::text IS NULL OR s.facility_id = $3)`,
    [by.from, by.to, by.facilityId ?? null]);
  return rows.map((r) => ({
    id: r.id, orderId: r.order_id, facilityId: r.facility_id, mode: r.delivery_mode, cold: r.cold, orderCreatedAt: r.created_at, dueAt: r.due_at,
    status: r.status, cancelReason: r.cancel_reason,
  }));
}

/** Orders placed in [from, to) that no facility could serve (they have no shipment). */
export async function unservableOrders(q: Queryable, by: { from: Date; to: Date }): Promise<number> {
  const { rows } = await q.query(`SELECT count(*)::int AS n FROM dispatch.orders WHERE status = 'unservable' AND created_at >= $1 AND created_at < $2`, [by.from, by.to]);
  return rows[0].n;
}

/** Name and zone of facilities (all when `ids` is absent). */
export async function facilityDirectory(q: Queryable, ids?: string[]): Promise<Map<string, { name: string; timeZone: string }>> {
  const { rows } = await q.query(`SELECT id, name, time_zone FROM dispatch.facilities WHERE $1::text[] IS NULL OR id = ANY($1) ORDER BY id`, [ids ?? null]);
  return new Map(rows.map((r) => [r.id as string, { name: r.name as string, timeZone: r.time_zone as string }]));
}

/** Of these shipments, the ones the facility fulfilled (in the order given); null when there is no such facility. */
export async function shipmentsOfFacility(q: Queryable, facilityId: string, shipmentIds: string[]): Promise<string[] | null> {
  const { rows } = await q.query(
    `SELECT f.id, coalesce((SELECT array_agg(s.id) FROM dispatch.shipments s WHERE s.facility_id = f.id AND s.id = ANY($2::text[])), '{}') AS ids
       FROM dispatch.facilities f WHERE f.id = $1`, [facilityId, shipmentIds]);
  if (!rows[0]) return null;
  const mine = new Set<string>(rows[0].ids);
  return shipmentIds.filter((id) => mine.has(id));
}

/** What the lane report (app/lanes) groups a shipment by, and its holdover at the last cold leg. */
export interface ShipmentLane {
  id: string;
  /** the rider of the last custody leg (who carried it to the door), else the one assigned */
  riderId: string | null;
  riderName: string | null;
  /**
   * The box group of the last leg in a box. Today the box kind; a box-model dimension is this one
   * column (b.model_id once the device-model registry lands) — the report takes the value as given.
   */
  box: string | null;
  /** when the first custody leg began (the shipment left the facility) */
  leftAt: Date | null;
  /** the last cold leg's start plus the holdover budget it was given at pickup (as the map's holdoverEndsAt) */
  holdoverEndsAt: Date | null;
  /** the delivery point, WGS-84; used only to name an area cell, never sent out as is */
  point: { lat: number; lng: number };
}

export async function shipmentLanes(q: Queryable, shipmentIds: string[]): Promise<Map<string, ShipmentLane>> {
  if (!shipmentIds.length) return new Map();
  const { rows } = await q.query(
    `SELECT s.id, coalesce(k.rider_id, s.rider_id) AS rider_id, r.name AS rider_name, b.kind AS box, c.from_at AS cold_from, c.holdover_minutes AS leg_minutes, b.holdover_minutes,
            (SELECT min(x.from_at) FROM dispatch.custody x WHERE x.shipment_id = s.id) AS left_at,
            ST_Y(o.location) AS lat, ST_X(o.location) AS lng
       FROM dispatch.shipments s JOIN dispatch.orders o ON o.id = s.order_id
       LEFT JOIN LATERAL (SELECT k.rider_id, k.box_id FROM dispatch.custody k WHERE k.shipment_id = s.id ORDER BY k.from_at DESC, k.id DESC LIMIT 1) k ON true
       LEFT JOIN LATERAL (SELECT c.from_at, c.box_id, c.holdover_minutes FROM dispatch.custody c WHERE c.shipment_id = s.id AND c.temperature_class <> 'ambient'
                           ORDER BY c.from_at DESC, c.id DESC LIMIT 1) c ON true
       LEFT JOIN dispatch.boxes b ON b.id = coalesce(c.box_id, k.box_id)
       LEFT JOIN dispatch.riders r ON r.id = coalesce(k.rider_id, s.rider_id)
      WHERE s.id = ANY($1)`, [shipmentIds]);
  return new Map(rows.map((r) => {
    // The budget the leg was given at pickup; legs from before budgets were kept: the box's season table.
    const minutes = !r.cold_from ? NaN : r.leg_minutes ? Number(r.leg_minutes) : r.holdover_minutes ? Number(r.holdover_minutes[seasonOf(r.cold_from)]) : NaN;
    return [r.id as string, {
      id: r.id, riderId: r.rider_id, riderName: r.rider_name, box: r.box, leftAt: r.left_at,
      holdoverEndsAt: Number.isFinite(minutes) ? new Date(r.cold_from.getTime() + minutes * 60_000) : null,
      point: { lat: r.lat, lng: r.lng },
    }];
  }));
}
