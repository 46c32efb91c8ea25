/**
 * Idempotency-Key (IETF draft-ietf-httpapi-idempotency-key-header): the first request with a
 * key runs; a retry with the same key and body replays the stored answer; the same key with
 * a different body is a 409; a retry while the first is still running is a 409 too.
 * Only successful answers are stored: after an error the client may retry with the same key.
 */
import type { Queryable } from '../db/pool';
import { AppError } from '../errors';

export async function beginIdempotent(q: Queryable, scope: string, key: string, requestHash: string): Promise<{ status: number; response: unknown } | undefined> {
  const ins = await q.query(
    `INSERT INTO platform.idempotency_keys (scope, key, request_hash) VALUES ($1,$2,$3)
     ON CONFLICT (scope, key) DO NOTHING RETURNING key`, [scope, key, requestHash]);
  if (ins.rowCount === 1) return undefined;
  const { rows } = await q.query('SELECT request_hash, status, response FROM platform.idempotency_keys WHERE scope=$1 AND key=$2', [scope, key]);
  const row = rows[0];
  if (!row) return beginIdempotent(q, scope, key, requestHash); // abandoned between our two statements
  if (row.request_hash !== requestHash) {
    throw new AppError('conflict', 'idempotency_key_reused', 'This Idempotency-Key was used with a different request body.');
  }
  if (row.status === null) throw new AppError('conflict', 'idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  return { status: row.status, response: row.response };
}

/** Stores the answer for replays; `responseJson` is the answer body as sent (JSON text). */
export async function finishIdempotent(q: Queryable, scope: string, key: string, status: number, responseJson: string): Promise<void> {
  await q.query('UPDATE platform.idempotency_keys SET status=$3, response=$4 WHERE scope=$1 AND key=$2', [scope, key, status, responseJson]);
}

export async function abandonIdempotent(q: Queryable, scope: string, key: string): Promise<void> {
  await q.query('DELETE FROM platform.idempotency_keys WHERE scope=$1 AND key=$2 AND status IS NULL', [scope, key]);
}
