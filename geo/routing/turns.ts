/**
 * Edge-based graph with turn costs, after OSRM's car profile (car.lua, v5/v6):
 *   at an intersection (≥ 3 roads) a turn by angle θ (degrees, + = right) costs
 *     θ ≥ 0:  7.5 / (1 + e^-((13 / 1.075)·θ/180 − 6.5·1.075))   (right turns cheaper: right-hand traffic)
 *     θ < 0:  7.5 / (1 + e^-((13 · 1.075)·|θ|/180 − 6.5 / 1.075))
 *   so going straight costs ~0 s, a 90° right turn ~2.1 s, a 90° left ~5.4 s; a U-turn adds 20 s
 *   and is only allowed at dead ends. (OSRM also adds 2 s per traffic signal; osm2pgrouting
 *   does not import node tags, so signals are not modelled.)
 * Nodes are the directed arcs of RoadGraph ("being at the end of arc a"); a turn arc a→b costs
 * turn(a, b) + cost(b). The same ContractionHierarchy then answers tables; route() uses a plain
 * Dijkstra on this graph so route and table always agree.
 */
import { Heap, type ChArcs, type Seed } from './ch';
import type { EdgePosition, PathResult, RoadGraph } from './graph';

const END_EPS = 1e-9;
const TURN_PENALTY_S = 7.5;
const TURN_BIAS = 1.075; // right-hand traffic
const U_TURN_PENALTY_S = 20;

/** OSRM car.lua turn duration for angle θ in degrees (−180..180, + = right). */
export function turnDurationS(angle: number, isUTurn: boolean): number {
  let d =
    angle >= 0
      ? TURN_PENALTY_S / (1 + Math.exp(-((13 / TURN_BIAS) * (angle / 180) - 6.5 * TURN_BIAS)))
      : TURN_PENALTY_S / (1 + Math.exp(-((13 * TURN_BIAS) * (-angle / 180) - 6.5 / TURN_BIAS)));
  if (isUTurn) d += U_TURN_PENALTY_S;
  return d;
}

export class TurnGraph {
  /** Edge-based CSR: node = RoadGraph arc; arcs = allowed turns. */
  private readonly first: Int32Array;
  private readonly head: Int32Array;
  private readonly w: Float64Array;
  private readonly len: Float64Array;
  /** Arcs into each vertex (RoadGraph arc ids), CSR. */
  private readonly inFirst: Int32Array;
  private readonly inArcs: Int32Array;
  private readonly arcTail: Int32Array;
  private readonly roads: Int32Array; // distinct edges per vertex
  private readonly g: RoadGraph;
  // Dijkstra scratch.
  private readonly dist: Float64Array;
  private readonly distM: Float64Array;
  private readonly prev: Int32Array;
  private readonly stamp: Int32Array;
  private readonly settled: Int32Array;
  private readonly heap = new Heap(1024);
  private run = 0;

