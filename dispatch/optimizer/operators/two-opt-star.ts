/**
 * 2-opt* (Potvin & Rousseau 1995): exchange the tails of two routes,
 * A = a₀…a_{i−1} | a_i…  and B = b₀…b_{j−1} | b_j…  →  a₀…a_{i−1} b_j…  and  b₀…b_{j−1} a_i….
 * Shipments whose stops end up on different routes make the candidate infeasible.
 */
import type { Model } from '../model';
import type { Sol } from '../solution';
import { evaluateRoute } from '../route-eval';
import { MIN_GAIN, candidateRoutes, commit, ensureScratch, locAt, sameShape, scratch, travelOnly } from './common';

/**
 * Applies the best improving tail exchange; returns its gain (0 if none). Scanning stops at `deadline` (a performance.now()
 * value; default none) and the best move found so far is applied.
 */
export function twoOptStar(m: Model, sol: Sol, deadline = Infinity): number {
  ensureScratch(m.nNodes + 2);
  const prefilter = travelOnly(m);
  const nLoc = m.nLoc;
  const routes = sol.routes;
  const cand = candidateRoutes(m, sol);
  let bestGain = MIN_GAIN;
  let best: [number, number, number, number] | null = null;
  for (let x = 0; x < cand.length; x++) {
    const r1 = cand[x];
    const A = routes[r1];
    for (let y = x + 1; y < cand.length; y++) {
      if (performance.now() > deadline) break;
      const r2 = cand[y];
      const B = routes[r2];
      if (A.len === 0 && B.len === 0) continue;
      const filter = prefilter && sameShape(m, A, B);
      const C = m.cost[m.vProfile[A.v]];
      for (let i = A.locked; i <= A.len; i++) {
        const pa = locAt(m, A, i - 1);
        const ha = locAt(m, A, i);
        for (let j = B.locked; j <= B.len; j++) {
          // Exchanging nothing, or everything between identical vehicles, changes nothing.
          if (i === A.len && j === B.len) continue;
          if (i === 0 && j === 0 && m.vClass[A.v] === m.vClass[B.v]) continue;
          if (filter) {
            const pb = locAt(m, B, j - 1);
            const hb = locAt(m, B, j);
            const delta = C[pa * nLoc + hb] + C[pb * nLoc + ha] - C[pa * nLoc + ha] - C[pb * nLoc + hb];
            if (-delta <= bestGain) continue;
          }
          const sa = scratch.a;
          let ka = 0;
          for (let k = 0; k < i; k++) sa[ka++] = A.nodes[k];
          for (let k = j; k < B.len; k++) sa[ka++] = B.nodes[k];
          const ca = evaluateRoute(m, A.v, sa, ka);
          if (ca === Infinity) continue;
          const sb = scratch.b;
          let kb = 0;
          for (let k = 0; k < j; k++) sb[kb++] = B.nodes[k];
          for (let k = i; k < A.len; k++) sb[kb++] = A.nodes[k];
          const cb = evaluateRoute(m, B.v, sb, kb);
          if (cb === Infinity) continue;
          const gain = A.cost + B.cost - ca - cb;
          if (gain > bestGain) {
            bestGain = gain;
            best = [r1, i, r2, j];
          }
        }
      }
    }
  }
  if (!best) return 0;
  const [r1, i, r2, j] = best;
  const A = routes[r1];
  const B = routes[r2];
  const sa = [...A.nodes.subarray(0, i), ...B.nodes.subarray(j, B.len)];
  const sb = [...B.nodes.subarray(0, j), ...A.nodes.subarray(i, A.len)];
  commit(m, sol, r1, sa, sa.length);
  commit(m, sol, r2, sb, sb.length);
  return bestGain;
}
