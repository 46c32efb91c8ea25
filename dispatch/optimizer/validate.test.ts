import { describe, expect, it } from 'vitest';
import { solve } from './solve';
import { OptimizerInputError, type Problem } from './problem';

const base = (): Problem => ({
  durations: [
    [0, 10],
    [10, 0],
  ],
  vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 100], capacity: [5, 5] }],
  jobs: [{ kind: 'delivery', id: 'a', location: 1, amount: [1, 0] }],
});

function codeOf(p: unknown, options?: object): string | undefined {
  try {
    solve(p as Problem, { maxIterations: 1, ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(OptimizerInputError);
    expect((e as Error).message.length).toBeGreaterThan(5);
    return (e as OptimizerInputError).code;
  }
  return undefined;
}

describe('input validation', () => {
  it('accepts the base problem', () => {
    expect(codeOf(base())).toBeUndefined();
  });

  it('rejects a non-square duration matrix', () => {
    expect(codeOf({ ...base(), durations: [[0, 1], [1]] })).toBe('matrix_not_square');
  });

  it('rejects a distance matrix of another size', () => {
    expect(codeOf({ ...base(), distances: [[0]] })).toBe('matrix_size_mismatch');
  });

  it('rejects NaN and negative matrix entries but accepts null', () => {
    expect(codeOf({ ...base(), durations: [[0, NaN], [1, 0]] })).toBe('invalid_matrix_value');
    expect(codeOf({ ...base(), durations: [[0, -1], [1, 0]] })).toBe('invalid_matrix_value');
    expect(codeOf({ ...base(), durations: [[0, null], [1, 0]] })).toBeUndefined();
  });

  it('rejects a negative demand', () => {
    const p = base();
    p.jobs = [{ kind: 'delivery', id: 'a', location: 1, amount: [-1, 0] }];
    expect(codeOf(p)).toBe('negative_amount');
  });

  it('rejects an amount with the wrong number of dimensions', () => {
    const p = base();
    p.jobs = [{ kind: 'delivery', id: 'a', location: 1, amount: [1] }];
    expect(codeOf(p)).toBe('invalid_amount');
  });

  it('rejects vehicles without a valid shift', () => {
    const p = base() as unknown as { vehicles: Record<string, unknown>[] };
    p.vehicles[0].shift = undefined;
    expect(codeOf(p)).toBe('invalid_shift');
    p.vehicles[0].shift = [50, 10];
    expect(codeOf(p)).toBe('invalid_shift');
    p.vehicles[0].shift = [0, NaN];
    expect(codeOf(p)).toBe('invalid_shift');
  });

  it('rejects capacities of different dimensions and bad speed factors', () => {
    const p = base();
    p.vehicles = [...p.vehicles, { id: 'w', shift: [0, 1], capacity: [1] }];
    expect(codeOf(p)).toBe('invalid_capacity');
    expect(codeOf({ ...base(), vehicles: [{ id: 'v', shift: [0, 1], capacity: [1, 1], speedFactor: 0 }] })).toBe('invalid_vehicle');
  });

  it('rejects out-of-range locations, bad windows and duplicate ids', () => {
    const p = base();
    p.jobs = [{ kind: 'delivery', id: 'a', location: 2 }];
    expect(codeOf(p)).toBe('invalid_location');
    p.jobs = [{ kind: 'delivery', id: 'a', location: 1, timeWindow: [10, 5] }];
    expect(codeOf(p)).toBe('invalid_time_window');
    p.jobs = [
      { kind: 'delivery', id: 'a', location: 1 },
      { kind: 'delivery', id: 'a', location: 0 },
    ];
    expect(codeOf(p)).toBe('duplicate_id');
  });

  it('rejects locked prefixes that reference unknown jobs or a delivery before its pickup', () => {
    const p = base();
    p.vehicles = [{ ...p.vehicles[0], lockedPrefix: [{ jobId: 'zzz', step: 'delivery' }] }];
    expect(codeOf(p)).toBe('invalid_locked_prefix');
    const q = base();
    q.jobs = [{ kind: 'shipment', id: 's', pickup: { location: 0 }, delivery: { location: 1 } }];
    q.vehicles = [{ ...q.vehicles[0], lockedPrefix: [{ jobId: 's', step: 'delivery' }] }];
    expect(codeOf(q)).toBe('invalid_locked_prefix');
  });

  it('rejects bad options', () => {
    expect(codeOf(base(), { seed: 1.5 })).toBe('invalid_option');
    expect(codeOf(base(), { timeMs: -1 })).toBe('invalid_option');
  });

  it('returns an empty solution for an empty problem', () => {
    const s = solve({ durations: [], vehicles: [], jobs: [] }, { maxIterations: 5 });
    expect(s.routes).toEqual([]);
    expect(s.unassigned).toEqual([]);
    expect(s.summary.served).toBe(0);
  });
});