  constructor(g: RoadGraph) {
    this.g = g;
    const A = g.arcHead.length;
    const nV = g.vertexCount;
    const tail = new Int32Array(A);
    for (let v = 0; v < nV; v++) for (let a = g.firstArc[v]; a < g.firstArc[v + 1]; a++) tail[a] = v;
    this.arcTail = tail;
    // Arcs into each vertex.
    const inCount = new Int32Array(nV + 1);
    for (let a = 0; a < A; a++) inCount[g.arcHead[a] + 1]++;
    for (let v = 0; v < nV; v++) inCount[v + 1] += inCount[v];
    const inArcs = new Int32Array(A);
    const fill = inCount.slice(0, nV);
    for (let a = 0; a < A; a++) inArcs[fill[g.arcHead[a]]++] = a;
    this.inFirst = inCount;
    this.inArcs = inArcs;
    // Distinct roads (edges) at each vertex.
    const roads = new Int32Array(nV);
    const seen = new Map<number, number>();
    for (let v = 0; v < nV; v++) {
      seen.clear();
      for (let a = g.firstArc[v]; a < g.firstArc[v + 1]; a++) seen.set(g.arcEdge[a], 1);
      for (let i = inCount[v]; i < inCount[v + 1]; i++) seen.set(g.arcEdge[inArcs[i]], 1);
      roads[v] = seen.size;
    }
    this.roads = roads;
    // Turn arcs.
    const first = new Int32Array(A + 1);
    const head: number[] = [];
    const w: number[] = [];
    const len: number[] = [];
    for (let a = 0; a < A; a++) {
      const v = g.arcHead[a];
      for (let b = g.firstArc[v]; b < g.firstArc[v + 1]; b++) {
        const t = this.turn(a, b);
        if (t === null) continue;
        head.push(b);
        w.push(t + g.arcCost[b]);
        len.push(g.arcLen[b]);
      }
      first[a + 1] = head.length;
    }
    this.first = first;
    this.head = Int32Array.from(head);
    this.w = Float64Array.from(w);
    this.len = Float64Array.from(len);
    this.dist = new Float64Array(A);
    this.distM = new Float64Array(A);
    this.prev = new Int32Array(A);
    this.stamp = new Int32Array(A);
    this.settled = new Int32Array(A);
  }

  /** Bearing leaving the tail of arc a / arriving at its head (degrees), NaN if unknown. */
  private outBearing(a: number): number {
    const e = this.g.arcEdge[a];
    return this.g.arcDir[a] === 1 ? this.g.eStartBrg[e] : this.g.eEndBrg[e] + 180;
  }
  private inBearing(a: number): number {
    const e = this.g.arcEdge[a];
    return this.g.arcDir[a] === 1 ? this.g.eEndBrg[e] : this.g.eStartBrg[e] + 180;
  }

  /** Cost of turning from arc a into arc b at their shared vertex; null = not allowed. */
  turn(a: number, b: number): number | null {
    const g = this.g;
    const v = g.arcHead[a];
    const uTurn = g.arcEdge[a] === g.arcEdge[b];
    if (uTurn && g.firstArc[v + 1] - g.firstArc[v] > 1) return null; // U-turns only at dead ends
    if (!uTurn && this.roads[v] <= 2) return 0; // a bend, not an intersection
    let angle = this.outBearing(b) - this.inBearing(a);
    if (!Number.isFinite(angle)) angle = 0;
    angle = ((((angle + 180) % 360) + 360) % 360) - 180;
    return turnDurationS(angle, uTurn);
  }

  get nodeCount(): number {
    return this.g.arcHead.length;
  }

  hasEdge(gid: number): boolean {
    return this.g.hasEdge(gid);
  }
  edgeCost(gid: number, dir: 1 | -1): number {
    return this.g.edgeCost(gid, dir);
  }
  direct(from: EdgePosition, to: EdgePosition): [number, number] | null {
    return this.g.direct(from, to);
  }

  arcs(): ChArcs {
    const m = this.head.length;
    const from = new Int32Array(m);
    for (let a = 0; a < this.nodeCount; a++) for (let i = this.first[a]; i < this.first[a + 1]; i++) from[i] = a;
    return { n: this.nodeCount, from, to: this.head, w: this.w, len: this.len };
  }

  /** Forward / reverse arc ids of an edge (−1 when that direction is not allowed). */
  private edgeArcs(gid: number): [number, number] {
    const g = this.g;
    const e = g.edgeIndex.get(gid);
    if (e === undefined) throw new Error(`edge ${gid} not in graph`);
    let fwd = -1;
    let rev = -1;
    const u = g.eSrc[e];
    const v = g.eTgt[e];
    for (let a = g.firstArc[u]; a < g.firstArc[u + 1]; a++) if (g.arcEdge[a] === e && g.arcDir[a] === 1) fwd = a;
    for (let a = g.firstArc[v]; a < g.firstArc[v + 1]; a++) if (g.arcEdge[a] === e && g.arcDir[a] === -1) rev = a;
    return [fwd, rev];
  }

