import { describe, expect, it } from 'vitest';
import { compileModel } from '../model';
import { Rng } from '../prng';
import { randomProblem } from '../testing/random-problem';
import { lineProblem, routesOf, solWith } from '../testing/fixtures';
import { RuinRecreate, type RuinParams } from './ruin-recreate';
import { regretInsertion } from '../heuristics/regret-insertion';
import { Sol } from '../solution';
import { evaluateRoute } from '../route-eval';

const params: RuinParams = { averageRemoved: 3, maxStringLength: 3, splitRate: 0.5, splitDepth: 0.5, blinkRate: 0.01, routeRemovalRate: 0 };

describe('SISR ruin and recreate', () => {
  it('removes strings of consecutive stops, never locked ones', () => {
    const xs = Array.from({ length: 12 }, (_, i) => (i % 2 ? -1 : 1) * (10 + i));
    const p = lineProblem(xs, 2);
    p.vehicles = [{ ...p.vehicles[0], lockedPrefix: [{ jobId: 'j0', step: 'delivery' }] }, p.vehicles[1]];
    const m = compileModel(p);
    const rr = new RuinRecreate(m);
    const rng = new Rng(7);
    for (let k = 0; k < 50; k++) {
      const sol = solWith(m, [[0, 2, 4, 6, 8, 10], [1, 3, 5, 7, 9, 11]]).derive(m);
      const removed = rr.ruin(sol, params, rng);
      expect(removed.length).toBeGreaterThan(0);
      expect(removed).not.toContain(0);
      expect(sol.unassigned).toBe(removed.length);
      for (const j of removed) expect(sol.jobRoute[j]).toBe(-1);
      rr.recreate(sol, removed, params, rng);
      expect(sol.unassigned).toBe(0);
      expect(routesOf(m, sol)[0][0]).toBe(0);
    }
  });

  it('keeps every route feasible and the cached costs exact on random shipment problems', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const m = compileModel(randomProblem(seed, { jobs: 10, vehicles: 3 }));
      const sol = new Sol(m);
      regretInsertion(m, sol);
      const rr = new RuinRecreate(m);
      const rng = new Rng(seed);
      let cur = sol;
      for (let it = 0; it < 30; it++) {
        const cand = cur.derive(m);
        rr.recreate(cand, rr.ruin(cand, params, rng), params, rng);
        for (const r of cand.routes) {
          const exact = evaluateRoute(m, r.v, r.nodes, r.len);
          expect(exact).toBeLessThan(Infinity);
          expect(r.cost).toBeCloseTo(exact, 6);
        }
        cand.freeze();
        cur = cand;
      }
    }
  });

  it('route removal empties one whole route, except locked stops', () => {
    const xs = Array.from({ length: 9 }, (_, i) => 10 + i);
    const p = lineProblem(xs, 3);
    p.vehicles = [{ ...p.vehicles[0], lockedPrefix: [{ jobId: 'j0', step: 'delivery' }] }, p.vehicles[1], p.vehicles[2]];
    const m = compileModel(p);
    const rr = new RuinRecreate(m);
    const rng = new Rng(3);
    for (let k = 0; k < 20; k++) {
      const sol = solWith(m, [[0, 1, 2], [3, 4, 5], [6, 7, 8]]).derive(m);
      const removed = rr.ruin(sol, { ...params, routeRemovalRate: 1 }, rng);
      const routes = routesOf(m, sol);
      const emptied = routes.findIndex((r, i) => r.length === (i === 0 ? 1 : 0));
      expect(emptied).toBeGreaterThanOrEqual(0);
      expect(removed.length).toBe(emptied === 0 ? 2 : 3);
      expect(routes[0][0]).toBe(0);
    }
  });
});
