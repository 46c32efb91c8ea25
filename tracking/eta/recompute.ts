/**
 * Live ETAs of a rider's remaining delivery stops, from their latest accepted fix through the
 * rest of their current plan route.
 *
 * Where it runs: in the API process that received the batch, right after the answer is sent
 * (setImmediate), not as a BullMQ job. The target is position → new ETA on the feed within 1 s
 * at p99; a job would add a queue round trip, a worker poll and a second process's load to
 * that path for no gain: the work is idempotent and small (one query, mostly no routing call),
 * "at most every TRACKING_ETA_INTERVAL_S per rider" is already decided across processes by a
 * Redis lock (SET NX PX), and a pass lost with a dying process is redone by the rider's next
 * batch seconds later.
 *
 * Routing: the current leg (rider → next stop) is routed once and then followed with
 * `routeProgress` while the rider stays on it (≤ 50 m off, < 5 min old); the legs between the
 * stops after it are routed once per set of stops. Both are kept per process (a process that
 * has not seen the rider routes again), so most passes make no routing call at all.
 */
import { sharedRoutingEngine, routeProgress, haversineM, type LatLng, type Route } from '../../geo';
import { riderRoute, setShipmentEtas, stopServiceSeconds } from '../../dispatch';
import { appDb } from '../../platform/db/pool';
import { Batcher } from '../../platform/db/batch';
import { feedChannel, type FeedEnvelope } from '../../platform/feed';
import { getKey } from '../../platform/config/registry';
import { logger } from '../../platform/logger';
import { positionKeys } from '../positions/config';
import { liveKeys, liveRedis, type LatestFix, type StopContext } from '../positions/live';
import { fireArriving, type OnArriving } from '../positions/arriving';
import { remainingStops, routePoints, stopEtas, type PlanStop } from './compute';

const OFF_ROUTE_M = 50;
const LEG_MAX_AGE_MS = 5 * 60_000;
const REST_MAX_AGE_MS = 30 * 60_000;
/** Speed assumed when the routing engine cannot route a leg (≈ 18 km/h, an e-bike in town). */
const FALLBACK_MPS = 5;
/** The stop context outlives a few missed passes; a rider gone quiet for an hour has none. */
const CONTEXT_TTL_S = 3600;
const MAX_CACHED_RIDERS = 50_000;

interface Cached { leg?: { to: string; route: Route; at: number }; rest?: { key: string; travelS: number[]; at: number } }
const cache = new Map<string, Cached>();
const keyOf = (p: LatLng) => `${p.lat.toFixed(6)},${p.lng.toFixed(6)}`;

async function routeOrStraight(points: LatLng[]): Promise<{ route: Route | null; legsS: number[] }> {
  try {
    const route = await sharedRoutingEngine().route(points);
    return { route, legsS: route.legs.map((l) => l.durationS) };
  } catch (err) {
    logger.debug({ err }, 'eta: leg not routable, straight line at fallback speed');
    return { route: null, legsS: points.slice(1).map((p, i) => haversineM(points[i], p) / FALLBACK_MPS) };
  }
}

/** Seconds of travel to each route point: [rider → point 0, point 0 → 1, …]. */
async function travelTimes(riderId: string, from: LatLng, points: LatLng[], now: number): Promise<number[]> {
  const c = cache.get(riderId) ?? {};
  const to = keyOf(points[0]);
  let first: number | undefined;
  if (c.leg && c.leg.to === to && now - c.leg.at < LEG_MAX_AGE_MS) {
    const p = routeProgress(c.leg.route, from);
    if (p.offRouteM <= OFF_ROUTE_M) first = p.remainingS;
  }
  if (first === undefined) {
    const r = await routeOrStraight([from, points[0]]);
    first = r.legsS[0];
    c.leg = r.route ? { to, route: r.route, at: now } : undefined;
  }
  let rest: number[] = [];
  if (points.length > 1) {
    const key = points.map(keyOf).join(';');
    if (c.rest?.key === key && now - c.rest.at < REST_MAX_AGE_MS) rest = c.rest.travelS;
    else {
      rest = (await routeOrStraight(points)).legsS;
      c.rest = { key, travelS: rest, at: now };
    }
  }
  if (cache.size >= MAX_CACHED_RIDERS && !cache.has(riderId)) cache.delete(cache.keys().next().value!);
  cache.set(riderId, c);
  return [first, ...rest];
}

