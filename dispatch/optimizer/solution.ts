/**
 * Mutable working solution of the solver: one route per vehicle.
 *
 * Routes are copy-on-write between solutions (the annealing loop keeps the
 * current and the best solution and derives a candidate every iteration, so a
 * full copy would dominate the run time). A route may be mutated only by the
 * solution that owns it ({@link Sol.own}).
 */
import type { Model } from './model';
import { evaluateRoute } from './route-eval';

/** One vehicle's stop sequence with its cached cost and (fast path) time arrays. */
export class Route {
  readonly v: number;
  nodes: Int32Array;
  len: number;
  /** Number of locked stops at the front (never moved). */
  locked: number;
  /** Travel cost + lateness cost; Infinity only transiently. */
  cost = 0;
  /** True while the route sits in a {@link Sol.pool}. */
  pooled = false;
  /** Locked stops alone already break a hard constraint: nothing can be added. */
  frozen = false;
  /** Fast path (Model.fast): location at extended position (0 = start, len+1 = end). */
  extLoc: Int32Array;
  /** Fast path: earliest departure at extended position. */
  dep: Float64Array;
  /** Fast path: latest feasible start of service at extended position. */
  ls: Float64Array;
  /** Fast path: total load on board at the start, per dimension. */
  load: Float64Array;

  constructor(m: Model, v: number, nodes?: Int32Array, len?: number, locked?: number) {
    this.v = v;
    const cap = Math.max(8, (len ?? m.vLocked[v].length) + 8);
    this.nodes = new Int32Array(cap);
    if (nodes) {
      this.nodes.set(nodes.subarray(0, len!));
      this.len = len!;
      this.locked = locked!;
    } else {
      this.nodes.set(m.vLocked[v]);
      this.len = m.vLocked[v].length;
      this.locked = this.len;
    }
    this.extLoc = new Int32Array(cap + 2);
    this.dep = new Float64Array(cap + 2);
    this.ls = new Float64Array(cap + 2);
    this.load = new Float64Array(m.dims);
  }

  /** Makes this route a copy of `src` (same vehicle), reusing its arrays when large enough. */
  copyFrom(m: Model, src: Route): void {
    if (this.nodes.length < src.len + 1) this.grow(src.len + 8);
    this.nodes.set(src.nodes.subarray(0, src.len));
    this.len = src.len;
    this.locked = src.locked;
    this.cost = src.cost;
    this.frozen = src.frozen;
    if (m.fast) {
      this.extLoc.set(src.extLoc.subarray(0, src.len + 2));
      this.dep.set(src.dep.subarray(0, src.len + 2));
      this.ls.set(src.ls.subarray(0, src.len + 2));
      this.load.set(src.load);
    }
  }

  clone(m: Model): Route {
    const r = new Route(m, this.v, this.nodes, this.len, this.locked);
    r.cost = this.cost;
    r.frozen = this.frozen;
    if (m.fast) {
      r.extLoc.set(this.extLoc.subarray(0, this.len + 2));
      r.dep.set(this.dep.subarray(0, this.len + 2));
      r.ls.set(this.ls.subarray(0, this.len + 2));
      r.load.set(this.load);
    }
    return r;
  }

  private grow(min: number): void {
    const cap = Math.max(min, this.nodes.length * 2);
    const n = new Int32Array(cap);
    n.set(this.nodes.subarray(0, this.len));
    this.nodes = n;
    // Keep the cached arrays: insertFast updates them in place.
    const e = new Int32Array(cap + 2);
    e.set(this.extLoc.subarray(0, this.len + 2));
    this.extLoc = e;
    const d = new Float64Array(cap + 2);
    d.set(this.dep.subarray(0, this.len + 2));
    this.dep = d;
    const l = new Float64Array(cap + 2);
    l.set(this.ls.subarray(0, this.len + 2));
    this.ls = l;
  }

  /** Inserts `node` before position `pos` (0 = first). Call {@link update} afterwards. */
  insertAt(pos: number, node: number): void {
    if (this.len + 1 > this.nodes.length) this.grow(this.len + 1);
    this.nodes.copyWithin(pos + 1, pos, this.len);
    this.nodes[pos] = node;
    this.len++;
  }

