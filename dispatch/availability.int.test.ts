import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { authModule } from '../platform/auth/routes';
import { closeRateLimiter } from '../platform/http/rate-limit';
import { wgs84ToGcj02 } from '../geo';
import { dispatchModule } from './http';
import { fleetChanged } from './fleet-snapshot';
import { WEEKDAY_KEYS } from './domain/opening-hours';
import { addDays, localDateOf, toLocal, weekdayOf } from './domain/zoned-time';
import { facility, sku, stock, box, orderBody, near } from './testing/fixtures';

let api: TestApi;
let dispatcher: TestUser;
const apis: TestApi[] = [];

async function start(perMin: number): Promise<TestApi> {
  const a = await startTestApi([authModule, dispatchModule({ availability: { perMin, scope: uniq('s') } })]);
  apis.push(a);
  return a;
}

beforeAll(async () => {
  api = await start(10_000);
  dispatcher = await makeUser('dispatcher');
});
afterAll(async () => {
  for (const a of apis) await a.close();
  await closeRateLimiter();
});

/** The point the tests ask about, ~500 m north-east of the city centre. */
const AT = near(0.004, 0.003);
const ask = (skus: string[], at: { lat: number | string; lng: number | string } = AT, extra = '', a = api) => {
  // Fixtures write boxes and riders straight to the database: sourcing's fleet picture must be re-read.
  fleetChanged();
  return call(a.url, 'GET', `/api/v1/availability?lat=${at.lat}&lng=${at.lng}&sku=${skus.join(',')}${extra}`);
};
const item = (body: any, skuId: string) => body.items.find((x: any) => x.skuId === skuId);

/** Open only tomorrow (local), from noon: closed for every instant promise, open for next day. */
function openTomorrowNoon() {
  const key = WEEKDAY_KEYS[weekdayOf(addDays(localDateOf(new Date()), 1))];
  return { timeZone: 'Asia/Shanghai', weekly: { [key]: [{ open: '12:00', close: '23:00' }] } };
}

