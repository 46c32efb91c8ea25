import { describe, expect, it } from 'vitest';
import { solve } from './solve';
import type { Problem, Solution } from './problem';
import { randomProblem } from './testing/random-problem';
import { checkSolution } from './testing/check-solution';
import { Rng } from './prng';

const strip = (s: Solution) => ({ ...s, stats: { iterations: s.stats.iterations, timeMs: 0 } });

/** Line of locations: x positions; travel time = |Δx| seconds. */
function line(xs: number[]): number[][] {
  return xs.map((a) => xs.map((b) => Math.abs(a - b)));
}

describe('solve: property tests on random instances', () => {
  it('every solution passes the independent checker (hard and soft windows, shipments, holdover, pins, nulls)', () => {
    let served = 0;
    let unassigned = 0;
    let late = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const p = randomProblem(seed, { jobs: 4 + (seed % 9), vehicles: 1 + (seed % 3), soft: seed % 2 === 0, nullRate: seed % 5 === 0 ? 0.05 : 0 });
      const s = solve(p, { maxIterations: 150, seed });
      expect(checkSolution(p, s), `seed ${seed}`).toEqual([]);
      served += s.summary.served;
      unassigned += s.summary.unassigned;
      late += s.summary.lateness;
    }
    // The generator must exercise both outcomes, or the test proves little.
    expect(served).toBeGreaterThan(100);
    expect(unassigned).toBeGreaterThan(0);
    expect(late).toBeGreaterThan(0);
  });

  it('finds the optimum of tiny instances (compared with brute force)', () => {
    const rng = new Rng(99);
    for (let k = 0; k < 10; k++) {
      const xs = [0, ...Array.from({ length: 5 }, () => Math.round(rng.next() * 200 - 100))];
      const ys = [0, ...Array.from({ length: 5 }, () => Math.round(rng.next() * 200 - 100))];
      const d = xs.map((_, i) => xs.map((__, j) => Math.hypot(xs[i] - xs[j], ys[i] - ys[j])));
      const p: Problem = {
        durations: d,
        vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 1e6], capacity: [] }],
        jobs: [1, 2, 3, 4, 5].map((i) => ({ kind: 'delivery', id: String(i), location: i })),
      };
      let best = Infinity;
      const perm = (rest: number[], at: number, acc: number): void => {
        if (rest.length === 0) {
          best = Math.min(best, acc + d[at][0]);
          return;
        }
        rest.forEach((c, i) => perm([...rest.slice(0, i), ...rest.slice(i + 1)], c, acc + d[at][c]));
      };
      perm([1, 2, 3, 4, 5], 0, 0);
      const s = solve(p, { maxIterations: 300, seed: k + 1 });
      expect(s.summary.travelTime).toBeCloseTo(best, 6);
    }
  });
});

describe('solve: determinism', () => {
  it('same seed and iteration bound give the same plan', () => {
    const p = randomProblem(5, { jobs: 12, vehicles: 3 });
    const a = solve(p, { maxIterations: 400, seed: 42 });
    const b = solve(p, { maxIterations: 400, seed: 42 });
    expect(JSON.stringify(strip(a))).toBe(JSON.stringify(strip(b)));
    expect(a.stats.iterations).toBe(400);
  });
});

describe('solve: holdover', () => {
  // Store at x=0, customers at x=10 and x=12; 5 s service at each delivery.
  const xs = [0, 10, 12];
  const base = (maxRideTime?: number): Problem => ({
    durations: line(xs),
    vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 1000], capacity: [2] }],
    jobs: [
      { kind: 'shipment', id: 'a', pickup: { location: 0 }, delivery: { location: 1, service: 5 }, amount: [1], maxRideTime },
      { kind: 'shipment', id: 'b', pickup: { location: 0 }, delivery: { location: 2, service: 5 }, amount: [1], maxRideTime },
    ],
  });

  it('the shortest plan carries both boxes together', () => {
    const s = solve(base(), { maxIterations: 200 });
    expect(s.summary.travelTime).toBe(24);
    expect(s.routes[0].stops.map((x) => x.step)).toEqual(['pickup', 'pickup', 'delivery', 'delivery']);
  });

  it('a 14 s holdover forces two separate trips', () => {
    // Together, the second box rides ≥ 10 + 5 + 2 = 17 s > 14 s.
    const p = base(14);
    const s = solve(p, { maxIterations: 200 });
    expect(checkSolution(p, s)).toEqual([]);
    expect(s.summary.served).toBe(2);
    expect(s.summary.travelTime).toBe(44);
    const stops = s.routes[0].stops;
    for (const id of ['a', 'b']) {
      const pu = stops.find((x) => x.jobId === id && x.step === 'pickup')!;
      const de = stops.find((x) => x.jobId === id && x.step === 'delivery')!;
      expect(de.start - pu.departure).toBeLessThanOrEqual(14);
    }
  });
});

