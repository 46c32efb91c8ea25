/**
 * Fixed-window request counters in Redis, so every API process counts against the same limit.
 * A window's key expires with the window; INCR and PEXPIRE go in one MULTI so a counter never
 * outlives its window. Used by the public answers (tracking page and JSON, stock availability)
 * and by login (failures per account and per address, platform/auth/routes.ts).
 */
import type { Redis } from 'ioredis';
import type { ParameterizedContext } from 'koa';
import { redisConnection } from '../queue/queue';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';
import { AppError } from '../errors';

let conn: Redis | undefined;
const redis = () => (conn ??= redisConnection());

/** Closes this module's Redis connection (API shutdown, tests). */
export async function closeRateLimiter(): Promise<void> {
  const c = conn;
  conn = undefined;
  await c?.quit().catch(() => c.disconnect());
}

export interface Verdict { ok: boolean; count: number; retryAfterS: number }

function window(name: string, who: string, windowS: number, now: number) {
  const windowMs = windowS * 1000;
  const slot = Math.floor(now / windowMs);
  return { windowMs, key: `${getKey(keys.queuePrefix)}:rl:${name}:${who}:${slot}`, retryAfterS: Math.max(1, Math.ceil(((slot + 1) * windowMs - now) / 1000)) };
}

/** Counts one hit on `name` for `who`; over `limit` hits in the window is refused. */
export async function hit(name: string, who: string, limit: number, windowS: number, now = Date.now()): Promise<Verdict> {
  const { windowMs, key, retryAfterS } = window(name, who, windowS, now);
  const res = await redis().multi().incr(key).pexpire(key, windowMs + 1000).exec();
  const count = Number(res?.[0]?.[1] ?? 0);
  return { ok: count <= limit, count, retryAfterS };
}

/**
 * Whether one more hit is still allowed, without counting one: for limits on failures only (login),
 * where the request is checked first and counted with {@link hit} only when it fails.
 */
export async function peek(name: string, who: string, limit: number, windowS: number, now = Date.now()): Promise<Verdict> {
  const { key, retryAfterS } = window(name, who, windowS, now);
  const count = Number((await redis().get(key)) ?? 0);
  return { ok: count < limit, count, retryAfterS };
}

/**
 * For JSON routes: counts one hit and, past the limit, answers 429 `rate_limited` with
 * Retry-After (seconds) and `what` in the message ("tracking requests").
 */
export async function enforceRateLimit(koa: ParameterizedContext, name: string, limit: number, windowS: number, what: string): Promise<void> {
  const v = await hit(name, koa.ip, limit, windowS);
  if (v.ok) return;
  koa.set('Retry-After', String(v.retryAfterS));
  throw new AppError('too_many_requests', 'rate_limited', `Too many ${what} from this address; retry in ${v.retryAfterS} s.`, { retryAfterS: v.retryAfterS });
}
