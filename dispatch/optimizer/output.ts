/** Turns the internal solution into the public {@link Solution} shape. */
import { KIND_PICKUP, type Model } from './model';
import type { PlannedRoute, PlannedStop, Solution } from './problem';
import { V_CAPACITY, V_COMPAT, V_HOLDOVER, V_PRECEDENCE, V_TIME, V_UNROUTABLE, V_WINDOW, evaluateRoute, lastEval, scheduledStart } from './route-eval';

const VIOLATION_NAMES: Record<number, PlannedRoute['violation']> = {
  [V_CAPACITY]: 'capacity',
  [V_UNROUTABLE]: 'unroutable',
  [V_WINDOW]: 'time',
  [V_TIME]: 'time',
  [V_HOLDOVER]: 'holdover',
  [V_PRECEDENCE]: 'precedence',
  [V_COMPAT]: 'compatibility',
};
import { unassignedReason } from './reasons';
import type { Sol } from './solution';

/** Builds the public result (schedules recomputed exactly, reasons for unassigned jobs). */
export function buildSolution(m: Model, sol: Sol, stats: { iterations: number; timeMs: number }): Solution {
  const p = m.problem;
  const routes: PlannedRoute[] = [];
  let lateness = 0;
  let travelTime = 0;
  let distance = 0;
  let cost = 0;
  const D = m.dims;
  const nLoc = m.nLoc;
  for (const r of sol.routes) {
    if (r.len === 0) continue;
    const v = r.v;
    let c = evaluateRoute(m, v, r.nodes, r.len);
    let violation: PlannedRoute['violation'];
    if (c === Infinity) {
      if (r.len !== r.locked) throw new Error(`internal: route of ${p.vehicles[v].id} is infeasible (code ${lastEval.violation})`);
      c = evaluateRoute(m, v, r.nodes, r.len, true);
      violation = VIOLATION_NAMES[lastEval.violation];
      c = 0;
    }
    const T = m.time[m.vProfile[v]];
    const load = new Array<number>(D).fill(0);
    for (let i = 0; i < r.len; i++) for (let d = 0; d < D; d++) load[d] += m.nodeStartLoad[r.nodes[i] * D + d];
    const stops: PlannedStop[] = [];
    let loc = m.vStart[v];
    let t = lastEval.departure;
    let tt = 0;
    let dist = 0;
    let late = 0;
    for (let i = 0; i < r.len; i++) {
      const node = r.nodes[i];
      const nl = m.nodeLoc[node];
      tt += T[loc * nLoc + nl];
      dist += m.dist[loc * nLoc + nl];
      const arrival = t + T[loc * nLoc + nl];
      const start = scheduledStart(i);
      const lt = Math.max(0, start - m.nodeDue[node]);
      late += lt;
      for (let d = 0; d < D; d++) load[d] += m.nodeDelta[node * D + d];
      stops.push({
        jobId: p.jobs[m.nodeJob[node]].id,
        step: m.nodeKind[node] === KIND_PICKUP ? 'pickup' : 'delivery',
        location: nl,
        arrival,
        start,
        departure: start + m.nodeService[node],
        waiting: Math.max(0, start - arrival),
        lateness: lt,
        load: load.map((x) => Math.round(x * 1e9) / 1e9),
        locked: m.nodeLocked[node] === 1,
      });
      t = start + m.nodeService[node];
      loc = nl;
    }
    tt += T[loc * nLoc + m.vEnd[v]];
    dist += m.dist[loc * nLoc + m.vEnd[v]];
    routes.push({
      vehicleId: p.vehicles[v].id,
      stops,
      departure: lastEval.departure,
      arrival: lastEval.arrival,
      travelTime: tt,
      distance: dist,
      lateness: late,
      ...(violation ? { violation } : {}),
    });
    lateness += late;
    travelTime += tt;
    distance += dist;
    cost += c;
  }
  const unassigned: Solution['unassigned'] = [];
  for (let j = 0; j < m.nJobs; j++) {
    if (sol.jobRoute[j] >= 0) continue;
    unassigned.push({ jobId: p.jobs[j].id, ...unassignedReason(m, j) });
  }
  cost += unassigned.length * m.weightUnassigned;
  return {
    routes,
    unassigned,
    summary: { served: m.nJobs - unassigned.length, unassigned: unassigned.length, lateness, travelTime, distance, cost },
    stats,
  };
}
