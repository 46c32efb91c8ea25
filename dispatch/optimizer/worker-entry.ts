/**
 * Worker-thread side of {@link solveInWorker} and {@link createSolverWorker}.
 * One-shot mode (`workerData.problem` set): solve, post the result, exit.
 * Persistent mode (`workerData.persistent`): answer `{id, problem, options}`
 * messages one at a time until terminated.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from './solve';
import { OptimizerInputError, type Problem, type SolveOptions } from './problem';

function run(problem: Problem, options: SolveOptions) {
  try {
    return { ok: true, solution: solve(problem, options) };
  } catch (e) {
    const err = e as Error;
    return { ok: false, error: { name: err.name, message: err.message, code: e instanceof OptimizerInputError ? e.code : undefined } };
  }
}

const data = workerData as { problem?: Problem; options?: SolveOptions; persistent?: boolean };
if (data.persistent) {
  parentPort!.on('message', (msg: { id: number; problem: Problem; options: SolveOptions }) => {
    parentPort!.postMessage({ id: msg.id, ...run(msg.problem, msg.options) });
  });
} else {
  parentPort!.postMessage(run(data.problem!, data.options ?? {}));
}
