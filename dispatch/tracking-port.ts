/**
 * What the tracking context asks of dispatch for live positions and ETAs, each one statement
 * (tracking calls them hundreds of times a second under load, through batches).
 */
import type { Queryable } from '../platform/db/pool';
import { getKey } from '../platform/config/registry';
import { dispatchKeys } from './config';

export interface RiderRoute {
  homeFacilityId: string;
  /** Multiplies travel durations (2 = twice as slow), as the optimizer uses it. */
  speedFactor: number;
  /** The facility's newest plan, and this rider's stops in it (null: no plan, or not in it). */
  planId: string | null;
  stops: Array<{ shipmentId: string; step: 'pickup' | 'delivery'; eta: string; lat: number; lng: number }>;
  /** dispatch.shipments.status of every shipment on the route. */
  statuses: Record<string, string>;
}

/** A rider's home facility and current plan route with the shipments' statuses; null: no such rider. */
export async function riderRoute(q: Queryable, riderId: string): Promise<RiderRoute | null> {
  const { rows } = await q.query(
    `WITH r AS (SELECT id, home_facility_id, speed_factor FROM dispatch.riders WHERE id = $1),
          p AS (SELECT pl.id FROM dispatch.plans pl JOIN r ON pl.facility_id = r.home_facility_id ORDER BY pl.created_at DESC LIMIT 1)
     SELECT r.home_facility_id, r.speed_factor, p.id AS plan_id, pr.stops,
            (SELECT coalesce(json_object_agg(s.id, s.status), '{}') FROM dispatch.shipments s
              WHERE s.id IN (SELECT x->>'shipmentId' FROM jsonb_array_elements(coalesce(pr.stops, '[]')) x)) AS statuses
       FROM r LEFT JOIN p ON true LEFT JOIN dispatch.plan_routes pr ON pr.plan_id = p.id AND pr.rider_id = r.id`, [riderId]);
  const r = rows[0];
  if (!r) return null;
  return { homeFacilityId: r.home_facility_id, speedFactor: r.speed_factor, planId: r.stops ? r.plan_id : null, stops: r.stops ?? [], statuses: r.statuses ?? {} };
}

/** Live ETAs onto shipments still on their way (one UPDATE for all). */
export async function setShipmentEtas(q: Queryable, rows: Array<{ shipmentId: string; eta: Date }>): Promise<void> {
  if (!rows.length) return;
  await q.query(
    `UPDATE dispatch.shipments s SET eta = v.eta, updated_at = now()
       FROM unnest($1::text[], $2::timestamptz[]) AS v(id, eta)
      WHERE s.id = v.id AND s.status IN ('ready','assigned','picked_up')`,
    [rows.map((r) => r.shipmentId), rows.map((r) => r.eta)]);
}

/**
 * Riders' latest positions onto their rows (planning starts routes there), one UPDATE for all;
 * a fix older than the stored one does not overwrite it. `at` is the device time of the fix.
 */
export async function recordRiderPositions(q: Queryable, rows: Array<{ riderId: string; lat: number; lng: number; at: Date }>): Promise<void> {
  if (!rows.length) return;
  await q.query(
    `UPDATE dispatch.riders r SET last_position = ST_SetSRID(ST_MakePoint(v.lng, v.lat), 4326), last_position_at = v.at
       FROM unnest($1::text[], $2::float8[], $3::float8[], $4::timestamptz[]) AS v(id, lat, lng, at)
      WHERE r.id = v.id AND (r.last_position_at IS NULL OR r.last_position_at <= v.at)`,
    [rows.map((r) => r.riderId), rows.map((r) => r.lat), rows.map((r) => r.lng), rows.map((r) => r.at)]);
}

/** Time at a stop, as planning counts it (s). */
export function stopServiceSeconds(): { pickupS: number; deliveryS: number } {
  return { pickupS: getKey(dispatchKeys.pickupServiceS), deliveryS: getKey(dispatchKeys.deliveryServiceS) };
}
