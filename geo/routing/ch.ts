/**
 * Contraction hierarchies (Geisberger et al. 2008) for many-to-many tables, the technique
 * behind OSRM's CH pipeline. Built once per network version from RoadGraph's arcs:
 *
 * - contraction order: lazy priority = 2·edge difference + contracted neighbours + level;
 * - witness searches bounded by a settled-node limit (60 when estimating priorities, 1000 when
 *   contracting; a missed witness only adds a redundant shortcut, results stay exact);
 * - stall-on-demand in the queries;
 * - table: bucket many-to-many (Knopp et al. 2007): one backward upward search per target
 *   fills buckets, one forward upward search per source scans them. Each search touches only a
 *   few hundred nodes, instead of a plain Dijkstra's whole city.
 *
 * Shortcuts carry duration (the weight) and the distance of the same path, so one query yields
 * both matrices. Each shortcut remembers its two halves, so point-to-point paths (route()) are
 * unpacked back into road edges.
 */

type ChContractionScratch = { dist: Float64Array; distM: Float64Array; parent: Int32Array; stamp: Int32Array };

/** Arc input: from/to are dense vertex indices. */
export interface ChArcs {
  n: number;
  from: Int32Array;
  to: Int32Array;
  w: Float64Array;
  len: Float64Array;
}

/** A search start: vertex with initial duration and distance. */
export type Seed = [vertex: number, durationS: number, distanceM: number];

/** Binary min-heap of (key, int) in typed arrays; grows on demand. */
export class Heap {
  k: Float64Array;
  v: Int32Array;
  size = 0;
  constructor(cap: number) {
    this.k = new Float64Array(cap);
    this.v = new Int32Array(cap);
  }
  push(key: number, val: number): void {
    if (this.size === this.k.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.k);
      const v = new Int32Array(this.size * 2);
      v.set(this.v);
      this.k = k;
      this.v = v;
    }
    const { k, v } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p] <= key) break;
      k[i] = k[p];
      v[i] = v[p];
      i = p;
    }
    k[i] = key;
    v[i] = val;
  }
  /** Removes the min; read topKey/topVal before calling. */
  pop(): void {
    const { k, v } = this;
    const lk = k[--this.size];
    const lv = v[this.size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && k[c + 1] < k[c]) c++;
      if (k[c] >= lk) break;
      k[i] = k[c];
      v[i] = v[c];
      i = c;
    }
    k[i] = lk;
    v[i] = lv;
  }
}

export interface ChBuildOptions {
  /** Settled-node limit of witness searches when estimating priorities. Default 60. */
  witnessLimit?: number;
  /** Settled-node limit of witness searches when actually contracting. Default 1000. */
  contractLimit?: number;
}

/** The built hierarchy: two upward graphs in CSR form. */
interface ChParts {
  n: number;
  shortcuts: number;
  fFirst: Int32Array;
  fHead: Int32Array;
  fW: Float64Array;
  fLen: Float64Array;
  bFirst: Int32Array;
  bHead: Int32Array;
  bW: Float64Array;
  bLen: Float64Array;
  /** Global arc id of each upward slot, and per global arc: ends, original index or halves. */
  fArc: Int32Array;
  bArc: Int32Array;
  gFrom: Int32Array;
  gTo: Int32Array;
  gOrig: Int32Array;
  gLeft: Int32Array;
  gRight: Int32Array;
}