  /**
   * Fast path only: inserts `node` before position `pos` and updates the
   * caches incrementally — earliest departures forward and latest starts
   * backward from the new stop, stopping as soon as a value is unchanged
   * (then every further one is unchanged too).
   */
  insertFast(m: Model, pos: number, node: number): void {
    const oldLen = this.len;
    if (oldLen + 1 > this.nodes.length) this.grow(oldLen + 1);
    this.nodes.copyWithin(pos + 1, pos, oldLen);
    this.nodes[pos] = node;
    const len = (this.len = oldLen + 1);
    const ext = this.extLoc;
    const dep = this.dep;
    const ls = this.ls;
    const q = pos + 1;
    ext.copyWithin(q + 1, q, oldLen + 2);
    dep.copyWithin(q + 1, q, oldLen + 2);
    ls.copyWithin(q + 1, q, oldLen + 2);
    const v = this.v;
    const nLoc = m.nLoc;
    const pr = m.vProfile[v];
    const T = m.time[pr];
    const C = m.cost[pr];
    const nl = m.nodeLoc[node];
    ext[q] = nl;
    const a = ext[q - 1];
    const b = ext[q + 1];
    this.cost = (oldLen === 0 ? 0 : this.cost) + C[a * nLoc + nl] + C[nl * nLoc + b] - (oldLen === 0 ? 0 : C[a * nLoc + b]);
    for (let i = q; i <= len; i++) {
      const nd = this.nodes[i - 1];
      const arr = dep[i - 1] + T[ext[i - 1] * nLoc + ext[i]];
      const tw = m.nodeTwStart[nd];
      const d = (arr > tw ? arr : tw) + m.nodeService[nd];
      if (i > q && d === dep[i]) break;
      dep[i] = d;
    }
    for (let i = q; i >= 1; i--) {
      const nd = this.nodes[i - 1];
      const x = ls[i + 1] - T[ext[i] * nLoc + ext[i + 1]] - m.nodeService[nd];
      const he = m.nodeHardEnd[nd];
      const l = x < he ? x : he;
      if (i < q && l === ls[i]) break;
      ls[i] = l;
    }
    ls[0] = ls[1] - T[ext[0] * nLoc + ext[1]];
    const D = m.dims;
    for (let d = 0; d < D; d++) this.load[d] += m.nodeStartLoad[node * D + d];
  }

  /** Replaces the whole sequence. Call {@link update} afterwards. */
  setNodes(seq: ArrayLike<number>, len: number): void {
    if (len > this.nodes.length) this.grow(len);
    for (let i = 0; i < len; i++) this.nodes[i] = seq[i];
    this.len = len;
  }

  /** Recomputes cost and (fast path) the forward/backward time arrays. O(len). */
  update(m: Model): void {
    if (!m.fast) {
      const c = evaluateRoute(m, this.v, this.nodes, this.len);
      // Locked stops alone may break hard constraints (they are facts, e.g. the
      // rider is already late); such a route is kept as it is at cost 0, and
      // any insertion into it evaluates as infeasible.
      this.frozen = c === Infinity && this.len === this.locked;
      this.cost = this.frozen ? 0 : c;
      return;
    }
    const v = this.v;
    const len = this.len;
    const nLoc = m.nLoc;
    const pr = m.vProfile[v];
    const T = m.time[pr];
    const C = m.cost[pr];
    const D = m.dims;
    const ext = this.extLoc;
    const dep = this.dep;
    const ls = this.ls;
    ext[0] = m.vStart[v];
    dep[0] = m.vShiftStart[v];
    for (let d = 0; d < D; d++) this.load[d] = 0;
    let cost = 0;
    for (let i = 1; i <= len; i++) {
      const node = this.nodes[i - 1];
      const nl = m.nodeLoc[node];
      ext[i] = nl;
      const prev = ext[i - 1];
      const arr = dep[i - 1] + T[prev * nLoc + nl];
      const tw = m.nodeTwStart[node];
      dep[i] = (arr > tw ? arr : tw) + m.nodeService[node];
      cost += C[prev * nLoc + nl];
      const nb = node * D;
      for (let d = 0; d < D; d++) this.load[d] += m.nodeStartLoad[nb + d];
    }
    ext[len + 1] = m.vEnd[v];
    cost += C[ext[len] * nLoc + ext[len + 1]];
    ls[len + 1] = m.vShiftEnd[v];
    for (let i = len; i >= 1; i--) {
      const node = this.nodes[i - 1];
      const a = ls[i + 1] - T[ext[i] * nLoc + ext[i + 1]] - m.nodeService[node];
      const he = m.nodeHardEnd[node];
      ls[i] = a < he ? a : he;
    }
    ls[0] = len > 0 ? ls[1] - T[ext[0] * nLoc + ext[1]] : m.vShiftEnd[v];
    this.cost = len === 0 ? 0 : cost;
  }
}

