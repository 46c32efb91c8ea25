import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSolverWorker, solveInWorker } from './worker';
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

  it('also works when the caller runs under plain tsx (not vitest)', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'testing', 'worker-smoke.ts')], {
      cwd: path.resolve(here, '..', '..'),
      encoding: 'utf8',
    });
    expect(out.stderr).not.toMatch(/Error/);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout.trim())).toEqual([['j']]);
  });

  it('a persistent solver thread serves several requests, survives bad input, and restarts after close', async () => {
    const w = createSolverWorker();
    try {
      const p1 = randomProblem(21, { jobs: 8, vehicles: 2 });
      const p2 = randomProblem(22, { jobs: 8, vehicles: 2, soft: true });
      const opts = { maxIterations: 100, seed: 5 };
      // Two requests in flight at once are answered in order.
      const [a, b] = await Promise.all([w.solve(p1, opts), w.solve(p2, opts)]);
      expect(a.routes).toEqual(solve(p1, opts).routes);
      expect(b.routes).toEqual(solve(p2, opts).routes);
      await expect(w.solve({ durations: [[0, 1]], vehicles: [], jobs: [] })).rejects.toMatchObject({ code: 'matrix_not_square' });
      const c = await w.solve(p1, opts);
      expect(c.routes).toEqual(a.routes);
      await w.close();
      const d = await w.solve(p2, opts);
      expect(d.routes).toEqual(b.routes);
    } finally {
      await w.close();
    }
  });
});