  /**
   * Seeds. Forward (leaving a point): the arcs of its own edge, partly driven. Backward (arriving):
   * every arc into the edge's end vertex, with the turn into the edge and the part of it driven.
   * Seeds carry a tag: the arc of the start/end edge used (for path reconstruction).
   */
  seeds(p: EdgePosition, forward: boolean): Seed[] {
    return this.taggedSeeds(p, forward).map(([v, d, m]) => [v, d, m] as Seed);
  }

  private taggedSeeds(p: EdgePosition, forward: boolean): [node: number, d: number, m: number, via: 'source' | 'target' | 'at'][] {
    const g = this.g;
    const e = g.edgeIndex.get(p.gid)!;
    const f = p.fraction;
    const [fwd, rev] = this.edgeArcs(p.gid);
    const c = g.eCost[e];
    const rc = g.eRev[e];
    const L = g.eLen[e];
    const u = g.eSrc[e];
    const v = g.eTgt[e];
    const out: [number, number, number, 'source' | 'target' | 'at'][] = [];
    if (forward) {
      if (fwd >= 0) out.push([fwd, (1 - f) * c, (1 - f) * L, 'target']);
      if (rev >= 0) out.push([rev, f * rc, f * L, 'source']);
      // Standing exactly on a vertex: any road out of it, no turn cost.
      const at = f <= END_EPS ? u : f >= 1 - END_EPS ? v : -1;
      if (at >= 0) for (let b = g.firstArc[at]; b < g.firstArc[at + 1]; b++) out.push([b, g.arcCost[b], g.arcLen[b], 'at']);
    } else {
      if (fwd >= 0) {
        for (let i = this.inFirst[u]; i < this.inFirst[u + 1]; i++) {
          const x = this.inArcs[i];
          const t = this.turn(x, fwd);
          if (t !== null) out.push([x, t + f * c, f * L, 'source']);
        }
      }
      if (rev >= 0) {
        for (let i = this.inFirst[v]; i < this.inFirst[v + 1]; i++) {
          const x = this.inArcs[i];
          const t = this.turn(x, rev);
          if (t !== null) out.push([x, t + (1 - f) * rc, (1 - f) * L, 'target']);
        }
      }
      const at = f <= END_EPS ? u : f >= 1 - END_EPS ? v : -1;
      if (at >= 0) for (let i = this.inFirst[at]; i < this.inFirst[at + 1]; i++) out.push([this.inArcs[i], 0, 0, 'at']);
    }
    return out;
  }

  /** Dijkstra from seeds until every node in `needed` is settled. */
  private search(seeds: [number, number, number, unknown][], needed: Set<number>): void {
    const run = ++this.run;
    const { dist, distM, prev, stamp, settled, heap } = this;
    heap.size = 0;
    for (const [x, d, m] of seeds) {
      if (stamp[x] !== run || d < dist[x]) {
        stamp[x] = run;
        dist[x] = d;
        distM[x] = m;
        prev[x] = -1;
        heap.push(d, x);
      }
    }
    let remaining = needed.size;
    while (heap.size) {
      const d = heap.k[0];
      const u = heap.v[0];
      heap.pop();
      if (d > dist[u] || settled[u] === run) continue;
      settled[u] = run;
      if (needed.has(u) && --remaining === 0) return;
      for (let i = this.first[u]; i < this.first[u + 1]; i++) {
        const x = this.head[i];
        const nd = d + this.w[i];
        if (stamp[x] !== run || nd < dist[x]) {
          stamp[x] = run;
          dist[x] = nd;
          distM[x] = distM[u] + this.len[i];
          prev[x] = u;
          heap.push(nd, x);
        }
      }
    }
  }

