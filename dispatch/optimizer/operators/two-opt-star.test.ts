import { describe, expect, it } from 'vitest';
import { compileModel } from '../model';
import { lineCost, lineProblem, routesOf, solWith } from '../testing/fixtures';
import { twoOptStar } from './two-opt-star';

describe('2-opt*', () => {
  it('exchanges route tails', () => {
    const xs = [10, -10, -11, 11];
    const m = compileModel(lineProblem(xs));
    const sol = solWith(m, [[0, 1], [2, 3]]);
    const gain = twoOptStar(m, sol);
    expect(gain).toBeCloseTo(40, 9);
    const routes = routesOf(m, sol);
    expect(routes).toEqual([[0, 3], [2, 1]]);
    expect(sol.travelCost()).toBeCloseTo(lineCost(xs, routes), 9);
  });

  it('never splits a shipment across routes', () => {
    const p = lineProblem([10, 12, -10, -12]);
    p.jobs = [
      { kind: 'shipment', id: 'a', pickup: { location: 1 }, delivery: { location: 3 } },
      { kind: 'shipment', id: 'b', pickup: { location: 4 }, delivery: { location: 2 } },
    ];
    const m = compileModel(p);
    const sol = solWith(m, [[0], [1]]);
    twoOptStar(m, sol);
    for (let j = 0; j < 2; j++) {
      const r = sol.routes[sol.jobRoute[j]];
      const nodes = Array.from(r.nodes.subarray(0, r.len));
      expect(nodes).toContain(m.jobFirst[j]);
      expect(nodes).toContain(m.jobFirst[j] + 1);
    }
  });
});