/** Opens `minutes` from now (local, to the next whole minute) until midnight. */
function opensIn(minutes: number) {
  const at = toLocal(Date.now() + minutes * 60_000 + 60_000, 'Asia/Shanghai');
  const date = `${at.year}-${String(at.month).padStart(2, '0')}-${String(at.day).padStart(2, '0')}`;
  const hhmm = `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
  return { timeZone: 'Asia/Shanghai', weekly: { [WEEKDAY_KEYS[weekdayOf(date)]]: [{ open: hhmm, close: '24:00' }] } };
}

describe('GET /api/v1/availability', () => {
  it('a store near the point with stock: 30 minutes, from the store tier, public (no login), no drug names, stock counts or facility ids', async () => {
    const store = await facility({ tier: 'store', at: near(0.003, 0.002) });
    const s = await sku({ cls: 'ambient' });
    await stock(store.id, s.id, 7);
    const r = await ask([s.id]);
    expect(r.status).toBe(200);
    expect(item(r.body, s.id)).toMatchObject({ deliverable: true, reason: null, tier: 'store', promise: '30min', temperatureClass: 'ambient', rxRequired: false });
    const eta = Date.parse(item(r.body, s.id).earliestAt);
    expect(eta).toBeGreaterThan(Date.now());
    expect(eta).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    expect(r.body.together).toMatchObject({ deliverable: true, oneShipment: true, shipments: 1, tiers: ['store'], promise: '30min' });
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/胰岛素|insulin/i); // no drug names on a public answer
    expect(text).not.toContain(store.id);
    expect(text).not.toMatch(/"(available|onHand|quantity|reserved)"/);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('takes GCJ-02 coordinates (AMap, Tencent) like orders do', async () => {
    // A store with a 300 m area: the GCJ-02 shift here (~550 m) moves the same numbers read as WGS-84 out of it.
    const at = near(0.01, -0.01);
    const store = await facility({ tier: 'store', at, radiusM: 300 });
    const s = await sku({ cls: 'ambient' });
    await stock(store.id, s.id, 1);
    const g = wgs84ToGcj02(at);
    const r = await ask([s.id], g, '&crs=gcj02');
    expect(r.status).toBe(200);
    expect(item(r.body, s.id)).toMatchObject({ deliverable: true, tier: 'store', promise: '30min' });
    expect(item((await ask([s.id], g)).body, s.id)).toMatchObject({ deliverable: false, tier: null });
  });

  it('only a central warehouse has it: its promise (next day when it opens tomorrow), tier central', async () => {
    const central = await facility({ tier: 'central', at: near(0.008, 0.006), hours: openTomorrowNoon() });
    const s = await sku({ cls: 'ambient' });
    await stock(central.id, s.id, 50);
    const r = await ask([s.id]);
    expect(r.status).toBe(200);
    const it1 = item(r.body, s.id);
    expect(it1).toMatchObject({ deliverable: true, tier: 'central', promise: 'next_day' });
    expect(localDateOf(new Date(it1.earliestAt))).toBe(addDays(localDateOf(new Date()), 1));
    // An instant order cannot have it; a delivery due by the end of tomorrow gets it from the central warehouse.
    const instant = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }], { delivery: { mode: 'instant', promiseMinutes: 120 } }) });
    expect(instant.status).toBe(422);
    const end = new Date(Date.parse(it1.earliestAt) + 60 * 60_000);
    const scheduled = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }], { delivery: { mode: 'scheduled', window: { start: new Date(Date.now() + 60_000).toISOString(), end: end.toISOString() } } }) });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.shipments.map((x: any) => x.facilityId)).toEqual([central.id]);
    expect(scheduled.body.shipments[0].eta).toBe(it1.earliestAt);
  });

  it('a store that opens in 45 minutes: the 2 h promise', async () => {
    const store = await facility({ tier: 'store', at: near(0.0045, 0.0035), hours: opensIn(45) });
    const s = await sku({ cls: 'ambient' });
    await stock(store.id, s.id, 2);
    const r = await ask([s.id]);
    const x = item(r.body, s.id);
    expect(x).toMatchObject({ deliverable: true, tier: 'store', promise: '2h' });
    expect(Date.parse(x.earliestAt)).toBeGreaterThan(Date.now() + 45 * 60_000);
    expect(Date.parse(x.earliestAt)).toBeLessThanOrEqual(Date.now() + 120 * 60_000);
  });

  it('cold SKUs: served with a free box of their class, refused without one', async () => {
    const withBox = await facility({ tier: 'store', at: near(0.002, 0.004) });
    const noBox = await facility({ tier: 'forward', at: near(0.005, 0.001) });
    const chilled = await sku({ cls: 'chilled' });
    const frozen = await sku({ cls: 'frozen' });
    await stock(withBox.id, chilled.id, 3);
    await box(withBox.id, { classes: ['chilled'] });
    await stock(noBox.id, frozen.id, 3);
    const r = await ask([chilled.id, frozen.id]);
    expect(r.status).toBe(200);
    expect(item(r.body, chilled.id)).toMatchObject({ deliverable: true, temperatureClass: 'chilled', tier: 'store', promise: '30min' });
    expect(item(r.body, frozen.id)).toMatchObject({ deliverable: false, temperatureClass: 'frozen', reason: 'no_box', tier: null, promise: null, earliestAt: null });
    expect(r.body.together).toMatchObject({ deliverable: false, oneShipment: false, shipments: 0 });
  });

  it('says why not: out of stock, no facility serves the point; and when two SKUs need two shipments', async () => {
    const a = await facility({ tier: 'store', at: near(0.003, 0.001) });
    const b = await facility({ tier: 'store', at: near(0.001, 0.003) });
    const sa = await sku({ cls: 'ambient' });
    const sb = await sku({ cls: 'ambient' });
    const none = await sku({ cls: 'ambient' });
    await stock(a.id, sa.id, 2);
    await stock(b.id, sb.id, 2);
    const r = await ask([sa.id, sb.id, none.id]);
    expect(item(r.body, none.id)).toMatchObject({ deliverable: false, reason: 'out_of_stock' });
    expect(r.body.together.deliverable).toBe(false);
    const two = await ask([sa.id, sb.id]);
    expect(two.body.together).toMatchObject({ deliverable: true, oneShipment: false, shipments: 2, tiers: ['store', 'store'] });
    // Open sea, far from every service area.
    const sea = await ask([sa.id], { lat: 10, lng: 150 });
    expect(sea.status).toBe(200);
    expect(item(sea.body, sa.id)).toMatchObject({ deliverable: false, reason: 'no_facility_serves_point' });
  });

  it('bad input: unknown SKU, malformed or missing coordinates, too many or no SKUs → 400 with a code and a readable message', async () => {
    const s = await sku({ cls: 'ambient' });
    const unknown = await ask([s.id, 'sku_doesnotexist1']);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_sku', details: { skuIds: ['sku_doesnotexist1'] } });
    expect(unknown.body.error.message).toContain('sku_doesnotexist1');

    for (const lat of ['91', 'abc', '', '-90.5']) {
      const r = await ask([s.id], { lat, lng: AT.lng });
      expect(r.status, `lat=${lat}`).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.message).toMatch(/lat must be/);
    }
    const noLng = await call(api.url, 'GET', `/api/v1/availability?lat=23.1&sku=${s.id}`);
    expect(noLng.status).toBe(400);
    expect(noLng.body.error.details.issues[0].path).toBe('query.lng');
    expect((await ask([s.id], AT, '&crs=utm')).status).toBe(400);

    const many = await ask(Array.from({ length: 21 }, (_, i) => `sku_many${i}`));
    expect(many.status).toBe(400);
    expect(many.body.error.details.issues[0]).toMatchObject({ path: 'query.sku', code: 'too_big' });
    expect(many.body.error.message).toContain('at most 20 SKU ids');
    const zero = await ask([]);
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.issues[0].path).toBe('query.sku');
    const bad = await ask(['Robert"); DROP TABLE']);
    expect(bad.status).toBe(400);
    // Repeated parameters work like a comma list; 20 distinct ids are allowed.
    const rep = await call(api.url, 'GET', `/api/v1/availability?lat=${AT.lat}&lng=${AT.lng}&sku=${s.id}&sku=${s.id}`);
    expect(rep.status).toBe(200);
    expect(rep.body.items).toHaveLength(1);
  });

  it('rate limit: past the limit per address, 429 rate_limited with Retry-After', async () => {
    const a = await start(3);
    const s = await sku({ cls: 'ambient' });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await ask([s.id], AT, '', a)).status);
    expect(codes).toEqual([200, 200, 200]);
    const r = await ask([s.id], AT, '', a);
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('rate_limited');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('matches what an order placed right after gets: same tier; nothing reserved by asking', async () => {
    const store = await facility({ tier: 'store', at: near(0.0035, 0.0025) });
    const central = await facility({ tier: 'central', at: near(0.004, 0.0031) });
    const s = await sku({ cls: 'chilled' });
    await stock(store.id, s.id, 1);
    await stock(central.id, s.id, 100);
    await box(store.id, { classes: ['chilled'] });
    await box(central.id, { classes: ['chilled'] });
    for (let i = 0; i < 3; i++) expect((await ask([s.id])).status).toBe(200);
    const r = await ask([s.id]);
    expect(item(r.body, s.id)).toMatchObject({ deliverable: true, tier: 'store', promise: '30min' });
    // Asking reserved nothing: the store's single unit is still there for the order.
    const order = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }], { delivery: { mode: 'instant', promiseMinutes: 30 } }) });
    expect(order.status).toBe(201);
    expect(order.body.shipments.map((x: any) => x.facilityId)).toEqual([store.id]);
    expect(order.body.decision.shipments[0].tier).toBe(item(r.body, s.id).tier);
    // The store's unit is gone: now the central warehouse serves, and the next order gets it too.
    const after = await ask([s.id]);
    expect(item(after.body, s.id)).toMatchObject({ deliverable: true, tier: 'central' });
    const second = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }], { delivery: { mode: 'instant', promiseMinutes: item(after.body, s.id).promise === '30min' ? 30 : 120 } }) });
    expect(second.status).toBe(201);
    expect(second.body.decision.shipments[0].tier).toBe('central');
  });
});
