/**
 * The attack set (issue 24): what someone holding a valid session of the wrong tenant, or no
 * session at all, tries first. Id enumeration across stores on every `:id` route a partner may
 * call; extra fields in bodies (mass assignment); oversized and deeply nested JSON; path
 * traversal in every file-serving route; script-, SQL- and formula-shaped text coming back.
 */
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { appDb } from '../platform/db/pool';
import { startTestApi, makeUser, call, type TestApi, type TestUser } from '../platform/testing/harness';
import type { RouteDef } from '../platform/http/route';
import { facility, sku, stock, box, rider, orderBody, near } from '../dispatch/testing/fixtures';
import { routeModules } from './modules';
import { consoleMount } from './api';
import { trackingPage } from './tracking';

let api: TestApi;
let admin: TestUser;
let dispatcher: TestUser;
let partnerA: TestUser;
/** Store B's things, which store A's partner must never see. */
const b = { facilityId: '', orderId: '', shipmentId: '', boxId: '', skuId: '', token: '' };
const a = { facilityId: '', orderId: '', shipmentId: '' };

async function storeWithOrder(at: { lat: number; lng: number }) {
  const f = await facility({ tier: 'store', at, radiusM: 800 });
  const s = await sku({ cls: 'chilled' });
  await stock(f.id, s.id, 5);
  const bx = await box(f.id);
  await rider(f.id);
  const body = orderBody([{ skuId: s.id, quantity: 1 }]);
  (body.customer as { location: unknown }).location = at;
  const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  return { facilityId: f.id, orderId: o.body.id as string, shipmentId: o.body.shipments[0].id as string, boxId: bx.id, skuId: s.id, order: o.body };
}

beforeAll(async () => {
  api = await startTestApi(routeModules, [consoleMount(), trackingPage]);
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  const sa = await storeWithOrder(near(0.021, 0.021));
  const sb = await storeWithOrder(near(-0.021, -0.021));
  Object.assign(a, { facilityId: sa.facilityId, orderId: sa.orderId, shipmentId: sa.shipmentId });
  Object.assign(b, { facilityId: sb.facilityId, orderId: sb.orderId, shipmentId: sb.shipmentId, boxId: sb.boxId, skuId: sb.skuId });
  partnerA = await makeUser('partner', { facilityId: sa.facilityId });
});
afterAll(async () => { await api?.close(); });

const routes = routeModules.flatMap((m) => m.routes as RouteDef[]);
const partnerMay = (r: RouteDef) => r.access === 'authenticated' || (Array.isArray(r.access) && r.access.includes('partner'));

/** A route's path with store B's ids in it. */
function withStoreB(path: string): string | null {
  const base = path.split('/')[1];
  const id = ({ orders: b.orderId, shipments: b.shipmentId, facilities: b.facilityId, boxes: b.boxId } as Record<string, string>)[base];
  if (!id) return null;
  return path.replace(':id', id).replace(':fileId', 'pod_enum0001').replace(':kind', 'photo').replace(':certId', 'crt_enum0001');
}

const POD_PNG = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../tracking/pod/fixtures/pod.png'));

/** A body each state-changing route would accept from its own store, so refusals are about the store, not the body. */
function validBody(r: RouteDef): { body?: unknown; rawBody?: Uint8Array; headers?: Record<string, string> } {
  const reason = 'enumeration test';
  if (r.method === 'get') return {};
  switch (r.path) {
    case '/facilities/:id/lots': return { body: { skuId: b.skuId, lotNumber: 'L-ENUM-1', expiry: '2099-01-01', quantity: 1 } };
    case '/orders/:id/cancel': return { body: { reason } };
    case '/orders/:id/rx-review': return { body: { verdict: 'verified', note: 'looks fine' } };
    case '/facilities/:id/plan/preview': return { body: { edit: { type: 'unpin', shipmentId: b.shipmentId } } };
    case '/facilities/:id/plan/edits': return { body: { basePlanId: 'pln_enum0001', edit: { type: 'unpin', shipmentId: b.shipmentId }, reason } };
    case '/boxes/:id/lifecycle': return { body: { action: 'start_precool' } };
    case '/shipments/:id/events': return { body: { action: 'depart' } };
    case '/shipments/:id/pod/:kind': return { rawBody: POD_PNG, headers: { 'content-type': 'image/png' } };
    default: return { body: { reason } };
  }
}

