import { describe, expect, it } from 'vitest';
import { compileModel } from '../model';
import { lineCost, lineProblem, routesOf, solWith } from '../testing/fixtures';
import { orOpt } from './or-opt';

describe('or-opt', () => {
  it('moves a string inside a route until the route is optimal', () => {
    const xs = [10, -10, 11, -11];
    const m = compileModel(lineProblem(xs, 1));
    const sol = solWith(m, [[0, 1, 2, 3]]);
    expect(sol.travelCost()).toBe(84);
    const gain = orOpt(m, sol);
    expect(gain).toBeGreaterThan(0);
    while (orOpt(m, sol) > 0);
    const routes = routesOf(m, sol);
    expect(sol.travelCost()).toBeCloseTo(44, 9);
    expect(lineCost(xs, routes)).toBeCloseTo(44, 9);
  });

  it('moves a string to another route', () => {
    const xs = [10, 11, -10, -11, -12];
    const m = compileModel(lineProblem(xs));
    const sol = solWith(m, [[0, 2, 3, 1], [4]]);
    const gain = orOpt(m, sol);
    expect(gain).toBeGreaterThan(0);
    expect(sol.travelCost()).toBeCloseTo(lineCost(xs, routesOf(m, sol)), 9);
  });

  it('respects hard time windows', () => {
    const xs = [10, -10];
    const p = lineProblem(xs, 1);
    // j1 must be served before t = 10, so j1 must come first.
    p.jobs = p.jobs.map((j, i) => (i === 1 ? { ...j, timeWindow: [0, 10] as const } : j));
    const m = compileModel(p);
    const sol = solWith(m, [[1, 0]]);
    expect(orOpt(m, sol)).toBe(0);
    expect(routesOf(m, sol)).toEqual([[1, 0]]);
  });
});
