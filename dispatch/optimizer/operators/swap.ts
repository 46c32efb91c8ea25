/**
 * Swap: exchange two single-stop jobs between two routes, each taking the
 * other's position.
 */
import { KIND_SINGLE, type Model } from '../model';
import type { Sol } from '../solution';
import { evaluateRoute } from '../route-eval';
import { MIN_GAIN, commit, ensureScratch, locAt, sameShape, scratch, travelOnly } from './common';

/**
 * Applies the best improving swap; returns its gain (0 if none). Scanning stops at `deadline` (a performance.now()
 * value; default none) and the best move found so far is applied.
 */
export function swap(m: Model, sol: Sol, deadline = Infinity): number {
  ensureScratch(m.nNodes + 2);
  const prefilter = travelOnly(m);
  const nLoc = m.nLoc;
  let bestGain = MIN_GAIN;
  let best: [number, number, number, number] | null = null;
  const routes = sol.routes;
  for (let r1 = 0; r1 < routes.length; r1++) {
    const A = routes[r1];
    for (let r2 = r1 + 1; r2 < routes.length; r2++) {
      if (performance.now() > deadline) break;
      const B = routes[r2];
      if (A.len === 0 || B.len === 0) continue;
      const filter = prefilter && sameShape(m, A, B);
      const C = m.cost[m.vProfile[A.v]];
      for (let i = A.locked; i < A.len; i++) {
        const a = A.nodes[i];
        if (m.nodeKind[a] !== KIND_SINGLE) continue;
        const la = m.nodeLoc[a];
        const pa = locAt(m, A, i - 1);
        const na = locAt(m, A, i + 1);
        for (let j = B.locked; j < B.len; j++) {
          const b = B.nodes[j];
          if (m.nodeKind[b] !== KIND_SINGLE) continue;
          const lb = m.nodeLoc[b];
          if (filter) {
            const pb = locAt(m, B, j - 1);
            const nb = locAt(m, B, j + 1);
            const delta =
              C[pa * nLoc + lb] + C[lb * nLoc + na] - C[pa * nLoc + la] - C[la * nLoc + na] +
              C[pb * nLoc + la] + C[la * nLoc + nb] - C[pb * nLoc + lb] - C[lb * nLoc + nb];
            if (-delta <= bestGain) continue;
          }
          const sa = scratch.a;
          sa.set(A.nodes.subarray(0, A.len));
          sa[i] = b;
          const ca = evaluateRoute(m, A.v, sa, A.len);
          if (ca === Infinity) continue;
          const sb = scratch.b;
          sb.set(B.nodes.subarray(0, B.len));
          sb[j] = a;
          const cb = evaluateRoute(m, B.v, sb, B.len);
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
  const a = A.nodes[i];
  const b = B.nodes[j];
  const sa = Int32Array.from(A.nodes.subarray(0, A.len));
  sa[i] = b;
  const sb = Int32Array.from(B.nodes.subarray(0, B.len));
  sb[j] = a;
  commit(m, sol, r1, sa, sa.length);
  commit(m, sol, r2, sb, sb.length);
  return bestGain;
}
