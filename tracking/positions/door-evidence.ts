/**
 * The evidence for a box's expected door openings (door-windows.ts), read for several custody
 * legs in one statement: the leg rider's accepted fixes near the delivery point, and when the
 * shipment became `arriving`. The delivery point is only compared here; it is neither returned
 * nor logged.
 */
import type { LatLng } from '../../geo';
import { getKey } from '../../platform/config/registry';
import type { Queryable } from '../../platform/db/pool';
import { positionKeys as k } from './config';
import { doorWindows, type DoorWindow, type DoorWindowSettings } from './door-windows';

export interface DoorLeg {
  shipmentId: string;
  riderId: string | null;
  from: Date;
  /** null while the leg is open */
  to: Date | null;
  /** the order's delivery point; null when unknown (no handover place to compare with) */
  deliveryPoint: LatLng | null;
}

export function doorWindowSettings(): DoorWindowSettings {
  return {
    pickupBeforeMs: getKey(k.doorPickupBeforeMin) * 60_000,
    pickupAfterMs: getKey(k.doorPickupAfterMin) * 60_000,
    fixBeforeMs: getKey(k.doorFixBeforeS) * 1000,
    fixAfterMs: getKey(k.doorFixAfterMin) * 60_000,
    arrivingForMs: getKey(k.doorArrivingMin) * 60_000,
  };
}

/**
 * Each leg's expected-opening windows as known at `at` (fixes up to the leg's end, or `at` for an
 * open leg, and a fix's lead after that), by shipment id. One statement for all legs; legs of no shipment give nothing.
 */
export async function doorWindowsOf(q: Queryable, legs: readonly DoorLeg[], at: Date): Promise<Map<string, DoorWindow[]>> {
  const out = new Map<string, DoorWindow[]>();
  if (!legs.length) return out;
  const s = doorWindowSettings();
  const { rows } = await q.query(
    `SELECT l.i,
            (SELECT coalesce(array_agg(p.at ORDER BY p.at), '{}') FROM tracking.rider_positions p
              WHERE l.lat IS NOT NULL AND p.rider_id = l.rider_id AND p.flag IS NULL
                AND p.at >= l.from_at - make_interval(secs => $8) AND p.at <= l.to_at
                AND ST_DWithin(ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)::geography,
                               ST_SetSRID(ST_MakePoint(l.lng, l.lat), 4326)::geography, $9)) AS fixes,
            (SELECT min(coalesce(e.device_at, e.server_at)) FROM tracking.shipment_events e
              WHERE e.shipment_id = l.shipment_id AND e.to_state = 'arriving') AS arriving_at
       FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::float8[], $7::float8[])
            AS l(i, shipment_id, rider_id, from_at, to_at, lat, lng)`,
    [legs.map((_, i) => i), legs.map((l) => l.shipmentId), legs.map((l) => l.riderId), legs.map((l) => l.from), legs.map((l) => new Date((l.to ?? at).getTime() + s.fixBeforeMs)),
      legs.map((l) => l.deliveryPoint?.lat ?? null), legs.map((l) => l.deliveryPoint?.lng ?? null), s.fixAfterMs / 1000, getKey(k.doorHandoverRadiusM)]);
  for (const r of rows) {
    const leg = legs[r.i];
    out.set(leg.shipmentId, doorWindows({ legFrom: leg.from, fixesNear: r.fixes, arrivingAt: r.arriving_at }, s));
  }
  return out;
}
