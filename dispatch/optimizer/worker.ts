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

type Reply = { ok: boolean; solution?: Solution; error?: { name: string; message: string; code?: InputErrorCode } };

function settle(msg: Reply, resolve: (s: Solution) => void, reject: (e: Error) => void): void {
  if (msg.ok) resolve(msg.solution!);
  else if (msg.error?.code) reject(new OptimizerInputError(msg.error.code, msg.error.message));
  else reject(new Error(msg.error?.message ?? 'optimizer worker failed'));
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
    worker.once('message', (msg: Reply) => {
      settled = true;
      settle(msg, resolve, reject);
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

/** A long-lived optimizer thread; see {@link createSolverWorker}. */
export interface SolverWorker {
  /** Like {@link solveInWorker}; requests are served one at a time, in order. */
  solve(problem: Problem, options?: SolveOptions): Promise<Solution>;
  /** Terminates the thread; pending requests are rejected. A later solve() starts a new one. */
  close(): Promise<void>;
}

/**
 * Creates a reusable optimizer thread, started lazily on the first solve(),
 * so repeated planning runs do not pay the thread and TypeScript-loader
 * start-up (a few hundred ms) each time. The thread does not keep the process
 * alive while idle. If it dies, pending requests are rejected and the next
 * solve() starts a fresh one.
 */
export function createSolverWorker(): SolverWorker {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (s: Solution) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = (): Worker => {
    const w = new Worker(bootstrap(), { eval: true, workerData: { persistent: true } });
    w.unref();
    w.on('message', (msg: Reply & { id: number }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (pending.size === 0) w.unref();
      settle(msg, p.resolve, p.reject);
    });
    w.on('error', (e) => {
      if (worker === w) worker = null;
      failAll(e);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`optimizer worker exited with code ${code}`));
    });
    return w;
  };
  return {
    solve(problem, options = {}) {
      if (!worker) worker = start();
      const w = worker;
      const id = nextId++;
      return new Promise<Solution>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        try {
          w.postMessage({ id, problem, options });
        } catch (e) {
          pending.delete(id);
          if (pending.size === 0) w.unref();
          reject(e as Error);
        }
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