describe('solve: pins and locked prefixes', () => {
  const xs = [0, 10, -10, 20, -20];
  const two = (): Problem => ({
    durations: line(xs),
    vehicles: [
      { id: 'east', start: 0, end: 0, shift: [0, 1000], capacity: [10] },
      { id: 'west', start: 0, end: 0, shift: [0, 1000], capacity: [10] },
    ],
    jobs: [1, 2, 3, 4].map((i) => ({ kind: 'delivery' as const, id: `j${i}`, location: i, amount: [1] })),
  });

  it('a pinned job goes on its vehicle even when another is cheaper', () => {
    const p = two();
    p.jobs = p.jobs.map((j) => (j.id === 'j4' ? { ...j, pinnedVehicle: 'east' } : j));
    const s = solve(p, { maxIterations: 200 });
    expect(checkSolution(p, s)).toEqual([]);
    const east = s.routes.find((r) => r.vehicleId === 'east')!;
    expect(east.stops.map((x) => x.jobId)).toContain('j4');
  });

  it('a locked prefix stays first, in order, even when it is a detour', () => {
    const p = two();
    p.vehicles = [{ ...p.vehicles[0], lockedPrefix: [{ jobId: 'j3', step: 'delivery' }, { jobId: 'j2', step: 'delivery' }] }, p.vehicles[1]];
    const s = solve(p, { maxIterations: 200 });
    expect(checkSolution(p, s)).toEqual([]);
    const east = s.routes.find((r) => r.vehicleId === 'east')!;
    expect(east.stops.slice(0, 2).map((x) => [x.jobId, x.locked])).toEqual([
      ['j3', true],
      ['j2', true],
    ]);
  });

  it('a picked-up shipment keeps its locked pickup and gets its delivery on the same rider', () => {
    const p = two();
    p.jobs = [...p.jobs, { kind: 'shipment', id: 's', pickup: { location: 1 }, delivery: { location: 4 }, amount: [1] }];
    p.vehicles = [p.vehicles[0], { ...p.vehicles[1], lockedPrefix: [{ jobId: 's', step: 'pickup' }] }];
    const s = solve(p, { maxIterations: 200 });
    expect(checkSolution(p, s)).toEqual([]);
    const west = s.routes.find((r) => r.vehicleId === 'west')!;
    expect(west.stops[0]).toMatchObject({ jobId: 's', step: 'pickup', locked: true });
    expect(west.stops.some((x) => x.jobId === 's' && x.step === 'delivery')).toBe(true);
  });
});

describe('solve: unassigned reasons', () => {
  it('reports the blocking constraint of each crafted job', () => {
    // 0 depot, 1 near (10 s), 2 far (50 s), 3 unroutable, 4 store→customer 30 s apart.
    const d: (number | null)[][] = [
      [0, 10, 50, null, 5],
      [10, 0, 45, null, 10],
      [50, 45, 0, null, 30],
      [null, null, null, 0, null],
      [5, 10, 30, null, 0],
    ];
    const p: Problem = {
      durations: d,
      now: 100,
      vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 10000], capacity: [3, 1] }],
      jobs: [
        { kind: 'delivery', id: 'ok', location: 1, amount: [1, 0] },
        { kind: 'delivery', id: 'unroutable', location: 3 },
        { kind: 'delivery', id: 'capacity', location: 1, amount: [0, 2] },
        { kind: 'shipment', id: 'holdover', pickup: { location: 4 }, delivery: { location: 2 }, maxRideTime: 20 },
        { kind: 'delivery', id: 'missed', location: 1, timeWindow: [0, 50] },
        { kind: 'delivery', id: 'ghost-pin', location: 1, pinnedVehicle: 'ghost' },
        // The rider can start at now = 100 and needs 50 s: arrives 150 > deadline 140.
        { kind: 'delivery', id: 'too-far', location: 2, timeWindow: [0, 200], deadline: 140 },
      ],
    };
    const s = solve(p, { maxIterations: 100 });
    expect(checkSolution(p, s)).toEqual([]);
    const reasons = Object.fromEntries(s.unassigned.map((u) => [u.jobId, u.reason]));
    expect(reasons).toEqual({
      unroutable: 'unroutable',
      capacity: 'capacity',
      holdover: 'holdover_exceeded',
      missed: 'window_missed',
      'ghost-pin': 'no_compatible_vehicle',
      'too-far': 'no_vehicle_in_time',
    });
  });

  it('reports no_vehicle_in_time when a job fits alone but the fleet is busy', () => {
    const p: Problem = {
      durations: line([0, 10, -10]),
      vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 100], capacity: [] }],
      jobs: [
        { kind: 'delivery', id: 'a', location: 1, timeWindow: [10, 12], service: 5 },
        { kind: 'delivery', id: 'b', location: 2, timeWindow: [10, 12], service: 5 },
      ],
    };
    const s = solve(p, { maxIterations: 50 });
    expect(s.summary.served).toBe(1);
    expect(s.unassigned[0].reason).toBe('no_vehicle_in_time');
  });

  it('a job pinned to a vehicle that cannot take it is no_compatible_vehicle', () => {
    const p: Problem = {
      durations: line([0, 10]),
      vehicles: [
        { id: 'small', start: 0, end: 0, shift: [0, 100], capacity: [1] },
        { id: 'big', start: 0, end: 0, shift: [0, 100], capacity: [5] },
      ],
      jobs: [{ kind: 'delivery', id: 'x', location: 1, amount: [3], pinnedVehicle: 'small' }],
    };
    const s = solve(p, { maxIterations: 20 });
    expect(s.unassigned).toEqual([expect.objectContaining({ jobId: 'x', reason: 'no_compatible_vehicle' })]);
  });
});

