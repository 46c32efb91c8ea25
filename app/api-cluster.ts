/**
 * `serve api` on several cores: a primary process forks API_WORKERS workers (Node's cluster
 * module) that share the HTTP port; the primary hands out connections round-robin and restarts
 * a worker that dies. Each worker is a whole `api` process (its own pool, road graph and
 * warm-up, see app/api.ts).
 *
 * Why: one Node process runs every request's JavaScript on one thread, which can be the limit
 * while the machine still has idle cores. How many by default, and why: the API_WORKERS key in
 * platform/config/keys.ts.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { getKey } from '../platform/config/registry';
import { keys } from '../platform/config/keys';
import { logger } from '../platform/logger';

/** How many API workers `serve api` runs: API_WORKERS, or one per CPU core when it is 0. */
export function apiWorkerCount(): number {
  const n = getKey(keys.apiWorkers);
  return n > 0 ? n : availableParallelism();
}

/** In the primary: forks `n` workers (this same command) and keeps them running until close(). */
export function startApiCluster(n: number): { close(): Promise<void> } {
  let closing = false;
  const restarts: number[] = [];
  const fork = (): Worker => {
    const w = cluster.fork({ PROCESS_NAME: `${process.env.PROCESS_NAME ?? 'api'}-${Object.keys(cluster.workers ?? {}).length}` });
    w.on('exit', (code, signal) => {
      // Exit code 0 is a worker's own orderly stop (e.g. it got the terminal's Ctrl-C first).
      if (closing || code === 0) return;
      // A worker that died is replaced, but not in a tight loop: at most 5 restarts a minute.
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
      logger.error({ pid: w.process.pid, code, signal }, 'api worker exited; starting another');
      if (restarts.length <= 5) fork();
      else logger.error('api workers keep dying (more than 5 a minute); not restarting');
    });
    return w;
  };
  for (let i = 0; i < n; i++) fork();
  logger.info({ workers: n }, 'api cluster started');
  return {
    async close() {
      closing = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      // Each worker drains its requests and closes its connections on SIGTERM (app/cli.ts).
      await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
        if (w.isDead()) return resolve();
        w.once('exit', () => resolve());
        w.process.kill('SIGTERM');
      })));
    },
  };
}
