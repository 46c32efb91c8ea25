/**
 * Evaluates stop sequences someone else chose (a dispatcher's edit) with the solver's own
 * schedule (`evaluateRoute`: same travel times, service times, waiting and pickups pushed
 * late), and lists every rule each sequence breaks instead of stopping at the first one.
 */
import { KIND_DELIVERY, KIND_PICKUP, KIND_SINGLE, ANY_VEHICLE, compileModel } from './model';
import type { PlannedStop, Problem, StopRef } from './problem';
import { EPS, evaluateRoute, lastEval, scheduledStart } from './route-eval';

/** One broken rule at one stop (or the route as a whole, `jobId` null). Seconds, units as in the problem. */
export type Breach =
  | { rule: 'late'; jobId: string; step: 'delivery'; lateS: number }
  | { rule: 'holdover'; jobId: string; step: 'delivery'; rideS: number; limitS: number }
  | { rule: 'capacity'; jobId: string; step: StopRef['step']; dimension: number; load: number; capacity: number }
  | { rule: 'shift'; jobId: null; step: null; overS: number }
  | { rule: 'precedence'; jobId: string; step: 'delivery' }
  | { rule: 'pin'; jobId: string; step: StopRef['step']; pinnedTo: string }
  | { rule: 'unroutable'; jobId: string; step: StopRef['step'] };

export interface EvaluatedRoute {
  vehicleId: string;
  stops: PlannedStop[];
  travelTime: number;
  distance: number;
  lateness: number;
  breaches: Breach[];
}

/**
 * Schedules each given sequence on its vehicle. Stops naming a job or step the problem does not
 * have throw (the caller builds sequences from the same problem). Vehicles not listed are not
 * evaluated. Throws OptimizerInputError on an invalid problem.
 */
export function evaluateSequences(problem: Problem, sequences: ReadonlyArray<{ vehicleId: string; stops: readonly StopRef[] }>): EvaluatedRoute[] {
  const m = compileModel(problem);
  const vIdx = new Map(problem.vehicles.map((v, i) => [v.id, i] as const));
  const jIdx = new Map(problem.jobs.map((j, i) => [j.id, i] as const));
  const out: EvaluatedRoute[] = [];
  const D = m.dims;
  const nLoc = m.nLoc;
  for (const seq of sequences) {
    const v = vIdx.get(seq.vehicleId);
    if (v === undefined) throw new Error(`evaluateSequences: no vehicle ${seq.vehicleId}`);
    const nodes = Int32Array.from(seq.stops.map((s) => {
      const j = jIdx.get(s.jobId);
      if (j === undefined) throw new Error(`evaluateSequences: no job ${s.jobId}`);
      if (m.jobSize[j] === 1 && s.step === 'pickup') throw new Error(`evaluateSequences: job ${s.jobId} has no pickup`);
      return m.jobFirst[j] + (m.jobSize[j] === 2 && s.step === 'delivery' ? 1 : 0);
    }));
    const len = nodes.length;
    const breaches: Breach[] = [];
    if (len === 0) { out.push({ vehicleId: seq.vehicleId, stops: [], travelTime: 0, distance: 0, lateness: 0, breaches }); continue; }
    // Forced: the schedule is computed whatever breaks; the breaches are listed below.
    evaluateRoute(m, v, nodes, len, true);
    const T = m.time[m.vProfile[v]];
    const load = new Array<number>(D).fill(0);
    for (let i = 0; i < len; i++) for (let d = 0; d < D; d++) load[d] += m.nodeStartLoad[nodes[i] * D + d];
    const stops: PlannedStop[] = [];
    const pickupEnd = new Map<number, number>();
    let loc = m.vStart[v];
    let t = lastEval.departure;
    let travel = 0, dist = 0, late = 0;
    const seen = new Set<number>();
    for (let i = 0; i < len; i++) {
      const node = nodes[i];
      const nl = m.nodeLoc[node];
      const job = m.nodeJob[node];
      const jobId = problem.jobs[job].id;
      const step = m.nodeKind[node] === KIND_PICKUP ? 'pickup' : 'delivery';
      let leg = T[loc * nLoc + nl];
      if (leg === Infinity) { breaches.push({ rule: 'unroutable', jobId, step }); leg = 0; } else { travel += leg; dist += m.dist[loc * nLoc + nl]; }
      const allowed = m.jobAllowed[job];
      if (allowed !== ANY_VEHICLE && allowed !== v) breaches.push({ rule: 'pin', jobId, step, pinnedTo: allowed >= 0 ? problem.vehicles[allowed].id : String(problem.jobs[job].pinnedVehicle) });
      const arrival = t + leg;
      const start = scheduledStart(i);
      const lt = Math.max(0, start - m.nodeDue[node]);
      late += lt;
      if (lt > EPS) breaches.push({ rule: 'late', jobId, step: 'delivery', lateS: lt });
      // A lone delivery's hard end is the remaining holdover of an item already on board.
      if (m.nodeKind[node] === KIND_SINGLE && start > m.nodeHardEnd[node] + EPS) {
        breaches.push({ rule: 'holdover', jobId, step: 'delivery', rideS: start - m.vShiftStart[v], limitS: m.nodeHardEnd[node] - m.vShiftStart[v] });
      }
      if (m.nodeKind[node] === KIND_PICKUP) pickupEnd.set(job, start + m.nodeService[node]);
      if (m.nodeKind[node] === KIND_DELIVERY) {
        const pe = pickupEnd.get(job);
        if (pe === undefined) breaches.push({ rule: 'precedence', jobId, step: 'delivery' });
        else if (start - pe > m.jobMaxRide[job] + EPS) breaches.push({ rule: 'holdover', jobId, step: 'delivery', rideS: start - pe, limitS: m.jobMaxRide[job] });
      }
      for (let d = 0; d < D; d++) {
        load[d] += m.nodeDelta[node * D + d];
        const cap = m.vCap[v * D + d];
        if (load[d] > cap + EPS && !seen.has(d)) { seen.add(d); breaches.push({ rule: 'capacity', jobId, step, dimension: d, load: load[d], capacity: cap }); }
      }
      stops.push({ jobId, step, location: nl, arrival, start, departure: start + m.nodeService[node], waiting: Math.max(0, start - arrival), lateness: lt, load: load.map((x) => Math.round(x * 1e9) / 1e9), locked: m.nodeLocked[node] === 1 });
      t = start + m.nodeService[node];
      loc = nl;
    }
    const back = T[loc * nLoc + m.vEnd[v]];
    if (back !== Infinity) { travel += back; dist += m.dist[loc * nLoc + m.vEnd[v]]; }
    const end = t + (back === Infinity ? 0 : back);
    if (end > m.vShiftEnd[v] + EPS) breaches.push({ rule: 'shift', jobId: null, step: null, overS: end - m.vShiftEnd[v] });
    if (len > m.vMaxTasks[v]) breaches.push({ rule: 'capacity', jobId: problem.jobs[m.nodeJob[nodes[len - 1]]].id, step: 'delivery', dimension: -1, load: len, capacity: m.vMaxTasks[v] });
    out.push({ vehicleId: seq.vehicleId, stops, travelTime: travel, distance: dist, lateness: late, breaches });
  }
  return out;
}
