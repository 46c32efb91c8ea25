/**
 * Test harness for integration tests: an in-process API on a free port against the real test
 * stack (PostgreSQL, Redis, Mosquitto started by `npm test`), users made per test with
 * unique names, and a small fetch wrapper.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createApiApp } from '../http/app';
import type { Role, RouteModule } from '../http/route';
import { appDb } from '../db/pool';
import { createUser } from '../auth/users';
import { createSession } from '../auth/sessions';

/** True when `npm test` (or `npm start`) exported the stack's environment. */
export const stackAvailable = Boolean(process.env.DATABASE_APP_URL && process.env.REDIS_URL && process.env.MQTT_URL);

/** Integration tests need the stack: without it they fail loudly rather than pass vacuously. */
export function requireStack(): void {
  if (!stackAvailable) throw new Error('integration test needs the test stack: run it through `npm test`');
}

export interface TestApi { url: string; close(): Promise<void> }

export async function startTestApi(modules: RouteModule[], extra?: Parameters<typeof createApiApp>[0]['extra']): Promise<TestApi> {
  requireStack();
  const app = createApiApp({ modules, extra });
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export const uniq = (p = 't') => `${p}${randomBytes(5).toString('hex')}`;

export interface TestUser { id: string; username: string; password: string; role: Role; token: string }

/** Creates a user directly and a session for it (no scrypt on every call: fast). */
export async function makeUser(role: Role, opts: { facilityId?: string; riderId?: string; password?: string } = {}): Promise<TestUser> {
  const username = uniq(role.slice(0, 3));
  const password = opts.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const u = await createUser(appDb(), {
    username, displayName: username, role, password,
    facilityId: role === 'partner' ? (opts.facilityId ?? 'fac_test0001') : null,
    riderId: role === 'rider' ? (opts.riderId ?? 'rdr_test0001') : null,
  });
  const s = await createSession(appDb(), u.id, 3600, {});
  return { id: u.id, username, password, role, token: s.token };
}

export interface Res<T = any> { status: number; body: T; headers: Headers }

export async function call<T = any>(base: string, method: string, path: string, opts: { token?: string; body?: unknown; rawBody?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<Res<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Uint8Array | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) { body = JSON.stringify(opts.body); headers['content-type'] ??= 'application/json'; }
  const r = await fetch(base + path, { method, headers, body: body as BodyInit | undefined });
  const text = await r.text();
  let parsed: any = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
  return { status: r.status, body: parsed, headers: r.headers };
}
