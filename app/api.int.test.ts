import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { startApi } from './api';
import { requireStack } from '../platform/testing/harness';
import { route, type RouteModule } from '../platform/http/route';
import { appDb } from '../platform/db/pool';
import { getKey } from '../platform/config/registry';
import { keys } from '../platform/config/keys';
import { closePlanQueue, planQueue } from '../dispatch/planning-trigger';

describe('api process', () => {
  it('with warmUp (the `serve api` process), /readyz also waits for the routing engine and the database pool to warm up', async () => {
    requireStack();
    const api = await startApi({ port: 0, warmUp: true });
    try {
      let ready: any;
      for (let i = 0; i < 300; i++) {
        const r = await fetch(api.url + '/readyz');
        ready = await r.json();
        expect(r.status).toBe(ready.status === 'ready' ? 200 : 503);
        if (ready.status === 'ready') break;
        // Not ready yet: the routing check says why (or another dependency is still connecting).
        if (ready.checks.routing !== 'ok') expect(ready.checks.routing).toMatch(/^failed: warming up/);
        if (ready.checks.db_pool !== 'ok') expect(ready.checks.db_pool).toMatch(/^failed: warming up/);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok', mqtt: 'ok', routing: 'ok', db_pool: 'ok' } });
      // Every connection of the pool is open, and stays open while idle (DB_POOL_IDLE_MS 0).
      expect(appDb().totalCount).toBe(getKey(keys.dbPoolMax));
    } finally {
      await api.close();
    }
  });

  it('serves /healthz, /readyz (PostgreSQL, Redis, MQTT), /metrics, the OpenAPI document and the docs page', async () => {
    requireStack();
    const api = await startApi({ port: 0 });
    try {
      expect((await fetch(api.url + '/healthz')).status).toBe(200);
      let ready: any;
      for (let i = 0; i < 50; i++) {
        ready = await (await fetch(api.url + '/readyz')).json();
        if (ready.status === 'ready') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok', mqtt: 'ok' } });
      const metrics = await (await fetch(api.url + '/metrics')).text();
      expect(metrics).toContain('http_request_duration_seconds_bucket');
      const doc = await (await fetch(api.url + '/api/v1/openapi.json')).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('username');
      expect(doc.paths['/api/v1/users/{id}'].patch.description).toContain('Requires a change reason');
      const docs = await (await fetch(api.url + '/api/v1/docs')).text();
      expect(docs).toContain('/api/v1/openapi.json');
    } finally {
      await api.close();
    }
  });

  it('graceful shutdown lets an in-flight request finish and then refuses new connections', async () => {
    requireStack();
    let finished = false;
    const slowModule: RouteModule = { name: 'slow', routes: [route({
      method: 'get', path: '/slow', operationId: 'probeSlow', summary: 'slow', tags: ['audit'], access: 'public', response: z.object({ done: z.boolean() }),
      async handler() { await new Promise((r) => setTimeout(r, 500)); finished = true; return { body: { done: true } }; },
    })] };
    const api = await startApi({ port: 0, modules: [slowModule] });
    const slow = fetch(api.url + '/api/v1/slow');
    await new Promise((r) => setTimeout(r, 100));
    const closing = api.close();
    expect(finished).toBe(false);
    const res = await slow;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    expect(finished).toBe(true);
    await expect(fetch(api.url + '/healthz')).rejects.toThrow();
  });

  it('shutdown closes the plan queue the order path opened', async () => {
    requireStack();
    const api = await startApi({ port: 0 });
    const queue = planQueue();
    await queue.waitUntilReady();
    await api.close();
    expect(queue.closing).toBeDefined();
    await queue.closing;
    // The next request for a plan opens a fresh queue instead of reusing the closed one.
    expect(planQueue()).not.toBe(queue);
    await closePlanQueue();
  });
});
