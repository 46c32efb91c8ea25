/**
 * Or-opt (Or 1976): move a string of 1–3 consecutive stops to another place in
 * the same route or in another route, keeping its order.
 */
import type { Model } from '../model';
import type { Sol } from '../solution';
import { evaluateRoute } from '../route-eval';
import { MIN_GAIN, candidateRoutes, commit, ensureScratch, locAt, sameShape, scratch, travelOnly } from './common';

/** Longest string moved. */
export const OR_OPT_MAX = 3;

/**
 * Applies the best improving string move; returns its gain (0 if none). Scanning stops at `deadline` (a performance.now()
 * value; default none) and the best move found so far is applied.
 */
export function orOpt(m: Model, sol: Sol, deadline = Infinity): number {
  ensureScratch(m.nNodes + 2);
  const prefilter = travelOnly(m);
  const nLoc = m.nLoc;
  const routes = sol.routes;
  const cand = candidateRoutes(m, sol);
  let bestGain = MIN_GAIN;
  let best: [number, number, number, number, number] | null = null;
  for (let r1 = 0; r1 < routes.length; r1++) {
    const A = routes[r1];
    for (let l = 1; l <= OR_OPT_MAX; l++) {
      for (let i = A.locked; i + l <= A.len; i++) {
        if (performance.now() > deadline) break;
        const pa = locAt(m, A, i - 1);
        const na = locAt(m, A, i + l);
        const first = m.nodeLoc[A.nodes[i]];
        const last = m.nodeLoc[A.nodes[i + l - 1]];
        const CA = m.cost[m.vProfile[A.v]];
        const removeGain = CA[pa * nLoc + first] + CA[last * nLoc + na] - CA[pa * nLoc + na];
        for (const r2 of cand) {
          const B = routes[r2];
          const same = r2 === r1;
          const filter = prefilter && sameShape(m, A, B);
          const CB = m.cost[m.vProfile[B.v]];
          for (let p = B.locked; p <= B.len; p++) {
            if (same && p >= i && p <= i + l) continue;
            if (filter) {
              const pb = locAt(m, B, p - 1);
              const nb = locAt(m, B, p);
              const addCost = CB[pb * nLoc + first] + CB[last * nLoc + nb] - CB[pb * nLoc + nb];
              if (removeGain - addCost <= bestGain) continue;
            }
            let gain: number;
            if (same) {
              const s = scratch.a;
              let k = 0;
              for (let x = 0; x <= A.len; x++) {
                if (x === p) for (let y = i; y < i + l; y++) s[k++] = A.nodes[y];
                if (x < A.len && (x < i || x >= i + l)) s[k++] = A.nodes[x];
              }
              const c = evaluateRoute(m, A.v, s, k);
              if (c === Infinity) continue;
              gain = A.cost - c;
            } else {
              const sa = scratch.a;
              let ka = 0;
              for (let x = 0; x < A.len; x++) if (x < i || x >= i + l) sa[ka++] = A.nodes[x];
              const ca = evaluateRoute(m, A.v, sa, ka);
              if (ca === Infinity) continue;
              const sb = scratch.b;
              let kb = 0;
              for (let x = 0; x <= B.len; x++) {
                if (x === p) for (let y = i; y < i + l; y++) sb[kb++] = A.nodes[y];
                if (x < B.len) sb[kb++] = B.nodes[x];
              }
              const cb = evaluateRoute(m, B.v, sb, kb);
              if (cb === Infinity) continue;
              gain = A.cost + B.cost - ca - cb;
            }
            if (gain > bestGain) {
              bestGain = gain;
              best = [r1, i, l, r2, p];
            }
          }
        }
      }
    }
  }
  if (!best) return 0;
  const [r1, i, l, r2, p] = best;
  const A = routes[r1];
  const seg = Array.from(A.nodes.subarray(i, i + l));
  if (r1 === r2) {
    const out: number[] = [];
    for (let x = 0; x <= A.len; x++) {
      if (x === p) out.push(...seg);
      if (x < A.len && (x < i || x >= i + l)) out.push(A.nodes[x]);
    }
    commit(m, sol, r1, out, out.length);
  } else {
    const B = routes[r2];
    const sa = Array.from(A.nodes.subarray(0, A.len)).filter((_, x) => x < i || x >= i + l);
    const sb = Array.from(B.nodes.subarray(0, B.len));
    sb.splice(p, 0, ...seg);
    commit(m, sol, r1, sa, sa.length);
    commit(m, sol, r2, sb, sb.length);
  }
  return bestGain;
}
