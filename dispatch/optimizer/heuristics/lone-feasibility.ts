/**
 * Marks (job, vehicle) pairs that are infeasible even with the job alone on
 * the vehicle (after its locked stops), so insertion never scans them again.
 * Jobs that fit nowhere would otherwise be retried at full cost in every
 * recreate step.
 */
import type { Model } from '../model';
import { evaluateRoute } from '../route-eval';

/** Fills `m.jobVehOk` by evaluating each job alone on each vehicle. */
export function markLoneFeasibility(m: Model): void {
  const seq = new Int32Array(m.nNodes + 2);
  for (let v = 0; v < m.nVeh; v++) {
    const locked = m.vLocked[v];
    seq.set(locked);
    for (let j = 0; j < m.nJobs; j++) {
      if (m.jobLocked[j]) continue; // already on its route
      let k = locked.length;
      for (let x = 0; x < m.jobSize[j]; x++) seq[k++] = m.jobFirst[j] + x;
      m.jobVehOk[j * m.nVeh + v] = evaluateRoute(m, v, seq, k) === Infinity ? 0 : 1;
    }
  }
}
