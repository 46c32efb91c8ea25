/**
 * Cheapest feasible insertion of one job, with optional "blinks" (SISR:
 * each position is skipped with a small probability, which diversifies the
 * recreate step at almost no cost).
 *
 * Fast path (Model.fast): O(1) per position using the earliest-departure and
 * latest-start arrays of the route. General path: a lower bound on the travel
 * delta prunes positions, the rest are evaluated exactly (O(length)).
 */
import { ANY_VEHICLE, NO_VEHICLE, type Model } from '../model';
import type { Rng } from '../prng';
import { EPS, evaluateRoute } from '../route-eval';
import type { Route, Sol } from '../solution';

/** Best insertion found: pickup (or single node) before index `i`, delivery before original index `j`. */
export interface Insertion {
  delta: number;
  route: number;
  i: number;
  j: number;
}

export function newInsertion(): Insertion {
  return { delta: Infinity, route: -1, i: -1, j: -1 };
}

// Local copies of imported constants: after transpilation imported bindings
// are read through getter calls, which showed up in profiles of the hot loops.
const ANY = ANY_VEHICLE;
const NONE = NO_VEHICLE;
const TOL = EPS;

let seqBuf = new Int32Array(64);

/**
 * Positions left until the next blink. Drawing the gap from the geometric
 * distribution is equivalent to one Bernoulli(rate) draw per position, at one
 * random number per blink instead of one per position.
 */
let blinkLeft = Infinity;

function blinkGap(rate: number, rng: Rng): number {
  return Math.floor(Math.log(1 - rng.next()) / Math.log(1 - rate)) + 1;
}

/** Restarts the blink sequence (call before each recreate, so runs stay deterministic). */
export function resetBlinks(rate: number, rng: Rng): void {
  blinkLeft = rate > 0 ? blinkGap(rate, rng) : Infinity;
}

function locAt(m: Model, route: Route, idx: number): number {
  // idx in [-1, len]: -1 = vehicle start, len = vehicle end.
  if (idx < 0) return m.vStart[route.v];
  if (idx >= route.len) return m.vEnd[route.v];
  return m.nodeLoc[route.nodes[idx]];
}

/**
 * Updates `best` with the cheapest insertion of `job` into route `r` if cheaper.
 * `blinkRate` 0 disables blinking (then `rng` is not used).
 */
