/** The day's figures through the API, after real deliveries through the lifecycle. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appDb } from '../../platform/db/pool';
import { startTestApi, makeUser, call, type TestApi, type TestUser } from '../../platform/testing/harness';
import { facility, sku, stock, box, rider, orderBody } from '../../dispatch/testing/fixtures';
import { currentDeliveryCode } from '../../tracking';
import { routeModules } from '../modules';

let api: TestApi;
let dispatcher: TestUser;
beforeAll(async () => {
  api = await startTestApi(routeModules);
  dispatcher = await makeUser('dispatcher');
});
afterAll(async () => { await api?.close(); });

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('GET /kpis', () => {
  it('counts a facility\'s orders, the delivered one within 30 minutes and on time, per hour, and as CSV', async () => {
    const f = await facility();
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 20);
    const b = await box(f.id);
    const r = await rider(f.id);
    expect((await call(api.url, 'POST', `/api/v1/boxes/${b.id}/pairing`, { token: dispatcher.token, body: { riderId: r.id } })).status).toBe(200);
    const place = () => call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
    const first = await place();
    const second = await place();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const shp = first.body.shipments[0].id;
    const act = (body: Record<string, unknown>) => call(api.url, 'POST', `/api/v1/shipments/${shp}/events`, { token: dispatcher.token, body });
    expect((await act({ action: 'pick_up', boxId: b.id, riderId: r.id })).status).toBe(200);
    expect((await act({ action: 'deliver', code: await currentDeliveryCode(appDb(), shp) })).body.state).toBe('delivered');
    expect(second.status).toBe(201);

    const k = await call(api.url, 'GET', `/api/v1/kpis?facilityId=${f.id}&date=${today()}`, { token: dispatcher.token });
    expect(k.status, JSON.stringify(k.body)).toBe(200);
    expect(k.body).toMatchObject({ date: today(), timeZone: 'Asia/Shanghai', facilityId: f.id });
    expect(k.body.totals).toMatchObject({ orders: 2, shipments: 2, delivered: 1, within30MinRate: 1, onTimeRate: 1, fulfilmentRate: 1, intactRate: null });
    expect(k.body.totals.avgOrderToDoorMin).toBeLessThan(5);
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date())) % 24;
    expect(k.body.hours).toHaveLength(24);
    expect(k.body.hours[hour]).toMatchObject({ orders: 2, delivered: 1, ridersAtWork: 1 });
    expect(k.body.facilities).toEqual([expect.objectContaining({ facilityId: f.id, orders: 2, delivered: 1 })]);

    const all = await call(api.url, 'GET', '/api/v1/kpis', { token: dispatcher.token });
    expect(all.body.totals.orders).toBeGreaterThanOrEqual(2);
    expect(all.body.facilities.some((x: any) => x.facilityId === f.id)).toBe(true);

    const csv = await fetch(`${api.url}/api/v1/kpis.csv?facilityId=${f.id}`, { headers: { authorization: `Bearer ${dispatcher.token}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).split('\r\n');
    expect(lines).toContain('facility_id,facility,orders,shipments,delivered,within_30_min_pct,avg_order_to_door_min,on_time_pct,fulfilment_pct,intact_pct,excursions_per_1000_cold');
    expect(lines.find((l) => l.startsWith(`${f.id},`))).toMatch(/,2,2,1,100\.0,/);
    expect(lines).toContain(`${String(hour).padStart(2, '0')},2,1,1`);

    const partner = await makeUser('partner', { facilityId: f.id });
    const own = await call(api.url, 'GET', '/api/v1/kpis', { token: partner.token });
    expect(own.body).toMatchObject({ facilityId: f.id, totals: { orders: 2 } });
    const other = await call(api.url, 'GET', `/api/v1/kpis?facilityId=${(await facility()).id}`, { token: partner.token });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('other_store');
  });

  it('refuses a malformed day or facility and a rider, each with its code', async () => {
    expect((await call(api.url, 'GET', '/api/v1/kpis?date=2026-13-40', { token: dispatcher.token })).status).toBe(400);
    const missing = await call(api.url, 'GET', '/api/v1/kpis?facilityId=fac_nosuchplace', { token: dispatcher.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('facility_not_found');
    const riderUser = await makeUser('rider');
    expect((await call(api.url, 'GET', '/api/v1/kpis', { token: riderUser.token })).status).toBe(403);
  });
});
