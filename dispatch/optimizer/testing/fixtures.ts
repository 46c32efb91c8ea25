/** Small hand-made problems and solutions for unit tests. */
import type { Model } from '../model';
import type { Job, Problem, Vehicle } from '../problem';
import { Sol } from '../solution';

/**
 * Points on a line: location 0 is the depot at x = 0, job i sits at x = xs[i]
 * (location i + 1). Travel time = distance = |Δx|. Delivery jobs, no windows.
 */
export function lineProblem(xs: number[], vehicles = 2, vehicle: Partial<Vehicle> = {}): Problem {
  const pos = [0, ...xs];
  const d = pos.map((a) => pos.map((b) => Math.abs(a - b)));
  const vs: Vehicle[] = Array.from({ length: vehicles }, (_, v) => ({ id: `v${v}`, start: 0, end: 0, shift: [0, 1e6], capacity: [100], ...vehicle }));
  const jobs: Job[] = xs.map((_, i) => ({ kind: 'delivery', id: `j${i}`, location: i + 1, amount: [1] }));
  return { durations: d, distances: d, vehicles: vs, jobs };
}

/** Total travel of routes given as job indices on a line problem, computed directly. */
export function lineCost(xs: number[], routes: number[][]): number {
  let c = 0;
  for (const r of routes) {
    if (r.length === 0) continue;
    let x = 0;
    for (const j of r) {
      c += Math.abs(xs[j] - x);
      x = xs[j];
    }
    c += Math.abs(x);
  }
  return c;
}

/** Builds a solution with the given job indices per vehicle (shipments get both stops, pickup first). */
export function solWith(m: Model, routes: number[][]): Sol {
  const sol = new Sol(m);
  routes.forEach((jobs, r) => {
    const nodes = jobs.flatMap((j) => (m.jobSize[j] === 2 ? [m.jobFirst[j], m.jobFirst[j] + 1] : [m.jobFirst[j]]));
    const route = sol.own(m, r);
    route.setNodes(nodes, nodes.length);
    route.update(m);
    sol.reindex(m, r);
  });
  let u = 0;
  for (let j = 0; j < m.nJobs; j++) if (sol.jobRoute[j] < 0) u++;
  sol.unassigned = u;
  sol.freeze();
  return sol;
}

/** Job indices per route of a solution. */
export function routesOf(m: Model, sol: Sol): number[][] {
  return sol.routes.map((r) => {
    const out: number[] = [];
    for (let i = 0; i < r.len; i++) {
      const j = m.nodeJob[r.nodes[i]];
      if (m.jobFirst[j] === r.nodes[i]) out.push(j);
    }
    return out;
  });
}
