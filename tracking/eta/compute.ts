/**
 * Live ETAs as pure functions: which of a plan route's stops are still ahead, and when the
 * rider reaches each from where they are now.
 */
import type { LatLng } from '../../geo';

export interface PlanStop { shipmentId: string; step: 'pickup' | 'delivery'; lat: number; lng: number }

/** Shipment statuses (dispatch) in which each kind of stop is still to be done. */
const PICKUP_PENDING = new Set(['ready', 'assigned']);
const DELIVERY_PENDING = new Set(['ready', 'assigned', 'picked_up']);

/** The stops of a plan route still ahead, in plan order (a pickup done or a delivery ended drops out). */
export function remainingStops(stops: readonly PlanStop[], statuses: Record<string, string>): PlanStop[] {
  return stops.filter((s) => (s.step === 'pickup' ? PICKUP_PENDING : DELIVERY_PENDING).has(statuses[s.shipmentId] ?? ''));
}

/**
 * Consecutive stops at the same place (several pickups at the facility, two parcels for one
 * door) are one point to route to: `points` are the distinct places in order, `pointOf[i]`
 * the point of stop i.
 */
export function routePoints(stops: readonly LatLng[]): { points: LatLng[]; pointOf: number[] } {
  const points: LatLng[] = [];
  const pointOf: number[] = [];
  for (const s of stops) {
    const last = points[points.length - 1];
    if (!last || Math.abs(last.lat - s.lat) > 1e-6 || Math.abs(last.lng - s.lng) > 1e-6) points.push({ lat: s.lat, lng: s.lng });
    pointOf.push(points.length - 1);
  }
  return { points, pointOf };
}

/**
 * ETA of each delivery stop: `now` + travel to it (`travelS[p]` = seconds from the previous
 * point, or from the rider for p = 0, times the rider's speed factor as the optimizer counts it)
 * + the service time of every stop before it. Waiting for a delivery window to open is not
 * added: the ETA says when the rider can be there.
 */
export function stopEtas(
  stops: readonly PlanStop[], pointOf: readonly number[], travelS: readonly number[],
  o: { now: number; speedFactor: number; pickupS: number; deliveryS: number },
): Array<{ shipmentId: string; eta: Date }> {
  const out: Array<{ shipmentId: string; eta: Date }> = [];
  let t = o.now;
  let point = -1;
  for (let i = 0; i < stops.length; i++) {
    while (point < pointOf[i]) t += (travelS[++point] ?? 0) * o.speedFactor * 1000;
    if (stops[i].step === 'delivery') out.push({ shipmentId: stops[i].shipmentId, eta: new Date(Math.round(t)) });
    t += (stops[i].step === 'pickup' ? o.pickupS : o.deliveryS) * 1000;
  }
  return out;
}
