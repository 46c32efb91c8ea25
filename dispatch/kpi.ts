/** What the KPI figures need from dispatch: the day's orders and shipments, and facility names. */
import type { Queryable } from '../platform/db/pool';

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
