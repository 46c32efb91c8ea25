/**
 * CROSS-exchange (Taillard et al. 1997): swap a string of 1–3 stops of one
 * route with a string of 1–3 stops of another route, keeping their order.
 */
import type { Model } from '../model';
import type { Sol } from '../solution';
import { evaluateRoute } from '../route-eval';
import { MIN_GAIN, commit, ensureScratch, locAt, sameShape, scratch, travelOnly } from './common';

/** Longest string exchanged. */
export const CROSS_MAX = 3;

/**
 * Applies the best improving exchange; returns its gain (0 if none). Scanning stops at `deadline` (a performance.now()
 * value; default none) and the best move found so far is applied.
 */
export function crossExchange(m: Model, sol: Sol, deadline = Infinity): number {
  ensureScratch(m.nNodes + 8);
  const prefilter = travelOnly(m);
  const nLoc = m.nLoc;
  const routes = sol.routes;
  let bestGain = MIN_GAIN;
  let best: [number, number, number, number, number, number] | null = null;
  for (let r1 = 0; r1 < routes.length; r1++) {
    const A = routes[r1];
    if (A.len === 0) continue;
    for (let r2 = r1 + 1; r2 < routes.length; r2++) {
      if (performance.now() > deadline) break;
      const B = routes[r2];
      if (B.len === 0) continue;
      const filter = prefilter && sameShape(m, A, B);
      const C = m.cost[m.vProfile[A.v]];
      for (let la = 1; la <= CROSS_MAX; la++) {
        for (let i = A.locked; i + la <= A.len; i++) {
          const pa = locAt(m, A, i - 1);
          const na = locAt(m, A, i + la);
          const fa = m.nodeLoc[A.nodes[i]];
          const ea = m.nodeLoc[A.nodes[i + la - 1]];
          for (let lb = 1; lb <= CROSS_MAX; lb++) {
            if (la === 1 && lb === 1) continue; // that is a swap
            for (let j = B.locked; j + lb <= B.len; j++) {
              const fb = m.nodeLoc[B.nodes[j]];
              const eb = m.nodeLoc[B.nodes[j + lb - 1]];
              if (filter) {
                const pb = locAt(m, B, j - 1);
                const nb = locAt(m, B, j + lb);
                const delta =
                  C[pa * nLoc + fb] + C[eb * nLoc + na] + C[pb * nLoc + fa] + C[ea * nLoc + nb] -
                  C[pa * nLoc + fa] - C[ea * nLoc + na] - C[pb * nLoc + fb] - C[eb * nLoc + nb];
                if (-delta <= bestGain) continue;
              }
              const sa = scratch.a;
              let ka = 0;
              for (let x = 0; x < i; x++) sa[ka++] = A.nodes[x];
              for (let x = j; x < j + lb; x++) sa[ka++] = B.nodes[x];
              for (let x = i + la; x < A.len; x++) sa[ka++] = A.nodes[x];
              const ca = evaluateRoute(m, A.v, sa, ka);
              if (ca === Infinity) continue;
              const sb = scratch.b;
              let kb = 0;
              for (let x = 0; x < j; x++) sb[kb++] = B.nodes[x];
              for (let x = i; x < i + la; x++) sb[kb++] = A.nodes[x];
              for (let x = j + lb; x < B.len; x++) sb[kb++] = B.nodes[x];
              const cb = evaluateRoute(m, B.v, sb, kb);
              if (cb === Infinity) continue;
              const gain = A.cost + B.cost - ca - cb;
              if (gain > bestGain) {
                bestGain = gain;
                best = [r1, i, la, r2, j, lb];
              }
            }
          }
        }
      }
    }
  }
  if (!best) return 0;
  const [r1, i, la, r2, j, lb] = best;
  const A = routes[r1];
  const B = routes[r2];
  const an = Array.from(A.nodes.subarray(0, A.len));
  const bn = Array.from(B.nodes.subarray(0, B.len));
  const sa = [...an.slice(0, i), ...bn.slice(j, j + lb), ...an.slice(i + la)];
  const sb = [...bn.slice(0, j), ...an.slice(i, i + la), ...bn.slice(j + lb)];
  commit(m, sol, r1, sa, sa.length);
  commit(m, sol, r2, sb, sb.length);
  return bestGain;
}
