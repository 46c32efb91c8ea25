/**
 * Relocate: move one job (a shipment with both of its stops) from its route to
 * the cheapest feasible position of another route.
 */
import type { Model } from '../model';
import type { Sol } from '../solution';
import { evaluateRoute } from '../route-eval';
import { applyInsertion, bestInsertionInRoute, newInsertion } from '../heuristics/insertion';
import { MIN_GAIN, candidateRoutes, commit, ensureScratch, scratch } from './common';

/**
 * Applies the best improving relocation; returns its gain (0 if none). Scanning stops at `deadline` (a performance.now()
 * value; default none) and the best move found so far is applied.
 */
export function relocate(m: Model, sol: Sol, deadline = Infinity): number {
  ensureScratch(m.nNodes + 2);
  const targets = candidateRoutes(m, sol);
  const ins = newInsertion();
  let bestGain = MIN_GAIN;
  let bestJob = -1;
  let bestIns = newInsertion();
  for (let r = 0; r < sol.routes.length; r++) {
    if (performance.now() > deadline) break;
    const route = sol.routes[r];
    for (let i = route.locked; i < route.len; i++) {
      const node = route.nodes[i];
      const job = m.nodeJob[node];
      if (m.jobFirst[job] !== node) continue; // each job once, from its first stop
      const a = scratch.a;
      let k = 0;
      for (let x = 0; x < route.len; x++) if (m.nodeJob[route.nodes[x]] !== job) a[k++] = route.nodes[x];
      const without = evaluateRoute(m, route.v, a, k);
      if (without === Infinity) continue;
      const removeGain = route.cost - without;
      if (removeGain <= bestGain) continue;
      for (const r2 of targets) {
        if (r2 === r) continue;
        ins.delta = removeGain - bestGain;
        ins.route = -1;
        bestInsertionInRoute(m, sol, r2, job, 0, null, ins);
        if (ins.route < 0) continue;
        const gain = removeGain - ins.delta;
        if (gain > bestGain) {
          bestGain = gain;
          bestJob = job;
          bestIns = { ...ins };
        }
      }
    }
  }
  if (bestJob < 0) return 0;
  const from = sol.jobRoute[bestJob];
  const route = sol.routes[from];
  const a = scratch.a;
  let k = 0;
  for (let x = 0; x < route.len; x++) if (m.nodeJob[route.nodes[x]] !== bestJob) a[k++] = route.nodes[x];
  commit(m, sol, from, a, k);
  sol.jobRoute[bestJob] = -1;
  sol.unassigned++;
  applyInsertion(m, sol, bestJob, bestIns);
  return bestGain;
}
