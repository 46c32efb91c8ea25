import { describe, expect, it } from 'vitest';
import { compileModel } from '../model';
import { lineCost, lineProblem, routesOf, solWith } from '../testing/fixtures';
import { crossExchange } from './cross-exchange';

describe('cross-exchange', () => {
  it('swaps strings of two stops between routes', () => {
    const xs = [10, 11, -10, -11, 12, 13, -12, -13];
    const m = compileModel(lineProblem(xs));
    const sol = solWith(m, [[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(sol.travelCost()).toBe(96);
    const gain = crossExchange(m, sol);
    expect(gain).toBeCloseTo(44, 9);
    const routes = routesOf(m, sol);
    for (const r of routes) expect(new Set(r.map((j) => Math.sign(xs[j]))).size).toBe(1);
    expect(sol.travelCost()).toBeCloseTo(lineCost(xs, routes), 9);
  });

  it('keeps locked stops in place', () => {
    const xs = [10, 11, -10, -11, 12, 13, -12, -13];
    const p = lineProblem(xs);
    p.vehicles = [{ ...p.vehicles[0], lockedPrefix: [{ jobId: 'j0', step: 'delivery' }, { jobId: 'j1', step: 'delivery' }] }, p.vehicles[1]];
    const m = compileModel(p);
    const sol = solWith(m, [[0, 1, 2, 3], [4, 5, 6, 7]]);
    crossExchange(m, sol);
    const routes = routesOf(m, sol);
    expect(routes[0].slice(0, 2)).toEqual([0, 1]);
  });
});