/** Contraction as a generator that yields every few hundred nodes, so build() can share the event loop. */
function* contractGraph(arcs: ChArcs, opts: ChBuildOptions): Generator<void, ChParts> {
    const n = arcs.n;
    const simLimit = opts.witnessLimit ?? 60;
    // Real contractions search harder than priority estimates: a missed witness adds a
    // shortcut for good, and superfluous shortcuts snowball on edge-based (turn) graphs.
    const realLimit = opts.contractLimit ?? 1000;
    let limit = simLimit;
    // Dynamic graph: per node lists of arc ids (out and in). Arc arrays grow as shortcuts are added.
    let aFrom: number[] = [];
    let aTo: number[] = [];
    let aW: number[] = [];
    let aLen: number[] = [];
    // For unpacking paths: original arc index (input order) or, for shortcuts, the two halves.
    let aOrig: number[] = [];
    let aLeft: number[] = [];
    let aRight: number[] = [];
    const out: number[][] = Array.from({ length: n }, () => []);
    const inn: number[][] = Array.from({ length: n }, () => []);
    // Deduplicate parallel arcs (keep the fastest) and drop self-loops.
    const key = new Map<number, number>();
    for (let i = 0; i < arcs.from.length; i++) {
      const u = arcs.from[i];
      const v = arcs.to[i];
      if (u === v) continue;
      const kk = u * n + v;
      const e = key.get(kk);
      if (e !== undefined) {
        if (arcs.w[i] < aW[e]) {
          aW[e] = arcs.w[i];
          aLen[e] = arcs.len[i];
          aOrig[e] = i;
        }
        continue;
      }
      const id = aFrom.length;
      key.set(kk, id);
      aFrom.push(u);
      aTo.push(v);
      aW.push(arcs.w[i]);
      aLen.push(arcs.len[i]);
      aOrig.push(i);
      aLeft.push(-1);
      aRight.push(-1);
      out[u].push(id);
      inn[v].push(id);
    }
    key.clear();
    const originalArcs = aFrom.length;
    const contracted = new Uint8Array(n);
    const rank = new Int32Array(n);
    const nbContracted = new Int32Array(n);

    // Witness search scratch.
    const wDist = new Float64Array(n);
    const wStamp = new Int32Array(n);
    let wRun = 0;
    const wHeap = new Heap(1024);
    /** Bounded Dijkstra from s avoiding `skip`; afterwards wDist/wStamp hold tentative distances. */
    const witness = (s: number, skip: number, maxCost: number) => {
      wRun++;
      wHeap.size = 0;
      wDist[s] = 0;
      wStamp[s] = wRun;
      wHeap.push(0, s);
      let settled = 0;
      while (wHeap.size) {
        const d = wHeap.k[0];
        const u = wHeap.v[0];
        wHeap.pop();
        if (d > wDist[u]) continue;
        if (d > maxCost || ++settled > limit) break;
        const lst = out[u];
        for (let i = 0; i < lst.length; i++) {
          const a = lst[i];
          const x = aTo[a];
          if (x === skip || contracted[x]) continue;
          const nd = d + aW[a];
          if (wStamp[x] !== wRun || nd < wDist[x]) {
            wStamp[x] = wRun;
            wDist[x] = nd;
            wHeap.push(nd, x);
          }
        }
      }
    };
    /** Shortcuts needed to contract v (count only, or added when `apply`). */
    const contract = (v: number, apply: boolean): number => {
      limit = apply ? realLimit : simLimit;
      let added = 0;
      const ins = inn[v].filter((a) => !contracted[aFrom[a]]);
      const outs = out[v].filter((a) => !contracted[aTo[a]]);
      for (const ai of ins) {
        const u = aFrom[ai];
        let maxCost = -1;
        for (const ao of outs) if (aTo[ao] !== u) maxCost = Math.max(maxCost, aW[ai] + aW[ao]);
        if (maxCost < 0) continue; // v's only way on leads back to u
        witness(u, v, maxCost);
        for (const ao of outs) {
          const w = aTo[ao];
          if (w === u) continue;
          const via = aW[ai] + aW[ao];
          if (wStamp[w] === wRun && wDist[w] <= via) continue; // witness found
          added++;
          if (!apply) continue;
          // Update an existing u→w arc if there is one, else add a shortcut.
          let existing = -1;
          for (const a of out[u]) if (aTo[a] === w) existing = a;
          if (existing >= 0) {
            if (via < aW[existing]) {
              aW[existing] = via;
              aLen[existing] = aLen[ai] + aLen[ao];
              aOrig[existing] = -1;
              aLeft[existing] = ai;
              aRight[existing] = ao;
            }
          } else {
            const id = aFrom.length;
            aFrom.push(u);
            aTo.push(w);
            aW.push(via);
            aLen.push(aLen[ai] + aLen[ao]);
            aOrig.push(-1);
            aLeft.push(ai);
            aRight.push(ao);
            out[u].push(id);
            inn[w].push(id);
          }
        }
      }
      return added - ins.length - outs.length;
    };
    const level = new Int32Array(n);
    // Edge difference dominates; contracted neighbours and level spread contraction evenly (Geisberger et al.).
    const priority = (v: number) => 2 * contract(v, false) + nbContracted[v] + level[v];

    const pq = new Heap(n + 16);
    for (let v = 0; v < n; v++) {
      pq.push(priority(v), v);
      if ((v & 1023) === 0) yield;
    }
    let order = 0;
    while (pq.size) {
      const v = pq.v[0];
      pq.pop();
      if (contracted[v]) continue;
      // Lazy update: re-evaluate; if no longer the minimum, put it back.
      const p = priority(v);
      if (pq.size && p > pq.k[0]) {
        pq.push(p, v);
        continue;
      }
      contract(v, true);
      contracted[v] = 1;
      if ((order & 255) === 0) yield;
      rank[v] = order++;
      for (const a of inn[v]) {
        const u = aFrom[a];
        if (contracted[u]) continue;
        nbContracted[u]++;
        level[u] = Math.max(level[u], level[v] + 1);
      }
      for (const a of out[v]) {
        const w = aTo[a];
        if (contracted[w]) continue;
        nbContracted[w]++;
        level[w] = Math.max(level[w], level[v] + 1);
      }
      // Keep neighbours' adjacency short: arcs to/from v are no longer needed for contraction
      // (the upward graphs are built from the arc arrays, not from these lists).
      for (const a of inn[v]) {
        const u = aFrom[a];
        if (!contracted[u]) out[u] = out[u].filter((b) => aTo[b] !== v);
      }
      for (const a of out[v]) {
        const w = aTo[a];
        if (!contracted[w]) inn[w] = inn[w].filter((b) => aFrom[b] !== v);
      }
    }
    const shortcuts = aFrom.length - originalArcs;
    // Upward graphs.
    const m = aFrom.length;
    const fCount = new Int32Array(n + 1);
    const bCount = new Int32Array(n + 1);
    for (let a = 0; a < m; a++) {
      if (rank[aFrom[a]] < rank[aTo[a]]) fCount[aFrom[a] + 1]++;
      else bCount[aTo[a] + 1]++;
    }
    for (let v = 0; v < n; v++) {
      fCount[v + 1] += fCount[v];
      bCount[v + 1] += bCount[v];
    }
    const P: ChParts = {
      n,
      shortcuts,
      fFirst: fCount,
      bFirst: bCount,
      fHead: new Int32Array(fCount[n]),
      fW: new Float64Array(fCount[n]),
      fLen: new Float64Array(fCount[n]),
      bHead: new Int32Array(bCount[n]),
      bW: new Float64Array(bCount[n]),
      bLen: new Float64Array(bCount[n]),
      fArc: new Int32Array(fCount[n]),
      bArc: new Int32Array(bCount[n]),
      gFrom: Int32Array.from(aFrom),
      gTo: Int32Array.from(aTo),
      gOrig: Int32Array.from(aOrig),
      gLeft: Int32Array.from(aLeft),
      gRight: Int32Array.from(aRight),
    };
    const fFill = fCount.slice(0, n);
    const bFill = bCount.slice(0, n);
    for (let a = 0; a < m; a++) {
      const u = aFrom[a];
      const v = aTo[a];
      if (rank[u] < rank[v]) {
        const i = fFill[u]++;
        P.fHead[i] = v;
        P.fW[i] = aW[a];
        P.fLen[i] = aLen[a];
        P.fArc[i] = a;
      } else {
        const i = bFill[v]++;
        P.bHead[i] = u;
        P.bW[i] = aW[a];
        P.bLen[i] = aLen[a];
        P.bArc[i] = a;
      }
    }
    aFrom = aTo = aW = aLen = aOrig = aLeft = aRight = [];
    return P;
}

