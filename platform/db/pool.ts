import pg from 'pg';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';

export { prepared } from './prepared';

// int8 (bigint, count(*)) as number: our counters stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric as number: used for temperatures and money-like figures with few digits.
pg.types.setTypeParser(1700, (v) => Number(v));

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

let appPool: pg.Pool | undefined;

/** The process-wide pool of the least-privilege application role. */
export function appDb(): pg.Pool {
  if (!appPool) {
    appPool = new pg.Pool({
      connectionString: getKey(keys.databaseAppUrl),
      max: getKey(keys.dbPoolMax),
      // Not pg's default (10 s): reopening connections in a burst stalls it (see DB_POOL_IDLE_MS).
      idleTimeoutMillis: getKey(keys.dbPoolIdleMs),
      application_name: process.env.PROCESS_NAME ?? 'coldchain',
    });
    // An idle client that errors (server restart) must not crash the process.
    appPool.on('error', () => undefined);
  }
  return appPool;
}

/**
 * Opens the pool's connections up front (all of them at once, as a burst would) and runs
 * `warmSql` on each, so the first requests find logged-in connections with warm caches.
 */
export async function warmAppDb(warmSql = 'SELECT 1'): Promise<number> {
  const pool = appDb();
  const opened = await Promise.allSettled(Array.from({ length: getKey(keys.dbPoolMax) }, () => pool.connect()));
  const clients = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  try {
    const failed = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason; // the ones that did connect are still handed back below
    await Promise.all(clients.map((c) => c.query(warmSql)));
  } finally {
    clients.forEach((c) => c.release());
  }
  return clients.length;
}

export async function closeAppDb(): Promise<void> {
  const p = appPool;
  appPool = undefined;
  await p?.end();
}

/** Runs `fn` in a transaction on a pooled client; rolls back on any throw. */
export async function withTx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

