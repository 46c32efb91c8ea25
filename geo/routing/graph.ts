/**
 * In-memory road graph and Dijkstra, used by the pgRouting engine for `table` and `route`
 * until the contraction hierarchy (ch.ts) is built, which then answers both.
 *
 * Tables are not computed in SQL with pgr_dijkstraCostMatrix because it gives durations only and
 * rebuilds the edge list inside PostgreSQL on every call, whereas a graph loaded once gives
 * durations and distances in one pass (figures: geo/README.md, "Routing choices").
 * Start/end points lie inside edges (virtual nodes with interpolated cost, like pgr_withPoints).
 * The graph is a read-only per-process cache keyed by geo_net.network_meta.version, so several
 * API/worker processes each hold their own; nothing is shared. Memory ≈ 60 bytes per edge.
 */
import type { ChArcs, ContractionHierarchy, Seed } from './ch';

/** Fractions this close to 0 or 1 count as standing on the vertex (1e-9 of an edge ≪ 1 mm). */
const END_EPS = 1e-9;

/** One row of geo_net.ways as needed for routing. cost < 0 = direction not allowed. */
export interface EdgeRow {
  gid: number;
  source: number;
  target: number;
  costS: number;
  reverseCostS: number;
  lengthM: number;
  /** Bearing of the first segment (degrees from north), for turn costs. */
  startBearing?: number | null;
  /** Bearing of the last segment (degrees from north). */
  endBearing?: number | null;
}

/** A point on an edge, at `fraction` (0 = source end, 1 = target end). */
export interface EdgePosition {
  gid: number;
  fraction: number;
}

export interface PathResult {
  durationS: number;
  distanceM: number;
  /** Traversed full edges in order: gid and direction (+1 source→target, −1 target→source). */
  edges: { gid: number; dir: 1 | -1 }[];
  /** End of the start edge the path leaves through (null: start and end on the same edge, no vertex passed). */
  leaveStartAt: 'source' | 'target' | null;
  /** End of the destination edge the path enters through (null as above). */
  enterEndAt: 'source' | 'target' | null;
}

export class RoadGraph {
  readonly vertexCount: number;
  private readonly vIndex = new Map<number, number>();
  // CSR adjacency of directed arcs.
  /** @internal (turns.ts) */ readonly firstArc: Int32Array;
  /** @internal (turns.ts) */ readonly arcHead: Int32Array;
  /** @internal (turns.ts) */ readonly arcCost: Float64Array;
  /** @internal (turns.ts) */ readonly arcLen: Float64Array;
  /** @internal (turns.ts) */ readonly arcEdge: Int32Array; // index into edge arrays
  /** @internal (turns.ts) */ readonly arcDir: Int8Array;
  // Edge arrays (by edge index).
  /** @internal (turns.ts) */ readonly eGid: Float64Array;
  /** @internal (turns.ts) */ readonly eSrc: Int32Array;
  /** @internal (turns.ts) */ readonly eTgt: Int32Array;
  /** @internal (turns.ts) */ readonly eCost: Float64Array;
  /** @internal (turns.ts) */ readonly eRev: Float64Array;
  /** @internal (turns.ts) */ readonly eLen: Float64Array;
  /** @internal (turns.ts) */ readonly edgeIndex = new Map<number, number>();
  /** Compass bearing (°, clockwise from north) leaving the source / arriving at the target; NaN unknown. */
  readonly eStartBrg: Float64Array;
  readonly eEndBrg: Float64Array;
  // Dijkstra scratch, reused between runs (stamp avoids clearing arrays).
  private readonly dist: Float64Array;
  private readonly distM: Float64Array;
  private readonly prevArc: Int32Array;
  private readonly stamp: Int32Array;
  private readonly done: Int32Array;
  private readonly needStamp: Int32Array;
  private run = 0;
  private heapKey: Float64Array;
  private heapVal: Int32Array;

