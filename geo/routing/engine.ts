/**
 * One interface over routing engines (as VROOM's routing/wrapper.h: one wrapper per engine).
 * Coordinates are WGS-84 {lat, lng}; durations in seconds, distances in metres.
 * An unroutable pair is `null` with a reason — never 0 and never a huge sentinel number,
 * so an optimizer cannot mistake it for a real (cheap or expensive) trip.
 */
import type { LatLng } from '../coords';

/** GeoJSON LineString in [lng, lat] order (RFC 7946). */
export interface LineString {
  type: 'LineString';
  coordinates: [number, number][];
}

/** Result of snapping a point to the road network. */
export interface Snapped {
  /** Closest point on a routable road. */
  point: LatLng;
  /** Straight-line distance from the input to `point`, metres. */
  distanceM: number;
  /** Road name when known. */
  name?: string;
}

export interface Route {
  geometry: LineString;
  durationS: number;
  distanceM: number;
  /** One leg per consecutive pair of input points. */
  legs: { durationS: number; distanceM: number }[];
  /**
   * Seconds from the start at each geometry coordinate (same length as coordinates), when the
   * engine knows per-road speeds (pgRouting). routeProgress uses it for ETAs that respect slow
   * and fast stretches; without it the route's average speed is assumed.
   */
  coordinateTimesS?: number[];
}

/** Why a matrix cell or a point is unroutable. */
export type UnroutableReason =
  | 'snap_too_far' // the point is farther than the snapping limit from any road
  | 'no_route'; // both points snapped but the network does not connect them (one-way trap, island)

export interface Unroutable {
  /** 'source' / 'destination' when a whole row/column failed to snap; 'pair' for one cell. */
  scope: 'source' | 'destination' | 'pair';
  /** Index into sources (scope source/pair) … */
  sourceIndex?: number;
  /** … and/or into destinations (scope destination/pair). */
  destinationIndex?: number;
  reason: UnroutableReason;
}

export interface Table {
  /** durations[i][j] seconds from sources[i] to destinations[j]; null when unroutable. */
  durations: (number | null)[][];
  /** distances[i][j] metres; null exactly where durations is null. */
  distances: (number | null)[][];
  /** One entry per unroutable source/destination, plus one per other unroutable pair. */
  unroutable: Unroutable[];
}

export interface RoutingEngine {
  /** Engine name for logs and metrics ('pgrouting' | 'osrm'). */
  readonly name: string;
  /** Snaps to the closest routable road. @throws AppError unprocessable `snap_too_far` */
  nearest(point: LatLng): Promise<Snapped>;
  /** Route through ≥ 2 points in order. @throws AppError `snap_too_far` | unprocessable `no_route` */
  route(points: LatLng[]): Promise<Route>;
  /** Many-to-many durations and distances. Unroutable cells are null, listed in `unroutable`. */
  table(sources: LatLng[], destinations: LatLng[]): Promise<Table>;
  /**
   * Loads what the engine keeps in memory (the road graph and its contraction hierarchy) ahead of
   * the first request; resolves when done. Engines with nothing to load leave it out.
   */
  warm?(): Promise<void>;
  /** Releases sockets / caches. */
  close?(): Promise<void>;
}

/** Progress of a vehicle along a route, for ETAs (tracking context). */
export interface RouteProgress {
  /** Metres along the route of the projected position. */
  travelledM: number;
  remainingM: number;
  /** Remaining seconds: from coordinateTimesS when present, else the remaining distance share of the duration. */
  remainingS: number;
  /** Distance from the reported position to the route line, metres (large = off route, re-route). */
  offRouteM: number;
  /** Projected position on the route. */
  onRoute: LatLng;
}

/**
 * Projects `position` onto `route.geometry` and estimates the time left: from the per-coordinate
 * times when the route has them, else at the route's average speed (re-route when offRouteM
 * exceeds ~50 m or the route is older than a few minutes).
 * Uses an equirectangular projection per segment (error < 0.1 % over city distances).
 */
export function routeProgress(route: Pick<Route, 'geometry' | 'durationS' | 'distanceM' | 'coordinateTimesS'>, position: LatLng): RouteProgress {
  const c = route.geometry.coordinates;
  if (c.length === 0) return { travelledM: 0, remainingM: 0, remainingS: 0, offRouteM: 0, onRoute: position };
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const kx = Math.cos(position.lat * rad) * rad * R; // metres per degree lng at this latitude
  const ky = rad * R; // metres per degree lat
  let best = { d2: Infinity, along: 0, lng: c[0][0], lat: c[0][1], seg: 0, t: 0 };
  let acc = 0;
  for (let i = 0; i + 1 < c.length; i++) {
    const ax = c[i][0] * kx, ay = c[i][1] * ky;
    const bx = c[i + 1][0] * kx, by = c[i + 1][1] * ky;
    const px = position.lng * kx, py = position.lat * ky;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
    const qx = ax + t * dx, qy = ay + t * dy;
    const d2 = (px - qx) ** 2 + (py - qy) ** 2;
    const segLen = Math.sqrt(len2);
    if (d2 < best.d2) best = { d2, along: acc + t * segLen, lng: qx / kx, lat: qy / ky, seg: i, t };
    acc += segLen;
  }
  if (c.length === 1) best.d2 = ((position.lng - c[0][0]) * kx) ** 2 + ((position.lat - c[0][1]) * ky) ** 2;
  const total = acc > 0 ? acc : 1;
  const share = Math.max(0, Math.min(1, 1 - best.along / total));
  const ts = route.coordinateTimesS;
  let remainingS = route.durationS * share;
  if (ts && ts.length === c.length && c.length > 1) {
    const at = ts[best.seg] + (ts[best.seg + 1] - ts[best.seg]) * best.t;
    remainingS = Math.max(0, ts[ts.length - 1] - at);
  }
  return {
    travelledM: best.along * (route.distanceM / total),
    remainingM: route.distanceM * share,
    remainingS,
    offRouteM: Math.sqrt(best.d2),
    onRoute: { lat: best.lat, lng: best.lng },
  };
}

/** Engine factory configuration; geo/config.ts reads it from the config registry. */
export interface RoutingConfig {
  /** OSRM base URL, e.g. http://osrm:5000. When set, OSRM is used instead of pgRouting. (OSRM_URL) */
  osrmUrl?: string;
  /** OSRM profile in the URL path. Default 'driving'. (OSRM_PROFILE) */
  osrmProfile?: string;
  /** Max coordinates per OSRM table request (its --max-table-size). Default 100. (OSRM_MAX_TABLE_SIZE) */
  osrmMaxTableSize?: number;
  /** Snapping limit in metres: farther points are unroutable (`snap_too_far`). Default 500. (ROUTING_MAX_SNAP_M) */
  maxSnapM?: number;
}
