import { describe, expect, it } from 'vitest';
import { compileModel } from './model';
import type { Problem } from './problem';
import { OK, V_CAPACITY, V_HOLDOVER, V_PRECEDENCE, V_TIME, V_UNROUTABLE, V_WINDOW, evaluateRoute, lastEval, scheduledStart } from './route-eval';

// Locations: 0 store, 1 customer A (10 s away), 2 customer B (20 s from store, 10 s from A), 3 unreachable.
const durations = [
  [0, 10, 20, null],
  [10, 0, 10, null],
  [20, 10, 0, null],
  [null, null, null, 0],
];

function problem(over: Partial<Problem> = {}): Problem {
  return {
    durations,
    vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 1000], capacity: [2] }],
    jobs: [
      { kind: 'shipment', id: 'a', pickup: { location: 0, service: 5 }, delivery: { location: 1, service: 5, timeWindow: [0, 100] }, amount: [1] },
      { kind: 'shipment', id: 'b', pickup: { location: 0, service: 5 }, delivery: { location: 2, service: 5 }, amount: [1] },
      { kind: 'delivery', id: 'c', location: 3 },
    ],
    ...over,
  };
}

describe('evaluateRoute', () => {
  it('computes travel cost and accepts a feasible pickup-delivery sequence', () => {
    const m = compileModel(problem());
    // pickup a (node 0), pickup b (2), deliver a (1), deliver b (3)
    const cost = evaluateRoute(m, 0, [0, 2, 1, 3], 4);
    expect(lastEval.violation).toBe(OK);
    expect(cost).toBe(0 + 0 + 10 + 10 + 20);
    expect(scheduledStart(2)).toBe(5 + 5 + 10);
  });

  it('rejects a delivery before its pickup and a pickup without delivery', () => {
    const m = compileModel(problem());
    expect(evaluateRoute(m, 0, [1, 0], 2)).toBe(Infinity);
    expect(lastEval.violation).toBe(V_PRECEDENCE);
    expect(evaluateRoute(m, 0, [0], 1)).toBe(Infinity);
    expect(lastEval.violation).toBe(V_PRECEDENCE);
  });

  it('rejects capacity overflow on any dimension', () => {
    const m = compileModel(problem({ vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 1000], capacity: [1] }] }));
    expect(evaluateRoute(m, 0, [0, 2, 1, 3], 4)).toBe(Infinity);
    expect(lastEval.violation).toBe(V_CAPACITY);
    expect(evaluateRoute(m, 0, [0, 1, 2, 3], 4)).toBeLessThan(Infinity);
  });

  it('treats null matrix entries as unroutable, never as 0', () => {
    const m = compileModel(problem());
    expect(evaluateRoute(m, 0, [4], 1)).toBe(Infinity);
    expect(lastEval.violation).toBe(V_UNROUTABLE);
  });

  it('enforces hard windows and the shift end', () => {
    const p = problem();
    const m = compileModel({ ...p, jobs: [{ kind: 'delivery', id: 'x', location: 2, timeWindow: [0, 15] }] });
    expect(evaluateRoute(m, 0, [0], 1)).toBe(Infinity);
    expect(lastEval.violation).toBe(V_WINDOW);
    const m2 = compileModel({ ...p, vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 39], capacity: [1] }], jobs: [{ kind: 'delivery', id: 'x', location: 2 }] });
    expect(evaluateRoute(m2, 0, [0], 1)).toBe(Infinity);
    expect(lastEval.violation).toBe(V_TIME);
  });

  it('counts lateness on soft delivery windows instead of rejecting', () => {
    const p = problem({ timeWindows: 'soft-delivery' });
    p.jobs = [{ kind: 'delivery', id: 'x', location: 2, timeWindow: [0, 15] }];
    const m = compileModel(p, { weights: { lateness: 7 } });
    const cost = evaluateRoute(m, 0, [0], 1);
    expect(lastEval.lateness).toBe(5);
    expect(cost).toBe(40 + 7 * 5);
  });

  it('checks holdover after moving waiting before the pickup', () => {
    // Delivery opens at 100; the rider can wait at the store and leave at 85.
    const p = problem();
    p.jobs = [{ kind: 'shipment', id: 's', pickup: { location: 0, service: 5 }, delivery: { location: 1, timeWindow: [100, 200] }, maxRideTime: 10 }];
    const m = compileModel(p);
    expect(evaluateRoute(m, 0, [0, 1], 2)).toBeLessThan(Infinity);
    expect(scheduledStart(0)).toBe(85);
    expect(scheduledStart(1)).toBe(100);
    // With a shorter limit than the drive itself no schedule works.
    const q = problem();
    q.jobs = [{ kind: 'shipment', id: 's', pickup: { location: 0, service: 5 }, delivery: { location: 1, timeWindow: [100, 200] }, maxRideTime: 9 }];
    const m2 = compileModel(q);
    expect(evaluateRoute(m2, 0, [0, 1], 2)).toBe(Infinity);
    expect(lastEval.violation).toBe(V_HOLDOVER);
  });

  it('applies the speed factor to travel times', () => {
    const p = problem({ vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 1000], capacity: [2], speedFactor: 2 }] });
    p.jobs = [{ kind: 'delivery', id: 'x', location: 2, timeWindow: [0, 39] }];
    const m = compileModel(p);
    expect(evaluateRoute(m, 0, [0], 1)).toBe(Infinity);
    expect(lastEval.violation).toBe(V_WINDOW);
  });
});
