/**
 * Ruin-and-recreate move of SISR (Christiaens & Vanden Berghe 2020, "Slack
 * Induction by String Removals for Vehicle Routing Problems", Transportation
 * Science 54(2)): remove a few strings of consecutive stops from routes near a
 * random seed stop, then reinsert the removed jobs greedily with blinks.
 * Shipments are removed and reinserted as a whole (pickup + delivery).
 */
import type { Model } from '../model';
import type { Rng } from '../prng';
import type { Sol } from '../solution';
import { applyInsertion, bestInsertion, newInsertion, resetBlinks } from '../heuristics/insertion';
import { evaluateRoute, lastEval } from '../route-eval';

// Local bindings: imported functions are reached through getters after
// transpilation, which showed in profiles of this per-job loop.
const bestInsertionL = bestInsertion;
const applyInsertionL = applyInsertion;

export interface RuinParams {
  /** Mean number of removed jobs (c̄). */
  averageRemoved: number;
  /** Maximum string length (L_max). */
  maxStringLength: number;
  /** Probability of the split-string variant. */
  splitRate: number;
  /** Probability of growing the preserved part of a split string by one more stop. */
  splitDepth: number;
  blinkRate: number;
  /**
   * Probability of removing a whole (short) route instead of strings. Not in
   * SISR; it lets a short run close a route that strings alone rarely empty.
   */
  routeRemovalRate: number;
}

/** Per-solve scratch state of the operator. */
export class RuinRecreate {
  /** Nearest other nodes of each node, by travel cost (either direction). */
  readonly adj: Int32Array[];
  private removedFlag: Uint8Array;
  private routeStamp: Int32Array;
  private stampId = 0;
  private removed: number[] = [];
  private keys: Float64Array;
  /** Distance of each job from the fleet's first start, for the "far"/"close" orders. */
  private far: Float64Array;
  private ins = newInsertion();

  constructor(private m: Model, maxNeighbours = 150) {
    const C = m.cost[0] ?? new Float64Array(m.nLoc * m.nLoc);
    const n = m.nNodes;
    this.adj = [];
    const nLoc = m.nLoc;
    const dist = new Float64Array(n);
    const order = new Int32Array(n);
    const keep = Math.min(maxNeighbours, n - 1);
    for (let a = 0; a < n; a++) {
      const la = m.nodeLoc[a];
      for (let b = 0; b < n; b++) {
        const lb = m.nodeLoc[b];
        const x = C[la * nLoc + lb];
        const y = C[lb * nLoc + la];
        dist[b] = x < y ? x : y;
        order[b] = b;
      }
      // Ties by index keep the lists (and so the whole run) deterministic.
      order.sort((x, y) => dist[x] - dist[y] || x - y);
      const out = new Int32Array(Math.max(0, keep));
      let k = 0;
      for (let i = 0; i < n && k < keep; i++) if (order[i] !== a) out[k++] = order[i];
      this.adj.push(out);
    }
    this.removedFlag = new Uint8Array(m.nJobs);
    this.routeStamp = new Int32Array(m.nVeh);
    this.keys = new Float64Array(m.nJobs);
    this.far = new Float64Array(m.nJobs);
    const start = m.nVeh > 0 ? m.vStart[0] : m.virtualLoc;
    for (let j = 0; j < m.nJobs; j++) {
      const c = C[start * nLoc + m.nodeLoc[m.jobFirst[j]]];
      this.far[j] = Number.isFinite(c) ? c : 0;
    }
  }