  /** Best arrival after search(): [duration, distance, target seed]. */
  private arrive(targetSeeds: [number, number, number, 'source' | 'target' | 'at'][]): [number, number, number] | null {
    let best: [number, number, number] | null = null;
    targetSeeds.forEach(([x, d, m], k) => {
      if (this.stamp[x] !== this.run) return;
      const c = this.dist[x] + d;
      if (!best || c < best[0]) best = [c, this.distM[x] + m, k];
    });
    return best;
  }

  /** Plain-Dijkstra table (used until the hierarchy is ready). */
  matrix(sources: (EdgePosition | null)[], destinations: (EdgePosition | null)[]): { durations: (number | null)[][]; distances: (number | null)[][] } {
    const tseeds = destinations.map((d) => (d ? this.taggedSeeds(d, false) : null));
    const needed = new Set<number>();
    tseeds.forEach((ts) => ts?.forEach(([x]) => needed.add(x)));
    const durations: (number | null)[][] = [];
    const distances: (number | null)[][] = [];
    for (const s of sources) {
      const rowD: (number | null)[] = destinations.map(() => null);
      const rowM: (number | null)[] = destinations.map(() => null);
      if (s) {
        this.search(this.taggedSeeds(s, true), needed);
        destinations.forEach((d, j) => {
          if (!d) return;
          const a = this.arrive(tseeds[j]!);
          const direct = this.direct(s, d);
          if (direct && (!a || direct[0] <= a[0])) {
            rowD[j] = direct[0];
            rowM[j] = direct[1];
          } else if (a) {
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

  /** Fastest path with turn costs; same shape as RoadGraph.path. */
  path(from: EdgePosition, to: EdgePosition): PathResult | null {
    const g = this.g;
    const ts = this.taggedSeeds(to, false);
    const fs = this.taggedSeeds(from, true);
    this.search(fs, new Set(ts.map(([x]) => x)));
    const a = this.arrive(ts);
    const direct = this.direct(from, to);
    if (direct && (!a || direct[0] <= a[0])) return { durationS: direct[0], distanceM: direct[1], edges: [], leaveStartAt: null, enterEndAt: null };
    if (!a) return null;
    const nodes: number[] = [];
    for (let x = ts[a[2]][0]; x >= 0; x = this.prev[x]) nodes.push(x);
    nodes.reverse();
    const startE = g.edgeIndex.get(from.gid)!;
    // The first node is an arc of the start edge (partly driven) unless we started on a vertex.
    let leaveStartAt: 'source' | 'target';
    let i0 = 0;
    if (g.arcEdge[nodes[0]] === startE && this.startedPartly(fs, nodes[0])) {
      leaveStartAt = g.arcDir[nodes[0]] === 1 ? 'target' : 'source';
      i0 = 1;
    } else {
      leaveStartAt = this.arcTail[nodes[0]] === g.eSrc[startE] ? 'source' : 'target';
    }
    const edges = nodes.slice(i0).map((x) => ({ gid: g.eGid[g.arcEdge[x]], dir: g.arcDir[x] as 1 | -1 }));
    const via = ts[a[2]][3];
    const endE = g.edgeIndex.get(to.gid)!;
    const enterEndAt: 'source' | 'target' = via === 'at' ? (g.arcHead[ts[a[2]][0]] === g.eSrc[endE] ? 'source' : 'target') : via;
    return { durationS: a[0], distanceM: a[1], edges, leaveStartAt, enterEndAt };
  }

  /** Whether node x was seeded as the partly driven start arc (not as a full arc from a vertex). */
  private startedPartly(fs: [number, number, number, string][], x: number): boolean {
    let best: [number, string] | null = null;
    for (const [n, d, , tag] of fs) if (n === x && (!best || d < best[0])) best = [d, tag];
    return best !== null && best[1] !== 'at' && Math.abs(this.prevSeedDist(x) - best[0]) < 1e-9;
  }
  private prevSeedDist(x: number): number {
    return this.dist[x];
  }
}
