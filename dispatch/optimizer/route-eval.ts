/**
 * Exact evaluation of one vehicle's stop sequence (O(length)).
 *
 * Used wherever the O(1) checks of route-state.ts do not apply: shipments
 * (precedence, holdover), soft windows, locked stops. Module-level scratch
 * buffers keep it allocation-free; each worker thread has its own copy.
 */
import { ANY_VEHICLE, KIND_DELIVERY, KIND_PICKUP, type Model } from './model';

/** Violation codes, in the order a lone job is checked. Higher = got further. */
export const OK = 0;
/** The job may not go on this vehicle (pin). */
export const V_COMPAT = 1;
export const V_UNROUTABLE = 2;
export const V_CAPACITY = 3;
export const V_WINDOW = 4;
export const V_HOLDOVER = 5;
export const V_TIME = 6;
export const V_PRECEDENCE = 7;

/** Tolerance for floating-point comparisons of times and loads. */
export const EPS = 1e-9;

// Local copies of imported constants (imported bindings cost a getter call in hot loops).
const ANY = ANY_VEHICLE;
const PICKUP = KIND_PICKUP;
const DELIVERY = KIND_DELIVERY;

let startBuf = new Float64Array(64);
let pushedBuf = new Float64Array(64);
let loadBuf = new Float64Array(8);
let stamp = new Int32Array(0);
let posOf = new Int32Array(0);
let stampCounter = 0;

/** Result details of the last {@link evaluateRoute} call. */
export const lastEval = { violation: OK, lateness: 0, travel: 0, departure: 0, arrival: 0, failedAt: -1 };

function ensure(m: Model, len: number): void {
  if (startBuf.length < len) {
    startBuf = new Float64Array(len * 2);
    pushedBuf = new Float64Array(len * 2);
  }
  if (loadBuf.length < m.dims) loadBuf = new Float64Array(m.dims);
  if (stamp.length < m.nNodes) {
    stamp = new Int32Array(m.nNodes);
    posOf = new Int32Array(m.nNodes);
    stampCounter = 0;
  }
}

/** Position being checked, reported as `lastEval.failedAt` (-1 = the route as a whole). */
let checking = -1;

function failed(code: number): number {
  lastEval.violation = code;
  lastEval.failedAt = checking;
  return Infinity;
}

/**
 * Cost of serving `seq[0..len)` with vehicle `v` (travel cost + lateness cost),
 * or Infinity when a hard constraint fails (code in `lastEval.violation`).
 * Waiting is moved before pickups where it shortens holdover without delaying
 * later stops; the resulting start times are kept for {@link scheduledStart}.
 *
 * With `force` the schedule is computed even when constraints fail (for
 * reporting routes made only of locked facts): the first violation is left in
 * `lastEval.violation`, unroutable legs count as 0, and the cost is returned.
 */
