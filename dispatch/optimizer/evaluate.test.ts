import { describe, it, expect } from 'vitest';
import { evaluateSequences } from './evaluate';
import { solve } from './solve';
import type { Problem } from './problem';

// Line of 3 locations: store 0, door A (1) at 600 s, door B (2) at 1200 s from the store.
const durations = [[0, 600, 1200], [600, 0, 600], [1200, 600, 0]];
const problem = (over: Partial<Problem> = {}): Problem => ({
  durations, timeWindows: 'soft-delivery', now: 0,
  vehicles: [{ id: 'r1', start: 0, end: 0, shift: [0, 7200], capacity: [2] }, { id: 'r2', start: 0, end: 0, shift: [0, 7200], capacity: [1] }],
  jobs: [
    { kind: 'shipment', id: 'a', amount: [1], pickup: { location: 0, service: 60 }, delivery: { location: 1, service: 60, timeWindow: [0, 900] } },
    { kind: 'shipment', id: 'b', amount: [1], pickup: { location: 0, service: 60 }, delivery: { location: 2, service: 60, timeWindow: [0, 3600] }, maxRideTime: 1500 },
  ],
  ...over,
});
const seq = (...s: string[]) => s.map((x) => ({ jobId: x.slice(1), step: x[0] === 'P' ? 'pickup' as const : 'delivery' as const }));

describe('evaluateSequences', () => {
  it('gives the solver\'s own schedule for the solver\'s own routes', () => {
    const sol = solve(problem(), { maxIterations: 200 });
    const ev = evaluateSequences(problem(), sol.routes.map((r) => ({ vehicleId: r.vehicleId, stops: r.stops })));
    expect(ev.map((r) => r.stops.map((s) => s.start))).toEqual(sol.routes.map((r) => r.stops.map((s) => s.start)));
    expect(ev.flatMap((r) => r.breaches)).toEqual([]);
  });

  it('lists a late delivery by its seconds past the promise and a holdover overrun', () => {
    // B first: door B at 120+1200 = 1320, then A at 1380+600 = 1980 → 1080 s past 900.
    const [r] = evaluateSequences(problem(), [{ vehicleId: 'r1', stops: seq('Pa', 'Pb', 'Db', 'Da') }]);
    expect(r.stops.map((s) => s.start)).toEqual([0, 60, 1320, 1980]);
    expect(r.breaches).toEqual([{ rule: 'late', jobId: 'a', step: 'delivery', lateS: 1080 }]);
    // B carried via A: ride (end of Pb at 60 → B at 1380) = 1320 s ≤ 1500 ok; a 1000 s limit breaks.
    const tight = problem();
    (tight.jobs[1] as any).maxRideTime = 1000;
    const [r2] = evaluateSequences(tight, [{ vehicleId: 'r1', stops: seq('Pb', 'Pa', 'Da', 'Db') }]);
    expect(r2.breaches).toEqual([{ rule: 'holdover', jobId: 'b', step: 'delivery', rideS: 1320, limitS: 1000 }]);
  });

  it('lists capacity, a stop before its pickup, and a pin to another rider', () => {
    const pinned = problem();
    (pinned.jobs[0] as any).pinnedVehicle = 'r1';
    const [r] = evaluateSequences(pinned, [{ vehicleId: 'r2', stops: seq('Pa', 'Pb', 'Da', 'Db') }]);
    expect(r.breaches.map((b) => b.rule).sort()).toEqual(['capacity', 'pin', 'pin']);
    const [p] = evaluateSequences(problem(), [{ vehicleId: 'r1', stops: seq('Da', 'Pa') }]);
    expect(p.breaches).toEqual([{ rule: 'precedence', jobId: 'a', step: 'delivery' }]);
  });
});
