/**
 * Reader for Solomon VRPTW instances (standard text format; CRLF or LF;
 * customer 0 is the depot) and conversion to an optimizer {@link Problem}:
 * Euclidean distances in double precision, travel time = distance, at most the
 * instance's vehicle count, objective = total distance.
 */
import type { DeliveryJob, Problem, SolveOptions, Vehicle } from './problem';

export interface SolomonCustomer {
  id: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  /** Index 0 is the depot. */
  customers: SolomonCustomer[];
}

/** Parses the text of a Solomon instance. Throws Error with a line reference on malformed input. */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l !== '') ?? '';
  const vi = lines.findIndex((l) => /^VEHICLE$/i.test(l));
  if (vi < 0) throw new Error('not a Solomon instance: no VEHICLE section');
  let k = vi + 1;
  while (k < lines.length && !/^\d/.test(lines[k])) k++;
  const vparts = (lines[k] ?? '').split(/\s+/).map(Number);
  if (vparts.length < 2 || !vparts.every(Number.isFinite)) throw new Error(`line ${k + 1}: expected "NUMBER CAPACITY"`);
  const [vehicles, capacity] = vparts;
  const ci = lines.findIndex((l) => /^CUSTOMER$/i.test(l));
  if (ci < 0) throw new Error('not a Solomon instance: no CUSTOMER section');
  const customers: SolomonCustomer[] = [];
  for (let i = ci + 1; i < lines.length; i++) {
    const l = lines[i];
    if (!/^\d/.test(l)) continue;
    const f = l.split(/\s+/).map(Number);
    if (f.length !== 7 || !f.every(Number.isFinite)) throw new Error(`line ${i + 1}: expected 7 numbers, got "${l}"`);
    const [id, x, y, demand, ready, due, service] = f;
    if (id !== customers.length) throw new Error(`line ${i + 1}: customer ${id} out of order (expected ${customers.length})`);
    customers.push({ id, x, y, demand, ready, due, service });
  }
  if (customers.length === 0) throw new Error('no customers (not even the depot)');
  return { name, vehicles, capacity, customers };
}

/** Euclidean distance matrix in double precision (no rounding, no truncation). */
export function euclideanMatrix(cs: readonly { x: number; y: number }[]): number[][] {
  return cs.map((a) => cs.map((b) => Math.hypot(a.x - b.x, a.y - b.y)));
}

/** Problem for an instance: one delivery job per customer (job id = customer number). */
export function solomonToProblem(inst: SolomonInstance): Problem {
  const d = euclideanMatrix(inst.customers);
  const depot = inst.customers[0];
  const vehicles: Vehicle[] = [];
  for (let v = 0; v < inst.vehicles; v++) {
    vehicles.push({ id: `v${v + 1}`, start: 0, end: 0, shift: [depot.ready, depot.due], capacity: [inst.capacity] });
  }
  const jobs: DeliveryJob[] = inst.customers.slice(1).map((c) => ({
    kind: 'delivery',
    id: String(c.id),
    location: c.id,
    service: c.service,
    timeWindow: [c.ready, c.due],
    amount: [c.demand],
  }));
  return { durations: d, distances: d, vehicles, jobs, timeWindows: 'hard' };
}

/** Objective weights for Solomon: distance only. */
export const SOLOMON_WEIGHTS: SolveOptions['weights'] = { duration: 0, distance: 1 };
