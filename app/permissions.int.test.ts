/**
 * The permission matrix: every registered route × every role (and no session). A role the
 * route does not allow gets 403; no session gets 401 (except public routes); an allowed role
 * never gets 401/403. Sessions are made fresh for each call so a logout cannot spoil others.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ROLES } from '../platform/http/route';
import { startTestApi, makeUser, call, type TestApi } from '../platform/testing/harness';
import { createSession } from '../platform/auth/sessions';
import { appDb } from '../platform/db/pool';
import { routeModules } from './modules';
import { consoleMount } from './api';

let api: TestApi;
const users: Record<string, string> = {};
beforeAll(async () => {
  api = await startTestApi(routeModules, [consoleMount()]);
  for (const role of ROLES) users[role] = (await makeUser(role)).id;
});
afterAll(async () => { await api.close(); });

const routes = routeModules.flatMap((m) => m.routes);
const concrete = (p: string) => p.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'boxId' ? 'box_perm0001' : name.endsWith('Id') || name === 'id' ? 'xxx_perm0001' : 'perm'));

describe('permission matrix', () => {
  it('covers routes', () => { expect(routes.length).toBeGreaterThan(5); });
  for (const r of routes) {
    const path = '/api/v1' + concrete(r.path);
    it(`${r.method.toUpperCase()} ${r.path}`, async () => {
      const anon = await call(api.url, r.method.toUpperCase(), path);
      if (r.access === 'public') expect(anon.status).not.toBe(401);
      else expect(anon.status).toBe(401);
      for (const role of ROLES) {
        const { token } = await createSession(appDb(), users[role], 600, {});
        const res = await call(api.url, r.method.toUpperCase(), path, { token });
        const allowed = r.access === 'public' || r.access === 'authenticated' || r.access.includes(role);
        if (allowed) expect([401, 403], `${role} should be allowed`).not.toContain(res.status);
        else expect(res.status, `${role} should be refused`).toBe(403);
      }
    });
  }
});

describe('the web console', () => {
  it('is a page anyone may load: the data it shows is what the API gives the session', async () => {
    const page = await call(api.url, 'GET', '/console/map');
    // 503 with a "build it" page when dist/web is missing; never a login wall on the page itself.
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('draws the base map for every signed-in role and nobody else', async () => {
    const tile = '/api/v1/geo/road-tiles/15/26698/14219';
    expect((await call(api.url, 'GET', tile)).status).toBe(401);
    for (const role of ROLES) {
      const { token } = await createSession(appDb(), users[role], 600, {});
      const r = await call(api.url, 'GET', tile, { token });
      expect(r.status, role).toBe(200);
      expect(Array.isArray(r.body.roads), role).toBe(true);
    }
  });
});