/**
 * Stall-on-demand: a node reached upward at distance `d` is not worth scanning when a node
 * already seen in this search reaches it cheaper through a downward arc (`sFirst`/`sHead`/`sW`
 * are the opposite direction's arcs).
 */
function stalled(u: number, d: number, sFirst: ArrayLike<number>, sHead: ArrayLike<number>, sW: ArrayLike<number>, stamp: ArrayLike<number>, dist: ArrayLike<number>, run: number): boolean {
  for (let i = sFirst[u], e = sFirst[u + 1]; i < e; i++) {
    const x = sHead[i];
    if (stamp[x] === run && dist[x] + sW[i] < d) return true;
  }
  return false;
}

export class ContractionHierarchy {
  readonly n: number;
  /** Upward forward graph (CSR): arcs u→x with rank[x] > rank[u]. */
  private readonly fFirst: Int32Array;
  private readonly fHead: Int32Array;
  private readonly fW: Float64Array;
  private readonly fLen: Float64Array;
  /** Upward backward graph: for x with rank[x] > rank[u], arc x→u in the original direction. */
  private readonly bFirst: Int32Array;
  private readonly bHead: Int32Array;
  private readonly bW: Float64Array;
  private readonly bLen: Float64Array;
  readonly shortcuts: number;
  // Query scratch.
  private readonly dist: Float64Array;
  private readonly distM: Float64Array;
  private readonly stamp: Int32Array;
  private run = 0;
  private readonly heap: Heap;