describe('id enumeration across stores', () => {
  it('a partner asking for another store\'s orders, shipments, boxes and records by id gets 403 or 404, never the data', async () => {
    const tried: string[] = [];
    const leaks: string[] = [];
    for (const r of routes.filter((x) => partnerMay(x) && x.path.includes(':id'))) {
      const p = withStoreB(r.path);
      if (!p) continue;
      const res = await call(api.url, r.method.toUpperCase(), '/api/v1' + p, { token: partnerA.token, ...validBody(r) });
      tried.push(`${r.method.toUpperCase()} ${r.path}`);
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
      // Store B's ids other than the one asked for, and its customer, are its data.
      const secrets = [b.orderId, b.shipmentId, b.facilityId, b.boxId, '张'].filter((x) => !p.includes(x));
      if (![403, 404].includes(res.status) || secrets.some((x) => text.includes(x))) leaks.push(`${r.method.toUpperCase()} ${r.path} → ${res.status} ${text.slice(0, 160)}`);
    }
    expect(tried.length).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
    // Nothing of store B changed.
    expect((await call(api.url, 'GET', `/api/v1/orders/${b.orderId}`, { token: admin.token })).body.status).not.toBe('cancelled');
    expect((await appDb().query(`SELECT count(*)::int AS n FROM tracking.pod_files WHERE shipment_id = $1`, [b.shipmentId]).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n).toBe(0);
    // Lists never carry the other store's rows either.
    const list = await call(api.url, 'GET', '/api/v1/orders?limit=500', { token: partnerA.token });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(b.orderId);
    const map = await call(api.url, 'GET', '/api/v1/map/orders', { token: partnerA.token });
    expect(JSON.stringify(map.body)).not.toContain(b.orderId);
  });
});

/** Every zod object a schema reaches, with where it is. */
function objects(schema: ZodType, where: string, out: Array<{ where: string; catchall: string | undefined }> = [], seen = new Set<unknown>()): typeof out {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case 'object':
      out.push({ where, catchall: def.catchall?._zod.def.type });
      for (const [k, v] of Object.entries(def.shape as Record<string, ZodType>)) objects(v, `${where}.${k}`, out, seen);
      break;
    case 'array': objects(def.element, `${where}[]`, out, seen); break;
    case 'union': def.options.forEach((o: ZodType, i: number) => objects(o, `${where}|${i}`, out, seen)); break;
    case 'intersection': objects(def.left, where, out, seen); objects(def.right, where, out, seen); break;
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'nonoptional': case 'catch':
      objects(def.innerType, where, out, seen); break;
    case 'pipe': objects(def.in, where, out, seen); break;
    case 'record': objects(def.valueType, `${where}{}`, out, seen); break;
    default: break;
  }
  return out;
}

