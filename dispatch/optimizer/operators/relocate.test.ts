import { describe, expect, it } from 'vitest';
import { compileModel } from '../model';
import { lineCost, lineProblem, routesOf, solWith } from '../testing/fixtures';
import { relocate } from './relocate';

describe('relocate', () => {
  it('moves a job to the route that serves its side of the depot', () => {
    const xs = [10, -10, -11];
    const m = compileModel(lineProblem(xs));
    const sol = solWith(m, [[0, 1], [2]]);
    const before = sol.travelCost();
    expect(before).toBe(lineCost(xs, [[0, 1], [2]]));
    const gain = relocate(m, sol);
    expect(gain).toBeCloseTo(20, 9);
    const routes = routesOf(m, sol);
    expect(routes[0]).toEqual([0]);
    expect([...routes[1]].sort()).toEqual([1, 2]);
    expect(sol.travelCost()).toBeCloseTo(lineCost(xs, routes), 9);
    expect(sol.jobRoute[1]).toBe(1);
  });

  it('returns 0 and changes nothing at a local optimum', () => {
    const xs = [10, -10];
    const m = compileModel(lineProblem(xs));
    const sol = solWith(m, [[0], [1]]);
    expect(relocate(m, sol)).toBe(0);
    expect(routesOf(m, sol)).toEqual([[0], [1]]);
  });

  it('moves a shipment with both of its stops', () => {
    const p = lineProblem([10, -10, -11]);
    p.jobs = [
      { kind: 'shipment', id: 's', pickup: { location: 1 }, delivery: { location: 2 } },
      { kind: 'delivery', id: 'd', location: 3 },
    ];
    const m = compileModel(p);
    // Shipment 10 → -10 on vehicle 0 (cost 40), delivery at -11 on vehicle 1 (cost 22).
    const sol = solWith(m, [[0], [1]]);
    const gain = relocate(m, sol);
    expect(gain).toBeGreaterThan(0);
    const r = sol.routes[sol.jobRoute[0]];
    const nodes = Array.from(r.nodes.subarray(0, r.len));
    expect(nodes.indexOf(0)).toBeLessThan(nodes.indexOf(1));
  });
});