  /** Removes strings around a random stop; returns the removed jobs (also kept internally for {@link recreate}). */
  ruin(sol: Sol, p: RuinParams, rng: Rng): number[] {
    const m = this.m;
    const removed = this.removed;
    removed.length = 0;
    let routed = 0;
    let nonEmpty = 0;
    for (const r of sol.routes) {
      const free = r.len - r.locked;
      if (free > 0) {
        routed += free;
        nonEmpty++;
      }
    }
    if (routed === 0) return removed;
    if (p.routeRemovalRate > 0 && nonEmpty >= 2 && rng.next() < p.routeRemovalRate) {
      this.removeRoute(sol, rng);
      return removed;
    }
    const lsMax = Math.min(p.maxStringLength, routed / nonEmpty);
    const ksMax = (4 * p.averageRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    // Seed: a random routed, unlocked node.
    let seed = -1;
    for (let tries = 0; tries < 50 && seed < 0; tries++) {
      const c = rng.int(m.nNodes);
      if (sol.jobRoute[m.nodeJob[c]] >= 0 && !m.jobLocked[m.nodeJob[c]]) seed = c;
    }
    if (seed < 0) return removed;
    const stampId = ++this.stampId;
    let ruined = 0;
    const flag = this.removedFlag;
    const adj = this.adj[seed];
    for (let k = -1; k < adj.length && ruined < ks; k++) {
      const c = k < 0 ? seed : adj[k];
      const job = m.nodeJob[c];
      const r = sol.jobRoute[job];
      if (r < 0 || flag[job] || this.routeStamp[r] === stampId || m.jobLocked[job]) continue;
      const route = sol.routes[r];
      const free = route.len - route.locked;
      let pos = -1;
      for (let i = route.locked; i < route.len; i++) if (route.nodes[i] === c) pos = i;
      if (pos < 0) continue;
      const lMax = Math.min(free, lsMax);
      const l = Math.floor(rng.next() * lMax) + 1;
      let m2 = 0;
      if (l < free && rng.next() < p.splitRate) {
        m2 = 1;
        while (l + m2 < free && rng.next() < p.splitDepth) m2++;
      }
      const span = l + m2;
      // Random window of `span` stops within the free part that contains pos.
      const lo = Math.max(route.locked, pos - span + 1);
      const hi = Math.min(pos, route.len - span);
      const startPos = lo + rng.int(hi - lo + 1);
      const keepFrom = m2 > 0 ? startPos + rng.int(l + 1) : -1;
      for (let i = startPos; i < startPos + span; i++) {
        if (m2 > 0 && i >= keepFrom && i < keepFrom + m2) continue;
        const jb = m.nodeJob[route.nodes[i]];
        // A job with a locked stop (picked up) never leaves its route.
        if (!flag[jb] && !m.jobLocked[jb]) {
          flag[jb] = 1;
          removed.push(jb);
        }
      }
      this.routeStamp[r] = stampId;
      ruined++;
    }
    // Remove per route (a shipment's two stops are always on the same route).
    for (let r = 0; r < sol.routes.length; r++) {
      const route = sol.routes[r];
      let touched = false;
      for (let i = route.locked; i < route.len && !touched; i++) if (flag[m.nodeJob[route.nodes[i]]]) touched = true;
      if (touched) {
        sol.removeJobs(m, r, flag);
        this.repair(sol, r);
      }
    }
    for (const j of removed) flag[j] = 0;
    return removed;
  }

  /** Empties the shorter of two random non-empty routes (free stops only). */
  private removeRoute(sol: Sol, rng: Rng): void {
    const m = this.m;
    const cands: number[] = [];
    for (let r = 0; r < sol.routes.length; r++) if (sol.routes[r].len > sol.routes[r].locked) cands.push(r);
    const a = cands[rng.int(cands.length)];
    const b = cands[rng.int(cands.length)];
    const r = sol.routes[a].len - sol.routes[a].locked <= sol.routes[b].len - sol.routes[b].locked ? a : b;
    const route = sol.routes[r];
    const flag = this.removedFlag;
    for (let i = route.locked; i < route.len; i++) {
      const j = m.nodeJob[route.nodes[i]];
      if (!flag[j] && !m.jobLocked[j]) {
        flag[j] = 1;
        this.removed.push(j);
      }
    }
    sol.removeJobs(m, r, flag);
    this.repair(sol, r);
    for (const j of this.removed) flag[j] = 0;
  }

  /**
   * Removing stops can break holdover: the rider now waits somewhere between
   * a pickup and its delivery. Remove the failing jobs too (they are reinserted
   * with the others) until the route is feasible again.
   */
  private repair(sol: Sol, r: number): void {
    const m = this.m;
    const flag = this.removedFlag;
    for (let guard = 0; guard < 1000 && sol.routes[r].cost === Infinity; guard++) {
      const route = sol.routes[r];
      evaluateRoute(m, route.v, route.nodes, route.len);
      let at = lastEval.failedAt;
      if (at < route.locked || at >= route.len || m.jobLocked[m.nodeJob[route.nodes[at]]]) {
        at = -1;
        for (let i = route.len - 1; i >= route.locked && at < 0; i--) if (!m.jobLocked[m.nodeJob[route.nodes[i]]]) at = i;
      }
      if (at < 0) return;
      const job = m.nodeJob[route.nodes[at]];
      flag[job] = 1;
      this.removed.push(job);
      sol.removeJobs(m, r, flag);
    }
  }

  /**
   * Reinserts `jobs` (plus other unassigned jobs, at most c̄ of them) in one of the SISR orders
   * (random 4 : demand 4 : far 2 : close 1), each at its cheapest position
   * with blinks. Jobs that fit nowhere stay unassigned.
   */
  recreate(sol: Sol, jobs: number[], p: RuinParams, rng: Rng): void {
    const m = this.m;
    const list = jobs;
    const nRemoved = list.length;
    for (const j of list) this.removedFlag[j] = 1;
    for (let j = 0; j < m.nJobs; j++) if (sol.jobRoute[j] === -1 && !this.removedFlag[j]) list.push(j);
    for (let x = 0; x < nRemoved; x++) this.removedFlag[list[x]] = 0;
    // Jobs left out earlier are retried too, but at most c̄ of them (a random
    // sample) per step: when the fleet is overloaded, retrying hundreds of
    // them every iteration would leave no time for anything else.
    const cap = Math.max(1, Math.round(p.averageRemoved));
    const extra = list.length - nRemoved;
    if (extra > cap) {
      for (let x = 0; x < cap; x++) {
        const y = nRemoved + x + rng.int(extra - x);
        const tmp = list[nRemoved + x];
        list[nRemoved + x] = list[y];
        list[y] = tmp;
      }
      list.length = nRemoved + cap;
    }
    const keys = this.keys;
    const u = rng.next() * 11;
    if (u < 4) {
      for (const j of list) keys[j] = rng.next();
    } else if (u < 8) {
      for (const j of list) keys[j] = -m.jobDemand[j] + rng.next() * 1e-9;
    } else if (u < 10) {
      for (const j of list) keys[j] = -this.far[j] + rng.next() * 1e-9;
    } else {
      for (const j of list) keys[j] = this.far[j] + rng.next() * 1e-9;
    }
    list.sort((a, b) => keys[a] - keys[b]);
    const ins = this.ins;
    resetBlinks(p.blinkRate, rng);
    for (const j of list) {
      if (bestInsertionL(m, sol, j, p.blinkRate, rng, ins)) applyInsertionL(m, sol, j, ins);
    }
  }
}
