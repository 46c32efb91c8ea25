/**
 * The demand forecast and rider roster over HTTP on the real stack: a facility's past Mondays'
 * evening deliveries and its riders' pickup-to-door times become next Monday's forecast and the
 * riders each hour needs; bad input, another store and an unknown facility are refused with codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDb } from '../../platform/db/pool';
import { call, makeUser, startTestApi, type TestApi, type TestUser } from '../../platform/testing/harness';
import { addDays, localDateOf } from '../domain/zoned-time';
import { dispatchRoutes, facility, orderBody, sku, stock } from '../testing/fixtures';

let api: TestApi;
let dispatcher: TestUser;
beforeAll(async () => {
  api = await startTestApi([dispatchRoutes()]);
  dispatcher = await makeUser('dispatcher');
}, 60_000);
afterAll(async () => { await api?.close(); });

const get = (path: string, token = dispatcher.token) => call(api.url, 'GET', `/api/v1${path}`, { token });

/** The next Monday after today in Shanghai, and the Mondays before it. */
function mondays() {
  let d = addDays(localDateOf(new Date(), 'Asia/Shanghai'), 1);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return { next: d, back: (w: number) => addDays(d, -7 * w) };
}

describe('demand forecast and rider roster', () => {
  it('forecasts next Monday evening from the last Mondays and rosters riders to meet the target', async () => {
    const f = await facility({ tier: 'forward', riders: 2 });
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 100);
    const { next, back } = mondays();
    await appDb().query(`UPDATE dispatch.facilities SET created_at = $2::date - 60 WHERE id = $1`, [f.id, next]);
    // Deliveries at 19:00–19:59 on the last four Mondays: 8, 4, 2 and 0; one on the last Sunday at 10:00.
    const placed: Array<{ order: string; shipment: string }> = [];
    const at = async (date: string, hhmm: string) => {
      const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
      expect(o.status, JSON.stringify(o.body)).toBe(201);
      await appDb().query(`UPDATE dispatch.orders SET created_at = ($2::date + $3::time) AT TIME ZONE 'Asia/Shanghai' WHERE id = $1`, [o.body.id, date, hhmm]);
      placed.push({ order: o.body.id, shipment: o.body.shipments[0].id });
    };
    for (const [w, n] of [[1, 8], [2, 4], [3, 2], [4, 0]] as const) for (let i = 0; i < n; i++) await at(back(w), `19:${String(5 * i).padStart(2, '0')}`);
    await at(addDays(next, -1), '10:00');
    // Two of them delivered, 10 and 14 minutes after pickup: the median ride is 12 minutes.
    for (const [i, min] of [[0, 10], [1, 14]] as const) {
      const { order, shipment } = placed[i];
      await appDb().query(`UPDATE dispatch.shipments SET status = 'delivered' WHERE id = $1`, [shipment]);
      await appDb().query(`INSERT INTO dispatch.order_events (order_id, at, type, status, detail) VALUES ($1, now() - interval '1 hour', 'picked_up', 'in_delivery', $2), ($1, now() - interval '1 hour' + make_interval(mins => $3), 'delivered', 'delivered', $2)`,
        [order, JSON.stringify({ shipmentId: shipment }), min]);
    }

    const r = await get(`/facilities/${f.id}/roster?date=${next}&target=0.9&promise=30`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ facilityId: f.id, date: next, timeZone: 'Asia/Shanghai', target: 0.9, promiseMin: 30, weeks: 4, ridersHome: 2 });
    expect(r.body.ride).toMatchObject({ oneWayMin: 12, handlingMin: 5, busyMinPerOrder: 29, samples: 2, basis: 'history' });
    const evening = r.body.hours[19];
    expect(evening).toMatchObject({ hour: 19, basis: 'same_weekday', weeks: 4 });
    expect(evening.orders).toBeCloseTo((8 + 0.5 * 4 + 0.25 * 2) / 1.875, 9);
    expect(evening.riders).toBeGreaterThan(0);
    expect(evening.onTime).toBeGreaterThanOrEqual(0.9);
    expect(r.body.hours[10]).toMatchObject({ orders: 0, riders: 0 }); // the Sunday is not a Monday
    expect(r.body.totals).toMatchObject({ peakHour: 19, peakRiders: evening.riders });
    // A stricter target needs at least as many riders.
    const strict = await get(`/facilities/${f.id}/roster?date=${next}&target=0.99&promise=30`);
    expect(strict.body.hours[19].riders).toBeGreaterThanOrEqual(evening.riders);
    // Tomorrow by default.
    expect((await get(`/facilities/${f.id}/roster`)).body.date).toBe(addDays(localDateOf(new Date(), 'Asia/Shanghai'), 1));
  });

  it('refuses bad input, another store and an unknown facility with their codes', async () => {
    const f = await facility({ riders: 0 });
    const other = await facility({ riders: 0 });
    for (const q of ['date=2026-13-01', 'date=tomorrow', 'target=2', 'promise=5', 'weeks=1', 'colour=red']) {
      const r = await get(`/facilities/${f.id}/roster?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    const partner = await makeUser('partner', { facilityId: other.id });
    expect((await get(`/facilities/${f.id}/roster`, partner.token)).body.error.code).toBe('other_store');
    expect((await get(`/facilities/${other.id}/roster`, partner.token)).status).toBe(200);
    const rider = await makeUser('rider');
    expect((await get(`/facilities/${f.id}/roster`, rider.token)).status).toBe(403);
    expect((await get('/facilities/fac_nosuchplace/roster')).body.error.code).toBe('facility_not_found');
    // No history at all: zeros, said so, and the default ride.
    const empty = await get(`/facilities/${f.id}/roster`);
    expect(empty.body.ride).toMatchObject({ basis: 'default', samples: 0, oneWayMin: 15 });
    expect(empty.body.hours.every((h: { riders: number; basis: string }) => h.riders === 0 && h.basis !== 'same_weekday')).toBe(true);
  });
});
