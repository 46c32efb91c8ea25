/**
 * Regret-k construction (Potvin & Rousseau 1993): repeatedly insert the job
 * whose best insertion is most ahead of its k-th best (over distinct routes),
 * so jobs with few options are placed before cheap options vanish.
 * Insertion costs are cached per (job, route) and only the changed route's
 * column is recomputed after each insertion.
 */
import type { Model } from '../model';
import type { Sol } from '../solution';
import { applyInsertion, bestInsertion, bestInsertionInRoute, newInsertion, type Insertion } from './insertion';

/**
 * Inserts the unassigned jobs of `sol` by regret-k (default k = 2).
 * Jobs without any feasible insertion stay unassigned. Regret costs
 * O(jobs²) insertion evaluations; past `deadline` (a performance.now() value,
 * default none) the remaining jobs are inserted greedily, one pass, so large
 * problems still leave time for the improvement phase.
 */
export function regretInsertion(m: Model, sol: Sol, k = 2, deadline = Infinity): void {
  const nR = sol.routes.length;
  const pending: number[] = [];
  for (let j = 0; j < m.nJobs; j++) if (sol.jobRoute[j] === -1) pending.push(j);
  if (pending.length === 0 || nR === 0) return;
  const table: Insertion[][] = pending.map(() => []);
  const fill = (pi: number, r: number) => {
    const ins = newInsertion();
    bestInsertionInRoute(m, sol, r, pending[pi], 0, null, ins);
    table[pi][r] = ins;
  };
  for (let pi = 0; pi < pending.length; pi++) for (let r = 0; r < nR; r++) fill(pi, r);
  const alive = pending.map(() => true);
  const seenClass = new Int32Array(m.nVeh).fill(-1);
  const topK = new Float64Array(k);
  for (;;) {
    if (performance.now() > deadline) {
      const ins = newInsertion();
      for (let pi = 0; pi < pending.length; pi++) {
        if (alive[pi] && bestInsertion(m, sol, pending[pi], 0, null, ins)) applyInsertion(m, sol, pending[pi], ins);
      }
      return;
    }
    let bestPi = -1;
    let bestRegret = -Infinity;
    let bestCost = Infinity;
    let bestRoute = -1;
    for (let pi = 0; pi < pending.length; pi++) {
      if (!alive[pi]) continue;
      topK.fill(Infinity);
      let argBest = -1;
      for (let r = 0; r < nR; r++) {
        const d = table[pi][r].delta;
        if (d === Infinity) continue;
        if (sol.routes[r].len === 0) {
          // Identical empty vehicles are one option, not several (marks are per job index, so no reset is needed).
          const cl = m.vClass[r];
          if (seenClass[cl] === pi) continue;
          seenClass[cl] = pi;
        }
        if (d < topK[0]) argBest = r;
        for (let x = 0; x < k; x++) {
          if (d < topK[x]) {
            for (let y = k - 1; y > x; y--) topK[y] = topK[y - 1];
            topK[x] = d;
            break;
          }
        }
      }
      if (argBest < 0) {
        alive[pi] = false;
        continue;
      }
      let regret = 0;
      for (let x = 1; x < k; x++) regret += topK[x] === Infinity ? 1e15 : topK[x] - topK[0];
      if (regret > bestRegret || (regret === bestRegret && topK[0] < bestCost)) {
        bestRegret = regret;
        bestCost = topK[0];
        bestPi = pi;
        bestRoute = argBest;
      }
    }
    if (bestPi < 0) return;
    applyInsertion(m, sol, pending[bestPi], table[bestPi][bestRoute]);
    alive[bestPi] = false;
    for (let pi = 0; pi < pending.length; pi++) if (alive[pi]) fill(pi, bestRoute);
  }
}