describe('mass assignment', () => {
  it('every request body refuses fields it does not declare (strict objects all the way down)', () => {
    const loose: string[] = [];
    let checked = 0;
    for (const r of routes.filter((x) => x.body)) {
      for (const o of objects(r.body!, `${r.method.toUpperCase()} ${r.path} body`)) {
        checked++;
        if (o.catchall !== 'never') loose.push(o.where);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(loose).toEqual([]);
  });

  it('extra fields naming a role, a store, a state or a password hash are refused with unknown_field, and nothing changes', async () => {
    const u = await makeUser('dispatcher');
    const patch = await call(api.url, 'PATCH', `/api/v1/users/${u.id}`, { token: admin.token, body: { displayName: 'x', reason: 'mass assignment test', passwordHash: 'scrypt$1$1$1$AA$AA', active: true, id: 'usr_other' } });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details.issues.map((i: { code: string }) => i.code)).toContain('unknown_field');
    expect((await call(api.url, 'GET', '/api/v1/auth/me', { token: u.token })).body.displayName).toBe(u.username);
    const order = orderBody([{ skuId: b.skuId, quantity: 1 }], { facilityId: b.facilityId, status: 'delivered' });
    const placed = await call(api.url, 'POST', '/api/v1/orders', { token: partnerA.token, body: order });
    expect(placed.status).toBe(400);
    expect(placed.body.error.details.issues.map((i: { code: string }) => i.code)).toContain('unknown_field');
    const me = await call(api.url, 'POST', '/api/v1/auth/login', { body: { username: u.username, password: u.password, role: 'admin' } });
    expect(me.status).toBe(400);
    expect(me.body.error.code).toBe('validation_failed');
  });
});

describe('oversized and deeply nested bodies', () => {
  it('a body over the limit is 413 and one nested too deep is 400, on real routes, before any work', async () => {
    const big = JSON.stringify({ ...orderBody([{ skuId: b.skuId, quantity: 1 }]), pad: 'x'.repeat(2 << 20) });
    const huge = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, rawBody: big, headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const login = await call(api.url, 'POST', '/api/v1/auth/login', { rawBody: JSON.stringify({ username: 'u', password: 'p'.repeat(3 << 20) }), headers: { 'content-type': 'application/json' } });
    expect(login.status).toBe(413);
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const [p, token] of [['/api/v1/orders', dispatcher.token], ['/api/v1/auth/login', undefined]] as const) {
      const r = await call(api.url, 'POST', p, { token, rawBody: deep, headers: { 'content-type': 'application/json' } });
      expect(r.status, p).toBe(400);
      expect(r.body.error.code, p).toBe('too_deeply_nested');
    }
    // Wide arrays are bounded by the schemas, not only by bytes.
    const items = Array.from({ length: 5000 }, () => ({ skuId: b.skuId, quantity: 1 }));
    const wide = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody(items) });
    expect(wide.status).toBe(400);
    // An image over its limit.
    const pod = await call(api.url, 'POST', `/api/v1/shipments/${a.shipmentId}/pod/photo`, { token: dispatcher.token, rawBody: Buffer.concat([POD_PNG, Buffer.alloc(3 << 20)]), headers: { 'content-type': 'image/png' } });
    expect(pod.status).toBe(413);
  });
});

