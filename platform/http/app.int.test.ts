import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { z } from 'zod';
import { route, type RouteModule } from './route';
import { appDb, withTx } from '../db/pool';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../testing/harness';
import { authModule } from '../auth/routes';

// A test-only module exercising the framework: validation, idempotency, errors, slowness.
const probes: RouteModule = {
  name: 'probe',
  routes: [
    route({
      method: 'post', path: '/probe/things', operationId: 'createProbeThing', summary: 'create a thing', tags: ['audit'], access: ['dispatcher', 'admin'], idempotent: true,
      response: z.object({ id: z.string(), name: z.string(), qty: z.number() }),
      body: z.object({ name: z.string().min(1), qty: z.number().int().positive() }).strict(),
      async handler({ body }, rc) {
        const id = uniq('thing_');
        await withTx(appDb(), (c) => rc.audit(c, { action: 'thing.create', entityType: 'thing', entityId: id, newValue: body }));
        return { body: { id, ...body } };
      },
    }),
    route({
      method: 'get', path: '/probe/boom', operationId: 'probeBoom', summary: 'throws', tags: ['audit'], access: 'public', response: z.never(),
      async handler() { throw new Error('secret internal detail at /srv/app.ts:42'); },
    }),
    route({
      method: 'get', path: '/probe/drift', operationId: 'probeDrift', summary: 'answers other than it declares', tags: ['audit'], access: 'public',
      query: z.object({ how: z.enum(['extra', 'type', 'missing', 'ok']) }).strict(),
      response: z.object({ id: z.string(), n: z.number() }),
      async handler({ query }) {
        const bodies = { extra: { id: 'a', n: 1, secret: 'x' }, type: { id: 'a', n: '1' }, missing: { id: 'a' }, ok: { id: 'a', n: 1 } };
        return { body: bodies[query.how] };
      },
    }),
    route({
      method: 'get', path: '/probe/slow', operationId: 'probeSlow', summary: 'slow', tags: ['audit'], access: 'public', response: z.object({ done: z.boolean() }),
      async handler() { await new Promise((r) => setTimeout(r, 400)); return { body: { done: true } }; },
    }),
  ],
};

let api: TestApi;
let dispatcher: TestUser;
let rider: TestUser;

beforeAll(async () => {
  api = await startTestApi([authModule, probes]);
  dispatcher = await makeUser('dispatcher');
  rider = await makeUser('rider');
});
afterAll(async () => { await api.close(); });

describe('answers are what the route declares (test profile)', () => {
  it.each(['extra', 'type', 'missing'])('%s field → 500 response_schema_mismatch naming the route', async (how) => {
    const r = await call(api.url, 'GET', `/api/v1/probe/drift?how=${how}`);
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('response_schema_mismatch');
    expect(r.body.error.message).toContain('GET /api/v1/probe/drift (probeDrift)');
  });

  it('a matching answer goes out as it is', async () => {
    const r = await call(api.url, 'GET', '/api/v1/probe/drift?how=ok');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: 'a', n: 1 });
  });
});

