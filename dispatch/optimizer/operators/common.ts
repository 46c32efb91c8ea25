/**
 * Shared helpers of the local-search operators. Each operator finds the best
 * improving move of its neighbourhood, applies it and returns the cost gain
 * (0 when none). Candidate sequences are evaluated exactly with evaluateRoute;
 * when the objective is pure travel (hard windows) and both routes share a
 * speed profile and end location, a travel-delta prefilter skips the rest.
 */
import type { Model } from '../model';
import type { Sol } from '../solution';
import type { Route } from '../solution';

/** Improvement smaller than this is treated as none (avoids cycling on round-off). */
export const MIN_GAIN = 1e-7;

/** Reusable candidate-sequence buffers (one per route of a two-route move). */
export const scratch = { a: new Int32Array(64), b: new Int32Array(64) };

/** Grows the scratch buffers to hold at least `n` stops. */
export function ensureScratch(n: number): void {
  if (scratch.a.length < n) {
    scratch.a = new Int32Array(n * 2);
    scratch.b = new Int32Array(n * 2);
  }
}

/** Location at index i of a route; -1 = vehicle start, len = vehicle end. */
export function locAt(m: Model, r: Route, i: number): number {
  if (i < 0) return m.vStart[r.v];
  if (i >= r.len) return m.vEnd[r.v];
  return m.nodeLoc[r.nodes[i]];
}

/** True when the total cost change equals the travel change (no lateness term). */
export function travelOnly(m: Model): boolean {
  return m.problem.timeWindows !== 'soft-delivery';
}

/** True when travel deltas computed from arcs alone are exact for moves between these routes. */
export function sameShape(m: Model, a: Route, b: Route): boolean {
  return m.vProfile[a.v] === m.vProfile[b.v] && m.vEnd[a.v] === m.vEnd[b.v];
}

/** Routes worth trying as a destination: all non-empty ones and the first empty one of each vehicle class. */
export function candidateRoutes(m: Model, sol: Sol): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let r = 0; r < sol.routes.length; r++) {
    if (sol.routes[r].len > 0) out.push(r);
    else if (!seen.has(m.vClass[r])) {
      seen.add(m.vClass[r]);
      out.push(r);
    }
  }
  return out;
}

/** Replaces route r's sequence and refreshes its caches and the job index. */
export function commit(m: Model, sol: Sol, r: number, seq: ArrayLike<number>, len: number): void {
  const route = sol.own(m, r);
  route.setNodes(seq, len);
  route.update(m);
  sol.reindex(m, r);
}