  /**
   * Forward search spaces by seed set (see {@link forwardSpace}): tables ask from the same fixed
   * points (facilities) again and again. The hierarchy never changes, so entries never go stale;
   * a new network version is a new hierarchy with an empty cache.
   */
  private readonly spaces = new Map<string, { x: Int32Array; d: Float64Array; m: Float64Array }>();
  private spacesNodes = 0;
  /** manyToMany's bucket list heads, one per node; -1 = empty (see there). */
  private readonly bucketHead: Int32Array;
  /** Bound on the settled nodes kept over all cached spaces (20 bytes each: ~20 MB). */
  private static readonly SPACES_MAX_NODES = 1_000_000;

  private readonly p: ChParts;
  private readonly pathScratch: { dist: Float64Array; distM: Float64Array; parent: Int32Array; stamp: Int32Array }[];

  private constructor(p: ChParts) {
    this.p = p;
    this.pathScratch = [0, 1].map(() => ({ dist: new Float64Array(p.n), distM: new Float64Array(p.n), parent: new Int32Array(p.n), stamp: new Int32Array(p.n) }));
    this.n = p.n;
    this.bucketHead = new Int32Array(p.n).fill(-1);
    this.shortcuts = p.shortcuts;
    this.fFirst = p.fFirst;
    this.fHead = p.fHead;
    this.fW = p.fW;
    this.fLen = p.fLen;
    this.bFirst = p.bFirst;
    this.bHead = p.bHead;
    this.bW = p.bW;
    this.bLen = p.bLen;
    this.dist = new Float64Array(p.n);
    this.distM = new Float64Array(p.n);
    this.stamp = new Int32Array(p.n);
    this.heap = new Heap(1024);
  }

  /** Builds synchronously (tests, CLIs). */
  static buildSync(arcs: ChArcs, opts: ChBuildOptions = {}): ContractionHierarchy {
    const g = contractGraph(arcs, opts);
    for (;;) {
      const r = g.next();
      if (r.done) return new ContractionHierarchy(r.value);
    }
  }

  /**
   * Builds without blocking the event loop for more than ~one slice: the contraction yields
   * every 256 nodes and continues on setImmediate, so a server keeps answering (with plain
   * Dijkstra) while the hierarchy is built. CPU time is the same as buildSync.
   */
  static async build(arcs: ChArcs, opts: ChBuildOptions & { signal?: AbortSignal } = {}): Promise<ContractionHierarchy> {
    const g = contractGraph(arcs, opts);
    for (;;) {
      // Aborting (engine closed, network replaced) stops the work and lets the process exit.
      if (opts.signal?.aborted) throw new Error('contraction aborted');
      const r = g.next();
      if (r.done) return new ContractionHierarchy(r.value);
      await new Promise<void>((res) => setImmediate(res));
    }
  }