/** A complete assignment: one route per vehicle plus the job → route index. */
export class Sol {
  routes: Route[];
  /** Route (= vehicle) index of each job, -1 when unassigned. */
  jobRoute: Int32Array;
  private owned: Uint8Array;
  unassigned: number;
  /** Discarded routes per vehicle, reused by {@link own} to spare allocations. */
  pool: Route[][] | null = null;

  constructor(m: Model, routes?: Route[], jobRoute?: Int32Array, unassigned?: number) {
    if (routes) {
      this.routes = routes.slice();
      this.jobRoute = jobRoute!.slice();
      this.unassigned = unassigned!;
    } else {
      this.routes = [];
      this.jobRoute = new Int32Array(m.nJobs).fill(-1);
      for (let v = 0; v < m.nVeh; v++) {
        const r = new Route(m, v);
        r.update(m);
        this.routes.push(r);
        for (let i = 0; i < r.len; i++) this.jobRoute[m.nodeJob[r.nodes[i]]] = v;
      }
      let u = 0;
      for (let j = 0; j < m.nJobs; j++) if (this.jobRoute[j] < 0) u++;
      this.unassigned = u;
    }
    this.owned = new Uint8Array(this.routes.length);
  }

  /** Cheap copy sharing all routes (copy-on-write). */
  derive(m: Model): Sol {
    const s = new Sol(m, this.routes, this.jobRoute, this.unassigned);
    s.pool = this.pool;
    return s;
  }

  /** Returns route `r`, copying it first if it is shared. */
  own(m: Model, r: number): Route {
    if (!this.owned[r]) {
      const src = this.routes[r];
      const spare = this.pool?.[r].pop();
      if (spare) {
        spare.pooled = false;
        spare.copyFrom(m, src);
        this.routes[r] = spare;
      } else {
        this.routes[r] = src.clone(m);
      }
      this.owned[r] = 1;
    }
    return this.routes[r];
  }

  /**
   * Hands the routes this solution owns to the pool. Only for a discarded
   * solution whose routes nobody else references (a rejected candidate).
   */
  recycle(): void {
    if (!this.pool) return;
    for (let r = 0; r < this.routes.length; r++) {
      const x = this.routes[r];
      if (this.owned[r] && !x.pooled) {
        x.pooled = true;
        this.pool[r].push(x);
      }
    }
  }

  /** Pools the routes of this (dropped) solution that neither `a` nor `b` uses. */
  release(a: Sol, b: Sol): void {
    if (!this.pool) return;
    for (let r = 0; r < this.routes.length; r++) {
      const x = this.routes[r];
      if (x !== a.routes[r] && x !== b.routes[r] && !x.pooled) {
        x.pooled = true;
        this.pool[r].push(x);
      }
    }
  }

  /** Turns this solution object into a copy-on-write copy of `src` (reuses its arrays). */
  assignFrom(src: Sol): void {
    for (let r = 0; r < this.routes.length; r++) this.routes[r] = src.routes[r];
    this.jobRoute.set(src.jobRoute);
    this.unassigned = src.unassigned;
    this.owned.fill(0);
    this.pool = src.pool;
  }

  /** Marks all routes shared (call before keeping this solution as current/best). */
  freeze(): void {
    this.owned.fill(0);
  }

  travelCost(): number {
    let c = 0;
    for (const r of this.routes) c += r.cost;
    return c;
  }

  totalCost(m: Model): number {
    return this.travelCost() + this.unassigned * m.weightUnassigned;
  }

  /** Re-derives jobRoute for one route after its sequence changed. */
  reindex(m: Model, r: number): void {
    const route = this.routes[r];
    for (let i = 0; i < route.len; i++) this.jobRoute[m.nodeJob[route.nodes[i]]] = r;
  }

  /** Removes the given jobs (flag array by job) from route `r`; updates bookkeeping. */
  removeJobs(m: Model, r: number, removeFlag: Uint8Array): void {
    const route = this.own(m, r);
    let w = 0;
    for (let i = 0; i < route.len; i++) {
      const node = route.nodes[i];
      const j = m.nodeJob[node];
      if (removeFlag[j] && i >= route.locked) {
        if (this.jobRoute[j] !== -1) {
          this.jobRoute[j] = -1;
          this.unassigned++;
        }
        continue;
      }
      route.nodes[w++] = node;
    }
    route.len = w;
    route.update(m);
  }
}
