import { describe, expect, it } from 'vitest';
import { compileModel, type Model } from '../model';
import { Rng } from '../prng';
import type { Problem } from '../problem';
import { Sol } from '../solution';
import { bestInsertionInRoute, newInsertion, useExactInsertion } from './insertion';
import { randomProblem } from '../testing/random-problem';
import { regretInsertion } from './regret-insertion';
import { evaluateRoute } from '../route-eval';

/** Solomon-like random problem: delivery jobs, hard windows (fast path applies). */
function deliveries(seed: number, n: number): Problem {
  const rng = new Rng(seed);
  const pts = Array.from({ length: n + 1 }, () => [rng.next() * 100, rng.next() * 100]);
  const d = pts.map((a) => pts.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
  return {
    durations: d,
    distances: d,
    vehicles: Array.from({ length: 4 }, (_, v) => ({ id: `v${v}`, start: 0, end: 0, shift: [0, 400] as [number, number], capacity: [12] })),
    jobs: Array.from({ length: n }, (_, i) => {
      const a = rng.next() * 300;
      return { kind: 'delivery' as const, id: `c${i}`, location: i + 1, service: 10, timeWindow: [a, a + 20 + rng.next() * 100] as [number, number], amount: [1 + rng.int(3)] };
    }),
  };
}

describe('insertion', () => {
  it('fast O(1) checks agree with exact route evaluation', () => {
    let compared = 0;
    let feasible = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const p = deliveries(seed, 30);
      const m = compileModel(p, { weights: { duration: 0, distance: 1 } });
      expect(m.fast).toBe(true);
      const slow: Model = { ...m, fast: false };
      // Build routes with the first 20 jobs, then try inserting the others.
      const sol = new Sol(m);
      for (let j = 20; j < 30; j++) sol.jobRoute[j] = -2; // hide from construction
      regretInsertion(m, sol);
      for (let j = 20; j < 30; j++) sol.jobRoute[j] = -1;
      for (let j = 20; j < 30; j++) {
        for (let r = 0; r < sol.routes.length; r++) {
          const a = newInsertion();
          const b = newInsertion();
          bestInsertionInRoute(m, sol, r, j, 0, null, a);
          bestInsertionInRoute(slow, sol, r, j, 0, null, b);
          compared++;
          expect(a.route).toBe(b.route);
          if (a.route >= 0) {
            feasible++;
            expect(a.delta).toBeCloseTo(b.delta, 9);
          }
        }
      }
    }
    expect(compared).toBe(20 * 10 * 4);
    // Both outcomes must actually occur for the comparison to mean something.
    expect(feasible).toBeGreaterThan(50);
    expect(feasible).toBeLessThan(compared);
  });

  it('regret construction yields feasible routes with exact cached costs', () => {
    const p = deliveries(3, 40);
    const m = compileModel(p, { weights: { duration: 0, distance: 1 } });
    const sol = new Sol(m);
    regretInsertion(m, sol);
    expect(sol.unassigned).toBeLessThan(40);
    for (const r of sol.routes) expect(r.cost).toBeCloseTo(evaluateRoute(m, r.v, r.nodes, r.len), 9);
  });

  it('incremental cache updates after insertion equal a full recomputation', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const m = compileModel(deliveries(seed, 40), { weights: { duration: 0, distance: 1 } });
      const sol = new Sol(m);
      regretInsertion(m, sol); // inserts through Route.insertFast
      let checked = 0;
      for (const r of sol.routes) {
        if (r.len === 0) continue;
        const full = r.clone(m);
        full.update(m);
        checked++;
        expect(r.cost).toBeCloseTo(full.cost, 9);
        for (let i = 0; i <= r.len + 1; i++) {
          expect(r.extLoc[i]).toBe(full.extLoc[i]);
          expect(r.dep[i]).toBe(full.dep[i]);
          expect(r.ls[i]).toBe(full.ls[i]);
        }
        expect(Array.from(r.load)).toEqual(Array.from(full.load));
      }
      expect(checked).toBeGreaterThan(0);
    }
  });

  it('incremental general-path insertion finds the same best cost as full re-evaluation', () => {
    let compared = 0;
    let feasible = 0;
    try {
      for (let seed = 1; seed <= 12; seed++) {
        const p = randomProblem(seed, { jobs: 14, vehicles: 3, soft: seed % 2 === 0 });
        const m = compileModel(p);
        expect(m.fast).toBe(false);
        const sol = new Sol(m);
        regretInsertion(m, sol);
        for (let j = 0; j < m.nJobs; j++) {
          for (let r = 0; r < sol.routes.length; r++) {
            if (sol.jobRoute[j] === r) continue;
            const a = newInsertion();
            const b = newInsertion();
            useExactInsertion(false);
            bestInsertionInRoute(m, sol, r, j, 0, null, a);
            useExactInsertion(true);
            bestInsertionInRoute(m, sol, r, j, 0, null, b);
            compared++;
            expect(a.route, `seed ${seed} job ${j} route ${r}`).toBe(b.route);
            if (a.route >= 0) {
              feasible++;
              expect(a.delta).toBeCloseTo(b.delta, 6);
            }
          }
        }
      }
    } finally {
      useExactInsertion(false);
    }
    expect(feasible).toBeGreaterThan(50);
    expect(feasible).toBeLessThan(compared);
  });

  it('regret construction past its deadline falls back to a valid greedy construction', () => {
    const p = deliveries(4, 30);
    const m = compileModel(p, { weights: { duration: 0, distance: 1 } });
    const full = new Sol(m);
    regretInsertion(m, full);
    const rushed = new Sol(m);
    regretInsertion(m, rushed, 2, 0); // deadline already passed
    expect(rushed.unassigned).toBeLessThan(30);
    for (const r of rushed.routes) expect(r.cost).toBeCloseTo(evaluateRoute(m, r.v, r.nodes, r.len), 9);
    // Greedy in index order is a different construction, but it must be a complete, valid one.
    expect(rushed.unassigned).toBeLessThanOrEqual(full.unassigned + 3);
  });
});