  /** Upward Dijkstra from seeds; calls visit(node, duration, distance) for every settled node. */
  private upward(seeds: Seed[], forward: boolean, visit: (x: number, d: number, m: number) => void): void {
    const first = forward ? this.fFirst : this.bFirst;
    const head = forward ? this.fHead : this.bHead;
    const W = forward ? this.fW : this.bW;
    const L = forward ? this.fLen : this.bLen;
    const { dist, distM, stamp, heap } = this;
    const run = ++this.run;
    heap.size = 0;
    for (const [v, d, m] of seeds) {
      if (stamp[v] !== run || d < dist[v]) {
        stamp[v] = run;
        dist[v] = d;
        distM[v] = m;
        heap.push(d, v);
      }
    }
    // Stall-on-demand: arcs of the OTHER upward graph at u lead to higher-ranked nodes that
    // may already offer a shorter way to u; then u's distance is not final-optimal and neither
    // scanning nor relaxing from it can yield a shortest path.
    const sFirst = forward ? this.bFirst : this.fFirst;
    const sHead = forward ? this.bHead : this.fHead;
    const sW = forward ? this.bW : this.fW;
    while (heap.size) {
      const d = heap.k[0];
      const u = heap.v[0];
      heap.pop();
      if (d > dist[u]) continue;
      if (stalled(u, d, sFirst, sHead, sW, stamp, dist, run)) continue;
      visit(u, d, distM[u]);
      for (let i = first[u], e = first[u + 1]; i < e; i++) {
        const x = head[i];
        const nd = d + W[i];
        if (stamp[x] !== run || nd < dist[x]) {
          stamp[x] = run;
          dist[x] = nd;
          distM[x] = distM[u] + L[i];
          heap.push(nd, x);
        }
      }
    }
  }

  /** Upward search that records parent arcs (global ids); returns the settled nodes. */
  private tree(seeds: Seed[], forward: boolean, sc: ChContractionScratch, run: number): number[] {
    const P = this.p;
    const first = forward ? P.fFirst : P.bFirst;
    const head = forward ? P.fHead : P.bHead;
    const W = forward ? P.fW : P.bW;
    const L = forward ? P.fLen : P.bLen;
    const arcId = forward ? P.fArc : P.bArc;
    const sFirst = forward ? P.bFirst : P.fFirst;
    const sHead = forward ? P.bHead : P.fHead;
    const sW = forward ? P.bW : P.fW;
    const { dist, distM, parent, stamp } = sc;
    const heap = new Heap(256);
    for (const [v, d, m] of seeds) {
      if (stamp[v] !== run || d < dist[v]) {
        stamp[v] = run;
        dist[v] = d;
        distM[v] = m;
        parent[v] = -1;
        heap.push(d, v);
      }
    }
    const settled: number[] = [];
    while (heap.size) {
      const d = heap.k[0];
      const u = heap.v[0];
      heap.pop();
      if (d > dist[u]) continue;
      if (stalled(u, d, sFirst, sHead, sW, stamp, dist, run)) continue;
      settled.push(u);
      for (let i = first[u], e = first[u + 1]; i < e; i++) {
        const x = head[i];
        const nd = d + W[i];
        if (stamp[x] !== run || nd < dist[x]) {
          stamp[x] = run;
          dist[x] = nd;
          distM[x] = distM[u] + L[i];
          parent[x] = arcId[i];
          heap.push(nd, x);
        }
      }
    }
    return settled;
  }

  /** Expands a (shortcut) arc into original arc indices, in driving order. */
  private unpack(a: number, out: number[]): void {
    const P = this.p;
    const stack = [a];
    while (stack.length) {
      const x = stack.pop()!;
      if (P.gOrig[x] >= 0) out.push(P.gOrig[x]);
      else stack.push(P.gRight[x], P.gLeft[x]);
    }
  }

