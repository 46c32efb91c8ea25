/** Seeded random dispatch-like problems for property tests. */
import { Rng } from '../prng';
import type { Job, Problem, Vehicle } from '../problem';

export interface RandomProblemOptions {
  jobs?: number;
  vehicles?: number;
  soft?: boolean;
  /** Probability that a matrix entry is null (unroutable). Default 0. */
  nullRate?: number;
}

/**
 * A city of ~6 km, riders at 8 m/s, two stores, shipments with holdover and
 * delivery jobs, three temperature-class capacity dimensions.
 */
export function randomProblem(seed: number, o: RandomProblemOptions = {}): Problem {
  const rng = new Rng(seed);
  const nJobs = o.jobs ?? 8;
  const nVeh = o.vehicles ?? 2;
  const nLoc = 2 + nJobs * 2;
  const pts = Array.from({ length: nLoc }, () => [rng.next() * 6000, rng.next() * 6000]);
  const dist = pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))));
  const durations = dist.map((row, i) =>
    row.map((d, j) => (i !== j && (o.nullRate ?? 0) > 0 && rng.next() < o.nullRate! ? null : Math.round(d / 8))),
  );
  const vehicles: Vehicle[] = Array.from({ length: nVeh }, (_, v) => ({
    id: `r${v}`,
    start: v % 2,
    end: rng.next() < 0.5 ? v % 2 : undefined,
    shift: [0, 3600 * (1 + rng.int(3))],
    capacity: [4, 3, 2],
    speedFactor: rng.next() < 0.3 ? 1.5 : 1,
    maxTasks: rng.next() < 0.2 ? 6 : undefined,
  }));
  const jobs: Job[] = [];
  for (let k = 0; k < nJobs; k++) {
    const amount = [rng.int(3), rng.int(2), rng.int(2)];
    const start = rng.int(5400);
    const tw: [number, number] = [start, start + 900 + rng.int(2700)];
    if (rng.next() < 0.7) {
      jobs.push({
        kind: 'shipment',
        id: `s${k}`,
        pickup: { location: rng.int(2), service: 60, timeWindow: rng.next() < 0.5 ? [0, 7200] : undefined },
        delivery: { location: 2 + 2 * k, service: 120, timeWindow: tw },
        amount,
        maxRideTime: rng.next() < 0.6 ? 900 + rng.int(1800) : undefined,
        pinnedVehicle: rng.next() < 0.15 ? `r${rng.int(nVeh)}` : undefined,
      });
    } else {
      jobs.push({ kind: 'delivery', id: `d${k}`, location: 3 + 2 * k, service: 90, timeWindow: tw, amount });
    }
  }
  return { durations, distances: dist, vehicles, jobs, timeWindows: o.soft ? 'soft-delivery' : 'hard' };
}