/** GET with the path exactly as written (fetch would resolve `..` and `%2e%2e` before sending). */
function rawGet(p: string, token?: string): Promise<{ status: number; body: string }> {
  const u = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: p, method: 'GET', headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let body = '';
      res.setEncoding('latin1').on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('path traversal', () => {
  it('no file-serving route gives a file outside its store: web build, POD photos, certificates, reports, tiles, tracking', async () => {
    const pkg = '"name": "coldchain-dispatch"';
    const ups = ['../../package.json', '..%2f..%2fpackage.json', '%2e%2e/%2e%2e/package.json', '%2e%2e%2f%2e%2e%2fpackage.json', '..%5c..%5cpackage.json', '....//....//package.json', '..%252f..%252fpackage.json', '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%00/package.json'];
    const surfaces = (t: string) => [
      `/ui/${t}`, `/ui/assets/${t}`, `/console/${t}`, `/rider/${t}`, `/t/${t}`,
      `/api/v1/shipments/${a.shipmentId}/pod/${t}`, `/api/v1/shipments/${t}/pod/pod_x0001`,
      `/api/v1/boxes/${b.boxId}/certificates/${t}`, `/api/v1/shipments/${t}/temperature-report.pdf`, `/api/v1/shipments/${t}/label`,
      `/api/v1/geo/road-tiles/14/${t}/1`, `/api/v1/${t}`,
    ];
    const problems: string[] = [];
    for (const t of ups) {
      for (const p of surfaces(t)) {
        const r = await rawGet(p, admin.token);
        if (r.body.includes(pkg) || r.body.includes('root:x:0:0') || r.status >= 500 || (r.status === 200 && !p.startsWith('/console/') && !p.startsWith('/rider/'))) problems.push(`${p} → ${r.status}`);
      }
    }
    expect(problems).toEqual([]);
    // The apps' client routes answer their page for any path below them, never a file from the path.
    const page = await rawGet('/console/..%2f..%2fpackage.json');
    expect(page.body).not.toContain(pkg);
  });
});

describe('free text echoed back', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '"><img src=x onerror=alert(1)>';
  const SQL = "R'); DROP TABLE dispatch.orders;--";
  const FORMULA = "=cmd|' /C calc'!A0";

  it('script- and SQL-shaped text comes back inert: escaped in HTML, stored as typed, formula-safe in CSV', async () => {
    // An order whose customer typed markup and SQL into every field.
    const body = orderBody([{ skuId: b.skuId, quantity: 1 }]);
    Object.assign(body.customer as object, { name: `${SQL.slice(0, 20)}${SCRIPT}`, address: `广州市天河区 ${IMG} ${SQL} 1203 房` });
    (body.customer as { location: unknown }).location = near(-0.021, -0.021);
    const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    const shp = o.body.shipments[0].id as string;
    const asAdmin = await call(api.url, 'GET', `/api/v1/orders/${o.body.id}`, { token: admin.token });
    expect(asAdmin.body.customer.name).toBe(`${SQL.slice(0, 20)}${SCRIPT}`);
    expect(asAdmin.body.customer.address).toContain(`${IMG} ${SQL}`);
    expect((await appDb().query(`SELECT count(*)::int AS n FROM dispatch.orders`)).rows[0].n).toBeGreaterThan(0);
    // The bag label is HTML: what the customer typed is text in it, never markup.
    const label = await rawGet(`/api/v1/shipments/${shp}/label`, dispatcher.token);
    expect(label.status).toBe(200);
    expect(label.body).not.toMatch(/<script>alert|<img src=x/);
    expect(label.body).toMatch(/&lt;|&#39;|&quot;|R\*+/);

    // A facility name an admin typed, shown in the temperature report (CSV and PDF) and the KPI CSV.
    await appDb().query(`UPDATE dispatch.facilities SET name = $2 WHERE id = $1`, [b.facilityId, `${FORMULA} ${SCRIPT}`]);
    const csv = await rawGet(`/api/v1/shipments/${shp}/temperature-report.csv`, admin.token);
    expect(csv.status).toBe(200);
    const lines = Buffer.from(csv.body, 'latin1').toString('utf8').split(/\r?\n/);
    expect(lines.some((l) => l.startsWith('# facility,') && l.includes(`"'${FORMULA} ${SCRIPT}"`))).toBe(true);
    for (const l of lines) for (const c of l.split(',')) expect(c, l).not.toMatch(/^[=+@]/);
    const pdf = await fetch(`${api.url}/api/v1/shipments/${shp}/temperature-report.pdf?lang=en`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(pdf.status).toBe(200);
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(await pdf.arrayBuffer()) }).toString('utf8');
    expect(text.replace(/\s+/g, ' ')).toContain(FORMULA);
    const kpis = await call(api.url, 'GET', `/api/v1/kpis.csv?facilityId=${b.facilityId}`, { token: admin.token });
    expect(kpis.status).toBe(200);
    for (const l of String(kpis.body).split(/\r?\n/)) for (const c of l.split(',')) expect(c, l).not.toMatch(/^[=+@]/);
  });

  it('the tracking page never echoes its link, language or form input', async () => {
    for (const p of [`/t/${encodeURIComponent(SCRIPT)}`, `/t/%3Cscript%3Ealert(1)%3C%2Fscript%3E`, `/t/x?lang=${encodeURIComponent(SCRIPT)}`, `/t/${encodeURIComponent(IMG)}/verify`]) {
      const r = await rawGet(p);
      expect(r.status, p).toBe(p.endsWith('/verify') ? 405 : 404);
      expect(r.body, p).not.toMatch(/<script>alert|<img src=x|onerror/);
    }
    const token = (await appDb().query(`SELECT token FROM dispatch.orders WHERE id = $1`, [a.orderId])).rows[0].token as string;
    const page = await rawGet(`/t/${token}?lang=${encodeURIComponent(SCRIPT)}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    const form = await fetch(`${api.url}/t/${token}/verify?lang=${encodeURIComponent(SCRIPT)}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `last4=${encodeURIComponent(SCRIPT)}` });
    expect(form.status).toBeLessThan(500);
    expect(`${form.headers.get('location') ?? ''}${await form.text()}`).not.toMatch(/<script>alert|%3Cscript/i);
  });
});