  /**
   * Point-to-point query (bidirectional upward searches, meet at the best node), unpacked to the
   * original arcs (indices into the ChArcs input). null = unreachable.
   */
  path(source: Seed[], target: Seed[]): { durationS: number; distanceM: number; arcs: number[]; startVertex: number; endVertex: number } | null {
    const [F, B] = this.pathScratch;
    const run = ++this.run;
    const fs = this.tree(source, true, F, run);
    this.tree(target, false, B, run);
    let best = Infinity;
    let meet = -1;
    for (const x of fs) {
      if (B.stamp[x] !== run) continue;
      const c = F.dist[x] + B.dist[x];
      if (c < best) {
        best = c;
        meet = x;
      }
    }
    if (meet < 0) return null;
    const P = this.p;
    const up: number[] = [];
    let x = meet;
    while (F.parent[x] >= 0) {
      up.push(F.parent[x]);
      x = P.gFrom[F.parent[x]];
    }
    const startVertex = x;
    const arcs: number[] = [];
    for (let i = up.length - 1; i >= 0; i--) this.unpack(up[i], arcs);
    x = meet;
    while (B.parent[x] >= 0) {
      const a = B.parent[x];
      this.unpack(a, arcs);
      x = P.gTo[a];
    }
    return { durationS: best, distanceM: F.distM[meet] + B.distM[meet], arcs, startVertex, endVertex: x };
  }

  /**
   * Many-to-many shortest durations (and distances of those paths). `null` seeds = unroutable
   * row/column. Cells with no path are null.
   */
  manyToMany(sources: (Seed[] | null)[], targets: (Seed[] | null)[]): { durations: (number | null)[][]; distances: (number | null)[][] } {
    // Buckets as linked lists in flat arrays. The per-node list heads are one array kept for the
    // hierarchy's life (all -1 between calls; only the nodes used are reset below): allocating
    // and filling one of n entries on every call cost more than the lookups themselves.
    const head = this.bucketHead;
    const touched: number[] = [];
    let next: number[] = [];
    let bt: number[] = [];
    let bd: number[] = [];
    let bm: number[] = [];
    targets.forEach((seeds, t) => {
      if (!seeds) return;
      this.upward(seeds, false, (x, d, m) => {
        if (head[x] < 0) touched.push(x);
        next.push(head[x]);
        bt.push(t);
        bd.push(d);
        bm.push(m);
        head[x] = next.length - 1;
      });
    });
    const durations: (number | null)[][] = [];
    const distances: (number | null)[][] = [];
    const best = new Float64Array(targets.length);
    const bestM = new Float64Array(targets.length);
    for (const seeds of sources) {
      const rowD: (number | null)[] = new Array(targets.length).fill(null);
      const rowM: (number | null)[] = new Array(targets.length).fill(null);
      if (seeds) {
        best.fill(Infinity);
        // The same visits, in the same order, as upward(seeds, true, …) would make.
        const sp = this.forwardSpace(seeds);
        for (let k = 0; k < sp.x.length; k++) {
          const d = sp.d[k];
          const m = sp.m[k];
          for (let e = head[sp.x[k]]; e >= 0; e = next[e]) {
            const t = bt[e];
            const c = d + bd[e];
            if (c < best[t]) {
              best[t] = c;
              bestM[t] = m + bm[e];
            }
          }
        }
        for (let t = 0; t < targets.length; t++) {
          if (best[t] < Infinity) {
            rowD[t] = best[t];
            rowM[t] = bestM[t];
          }
        }
      }
      durations.push(rowD);
      distances.push(rowM);
    }
    for (const x of touched) head[x] = -1;
    next = bt = bd = bm = [];
    return { durations, distances };
  }

  /**
   * The settled nodes of the forward upward search from `seeds` with their duration and distance,
   * in settling order, memoised per seed set (bounded; cleared when full).
   */
  private forwardSpace(seeds: Seed[]): { x: Int32Array; d: Float64Array; m: Float64Array } {
    // Number → string is exact (shortest round-trip form), so equal keys mean equal seeds.
    let key = '';
    for (const [v, d, m] of seeds) key += `${v},${d},${m};`;
    let sp = this.spaces.get(key);
    if (!sp) {
      const xs: number[] = [];
      const ds: number[] = [];
      const ms: number[] = [];
      this.upward(seeds, true, (x, d, m) => {
        xs.push(x);
        ds.push(d);
        ms.push(m);
      });
      sp = { x: Int32Array.from(xs), d: Float64Array.from(ds), m: Float64Array.from(ms) };
      if (this.spacesNodes + xs.length > ContractionHierarchy.SPACES_MAX_NODES) {
        this.spaces.clear();
        this.spacesNodes = 0;
      }
      this.spaces.set(key, sp);
      this.spacesNodes += xs.length;
    }
    return sp;
  }
}
