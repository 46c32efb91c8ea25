/**
 * Fixed-window request counters in Redis, so every API process counts against the same limit.
 * A window's key expires with the window; INCR and PEXPIRE go in one MULTI so a counter never
 * outlives its window.
 */
import type { Redis } from 'ioredis';
import { redisConnection } from '../../platform/queue/queue';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';

let conn: Redis | undefined;
const redis = () => (conn ??= redisConnection());

/** Closes this module's Redis connection (API shutdown, tests). */
export async function closeRateLimiter(): Promise<void> {
  const c = conn;
  conn = undefined;
  await c?.quit().catch(() => c.disconnect());
}

export interface Verdict { ok: boolean; count: number; retryAfterS: number }

/** Counts one hit on `name` for `who`; over `limit` hits in the window is refused. */
export async function hit(name: string, who: string, limit: number, windowS: number, now = Date.now()): Promise<Verdict> {
  const windowMs = windowS * 1000;
  const slot = Math.floor(now / windowMs);
  const key = `${getKey(keys.queuePrefix)}:trk:rl:${name}:${who}:${slot}`;
  const res = await redis().multi().incr(key).pexpire(key, windowMs + 1000).exec();
  const count = Number(res?.[0]?.[1] ?? 0);
  return { ok: count <= limit, count, retryAfterS: Math.max(1, Math.ceil(((slot + 1) * windowMs - now) / 1000)) };
}
