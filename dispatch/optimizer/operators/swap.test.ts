import { describe, expect, it } from 'vitest';
import { compileModel } from '../model';
import { lineCost, lineProblem, routesOf, solWith } from '../testing/fixtures';
import { swap } from './swap';

describe('swap', () => {
  it('exchanges two jobs so each route stays on one side', () => {
    const xs = [10, -10, -11, 11];
    const m = compileModel(lineProblem(xs));
    const sol = solWith(m, [[0, 1], [2, 3]]);
    const gain = swap(m, sol);
    expect(gain).toBeCloseTo(40, 9);
    const routes = routesOf(m, sol);
    for (const r of routes) expect(new Set(r.map((j) => Math.sign(xs[j]))).size).toBe(1);
    expect(sol.travelCost()).toBeCloseTo(lineCost(xs, routes), 9);
  });

  it('respects capacity: no swap that overloads a route', () => {
    const xs = [10, -10, -11, 11];
    const p = lineProblem(xs, 2, { capacity: [2] });
    const amounts = [1, 1, 2, 0];
    p.jobs = p.jobs.map((j, i) => ({ ...j, amount: [amounts[i]] }));
    const m = compileModel(p);
    // Every swap moves load 1 against 2 or 0, overloading one side: none is feasible.
    const sol = solWith(m, [[0, 1], [2, 3]]);
    expect(swap(m, sol)).toBe(0);
    expect(routesOf(m, sol)).toEqual([[0, 1], [2, 3]]);
    // With room for it the same swap is taken.
    const loose = compileModel({ ...p, vehicles: p.vehicles.map((v) => ({ ...v, capacity: [3] })) });
    const sol2 = solWith(loose, [[0, 1], [2, 3]]);
    expect(swap(loose, sol2)).toBeCloseTo(40, 9);
  });
});
