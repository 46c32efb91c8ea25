/**
 * Runs {@link solve} in a worker thread so an API or queue process never
 * blocks for the optimizer's time budget.
 *
 * The entry is a TypeScript file, so the worker needs a TypeScript loader.
 * On Node 20 loader hooks registered in the parent are not inherited by
 * workers, and `--import tsx` in a worker's execArgv is ignored, so the
 * worker starts from a tiny eval'd bootstrap that registers tsx's ESM API
 * (`tsx/esm/api` register()) and then imports the entry. This works the same
 * under tsx, vitest and plain node (tsx is a dependency of the project).
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OptimizerInputError, type InputErrorCode, type Problem, type Solution, type SolveOptions } from './problem';

const entry = new URL('./worker-entry.ts', import.meta.url);

function bootstrap(): string {
  // Resolve tsx's ESM API from this file's location (not the cwd).
  const req = createRequire(import.meta.url);
  const tsxDir = path.dirname(req.resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
}

/**
 * Solves `problem` in a fresh worker thread. Rejects with
 * {@link OptimizerInputError} (same `code`) for invalid input, or with an
 * Error if the worker crashes. Options as for `solve` (default budget 1000 ms).
 */
export function solveInWorker(problem: Problem, options: SolveOptions = {}): Promise<Solution> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(bootstrap(), { eval: true, workerData: { problem, options } });
    worker.once('message', (msg: { ok: boolean; solution?: Solution; error?: { name: string; message: string; code?: InputErrorCode } }) => {
      settled = true;
      if (msg.ok) resolve(msg.solution!);
      else if (msg.error?.code) reject(new OptimizerInputError(msg.error.code, msg.error.message));
      else reject(new Error(msg.error?.message ?? 'optimizer worker failed'));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (!settled) {
        settled = true;
        reject(e);
      }
    });
    worker.once('exit', (code) => {
      if (!settled) {
        settled = true;
        reject(new Error(`optimizer worker exited with code ${code} before answering`));
      }
    });
  });
}