const history = new Batcher<Array<{ shipmentId: string; riderId: string; computedAt: Date; eta: Date; positionAt: Date }>, void>(async (calls) => {
  const rows = calls.flat();
  await appDb().query(
    `INSERT INTO tracking.eta_history (shipment_id, rider_id, computed_at, eta, position_at, source)
     SELECT s, r, c, e, p, 'position' FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[]) AS v(s, r, c, e, p)`,
    [rows.map((x) => x.shipmentId), rows.map((x) => x.riderId), rows.map((x) => x.computedAt), rows.map((x) => x.eta), rows.map((x) => x.positionAt)]);
  return calls.map(() => undefined);
}, { maxBatch: 100, maxInFlight: 2 });

const shipmentEtas = new Batcher<Array<{ shipmentId: string; eta: Date }>, void>(async (calls) => {
  // One row per shipment: UPDATE … FROM would pick an arbitrary one of two.
  const last = new Map(calls.flat().map((r) => [r.shipmentId, r]));
  await setShipmentEtas(appDb(), [...last.values()]);
  return calls.map(() => undefined);
}, { maxBatch: 100, maxInFlight: 1 });

export interface EtaPass { planId: string | null; etas: Array<{ shipmentId: string; eta: Date }>; arriving: number }

/**
 * One ETA pass for a rider from `fix`: stores each ETA in tracking.eta_history and on the
 * shipment, publishes `shipment.eta` (scope: the rider's home facility and the rider), refreshes
 * the stop context `arriving` reads and checks `arriving` for the fix itself.
 */
export async function recomputeEtas(riderId: string, fix: LatestFix, onArriving: OnArriving, now = Date.now()): Promise<EtaPass> {
  const route = await riderRoute(appDb(), riderId);
  if (!route) return { planId: null, etas: [], arriving: 0 };
  const stops = remainingStops(route.stops as PlanStop[], route.statuses);
  const deliveries = [...new Set(stops.filter((s) => s.step === 'delivery').map((s) => s.shipmentId))];
  const states = deliveries.length
    ? new Map((await appDb().query(`SELECT shipment_id, state FROM tracking.shipment_state WHERE shipment_id = ANY($1)`, [deliveries])).rows.map((r) => [r.shipment_id as string, r.state as string]))
    : new Map<string, string>();
  const ctx: StopContext = {
    planId: route.planId,
    stops: stops.filter((s) => s.step === 'delivery').map((s) => ({ shipmentId: s.shipmentId, lat: s.lat, lng: s.lng, inTransit: ['picked_up', 'in_transit'].includes(states.get(s.shipmentId) ?? '') })),
  };
  await liveRedis().set(liveKeys.stops(riderId), JSON.stringify(ctx), 'EX', CONTEXT_TTL_S);
  const arriving = await fireArriving(riderId, [fix], ctx, getKey(positionKeys.arrivingM), onArriving);
  if (!deliveries.length) return { planId: route.planId, etas: [], arriving };

  const { points, pointOf } = routePoints(stops);
  const travelS = await travelTimes(riderId, fix, points, now);
  const etas = stopEtas(stops, pointOf, travelS, { now, speedFactor: route.speedFactor, ...stopServiceSeconds() });
  const computedAt = new Date(now);
  await Promise.all([
    history.call(etas.map((e) => ({ shipmentId: e.shipmentId, riderId, computedAt, eta: e.eta, positionAt: new Date(fix.at) }))),
    shipmentEtas.call(etas),
  ]);
  const scope = { facilityIds: [route.homeFacilityId], riderIds: [riderId] };
  const p = liveRedis().pipeline();
  for (const e of etas) {
    const ev: FeedEnvelope = { type: 'shipment.eta', scope, publishedAt: Date.now(), shipmentId: e.shipmentId, riderId, facilityId: route.homeFacilityId, eta: e.eta.toISOString(), computedAt: computedAt.toISOString(), positionAt: new Date(fix.at).toISOString(), positionReceivedAt: fix.receivedAt };
    p.publish(feedChannel(), JSON.stringify(ev));
  }
  await p.exec();
  return { planId: route.planId, etas, arriving };
}
