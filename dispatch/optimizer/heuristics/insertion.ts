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

/** An empty insertion record (delta = Infinity). */
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
  if (!m.jobVehOk[job * m.nVeh + v]) return;
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
    // ls is non-decreasing along a feasible route and service cannot start
    // before the window, so positions with ls[p + 1] < window start + service
    // are infeasible: skip them by binary search.
    const need = tws + svc - TOL;
    let p0 = route.locked;
    let hi = route.len;
    while (p0 < hi) {
      const mid = (p0 + hi) >> 1;
      if (ls[mid + 1] < need) p0 = mid + 1;
      else hi = mid;
    }
    for (let p = p0; p <= route.len; p++) {
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

  if (route.frozen) return;
  if (EXACT_ONLY) exactGeneralInsertion(m, route, r, job, blinkRate, rng, best);
  else incrementalGeneralInsertion(m, route, r, job, blinkRate, rng, best);
}

let EXACT_ONLY = false;

/** Test hook: `true` forces the reference (fully exact, slow) general insertion. Default off. */
export function useExactInsertion(on: boolean): void {
  EXACT_ONLY = on;
}

/**
 * Reference general-path insertion: every candidate sequence is evaluated
 * from scratch with evaluateRoute (after the travel lower-bound prune).
 */
export function exactGeneralInsertion(m: Model, route: Route, r: number, job: number, blinkRate: number, rng: Rng | null, best: Insertion): void {
  const v = route.v;
  const nLoc = m.nLoc;
  const C = m.cost[m.vProfile[v]];
  const first = m.jobFirst[job];
  const size = m.jobSize[job];
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

// Forward state of the route being scanned (general path), per position k:
// service start, departure, travel cost up to arriving at k, lateness up to and
// including k, load after k; and lateness from k to the end.
let fStart = new Float64Array(64);
let fDep = new Float64Array(64);
let fCostPre = new Float64Array(64);
let fLatePre = new Float64Array(64);
let fLateSuf = new Float64Array(64);
let fLoad = new Float64Array(64);
let fLoadMaxPre = new Float64Array(64);
let startLoadBuf = new Float64Array(8);
let candBuf = new Int32Array(64);

/**
 * General-path insertion with incremental evaluation: the unchanged prefix is
 * read from forward arrays, the inserted stops and the suffix are simulated
 * until the suffix start times meet the current ones again (from there on
 * nothing changes: costs and lateness come from prefix/suffix sums). Loads use
 * prefix maxima. Holdover needs the whole schedule (pickups are pushed late),
 * so when the problem has holdover limits an improving candidate is confirmed
 * with evaluateRoute before it is recorded. Exact; cross-checked against
 * {@link exactGeneralInsertion} in the tests.
 */
function incrementalGeneralInsertion(m: Model, route: Route, r: number, job: number, blinkRate: number, rng: Rng | null, best: Insertion): void {
  const v = route.v;
  const len = route.len;
  const nodes = route.nodes;
  const nLoc = m.nLoc;
  const pr = m.vProfile[v];
  const T = m.time[pr];
  const C = m.cost[pr];
  const D = m.dims;
  const wL = m.weightLateness;
  const capBase = v * D;
  if (fStart.length < len + 2) {
    const n = (len + 2) * 2;
    fStart = new Float64Array(n);
    fDep = new Float64Array(n);
    fCostPre = new Float64Array(n);
    fLatePre = new Float64Array(n);
    fLateSuf = new Float64Array(n + 1);
    candBuf = new Int32Array(n + 2);
  }
  if (fLoad.length < (len + 2) * D) {
    fLoad = new Float64Array((len + 2) * D * 2);
    fLoadMaxPre = new Float64Array((len + 2) * D * 2);
  }
  if (startLoadBuf.length < D) startLoadBuf = new Float64Array(D);

  // Forward pass over the current route (same arithmetic as evaluateRoute).
  const S = startLoadBuf;
  for (let d = 0; d < D; d++) S[d] = 0;
  for (let k = 0; k < len; k++) for (let d = 0; d < D; d++) S[d] += m.nodeStartLoad[nodes[k] * D + d];
  let t = m.vShiftStart[v];
  let loc = m.vStart[v];
  let cost = 0;
  let late = 0;
  for (let k = 0; k < len; k++) {
    const node = nodes[k];
    const nl = m.nodeLoc[node];
    cost += C[loc * nLoc + nl];
    const arr = t + T[loc * nLoc + nl];
    const tw = m.nodeTwStart[node];
    const s = arr > tw ? arr : tw;
    const due = m.nodeDue[node];
    if (s > due) late += s - due;
    fStart[k] = s;
    fCostPre[k] = cost;
    fLatePre[k] = late;
    t = s + m.nodeService[node];
    fDep[k] = t;
    loc = nl;
    for (let d = 0; d < D; d++) {
      const prev = k === 0 ? S[d] : fLoad[(k - 1) * D + d];
      fLoad[k * D + d] = prev + m.nodeDelta[node * D + d];
      // Max load over "at start" and after nodes 0..k-1: what a stop loaded at the start adds to if inserted at k.
      fLoadMaxPre[k * D + d] = k === 0 ? S[d] : Math.max(fLoadMaxPre[(k - 1) * D + d], prev);
    }
  }
  for (let d = 0; d < D; d++) {
    const prev = len === 0 ? S[d] : fLoad[(len - 1) * D + d];
    fLoadMaxPre[len * D + d] = len === 0 ? S[d] : Math.max(fLoadMaxPre[(len - 1) * D + d], prev);
  }
  const costTotal = cost + C[loc * nLoc + m.vEnd[v]];
  fLateSuf[len] = 0;
  for (let k = len - 1; k >= 0; k--) fLateSuf[k] = late - (k === 0 ? 0 : fLatePre[k - 1]);
  const base = route.cost;
  const shiftEnd = m.vShiftEnd[v] + TOL;
  const endLoc = m.vEnd[v];
  const first = m.jobFirst[job];
  const size = m.jobSize[job];

  // Simulates the suffix nodes[from..len) from state (t, loc) and returns the
  // route's total cost, or Infinity. Converges to the stored schedule when a
  // start time is unchanged.
  const finish = (from: number, t0: number, loc0: number, cost0: number, late0: number): number => {
    let tt0 = t0;
    let l0 = loc0;
    let c0 = cost0;
    let la = late0;
    for (let k = from; k < len; k++) {
      const node = nodes[k];
      const nl = m.nodeLoc[node];
      const tt = T[l0 * nLoc + nl];
      if (tt === Infinity) return Infinity;
      c0 += C[l0 * nLoc + nl];
      const arr = tt0 + tt;
      const tw = m.nodeTwStart[node];
      const s = arr > tw ? arr : tw;
      if (s === fStart[k]) return c0 + (costTotal - fCostPre[k]) + wL * (la + fLateSuf[k]);
      if (s > m.nodeHardEnd[node] + TOL && m.nodeLocked[node] === 0) return Infinity;
      const due = m.nodeDue[node];
      if (s > due) la += s - due;
      tt0 = s + m.nodeService[node];
      l0 = nl;
    }
    const te = T[l0 * nLoc + endLoc];
    if (te === Infinity || tt0 + te > shiftEnd) return Infinity;
    return c0 + C[l0 * nLoc + endLoc] + wL * la;
  };

  const record = (total: number, i: number, j: number) => {
    let delta = total - base;
    if (!(delta < best.delta)) return;
    if (m.hasHoldover) {
      let k = 0;
      for (let x = 0; x < i; x++) candBuf[k++] = nodes[x];
      candBuf[k++] = first;
      if (size === 2) {
        for (let x = i; x < j; x++) candBuf[k++] = nodes[x];
        candBuf[k++] = first + 1;
        for (let x = j; x < len; x++) candBuf[k++] = nodes[x];
      } else {
        for (let x = i; x < len; x++) candBuf[k++] = nodes[x];
      }
      const exact = evaluateRoute(m, v, candBuf, k);
      if (exact === Infinity) return;
      delta = exact - base;
      if (!(delta < best.delta)) return;
    }
    best.delta = delta;
    best.route = r;
    best.i = i;
    best.j = j;
  };

  const lc = m.nodeLoc[first];
  const twc = m.nodeTwStart[first];
  const hec = m.nodeHardEnd[first] + TOL;
  const duec = m.nodeDue[first];
  const svcc = m.nodeService[first];
  for (let i = route.locked; i <= len; i++) {
    const pt = i === 0 ? m.vShiftStart[v] : fDep[i - 1];
    const pl = i === 0 ? m.vStart[v] : m.nodeLoc[nodes[i - 1]];
    const pc = i === 0 ? 0 : fCostPre[i - 1];
    const pla = i === 0 ? 0 : fLatePre[i - 1];
    const nextLoc = i < len ? m.nodeLoc[nodes[i]] : endLoc;
    // Travel lower bound of inserting the first stop here.
    const dFirst = C[pl * nLoc + lc] + C[lc * nLoc + nextLoc] - C[pl * nLoc + nextLoc];
    if (!(dFirst < Infinity)) continue;
    const tt = T[pl * nLoc + lc];
    const s1 = pt + tt > twc ? pt + tt : twc;
    if (s1 > hec) continue;
    const late1 = pla + (s1 > duec ? s1 - duec : 0);
    const cost1 = pc + C[pl * nLoc + lc];
    const t1 = s1 + svcc;

    if (size === 1) {
      if (blinkRate > 0 && --blinkLeft <= 0) {
        blinkLeft = blinkGap(blinkRate, rng!);
        continue;
      }
      if (!(dFirst < best.delta)) continue;
      // A delivery job adds its amount to everything on board before it.
      let fits = true;
      for (let d = 0; d < D && fits; d++) if (fLoadMaxPre[i * D + d] + m.nodeStartLoad[first * D + d] > m.vCap[capBase + d] + TOL) fits = false;
      if (!fits) continue;
      record(finish(i, t1, lc, cost1, late1), i, i);
      continue;
    }

    // Shipment: pickup before original index i, delivery before original index j ≥ i.
    let fits = true;
    for (let d = 0; d < D && fits; d++) {
      const before = i === 0 ? S[d] : fLoad[(i - 1) * D + d];
      if (before + m.nodeDelta[first * D + d] > m.vCap[capBase + d] + TOL) fits = false;
    }
    if (!fits) continue;
    const Dn = first + 1;
    const ld = m.nodeLoc[Dn];
    const twd = m.nodeTwStart[Dn];
    const hed = m.nodeHardEnd[Dn] + TOL;
    const dued = m.nodeDue[Dn];
    const svcd = m.nodeService[Dn];
    let t = t1;
    let loc = lc;
    let cost = cost1;
    let late = late1;
    for (let j = i; j <= len; j++) {
      if (j > i) {
        // Extend the carried segment by original node j-1 (the box is on board).
        const node = nodes[j - 1];
        let ok = true;
        for (let d = 0; d < D && ok; d++) if (fLoad[(j - 1) * D + d] + m.nodeDelta[first * D + d] > m.vCap[capBase + d] + TOL) ok = false;
        if (!ok) break;
        const nl = m.nodeLoc[node];
        const tt2 = T[loc * nLoc + nl];
        if (tt2 === Infinity) break;
        cost += C[loc * nLoc + nl];
        const arr = t + tt2;
        const tw = m.nodeTwStart[node];
        const s = arr > tw ? arr : tw;
        if (s > m.nodeHardEnd[node] + TOL && m.nodeLocked[node] === 0) break;
        const due = m.nodeDue[node];
        if (s > due) late += s - due;
        t = s + m.nodeService[node];
        loc = nl;
      }
      if (blinkRate > 0 && --blinkLeft <= 0) {
        blinkLeft = blinkGap(blinkRate, rng!);
        continue;
      }
      let lb: number;
      if (j === i) {
        lb = C[pl * nLoc + lc] + C[lc * nLoc + ld] + C[ld * nLoc + nextLoc] - C[pl * nLoc + nextLoc];
      } else {
        const a2 = m.nodeLoc[nodes[j - 1]];
        const b2 = j < len ? m.nodeLoc[nodes[j]] : endLoc;
        lb = dFirst + C[a2 * nLoc + ld] + C[ld * nLoc + b2] - C[a2 * nLoc + b2];
      }
      if (!(lb < best.delta)) continue;
      const tt3 = T[loc * nLoc + ld];
      if (tt3 === Infinity) continue;
      const sd = t + tt3 > twd ? t + tt3 : twd;
      if (sd > hed) continue;
      // Holdover: even a pickup pushed to its window end cannot make the ride short enough.
      if (sd - (m.nodeHardEnd[first] + svcc) > m.jobMaxRide[job] + TOL) continue;
      const lated = late + (sd > dued ? sd - dued : 0);
      record(finish(j, sd + svcd, ld, cost + C[loc * nLoc + ld], lated), i, j);
    }
  }
}