export function evaluateRoute(m: Model, v: number, seq: ArrayLike<number>, len: number, force = false): number {
  lastEval.violation = OK;
  lastEval.lateness = 0;
  lastEval.travel = 0;
  lastEval.departure = m.vShiftStart[v];
  lastEval.arrival = m.vShiftStart[v];
  lastEval.failedAt = -1;
  checking = -1;
  if (len === 0) return 0;
  let forced = OK;
  if (len > m.vMaxTasks[v]) {
    if (!force) return failed(V_CAPACITY);
    if (forced === OK) forced = V_CAPACITY;
  }
  ensure(m, len);
  const D = m.dims;
  const capBase = v * D;
  const load = loadBuf;
  for (let d = 0; d < D; d++) load[d] = 0;
  for (let i = 0; i < len; i++) {
    const nb = seq[i] * D;
    for (let d = 0; d < D; d++) load[d] += m.nodeStartLoad[nb + d];
  }
  for (let d = 0; d < D; d++) if (load[d] > m.vCap[capBase + d] + EPS) {
    if (!force) return failed(V_CAPACITY);
    if (forced === OK) forced = V_CAPACITY;
  }

  const nLoc = m.nLoc;
  const pr = m.vProfile[v];
  const T = m.time[pr];
  const C = m.cost[pr];
  const stampId = ++stampCounter;
  let t = m.vShiftStart[v];
  let loc = m.vStart[v];
  let cost = 0;
  let late = 0;
  let open = 0;
  let needPush = false;
  for (let i = 0; i < len; i++) {
    checking = i;
    const node = seq[i];
    const allowed = m.jobAllowed[m.nodeJob[node]];
    if (allowed !== ANY && allowed !== v) {
      if (!force) return failed(V_COMPAT);
      if (forced === OK) forced = V_COMPAT;
    }
    const nl = m.nodeLoc[node];
    let tt = T[loc * nLoc + nl];
    if (tt === Infinity) {
      if (!force) return failed(V_UNROUTABLE);
      if (forced === OK) forced = V_UNROUTABLE;
      tt = 0;
    } else cost += C[loc * nLoc + nl];
    const arr = t + tt;
    const tw = m.nodeTwStart[node];
    const s = arr > tw ? arr : tw;
    const locked = m.nodeLocked[node] === 1;
    if (s > m.nodeHardEnd[node] + EPS && !locked) {
      if (!force) return failed(V_WINDOW);
      if (forced === OK) forced = V_WINDOW;
    }
    const due = m.nodeDue[node];
    if (s > due) late += s - due;
    const kind = m.nodeKind[node];
    if (kind === PICKUP) {
      stamp[node] = stampId;
      posOf[node] = i;
      open++;
    } else if (kind === DELIVERY) {
      if (stamp[node - 1] !== stampId) {
        if (!force) return failed(V_PRECEDENCE);
        if (forced === OK) forced = V_PRECEDENCE;
      }
      open--;
      if (m.jobMaxRide[m.nodeJob[node]] !== Infinity) needPush = true;
    }
    const nb = node * D;
    for (let d = 0; d < D; d++) {
      const x = load[d] + m.nodeDelta[nb + d];
      load[d] = x;
      if (x > m.vCap[capBase + d] + EPS && !locked) {
        if (!force) return failed(V_CAPACITY);
        if (forced === OK) forced = V_CAPACITY;
      }
    }
    startBuf[i] = s;
    t = s + m.nodeService[node];
    loc = nl;
  }
  checking = -1;
  if (open !== 0) {
    if (!force) return failed(V_PRECEDENCE);
    if (forced === OK) forced = V_PRECEDENCE;
  }
  const endLoc = m.vEnd[v];
  let te = T[loc * nLoc + endLoc];
  if (te === Infinity) {
    if (!force) return failed(V_UNROUTABLE);
    if (forced === OK) forced = V_UNROUTABLE;
    te = 0;
  } else cost += C[loc * nLoc + endLoc];
  const arrival = t + te;
  if (arrival > m.vShiftEnd[v] + EPS) {
    if (!force) return failed(V_TIME);
    if (forced === OK) forced = V_TIME;
  }

  // Push pickups as late as the following stops allow: a rider can wait at the
  // store instead of with a cold item on board. Later stops keep their times.
  let next = m.vShiftEnd[v];
  let nextLoc = endLoc;
  for (let i = len - 1; i >= 0; i--) {
    const node = seq[i];
    const nl = m.nodeLoc[node];
    let s = startBuf[i];
    if (needPush && m.nodeKind[node] === PICKUP && m.nodeLocked[node] === 0) {
      let bound = next - T[nl * nLoc + nextLoc] - m.nodeService[node];
      const he = m.nodeHardEnd[node];
      if (bound > he) bound = he;
      if (bound > s) s = bound;
    }
    pushedBuf[i] = s;
    next = s;
    nextLoc = nl;
  }
  if (needPush) {
    for (let i = 0; i < len; i++) {
      const node = seq[i];
      if (m.nodeKind[node] !== DELIVERY || m.nodeLocked[node] === 1) continue;
      const maxRide = m.jobMaxRide[m.nodeJob[node]];
      if (maxRide === Infinity) continue;
      checking = i;
      const p = posOf[node - 1];
      const ride = startBuf[i] - (pushedBuf[p] + m.nodeService[node - 1]);
      if (ride > maxRide + EPS) {
        if (!force) return failed(V_HOLDOVER);
        if (forced === OK) forced = V_HOLDOVER;
      }
    }
  }
  lastEval.lateness = late;
  lastEval.travel = cost;
  lastEval.departure = Math.max(m.vShiftStart[v], pushedBuf[0] - T[m.vStart[v] * nLoc + m.nodeLoc[seq[0]]]);
  lastEval.arrival = arrival;
  lastEval.violation = forced;
  return cost + m.weightLateness * late;
}

/** Service start at position `i` of the last successful {@link evaluateRoute} (pickups pushed late). */
export function scheduledStart(i: number): number {
  return pushedBuf[i];
}
