/**
 * Login rate limits (issue 24): failures per account and per client address, counted in Redis.
 * Each test speaks from its own loopback addresses (127.x.y.z; Linux routes the whole 127/8 to
 * lo), so the counters of the rest of the suite, which all come from 127.0.0.1, do not mix in.
 */
import http from 'node:http';
import { randomInt } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { appDb } from '../db/pool';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';
import { redisConnection } from '../queue/queue';
import { closeRateLimiter } from '../http/rate-limit';
import { startTestApi, makeUser, type TestApi } from '../testing/harness';
import { authModule } from './routes';

let a: TestApi;
let b: TestApi;
beforeAll(async () => {
  a = await startTestApi([authModule]);
  b = await startTestApi([authModule]);
});
afterAll(async () => { await a.close(); await b.close(); await closeRateLimiter(); });
beforeEach(() => {
  process.env.LOGIN_RATE_PER_ACCOUNT = '3';
  process.env.LOGIN_RATE_PER_ADDRESS = '4';
  process.env.LOGIN_RATE_WINDOW_S = '900';
});

const newAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

interface Res { status: number; body: any; retryAfter: string | undefined }
/** POST /auth/login from a chosen source address. */
function login(api: TestApi, from: string, username: string, password: string): Promise<Res> {
  const u = new URL(api.url);
  const data = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: '/api/v1/auth/login', method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => {
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers['retry-after'] as string | undefined });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('login rate limits', () => {
  it('one address trying many accounts gets 429 with Retry-After, counted in Redis and shared by every API instance', async () => {
    const from = newAddress();
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => makeUser('dispatcher')));
    // Four failures, on four accounts, alternating between two API instances.
    for (const [i, u] of users.slice(0, 4).entries()) expect((await login(i % 2 ? b : a, from, u.username, 'wrong-password-x')).status).toBe(401);
    const r = await login(a, from, users[4].username, users[4].password);
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('rate_limited');
    expect(r.body.error.message).toMatch(/Too many failed logins for this address; try again in \d+ s\./);
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
    expect(Number(r.retryAfter)).toBeLessThanOrEqual(900);
    // The count is in Redis, where any other API process reads it.
    const redis = redisConnection();
    try {
      const found = await redis.keys(`${getKey(keys.queuePrefix)}:rl:login:address:${from}:*`);
      expect(found).toHaveLength(1);
      expect(await redis.get(found[0])).toBe('4');
    } finally { await redis.quit(); }
    // Reported once, when the limit was reached.
    const audit = await appDb().query(`SELECT new_value FROM platform.audit_log WHERE action = 'security.login_rate_limited' AND ip = $1`, [from]);
    expect(audit.rows.map((x) => x.new_value.limit)).toEqual(['login:address']);
    // Another address is not affected.
    expect((await login(b, newAddress(), users[4].username, users[4].password)).status).toBe(200);
  });

  it('one account tried from many addresses gets 429 once its limit is reached, before the lockout; other accounts go on', async () => {
    const u = await makeUser('qa');
    for (let i = 0; i < 3; i++) expect((await login(i % 2 ? b : a, newAddress(), u.username, 'wrong-password-y')).status).toBe(401);
    const r = await login(a, newAddress(), u.username, u.password);
    expect(r.status).toBe(429);
    expect(r.body.error.message).toContain('for this account');
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
    // Upper case is the same account.
    expect((await login(b, newAddress(), u.username.toUpperCase(), 'wrong-password-y')).status).toBe(429);
    const other = await makeUser('qa');
    expect((await login(a, newAddress(), other.username, other.password)).status).toBe(200);
  });

  it('successful logins are not counted: many people behind one address all get in', async () => {
    const from = newAddress();
    const riders = await Promise.all([1, 2, 3, 4, 5, 6].map(() => makeUser('dispatcher')));
    for (const u of riders) expect((await login(a, from, u.username, u.password)).status).toBe(200);
  });

  it('a new window lets the address try again', async () => {
    process.env.LOGIN_RATE_WINDOW_S = '2';
    const from = newAddress();
    const u = await makeUser('dispatcher');
    // Start at the beginning of a window so four failures fit in it.
    await new Promise((r) => setTimeout(r, 2000 - (Date.now() % 2000) + 20));
    for (let i = 0; i < 4; i++) await login(a, from, `nobody-${i}-${u.username}`, 'wrong-password-z');
    const r = await login(a, from, u.username, u.password);
    expect(r.status).toBe(429);
    await new Promise((res) => setTimeout(res, Number(r.retryAfter) * 1000 + 50));
    expect((await login(a, from, u.username, u.password)).status).toBe(200);
  });
});
