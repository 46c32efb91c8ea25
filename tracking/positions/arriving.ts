/**
 * `arriving`: the first accepted fix within TRACKING_ARRIVING_M of a delivery stop whose
 * shipment is picked up or in transit calls the injected `onArriving` once per shipment, in any
 * process. The stops come from the rider's stop context (Redis, written by each ETA pass); the
 * shipment's state is read again from tracking.shipment_state before the call (a shipment with
 * no state row yet is not in transit), and a Redis SET NX mark makes it once.
 */
import { haversineM, type LatLng } from '../../geo';
import { appDb } from '../../platform/db/pool';
import { logger } from '../../platform/logger';
import { liveKeys, liveRedis, type StopContext } from './live';
import type { Fix } from './checks';

export interface ArrivingEvent { shipmentId: string; riderId: string; at: Date; location: LatLng }
/** Called once per shipment when its rider comes within the arriving distance (the lifecycle's `arriving`). */
export type OnArriving = (e: ArrivingEvent) => Promise<void> | void;

const IN_TRANSIT = ['picked_up', 'in_transit'];
/** A mark outlives any delivery; it only has to stop a second call. */
const MARK_TTL_S = 7 * 24 * 3600;

/** Per shipment in transit, the earliest accepted fix within `radiusM` of its stop. */
export function arrivingCandidates(fixes: readonly Fix[], ctx: StopContext | null, radiusM: number): Array<{ shipmentId: string; fix: Fix }> {
  if (!ctx || !fixes.length) return [];
  const out: Array<{ shipmentId: string; fix: Fix }> = [];
  for (const s of ctx.stops) {
    if (!s.inTransit) continue;
    let best: Fix | undefined;
    for (const f of fixes) if (haversineM(f, s) <= radiusM && (!best || f.at < best.at)) best = f;
    if (best) out.push({ shipmentId: s.shipmentId, fix: best });
  }
  return out;
}

export async function fireArriving(riderId: string, fixes: readonly Fix[], ctx: StopContext | null, radiusM: number, onArriving: OnArriving): Promise<number> {
  const candidates = arrivingCandidates(fixes, ctx, radiusM);
  if (!candidates.length) return 0;
  const { rows } = await appDb().query(`SELECT shipment_id FROM tracking.shipment_state WHERE shipment_id = ANY($1) AND state = ANY($2)`, [candidates.map((c) => c.shipmentId), IN_TRANSIT]);
  const ok = new Set(rows.map((r) => r.shipment_id as string));
  let fired = 0;
  for (const c of candidates) {
    if (!ok.has(c.shipmentId)) continue;
    const key = liveKeys.arriving(c.shipmentId);
    if ((await liveRedis().set(key, riderId, 'EX', MARK_TTL_S, 'NX')) !== 'OK') continue;
    try {
      await onArriving({ shipmentId: c.shipmentId, riderId, at: new Date(c.fix.at), location: { lat: c.fix.lat, lng: c.fix.lng } });
      fired++;
    } catch (err) {
      // Not marked after all: the next fix in range tries again.
      await liveRedis().del(key);
      logger.error({ err, shipmentId: c.shipmentId, riderId }, 'onArriving failed');
    }
  }
  return fired;
}
