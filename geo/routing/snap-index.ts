/**
 * In-memory snapping onto the road network: the same answer as geo_net.snap_points
 * (geo/sql/snap_points.sql) without a database round trip: every order snaps its customer's
 * door, which in SQL cost PostgreSQL CPU and a round trip per order.
 *
 * The rule, as snap_points has it:
 *   1. the k roads of the main component nearest by planar distance in degrees (PostGIS
 *      `the_geom <-> point`, KNN over the GiST index);
 *   2. of those, the nearest by distance on the ground (PostGIS geography ST_Distance), ties
 *      by gid;
 *   3. the snapped point and its fraction along the road are planar in degrees
 *      (ST_ClosestPoint, ST_LineLocatePoint).
 * Step 2's distance is measured here in a local metric frame around the point (WGS-84 radii of
 * curvature at its latitude). Within the 500 m snapping limit it differs from PostGIS's
 * geodesic distance by centimetres; the int test holds the two to the same roads.
 *
 * The index is a uniform grid of cells over the network's extent; a query visits rings of
 * cells around the point until the k-th candidate is nearer than any unvisited cell can be.
 * Memory: ~16 bytes per coordinate plus ~8 per edge-cell entry.
 */
import type { LatLng } from '../coords';

/** One road of the main component: its gid, name and [lng, lat] coordinates. */
export interface SnapRoad {
  gid: number;
  name: string | null;
  /** lng0, lat0, lng1, lat1, … */
  coords: ArrayLike<number>;
}

export interface SnapHit {
  gid: number;
  /** 0 at the road's first point, 1 at its last (planar, as ST_LineLocatePoint). */
  fraction: number;
  point: LatLng;
  distanceM: number;
  name: string | null;
}

const A = 6378137;
const E2 = 6.69437999014e-3;
const RAD = Math.PI / 180;

/** Metres per degree of latitude and of longitude at latitude `lat` (WGS-84). */
function metresPerDegree(lat: number): [number, number] {
  const s = Math.sin(lat * RAD);
  const w = 1 - E2 * s * s;
  const m = (A * (1 - E2)) / (w * Math.sqrt(w)); // meridional radius
  const n = A / Math.sqrt(w); // prime vertical radius
  return [m * RAD, n * Math.cos(lat * RAD) * RAD];
}

export class SnapIndex {
  readonly roadCount: number;
  private readonly gid: Float64Array;
  private readonly names: (string | null)[];
  /** Point offsets into xy per road (road r has points first[r] … first[r + 1] - 1). */
  private readonly first: Uint32Array;
  private readonly xy: Float64Array;
  private readonly x0: number;
  private readonly y0: number;
  private readonly cell: number;
  private readonly nx: number;
  private readonly ny: number;
  private readonly cellFirst: Uint32Array;
  private readonly cellRoads: Uint32Array;
  private readonly seen: Uint32Array;
  private run = 0;

