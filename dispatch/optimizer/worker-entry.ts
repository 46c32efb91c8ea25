/**
 * Worker-thread side of {@link solveInWorker}: solve one problem, post the
 * result (or the error with its code) back, exit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from './solve';
import { OptimizerInputError, type Problem, type SolveOptions } from './problem';

const { problem, options } = workerData as { problem: Problem; options: SolveOptions };
try {
  parentPort!.postMessage({ ok: true, solution: solve(problem, options) });
} catch (e) {
  const err = e as Error;
  parentPort!.postMessage({
    ok: false,
    error: { name: err.name, message: err.message, code: e instanceof OptimizerInputError ? e.code : undefined },
  });
}