export function bestInsertionInRoute(m: Model, sol: Sol, r: number, job: number, blinkRate: number, rng: Rng | null, best: Insertion): void {
  const route = sol.routes[r];
  const v = route.v;
  const allowed = m.jobAllowed[job];
  if (allowed === NONE || (allowed !== ANY && allowed !== v)) return;
  const size = m.jobSize[job];
  if (route.len + size > m.vMaxTasks[v]) return;
  const nLoc = m.nLoc;
  const pr = m.vProfile[v];
  const T = m.time[pr];
  const C = m.cost[pr];
  const first = m.jobFirst[job];

  if (m.fast) {
    const D = m.dims;
    for (let d = 0; d < D; d++) {
      if (route.load[d] + m.nodeStartLoad[first * D + d] > m.vCap[v * D + d] + TOL) return;
    }
    const lc = m.nodeLoc[first];
    const tws = m.nodeTwStart[first];
    const he = m.nodeHardEnd[first] + TOL;
    const svc = m.nodeService[first];
    const ext = route.extLoc;
    const dep = route.dep;
    const ls = route.ls;
    for (let p = route.locked; p <= route.len; p++) {
      const dp = dep[p];
      // dep is non-decreasing along the route, so no later position can make the window either.
      if (dp > he) break;
      if (blinkRate > 0 && --blinkLeft <= 0) {
        blinkLeft = blinkGap(blinkRate, rng!);
        continue;
      }
      const a = ext[p];
      const b = ext[p + 1];
      const arr = dp + T[a * nLoc + lc];
      if (arr > he) continue;
      const s = arr > tws ? arr : tws;
      if (s + svc + T[lc * nLoc + b] > ls[p + 1] + TOL) continue;
      const delta = C[a * nLoc + lc] + C[lc * nLoc + b] - C[a * nLoc + b];
      if (delta < best.delta) {
        best.delta = delta;
        best.route = r;
        best.i = p;
        best.j = p;
      }
    }
    return;
  }

  const len = route.len;
  if (seqBuf.length < len + 2) seqBuf = new Int32Array((len + 2) * 2);
  const nodes = route.nodes;
  const base = route.cost;
  if (size === 1) {
    const lc = m.nodeLoc[first];
    for (let i = route.locked; i <= len; i++) {
      if (blinkRate > 0 && --blinkLeft <= 0) {
        blinkLeft = blinkGap(blinkRate, rng!);
        continue;
      }
      const a = locAt(m, route, i - 1);
      const b = locAt(m, route, i);
      const lb = C[a * nLoc + lc] + C[lc * nLoc + b] - C[a * nLoc + b];
      if (!(lb < best.delta)) continue;
      let k = 0;
      for (let x = 0; x < i; x++) seqBuf[k++] = nodes[x];
      seqBuf[k++] = first;
      for (let x = i; x < len; x++) seqBuf[k++] = nodes[x];
      const c = evaluateRoute(m, v, seqBuf, k);
      if (c === Infinity) continue;
      const delta = c - base;
      if (delta < best.delta) {
        best.delta = delta;
        best.route = r;
        best.i = i;
        best.j = i;
      }
    }
    return;
  }

  const P = first;
  const Dn = first + 1;
  const lp = m.nodeLoc[P];
  const ld = m.nodeLoc[Dn];
  const cPD = C[lp * nLoc + ld];
  for (let i = route.locked; i <= len; i++) {
    const a = locAt(m, route, i - 1);
    const b = locAt(m, route, i);
    const dP = C[a * nLoc + lp] + C[lp * nLoc + b] - C[a * nLoc + b];
    if (!(dP < Infinity)) continue;
    for (let j = i; j <= len; j++) {
      if (blinkRate > 0 && --blinkLeft <= 0) {
        blinkLeft = blinkGap(blinkRate, rng!);
        continue;
      }
      let lb: number;
      if (j === i) {
        lb = C[a * nLoc + lp] + cPD + C[ld * nLoc + b] - C[a * nLoc + b];
      } else {
        const a2 = locAt(m, route, j - 1);
        const b2 = locAt(m, route, j);
        lb = dP + C[a2 * nLoc + ld] + C[ld * nLoc + b2] - C[a2 * nLoc + b2];
      }
      if (!(lb < best.delta)) continue;
      let k = 0;
      for (let x = 0; x < i; x++) seqBuf[k++] = nodes[x];
      seqBuf[k++] = P;
      for (let x = i; x < j; x++) seqBuf[k++] = nodes[x];
      seqBuf[k++] = Dn;
      for (let x = j; x < len; x++) seqBuf[k++] = nodes[x];
      const c = evaluateRoute(m, v, seqBuf, k);
      if (c === Infinity) continue;
      const delta = c - base;
      if (delta < best.delta) {
        best.delta = delta;
        best.route = r;
        best.i = i;
        best.j = j;
      }
    }
  }
}

let classStamp = new Int32Array(0);
let classCounter = 0;

/**
 * Cheapest insertion of `job` over all routes; only one empty route per
 * vehicle class is tried. Returns false when no feasible insertion exists.
 */
export function bestInsertion(m: Model, sol: Sol, job: number, blinkRate: number, rng: Rng | null, best: Insertion): boolean {
  best.delta = Infinity;
  best.route = -1;
  const allowed = m.jobAllowed[job];
  if (allowed === NONE) return false;
  if (allowed !== ANY) {
    bestInsertionInRoute(m, sol, allowed, job, blinkRate, rng, best);
    return best.route >= 0;
  }
  if (classStamp.length < m.nVeh) classStamp = new Int32Array(m.nVeh);
  const stampId = ++classCounter;
  for (let r = 0; r < sol.routes.length; r++) {
    if (sol.routes[r].len === 0) {
      const cl = m.vClass[r];
      if (classStamp[cl] === stampId) continue;
      classStamp[cl] = stampId;
    }
    bestInsertionInRoute(m, sol, r, job, blinkRate, rng, best);
  }
  return best.route >= 0;
}

/** Applies an insertion found by {@link bestInsertion} / {@link bestInsertionInRoute}. */
export function applyInsertion(m: Model, sol: Sol, job: number, ins: Insertion): void {
  const route = sol.own(m, ins.route);
  const first = m.jobFirst[job];
  if (m.fast) {
    route.insertFast(m, ins.i, first);
  } else {
    route.insertAt(ins.i, first);
    if (m.jobSize[job] === 2) route.insertAt(ins.j + 1, first + 1);
    route.update(m);
  }
  if (sol.jobRoute[job] === -1) sol.unassigned--;
  sol.jobRoute[job] = ins.route;
}