  constructor(roads: SnapRoad[]) {
    const n = roads.length;
    this.roadCount = n;
    this.gid = new Float64Array(n);
    this.names = new Array(n);
    this.first = new Uint32Array(n + 1);
    let pts = 0;
    for (let r = 0; r < n; r++) pts += roads[r].coords.length >> 1;
    this.xy = new Float64Array(pts * 2);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    let p = 0;
    for (let r = 0; r < n; r++) {
      const road = roads[r];
      this.gid[r] = road.gid;
      this.names[r] = road.name;
      this.first[r] = p;
      const c = road.coords;
      for (let i = 0; i + 1 < c.length; i += 2) {
        const x = c[i], y = c[i + 1];
        this.xy[2 * p] = x;
        this.xy[2 * p + 1] = y;
        p++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    this.first[n] = p;
    this.seen = new Uint32Array(n);
    if (!n || !p) {
      this.x0 = this.y0 = 0;
      this.cell = 1;
      this.nx = this.ny = 0;
      this.cellFirst = new Uint32Array(1);
      this.cellRoads = new Uint32Array(0);
      return;
    }
    // About two roads per cell, at most 2^22 cells.
    const w = Math.max(maxX - minX, 1e-9), h = Math.max(maxY - minY, 1e-9);
    const cells = Math.min(Math.max(n / 2, 1), 1 << 22);
    this.cell = Math.max(Math.sqrt((w * h) / cells), 1e-6);
    this.x0 = minX;
    this.y0 = minY;
    this.nx = Math.floor(w / this.cell) + 1;
    this.ny = Math.floor(h / this.cell) + 1;
    // Each road goes into every cell its bounding box overlaps (counting pass, then filling).
    const boxes = new Int32Array(n * 4);
    const count = new Uint32Array(this.nx * this.ny + 1);
    for (let r = 0; r < n; r++) {
      let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
      for (let q = this.first[r]; q < this.first[r + 1]; q++) {
        const x = this.xy[2 * q], y = this.xy[2 * q + 1];
        if (x < bx0) bx0 = x;
        if (x > bx1) bx1 = x;
        if (y < by0) by0 = y;
        if (y > by1) by1 = y;
      }
      if (bx0 === Infinity) { boxes[4 * r] = 1; boxes[4 * r + 2] = 0; continue; } // no points
      const cx0 = this.cx(bx0), cx1 = this.cx(bx1), cy0 = this.cy(by0), cy1 = this.cy(by1);
      boxes.set([cx0, cy0, cx1, cy1], 4 * r);
      for (let j = cy0; j <= cy1; j++) for (let i = cx0; i <= cx1; i++) count[j * this.nx + i + 1]++;
    }
    for (let c = 1; c < count.length; c++) count[c] += count[c - 1];
    this.cellFirst = count.slice();
    this.cellRoads = new Uint32Array(count[count.length - 1]);
    for (let r = 0; r < n; r++) {
      const cx0 = boxes[4 * r], cy0 = boxes[4 * r + 1], cx1 = boxes[4 * r + 2], cy1 = boxes[4 * r + 3];
      for (let j = cy0; j <= cy1; j++) for (let i = cx0; i <= cx1; i++) this.cellRoads[count[j * this.nx + i]++] = r;
    }
  }

  private cx(x: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.x0) / this.cell)));
  }

  private cy(y: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.y0) / this.cell)));
  }

  /**
   * The road `p` snaps to (see the file comment), or null when no road lies within `maxDistanceM`
   * (snap_points returns the nearest regardless; its callers drop those beyond their limit).
   */
  nearest(p: LatLng, k: number, maxDistanceM: number): SnapHit | null {
    if (!this.roadCount || !this.nx || k < 1) return null;
    const px = p.lng, py = p.lat;
    // Top k by planar distance (squared, degrees), kept sorted ascending.
    const candD: number[] = [];
    const candR: number[] = [];
    if (++this.run === 0xffffffff) { this.seen.fill(0); this.run = 1; }
    const run = this.run;
    const [mLat, mLng] = metresPerDegree(py);
    // A planar degree is at least this many metres on the ground near p (widened by 1 %).
    const minMetresPerDeg = Math.min(mLat, mLng) * 0.99;
    const fx = (px - this.x0) / this.cell, fy = (py - this.y0) / this.cell;
    const ix = Math.floor(fx), iy = Math.floor(fy);
    const maxRing = Math.max(Math.abs(ix), Math.abs(this.nx - 1 - ix), Math.abs(iy), Math.abs(this.ny - 1 - iy));
    for (let ring = 0; ring <= maxRing; ring++) {
      for (let j = iy - ring; j <= iy + ring; j++) {
        if (j < 0 || j >= this.ny) continue;
        const edge = j === iy - ring || j === iy + ring;
        for (let i = ix - ring; i <= ix + ring; i += edge ? 1 : 2 * ring || 1) {
          if (i < 0 || i >= this.nx) continue;
          const c = j * this.nx + i;
          for (let e = this.cellFirst[c]; e < this.cellFirst[c + 1]; e++) {
            const r = this.cellRoads[e];
            if (this.seen[r] === run) continue;
            this.seen[r] = run;
            const d = this.planarDist2(r, px, py);
            if (candD.length === k && d >= candD[k - 1]) continue;
            let at = candD.length;
            while (at > 0 && candD[at - 1] > d) at--;
            candD.splice(at, 0, d);
            candR.splice(at, 0, r);
            if (candD.length > k) { candD.pop(); candR.pop(); }
          }
        }
      }
      // Every road not yet seen lies wholly outside the visited block of cells.
      const bound = Math.min(fx - (ix - ring), ix + ring + 1 - fx, fy - (iy - ring), iy + ring + 1 - fy) * this.cell;
      if (bound > 0 && ((candD.length === k && candD[k - 1] <= bound * bound) || bound * minMetresPerDeg > maxDistanceM)) break;
    }
    // Re-rank the candidates by distance on the ground, ties by gid.
    let best = -1, bestM = Infinity;
    for (const r of candR) {
      const m = this.metricDist(r, px, py, mLng, mLat);
      if (m < bestM || (m === bestM && this.gid[r] < this.gid[best])) { best = r; bestM = m; }
    }
    if (best < 0 || bestM > maxDistanceM) return null;
    const { fraction, x, y } = this.locate(best, px, py);
    return { gid: this.gid[best], fraction, point: { lat: y, lng: x }, distanceM: bestM, name: this.names[best] };
  }

  /** Squared planar distance (degrees) from (px, py) to road r. */
  private planarDist2(r: number, px: number, py: number): number {
    const xy = this.xy;
    const a = this.first[r], b = this.first[r + 1];
    let best = Infinity;
    if (b - a === 1) return (xy[2 * a] - px) ** 2 + (xy[2 * a + 1] - py) ** 2;
    for (let q = a; q + 1 < b; q++) {
      const d = segDist2(xy[2 * q], xy[2 * q + 1], xy[2 * q + 2], xy[2 * q + 3], px, py, 1, 1);
      if (d < best) best = d;
    }
    return best;
  }

  /** Distance in metres from (px, py) to road r, in the local frame at p. */
  private metricDist(r: number, px: number, py: number, mx: number, my: number): number {
    const xy = this.xy;
    const a = this.first[r], b = this.first[r + 1];
    if (b - a === 1) return Math.hypot((xy[2 * a] - px) * mx, (xy[2 * a + 1] - py) * my);
    let best = Infinity;
    for (let q = a; q + 1 < b; q++) {
      const d = segDist2(xy[2 * q], xy[2 * q + 1], xy[2 * q + 2], xy[2 * q + 3], px, py, mx, my);
      if (d < best) best = d;
    }
    return Math.sqrt(best);
  }

  /** The planar closest point on road r and its fraction of the road's planar length (ST_LineLocatePoint). */
  private locate(r: number, px: number, py: number): { fraction: number; x: number; y: number } {
    const xy = this.xy;
    const a = this.first[r], b = this.first[r + 1];
    if (b - a === 1) return { fraction: 0, x: xy[2 * a], y: xy[2 * a + 1] };
    let seg = a, bestD = Infinity;
    for (let q = a; q + 1 < b; q++) {
      const d = segDist2(xy[2 * q], xy[2 * q + 1], xy[2 * q + 2], xy[2 * q + 3], px, py, 1, 1);
      if (d < bestD) { bestD = d; seg = q; }
    }
    const ax = xy[2 * seg], ay = xy[2 * seg + 1], bx = xy[2 * seg + 2], by = xy[2 * seg + 3];
    const t = segParam(ax, ay, bx, by, px, py);
    const x = ax + t * (bx - ax), y = ay + t * (by - ay);
    let total = 0, before = 0;
    for (let q = a; q + 1 < b; q++) {
      const len = Math.hypot(xy[2 * q + 2] - xy[2 * q], xy[2 * q + 3] - xy[2 * q + 1]);
      if (q < seg) before += len;
      else if (q === seg) before += t * len;
      total += len;
    }
    return { fraction: total > 0 ? Math.min(1, Math.max(0, before / total)) : 0, x, y };
  }
}

/** Position (0…1) along segment a→b of the point nearest to p, planar. */
function segParam(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return 0;
  const t = ((px - ax) * dx + (py - ay) * dy) / len2;
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

/** Squared distance from p to segment a→b with the axes scaled by (sx, sy). */
function segDist2(ax: number, ay: number, bx: number, by: number, px: number, py: number, sx: number, sy: number): number {
  const ux = (bx - ax) * sx, uy = (by - ay) * sy;
  const vx = (px - ax) * sx, vy = (py - ay) * sy;
  const len2 = ux * ux + uy * uy;
  const t = len2 > 0 ? (vx * ux + vy * uy) / len2 : 0;
  // At an end, measured to the end point itself: two roads that share a vertex then tie exactly
  // (and the tie goes to the lower gid, as in SQL).
  if (t <= 0) return vx * vx + vy * vy;
  if (t >= 1) {
    const wx = (px - bx) * sx, wy = (py - by) * sy;
    return wx * wx + wy * wy;
  }
  const dx = vx - t * ux, dy = vy - t * uy;
  return dx * dx + dy * dy;
}
