/**
 * Run with `node --import tsx dispatch/optimizer/testing/worker-smoke.ts`:
 * solves a tiny problem through solveInWorker and prints the plan as JSON.
 * Used by worker.test.ts to prove the worker also starts under plain tsx.
 */
import { solveInWorker } from '../worker';

const s = await solveInWorker(
  {
    durations: [
      [0, 5],
      [5, 0],
    ],
    vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 100], capacity: [1] }],
    jobs: [{ kind: 'delivery', id: 'j', location: 1, amount: [1] }],
  },
  { maxIterations: 10 },
);
process.stdout.write(JSON.stringify(s.routes.map((r) => r.stops.map((x) => x.jobId))) + '\n');
