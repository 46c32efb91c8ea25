/**
 * The demo as a new user meets it: the accounts `npm start` prints, logged in with their
 * passwords, each calling every route its role may read, on the demo's own records (ids such as
 * rdr_001, fac_st001), and the rider going on duty, sending a position and reading their route.
 * A demo id must never be refused as malformed, and a role must never be refused what it may do
 * with its own records.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appDb } from '../platform/db/pool';
import { idPattern } from '../platform/ids';
import { startTestApi, call, type TestApi } from '../platform/testing/harness';
import { generateDemoNetwork } from '../dispatch/demo/network';
import { loadDemoNetwork } from '../dispatch/seed';
import { routeModules } from './modules';
import { ensureDemoAccounts } from './demo-accounts';

const demo = generateDemoNetwork();
const store = demo.facilities.filter((f) => f.tier === 'store').sort((a, b) => (a.id < b.id ? -1 : 1))[0];
const riders = demo.riders.filter((r) => r.homeFacilityId === store.id);
const boxes = demo.boxes.filter((b) => b.homeFacilityId === store.id);
const lots = demo.lots.filter((l) => l.facilityId === store.id);
const skus = demo.skus.filter((s) => lots.some((l) => l.skuId === s.id));

let api: TestApi;
const tokens: Record<string, string> = {};
let orderId: string, shipmentId: string, orderToken: string;

beforeAll(async () => {
  await loadDemoNetwork(appDb(), { facilities: [store], skus, lots, riders, boxes });
  api = await startTestApi(routeModules);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'demo-accounts-')), 'demo-accounts.txt');
  await ensureDemoAccounts(file, { facilityId: store.id, riderId: riders[0].id });
  for (const line of readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))) {
    const [role, username, password] = line.trim().split(/\s+/);
    const r = await call(api.url, 'POST', '/api/v1/auth/login', { body: { username, password } });
    expect(r.status, `${username} logs in`).toBe(200);
    tokens[role] = r.body.token;
  }
  // An order the store serves: an ambient line it stocks, for a customer 300 m north, delivered
  // tomorrow morning (Shanghai time) while the store is open, whenever the test runs.
  const day = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  const window = { start: `${day}T10:00:00+08:00`, end: `${day}T12:00:00+08:00` };
  const lot = lots.find((l) => skus.find((s) => s.id === l.skuId)?.temperatureClass === 'ambient' && l.available > 0)!;
  const r = await call(api.url, 'POST', '/api/v1/orders', {
    token: tokens.dispatcher,
    body: {
      channel: 'app', items: [{ skuId: lot.skuId, quantity: 1 }], delivery: { mode: 'scheduled', window },
      customer: { name: '张三丰', phone: '13812345678', address: '天河路 1 号', location: { lat: store.location.lat + 300 / 111_320, lng: store.location.lng } },
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.shipments[0].facilityId).toBe(store.id);
  orderId = r.body.id;
  orderToken = r.body.token;
  shipmentId = r.body.shipments[0].id;
  // The store's routes, planned now rather than by the worker.
  const plan = await call(api.url, 'POST', `/api/v1/facilities/${store.id}/plan`, { token: tokens.dispatcher });
  expect(plan.status, JSON.stringify(plan.body)).toBeLessThan(300);
}, 120_000);
afterAll(async () => { await api?.close(); });

describe('demo accounts', () => {
  it('the demo data’s ids have the one id format', () => {
    for (const [prefix, ids] of [['fac', demo.facilities], ['sku', demo.skus], ['lot', demo.lots], ['rdr', demo.riders], ['box', demo.boxes]] as const) {
      for (const { id } of ids) expect(id, prefix).toMatch(idPattern(prefix));
    }
  });

  it('the rider goes on duty, reports a position and reads their route', async () => {
    const rider = riders[0].id;
    const t = tokens.rider;
    expect((await call(api.url, 'POST', `/api/v1/riders/${rider}/status`, { token: t, body: { status: 'online' } })).status).toBe(200);
    expect((await call(api.url, 'POST', `/api/v1/riders/${rider}/position`, { token: t, body: { location: { lat: store.location.lat, lng: store.location.lng } } })).status).toBe(204);
    const plan = await call(api.url, 'GET', `/api/v1/riders/${rider}/plan`, { token: t });
    expect(plan.status).toBe(200);
    expect(plan.body).toHaveProperty('route');
  });

  it('every role reads every route it may, on its own records', async () => {
    const rider = riders[0];
    const box = boxes[0]; // loadDemoNetwork pairs the first rider with the first box
    // What each path parameter is for this demo: the store, its first rider and box, the order.
    // The web-mercator tile (zoom 15) the store stands in, for the base map's road tiles.
    const n = 2 ** 15, lat = (store.location.lat * Math.PI) / 180;
    const storeTile = { z: 15, x: Math.floor(((store.location.lng + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n) };
    // A certificate with its document (the demo seeds one per box), for the download route.
    const certs = await call(api.url, 'GET', `/api/v1/boxes/${box.id}/certificates`, { token: tokens.admin });
    const certId = (certs.body.certificates as Array<{ id: string; source: string }>).find((c) => c.source === 'documented')?.id;
    expect(certId, JSON.stringify(certs.body)).toBeTruthy();
    const paramFor = (routePath: string, name: string): string => {
      if (name === 'boxId') return box.id;
      if (name === 'certId') return certId!;
      if (routePath.startsWith('/device-models')) return 'dm_default';
      if (routePath.startsWith('/facilities') || name === 'facilityId') return store.id;
      if (routePath.startsWith('/riders')) return rider.id;
      if (routePath.startsWith('/boxes')) return box.id;
      if (routePath.startsWith('/orders')) return orderId;
      if (routePath.startsWith('/shipments')) return shipmentId;
      if (routePath.startsWith('/public/track')) return orderToken;
      if (routePath.startsWith('/geo/road-tiles')) return String(storeTile[name as 'z' | 'x' | 'y']);
      return `${name}_none`;
    };
    const query: Record<string, string> = {
      '/geo/nearest': `?lat=${store.location.lat}&lng=${store.location.lng}`,
      '/geo/service-areas/serving': `?lat=${store.location.lat}&lng=${store.location.lng}`,
      '/telemetry/readings': `?boxId=${box.id}`,
      '/availability': `?lat=${store.location.lat}&lng=${store.location.lng}&sku=${lots[0].skuId}`,
      '/qa/audit-review': `?from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date().toISOString()}`,
      '/temperature-records/export': `?facilityId=${store.id}&from=${new Date().toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`,
    };
    // Records that are not this account's to read (a rider sees orders and shipments they carry, not others).
    const notTheirs = (role: string, routePath: string) => role === 'rider' && (routePath.startsWith('/orders/') || routePath.startsWith('/shipments/'));
    const failures: string[] = [];
    let calls = 0;
    for (const r of routeModules.flatMap((m) => m.routes)) {
      if (r.method !== 'get' || r.path === '/feed') continue; // the feed is a stream (telemetry's tests)
      if (r.path === '/telemetry/alarms/:id') continue; // the demo has no alarm to read
      if (r.path === '/shipments/:id/pod/:fileId') continue; // nor a door photo (delivery-lifecycle's tests read one)
      if (r.path.startsWith('/shipments/:id/temperature-report')) continue; // its order is ambient: no temperature record (ditto)
      if (r.path.startsWith('/qa/quarantine/:id')) continue; // nor a quarantined shipment
      for (const [role, token] of Object.entries(tokens)) {
        const allowed = r.access === 'public' || r.access === 'authenticated' || r.access.includes(role as never);
        if (!allowed || notTheirs(role, r.path)) continue;
        const p = '/api/v1' + r.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => paramFor(r.path, name)) + (query[r.path] ?? '');
        const res = await call(api.url, 'GET', p, { token });
        calls++;
        if (res.status !== 200) failures.push(`${role} GET ${p} → ${res.status} ${JSON.stringify(res.body?.error ?? res.body).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(40);
  }, 60_000);
});