describe('HTTP bad input', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    const r = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, rawBody: '{"name": "x", ', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('malformed_json');
  });

  it('wrong types → 400 validation_failed naming the field', async () => {
    const r = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: 'x', qty: 'three' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details.issues[0]).toMatchObject({ path: 'body.qty', code: 'invalid_type' });
  });

  it('unknown fields → 400 unknown_field', async () => {
    const r = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: 'x', qty: 1, ssn: '123' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].code).toBe('unknown_field');
  });

  it('a body over 1 MB → 413 payload_too_large, and nothing is written', async () => {
    const before = (await appDb().query(`SELECT count(*) AS n FROM platform.audit_log WHERE action='thing.create'`)).rows[0].n;
    const big = JSON.stringify({ name: 'x'.repeat(1_100_000), qty: 1 });
    const r = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, rawBody: big, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
    const after = (await appDb().query(`SELECT count(*) AS n FROM platform.audit_log WHERE action='thing.create'`)).rows[0].n;
    expect(after).toBe(before);
  });

  it('a body nested deeper than any request needs → 400 too_deeply_nested, not a crash', async () => {
    const deep = '{"name":'.repeat(50_000) + '"x"' + '}'.repeat(50_000);
    const r = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, rawBody: deep, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'too_deeply_nested', details: { maxDepth: 32 } });
    // Still serving.
    expect((await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: 'after', qty: 1 } })).status).toBe(201);
  });

  it('a non-JSON content type → 415', async () => {
    const r = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
  });

  it('missing session → 401; forged session → 401 invalid_session; malformed header → 401', async () => {
    const none = await call(api.url, 'POST', '/api/v1/probe/things', { body: { name: 'x', qty: 1 } });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('authentication_required');
    const forged = await call(api.url, 'POST', '/api/v1/probe/things', { token: 'A'.repeat(43), body: { name: 'x', qty: 1 } });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid_session');
    const cookie = await call(api.url, 'GET', '/api/v1/auth/me', { headers: { cookie: 'cc_session=forged' } });
    expect(cookie.status).toBe(401);
    const malformed = await call(api.url, 'GET', '/api/v1/auth/me', { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
  });

  it('CSRF: a state-changing call on the session cookie from another site is refused; same origin, Bearer and reads are not', async () => {
    const cookie = { cookie: `cc_session=${dispatcher.token}` };
    const body = { name: 'csrf', qty: 1 };
    const crossForm = await call(api.url, 'POST', '/api/v1/probe/things', { headers: { ...cookie, 'sec-fetch-site': 'cross-site' }, body });
    expect(crossForm.status).toBe(403);
    expect(crossForm.body.error).toMatchObject({ code: 'cross_site_request', message: expect.stringContaining('another site') });
    // A sibling subdomain is "same site" for SameSite=Lax, and still not our origin.
    expect((await call(api.url, 'POST', '/api/v1/probe/things', { headers: { ...cookie, 'sec-fetch-site': 'same-site' }, body })).status).toBe(403);
    expect((await call(api.url, 'POST', '/api/v1/probe/things', { headers: { ...cookie, origin: 'http://evil.example' }, body })).status).toBe(403);
    const host = new URL(api.url).host;
    expect((await call(api.url, 'POST', '/api/v1/probe/things', { headers: { ...cookie, 'sec-fetch-site': 'same-origin' }, body })).status).toBe(201);
    expect((await call(api.url, 'POST', '/api/v1/probe/things', { headers: { ...cookie, origin: `http://${host}` }, body })).status).toBe(201);
    expect((await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, headers: { 'sec-fetch-site': 'cross-site' }, body })).status).toBe(201);
    expect((await call(api.url, 'GET', '/api/v1/auth/me', { headers: { ...cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });

  it('a rider calling a dispatcher route → 403 forbidden', async () => {
    const r = await call(api.url, 'POST', '/api/v1/probe/things', { token: rider.token, body: { name: 'x', qty: 1 } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
  });

  it('unknown route → 404 route_not_found; wrong method → 405 with Allow', async () => {
    const a = await call(api.url, 'GET', '/api/v1/nope');
    expect(a.status).toBe(404);
    expect(a.body.error.code).toBe('route_not_found');
    const b = await call(api.url, 'DELETE', '/api/v1/probe/things', { token: dispatcher.token });
    expect(b.status).toBe(405);
    expect(b.headers.get('allow')).toBe('POST');
  });

  it('an unexpected error → 500 with a request id and no stack trace or internals', async () => {
    const r = await call(api.url, 'GET', '/api/v1/probe/boom');
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('internal_error');
    expect(JSON.stringify(r.body)).not.toMatch(/srv|app\.ts|secret|at /);
    expect(r.body.error.message).toContain(r.headers.get('x-request-id')!);
  });

  it('keeps a sane incoming request id and replaces a hostile one', async () => {
    const ok = await call(api.url, 'GET', '/api/v1/probe/slow', { headers: { 'x-request-id': 'abcDEF12-34' } });
    expect(ok.headers.get('x-request-id')).toBe('abcDEF12-34');
    const bad = await call(api.url, 'GET', '/api/v1/probe/slow', { headers: { 'x-request-id': '<script>' } });
    expect(bad.headers.get('x-request-id')).not.toBe('<script>');
  });
});

describe('Idempotency-Key', () => {
  it('a retry returns the first result; the same key with another body is 409', async () => {
    const key = uniq('k');
    const a = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: 'a', qty: 1 }, headers: { 'idempotency-key': key } });
    const b = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: 'a', qty: 1 }, headers: { 'idempotency-key': key } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const n = (await appDb().query(`SELECT count(*) AS n FROM platform.audit_log WHERE entity_id=$1`, [a.body.id])).rows[0].n;
    expect(n).toBe(1);
    const c = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: 'b', qty: 1 }, headers: { 'idempotency-key': key } });
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('idempotency_key_reused');
  });

  it('a failed first attempt can be retried with the same key', async () => {
    const key = uniq('k');
    const bad = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: '', qty: 1 }, headers: { 'idempotency-key': key } });
    expect(bad.status).toBe(400);
    const good = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: '', qty: 1 }, headers: { 'idempotency-key': key } });
    expect(good.status).toBe(400); // same body, still invalid: validated again, not replayed
    const fixed = await call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: 'ok', qty: 1 }, headers: { 'idempotency-key': uniq('k') } });
    expect(fixed.status).toBe(201);
  });

  it('concurrent duplicates create exactly one thing', async () => {
    const key = uniq('k');
    const rs = await Promise.all(Array.from({ length: 8 }, () => call(api.url, 'POST', '/api/v1/probe/things', { token: dispatcher.token, body: { name: 'c', qty: 2 }, headers: { 'idempotency-key': key } })));
    const created = new Set(rs.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(created.size).toBe(1);
    for (const r of rs) expect([201, 409]).toContain(r.status);
  });
});