describe('solve: soft delivery windows', () => {
  const p = (mode: 'hard' | 'soft-delivery'): Problem => ({
    durations: line([0, 30]),
    timeWindows: mode,
    vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 1000], capacity: [] }],
    jobs: [{ kind: 'shipment', id: 's', pickup: { location: 0 }, delivery: { location: 1, timeWindow: [0, 20] } }],
  });

  it('a late delivery is planned with its lateness in soft mode and dropped in hard mode', () => {
    const soft = solve(p('soft-delivery'), { maxIterations: 20 });
    expect(soft.summary.served).toBe(1);
    expect(soft.routes[0].stops[1].lateness).toBe(10);
    expect(soft.summary.lateness).toBe(10);
    const hard = solve(p('hard'), { maxIterations: 20 });
    expect(hard.summary.served).toBe(0);
    expect(hard.unassigned[0].reason).toBe('no_vehicle_in_time');
  });

  it('minimises lateness before travel', () => {
    // Two deliveries due at 10 (x=10) and 40 (x=-10): serving x=10 first is on time.
    const q: Problem = {
      durations: line([0, 10, -10]),
      timeWindows: 'soft-delivery',
      vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 1000], capacity: [] }],
      jobs: [
        { kind: 'delivery', id: 'late-first', location: 2, timeWindow: [0, 40] },
        { kind: 'delivery', id: 'early', location: 1, timeWindow: [0, 10] },
      ],
    };
    const s = solve(q, { maxIterations: 50 });
    expect(s.summary.lateness).toBe(0);
    expect(s.routes[0].stops.map((x) => x.jobId)).toEqual(['early', 'late-first']);
  });
});

describe('solve: edge cases', () => {
  it('jobs without vehicles are all unassigned as no_compatible_vehicle', () => {
    const s = solve({ durations: [[0]], vehicles: [], jobs: [{ kind: 'delivery', id: 'a', location: 0 }] }, { maxIterations: 10 });
    expect(s.unassigned).toEqual([expect.objectContaining({ jobId: 'a', reason: 'no_compatible_vehicle' })]);
  });

  it('keeps a locked route that already breaks the shift, flags it, and plans nothing else on it', () => {
    const p: Problem = {
      durations: line([0, 100, 5]),
      now: 0,
      vehicles: [
        { id: 'late', start: 0, end: 0, shift: [0, 50], capacity: [], lockedPrefix: [{ jobId: 'far', step: 'delivery' }] },
        { id: 'free', start: 0, end: 0, shift: [0, 500], capacity: [] },
      ],
      jobs: [
        { kind: 'delivery', id: 'far', location: 1 },
        { kind: 'delivery', id: 'near', location: 2 },
      ],
    };
    const s = solve(p, { maxIterations: 50 });
    const late = s.routes.find((r) => r.vehicleId === 'late')!;
    expect(late.violation).toBe('time');
    expect(late.stops.map((x) => x.jobId)).toEqual(['far']);
    expect(s.routes.find((r) => r.vehicleId === 'free')!.stops.map((x) => x.jobId)).toEqual(['near']);
  });
});