  constructor(rows: EdgeRow[]) {
    const m = rows.length;
    this.eGid = new Float64Array(m);
    this.eSrc = new Int32Array(m);
    this.eTgt = new Int32Array(m);
    this.eCost = new Float64Array(m);
    this.eRev = new Float64Array(m);
    this.eLen = new Float64Array(m);
    this.eStartBrg = new Float64Array(m);
    this.eEndBrg = new Float64Array(m);
    const idx = (id: number) => {
      let k = this.vIndex.get(id);
      if (k === undefined) {
        k = this.vIndex.size;
        this.vIndex.set(id, k);
      }
      return k;
    };
    let arcs = 0;
    rows.forEach((r, e) => {
      this.eGid[e] = r.gid;
      this.eSrc[e] = idx(r.source);
      this.eTgt[e] = idx(r.target);
      this.eCost[e] = r.costS;
      this.eRev[e] = r.reverseCostS;
      this.eLen[e] = r.lengthM;
      this.eStartBrg[e] = r.startBearing ?? NaN;
      this.eEndBrg[e] = r.endBearing ?? NaN;
      this.edgeIndex.set(r.gid, e);
      if (r.costS >= 0) arcs++;
      if (r.reverseCostS >= 0) arcs++;
    });
    const n = this.vIndex.size;
    this.vertexCount = n;
    this.firstArc = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      if (this.eCost[e] >= 0) this.firstArc[this.eSrc[e] + 1]++;
      if (this.eRev[e] >= 0) this.firstArc[this.eTgt[e] + 1]++;
    }
    for (let v = 0; v < n; v++) this.firstArc[v + 1] += this.firstArc[v];
    const fill = this.firstArc.slice(0, n);
    this.arcHead = new Int32Array(arcs);
    this.arcCost = new Float64Array(arcs);
    this.arcLen = new Float64Array(arcs);
    this.arcEdge = new Int32Array(arcs);
    this.arcDir = new Int8Array(arcs);
    for (let e = 0; e < m; e++) {
      if (this.eCost[e] >= 0) {
        const a = fill[this.eSrc[e]]++;
        this.arcHead[a] = this.eTgt[e];
        this.arcCost[a] = this.eCost[e];
        this.arcLen[a] = this.eLen[e];
        this.arcEdge[a] = e;
        this.arcDir[a] = 1;
      }
      if (this.eRev[e] >= 0) {
        const a = fill[this.eTgt[e]]++;
        this.arcHead[a] = this.eSrc[e];
        this.arcCost[a] = this.eRev[e];
        this.arcLen[a] = this.eLen[e];
        this.arcEdge[a] = e;
        this.arcDir[a] = -1;
      }
    }
    this.dist = new Float64Array(n);
    this.distM = new Float64Array(n);
    this.prevArc = new Int32Array(n);
    this.stamp = new Int32Array(n);
    this.done = new Int32Array(n);
    this.needStamp = new Int32Array(n);
    this.heapKey = new Float64Array(arcs + 16);
    this.heapVal = new Int32Array(arcs + 16);
  }

  get edgeCount(): number {
    return this.eGid.length;
  }

  hasEdge(gid: number): boolean {
    return this.edgeIndex.has(gid);
  }

  /**
   * Single-source Dijkstra from a point on an edge; stops once every vertex in `needed`
   * is settled (or the reachable graph is exhausted). Leaves dist/distM/prevArc in scratch.
   */
  private search(from: EdgePosition, needed: Int32Array): void {
    const e = this.edgeIndex.get(from.gid);
    if (e === undefined) throw new Error(`edge ${from.gid} not in graph`);
    const run = ++this.run;
    const { dist, distM, prevArc, stamp, done, heapKey, heapVal } = this;
    let size = 0;
    const push = (k: number, v: number) => {
      let i = size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heapKey[p] <= k) break;
        heapKey[i] = heapKey[p];
        heapVal[i] = heapVal[p];
        i = p;
      }
      heapKey[i] = k;
      heapVal[i] = v;
    };
    const relax = (v: number, d: number, dm: number, arc: number) => {
      if (stamp[v] !== run || d < dist[v]) {
        if (stamp[v] !== run) done[v] = 0;
        stamp[v] = run;
        dist[v] = d;
        distM[v] = dm;
        prevArc[v] = arc;
        push(d, v);
      }
    };
    const f = from.fraction;
    if (this.eCost[e] >= 0) relax(this.eTgt[e], (1 - f) * this.eCost[e], (1 - f) * this.eLen[e], -1);
    if (this.eRev[e] >= 0) relax(this.eSrc[e], f * this.eRev[e], f * this.eLen[e], -1);
    // A point exactly at an end IS that vertex, whatever the edge's one-way rule.
    if (f <= END_EPS) relax(this.eSrc[e], 0, 0, -1);
    if (f >= 1 - END_EPS) relax(this.eTgt[e], 0, 0, -1);
    // Needed vertices still unsettled; needStamp[v] === run marks "needed" (duplicates counted once).
    const needStamp = this.needStamp;
    let remaining = 0;
    for (let i = 0; i < needed.length; i++) {
      if (needStamp[needed[i]] !== run) {
        needStamp[needed[i]] = run;
        remaining++;
      }
    }
    while (size > 0) {
      const u = heapVal[0];
      const du = heapKey[0];
      // pop
      const lk = heapKey[--size];
      const lv = heapVal[size];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && heapKey[c + 1] < heapKey[c]) c++;
        if (heapKey[c] >= lk) break;
        heapKey[i] = heapKey[c];
        heapVal[i] = heapVal[c];
        i = c;
      }
      heapKey[i] = lk;
      heapVal[i] = lv;
      if (done[u] === 1 || du > dist[u]) continue;
      done[u] = 1;
      if (needStamp[u] === run && --remaining === 0) return;
      for (let a = this.firstArc[u], end = this.firstArc[u + 1]; a < end; a++) {
        relax(this.arcHead[a], du + this.arcCost[a], distM[u] + this.arcLen[a], a);
      }
    }
  }

  private endpoints(points: EdgePosition[]): Int32Array {
    const out = new Int32Array(points.length * 2);
    points.forEach((p, i) => {
      const e = this.edgeIndex.get(p.gid);
      if (e === undefined) throw new Error(`edge ${p.gid} not in graph`);
      out[2 * i] = this.eSrc[e];
      out[2 * i + 1] = this.eTgt[e];
    });
    return out;
  }

  /** Best cost to reach `to` after search(); returns [durationS, distanceM, via] or null. via: 0 direct on edge, 1 via source vertex, 2 via target vertex. */
  private arrival(from: EdgePosition, to: EdgePosition): [number, number, 0 | 1 | 2] | null {
    const e = this.edgeIndex.get(to.gid)!;
    let best: [number, number, 0 | 1 | 2] | null = null;
    const u = this.eSrc[e];
    const v = this.eTgt[e];
    const ft = to.fraction;
    if (this.eCost[e] >= 0 && this.stamp[u] === this.run && this.done[u] === 1) {
      best = [this.dist[u] + ft * this.eCost[e], this.distM[u] + ft * this.eLen[e], 1];
    }
    if (this.eRev[e] >= 0 && this.stamp[v] === this.run && this.done[v] === 1) {
      const d = this.dist[v] + (1 - ft) * this.eRev[e];
      if (!best || d < best[0]) best = [d, this.distM[v] + (1 - ft) * this.eLen[e], 2];
    }
    // A destination exactly at an end is reached when that vertex is.
    if (ft <= END_EPS && this.stamp[u] === this.run && this.done[u] === 1 && (!best || this.dist[u] < best[0])) best = [this.dist[u], this.distM[u], 1];
    if (ft >= 1 - END_EPS && this.stamp[v] === this.run && this.done[v] === 1 && (!best || this.dist[v] < best[0])) best = [this.dist[v], this.distM[v], 2];
    if (from.gid === to.gid) {
      const fs = from.fraction;
      if (ft >= fs && this.eCost[e] >= 0) {
        const d = (ft - fs) * this.eCost[e];
        if (!best || d <= best[0]) best = [d, (ft - fs) * this.eLen[e], 0];
      } else if (ft <= fs && this.eRev[e] >= 0) {
        const d = (fs - ft) * this.eRev[e];
        if (!best || d <= best[0]) best = [d, (fs - ft) * this.eLen[e], 0];
      }
    }
    return best;
  }

  /**
   * Many-to-many: durations (s) and distances (m) along the fastest path; null = unreachable.
   * One Dijkstra per source, stopping when all destinations' edge endpoints are settled.
   */
  matrix(sources: (EdgePosition | null)[], destinations: (EdgePosition | null)[]): { durations: (number | null)[][]; distances: (number | null)[][] } {
    const dests = destinations.filter((d): d is EdgePosition => d !== null);
    const needed = this.endpoints(dests);
    const durations: (number | null)[][] = [];
    const distances: (number | null)[][] = [];
    for (const s of sources) {
      const rowD: (number | null)[] = new Array(destinations.length).fill(null);
      const rowM: (number | null)[] = new Array(destinations.length).fill(null);
      if (s) {
        this.search(s, needed);
        destinations.forEach((d, j) => {
          if (!d) return;
          const a = this.arrival(s, d);
          if (a) {
            rowD[j] = a[0];
            rowM[j] = a[1];
          }
        });
      }
      durations.push(rowD);
      distances.push(rowM);
    }
    return { durations, distances };
  }

  /** Fastest path between two edge positions, with the full edges traversed in between; null if unreachable. */
  path(from: EdgePosition, to: EdgePosition): PathResult | null {
    this.search(from, this.endpoints([to]));
    const a = this.arrival(from, to);
    if (!a) return null;
    if (a[2] === 0) return { durationS: a[0], distanceM: a[1], edges: [], leaveStartAt: null, enterEndAt: null };
    const edges: { gid: number; dir: 1 | -1 }[] = [];
    const eTo = this.edgeIndex.get(to.gid)!;
    const eFrom = this.edgeIndex.get(from.gid)!;
    let v = a[2] === 1 ? this.eSrc[eTo] : this.eTgt[eTo];
    for (let guard = 0; guard <= this.vertexCount; guard++) {
      const arc = this.prevArc[v];
      if (arc < 0) break;
      const ei = this.arcEdge[arc];
      edges.push({ gid: this.eGid[ei], dir: this.arcDir[arc] as 1 | -1 });
      v = this.arcDir[arc] === 1 ? this.eSrc[ei] : this.eTgt[ei];
    }
    edges.reverse();
    // v is now the vertex through which we left the start edge.
    const leaveStartAt = v === this.eTgt[eFrom] ? 'target' : 'source';
    return { durationS: a[0], distanceM: a[1], edges, leaveStartAt, enterEndAt: a[2] === 1 ? 'source' : 'target' };
  }

  /** All directed arcs (dense vertex indices), for building a contraction hierarchy. */
  arcs(): ChArcs {
    const m = this.arcHead.length;
    const from = new Int32Array(m);
    for (let v = 0; v < this.vertexCount; v++) for (let a = this.firstArc[v]; a < this.firstArc[v + 1]; a++) from[a] = v;
    return { n: this.vertexCount, from, to: this.arcHead, w: this.arcCost, len: this.arcLen };
  }

  /**
   * Search seeds of a point on an edge: forward (leaving the point) or backward (arriving at it),
   * each [vertex, duration, distance] — the same virtual-node rules as search()/arrival().
   */
  seeds(p: EdgePosition, forward: boolean): Seed[] {
    const e = this.edgeIndex.get(p.gid);
    if (e === undefined) throw new Error(`edge ${p.gid} not in graph`);
    const f = p.fraction;
    const u = this.eSrc[e];
    const v = this.eTgt[e];
    const c = this.eCost[e];
    const rc = this.eRev[e];
    const len = this.eLen[e];
    const out: Seed[] = [];
    if (forward) {
      if (c >= 0) out.push([v, (1 - f) * c, (1 - f) * len]);
      if (rc >= 0) out.push([u, f * rc, f * len]);
    } else {
      if (c >= 0) out.push([u, f * c, f * len]);
      if (rc >= 0) out.push([v, (1 - f) * rc, (1 - f) * len]);
    }
    if (f <= END_EPS) out.push([u, 0, 0]);
    if (f >= 1 - END_EPS) out.push([v, 0, 0]);
    return out;
  }

  /** Direct trip along one shared edge (no vertex passed), or null. */
  direct(from: EdgePosition, to: EdgePosition): [number, number] | null {
    if (from.gid !== to.gid) return null;
    const e = this.edgeIndex.get(from.gid)!;
    const fs = from.fraction;
    const ft = to.fraction;
    if (ft >= fs && this.eCost[e] >= 0) return [(ft - fs) * this.eCost[e], (ft - fs) * this.eLen[e]];
    if (ft <= fs && this.eRev[e] >= 0) return [(fs - ft) * this.eRev[e], (fs - ft) * this.eLen[e]];
    return null;
  }

  /** Same as path() but on a contraction hierarchy built from arcs() (milliseconds on large graphs). */
  pathVia(ch: ContractionHierarchy, from: EdgePosition, to: EdgePosition): PathResult | null {
    const r = ch.path(this.seeds(from, true), this.seeds(to, false));
    const direct = this.direct(from, to);
    if (direct && (!r || direct[0] <= r.durationS)) return { durationS: direct[0], distanceM: direct[1], edges: [], leaveStartAt: null, enterEndAt: null };
    if (!r) return null;
    const eFrom = this.edgeIndex.get(from.gid)!;
    const eTo = this.edgeIndex.get(to.gid)!;
    return {
      durationS: r.durationS,
      distanceM: r.distanceM,
      edges: r.arcs.map((a) => ({ gid: this.eGid[this.arcEdge[a]], dir: this.arcDir[a] as 1 | -1 })),
      leaveStartAt: r.startVertex === this.eTgt[eFrom] ? 'target' : 'source',
      enterEndAt: r.endVertex === this.eSrc[eTo] ? 'source' : 'target',
    };
  }

  /** Seconds to drive a whole edge in a direction (+1 source→target, −1 against); negative = not allowed. */
  edgeCost(gid: number, dir: 1 | -1): number {
    const e = this.edgeIndex.get(gid)!;
    return dir === 1 ? this.eCost[e] : this.eRev[e];
  }

  /** Source/target vertex ids (dense indices) of an edge, for tests. */
  edgeEnds(gid: number): [number, number] {
    const e = this.edgeIndex.get(gid)!;
    return [this.eSrc[e], this.eTgt[e]];
  }
}
