import { describe, expect, it } from 'vitest';
import { solveInWorker } from './worker';
import { solve } from './solve';
import { OptimizerInputError } from './problem';
import { randomProblem } from './testing/random-problem';
import { checkSolution } from './testing/check-solution';

describe('solveInWorker', () => {
  it('returns the same plan as solve() for a fixed seed and iteration bound', async () => {
    const p = randomProblem(11, { jobs: 10, vehicles: 2 });
    const opts = { maxIterations: 200, seed: 3 };
    const viaWorker = await solveInWorker(p, opts);
    const direct = solve(p, opts);
    expect(checkSolution(p, viaWorker)).toEqual([]);
    expect(viaWorker.routes).toEqual(direct.routes);
    expect(viaWorker.unassigned).toEqual(direct.unassigned);
  });

  it('does not block the calling thread', async () => {
    const p = randomProblem(12, { jobs: 20, vehicles: 3 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const s = await solveInWorker(p, { timeMs: 400 });
    clearInterval(timer);
    expect(s.summary.served + s.summary.unassigned).toBe(20);
    // A blocked event loop would not tick at all during the 400 ms solve.
    expect(ticks).toBeGreaterThan(10);
  });

  it('rejects invalid input with the OptimizerInputError code', async () => {
    const bad = { durations: [[0, 1]], vehicles: [], jobs: [] };
    await expect(solveInWorker(bad)).rejects.toBeInstanceOf(OptimizerInputError);
    await expect(solveInWorker(bad)).rejects.toMatchObject({ code: 'matrix_not_square' });
  });
});
