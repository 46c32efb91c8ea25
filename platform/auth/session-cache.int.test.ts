import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { appDb } from '../db/pool';
import { startTestApi, makeUser, call, type TestApi } from '../testing/harness';
import { authModule } from './routes';
import { sessionCache, closeSessionCache } from './session-cache';

let api: TestApi;
const saved = process.env.SESSION_CACHE_MS;
beforeAll(async () => {
  // Long enough that only a notice (or the session's expiry) can end an entry within a test.
  process.env.SESSION_CACHE_MS = '60000';
  api = await startTestApi([authModule]);
});
afterAll(async () => {
  await api.close();
  await closeSessionCache();
  if (saved === undefined) delete process.env.SESSION_CACHE_MS; else process.env.SESSION_CACHE_MS = saved;
});

const keyOf = (token: string) => createHash('sha256').update(token).digest('base64');
const me = (token: string) => call(api.url, 'GET', '/api/v1/auth/me', { token });
async function until(cond: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
/** A user whose session is in the cache (the first lookups open the listener). */
async function cachedUser() {
  const u = await makeUser('dispatcher');
  await until(async () => (await me(u.token)).status === 200 && sessionCache.get(keyOf(u.token)) !== undefined);
  return u;
}

describe('session cache', () => {
  it('keeps a looked-up session, and drops it when another connection revokes it in SQL', async () => {
    const u = await cachedUser();
    expect((await me(u.token)).body.username).toBe(u.username);
    // As another process would: a plain UPDATE on a connection of its own, no call into this one.
    const other = await appDb().connect();
    try {
      await other.query('UPDATE platform.sessions SET revoked_at = now() WHERE token_hash = $1', [createHash('sha256').update(u.token).digest()]);
    } finally { other.release(); }
    await until(() => sessionCache.get(keyOf(u.token)) === undefined, 2000);
    expect((await me(u.token)).status).toBe(401);
  });

  it('a user deactivated in SQL is refused at once, though the cache would have kept the session a minute', async () => {
    const u = await cachedUser();
    await appDb().query('UPDATE platform.users SET active = false WHERE id = $1', [u.id]);
    await until(async () => (await me(u.token)).status === 401, 2000);
  });

  it('an entry never outlives its session', async () => {
    const u = await makeUser('qa');
    await appDb().query(`UPDATE platform.sessions SET expires_at = now() + interval '1 second' WHERE token_hash = $1`, [createHash('sha256').update(u.token).digest()]);
    await until(async () => (await me(u.token)).status === 200 && sessionCache.get(keyOf(u.token)) !== undefined);
    await new Promise((r) => setTimeout(r, 1100));
    expect(sessionCache.get(keyOf(u.token))).toBeUndefined();
    expect((await me(u.token)).status).toBe(401);
  });

  it('without its listener nothing is cached; the listener comes back and caching resumes', async () => {
    const u = await cachedUser();
    const pid = sessionCache.listenerPid!;
    expect(pid).toBeGreaterThan(0);
    await appDb().query('SELECT pg_terminate_backend($1)', [pid]);
    await until(() => !sessionCache.listening, 2000);
    expect(sessionCache.get(keyOf(u.token))).toBeUndefined();
    // Looked up, not cached, while the listener is down; back within its retry delay.
    expect((await me(u.token)).status).toBe(200);
    await until(async () => (await me(u.token)).status === 200 && sessionCache.listening && sessionCache.get(keyOf(u.token)) !== undefined, 5000);
    expect(sessionCache.listenerPid).not.toBe(pid);
  });

  it('SESSION_CACHE_MS=0 looks every request up', async () => {
    process.env.SESSION_CACHE_MS = '0';
    try {
      const u = await makeUser('dispatcher');
      expect((await me(u.token)).status).toBe(200);
      expect(sessionCache.get(keyOf(u.token))).toBeUndefined();
    } finally { process.env.SESSION_CACHE_MS = '60000'; }
  });
});
