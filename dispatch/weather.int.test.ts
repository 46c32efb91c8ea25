/**
 * Weather-aware holdover (issue 23) against the real stack: a hot forecast shortens the planner's
 * time-out-of-fridge limit (and can make a trip infeasible), custody keeps the budget of the
 * pickup hour, and a dispatcher's "no instant cold delivery" pause is audited, refuses instant
 * cold orders with `cold_paused`, moves availability to a later promise, and lifts after its period.
 * The forecasts come from the fixture provider with each test's own data (setWeather).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appDb, withTx } from '../platform/db/pool';
import { call, makeUser, startTestApi, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { bindShipment } from './custody';
import { closeSolver, loadFacilityProblem, planFacility } from './planning';
import { pairBox } from './network';
import { availabilityAt } from './orders/availability';
import { FixtureWeather, setWeather } from './weather';
import type { HoldoverPoint } from './domain/holdover';
import { box, dispatchRoutes, facility, near, orderBody, rider, sku, stock, testAudit } from './testing/fixtures';

let api: TestApi;
let admin: TestUser, dispatcher: TestUser, qa: TestUser;
beforeAll(async () => {
  api = await startTestApi([dispatchRoutes()]);
  [admin, dispatcher, qa] = await Promise.all([makeUser('admin'), makeUser('dispatcher'), makeUser('qa')]);
}, 60_000);
afterEach(() => setWeather(undefined));
afterAll(async () => { await api?.close(); await closeSolver(); });

const req = (method: string, path: string, body?: unknown, token = dispatcher.token) => call(api.url, method, `/api/v1${path}`, { token, body });

/** Every hour at `c` °C, with optional severe hours [from, to) ISO. */
function flat(c: number, severe: Array<{ from: string; to: string }> = []) {
  return new FixtureWeather({ timeZone: 'Asia/Shanghai', districts: [{ id: 'test', center: { lat: 23.1, lng: 113.3 }, hourlyC: Array(24).fill(c), severe }] });
}

// Inside the test road network, each facility with a small service area at its own spot.
let spots = 0;
const spot = () => near(-0.02 + 0.008 * (spots++ % 6), 0.02 - 0.007 * Math.floor(Math.random() * 6));
const beside = (p: { lat: number; lng: number }, d = 0.0015) => ({ lat: p.lat + d, lng: p.lng + d });

async function modelWith(holdover: HoldoverPoint[]): Promise<string> {
  const id = uniq('dm_');
  await appDb().query(
    `INSERT INTO dispatch.device_models (id, maker, name, probe_accuracy, sample_interval_s, buffer_readings, holdover)
     VALUES ($1, 'Test', $1, '[{"fromC":-40,"toC":0,"accuracyC":1},{"fromC":0,"toC":40,"accuracyC":0.5}]', 60, 10000, $2)`, [id, JSON.stringify(holdover)]);
  return id;
}

/** A facility away from the others with one rider carrying a box of a model with `holdover`. */
async function setup(holdover: HoldoverPoint[], at = spot()) {
  const f = await facility({ at, radiusM: 450, riders: 0 });
  const r = await rider(f.id);
  const b = await box(f.id, { classes: ['ambient', 'chilled'], capacity: 10 });
  await appDb().query('UPDATE dispatch.boxes SET model_id = $2 WHERE id = $1', [b.id, await modelWith(holdover)]);
  await pairBox(appDb(), b.id, r.id);
  const cold = await sku({ cls: 'chilled' });
  await stock(f.id, cold.id, 50);
  return { f, at, rider: r, box: b, cold };
}

async function place(skuId: string, at: { lat: number; lng: number }, extra: Record<string, unknown> = {}) {
  const body = orderBody([{ skuId, quantity: 1 }], { delivery: { mode: 'instant', promiseMinutes: 90 }, ...extra });
  (body.customer as { location: unknown }).location = at;
  return req('POST', '/orders', body);
}

const QUALIFIED = [{ ambientC: 10, minutes: 480 }, { ambientC: 25, minutes: 360 }, { ambientC: 35, minutes: 240 }];

describe('weather-aware holdover', () => {
  it('a hot forecast shortens the planner\'s limit for cold rides, and the plan says why', async () => {
    const { f, at, cold } = await setup(QUALIFIED);
    const o = await place(cold.id, beside(at));
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    const shp = o.body.shipments[0].id as string;
    const limitOf = async () => {
      const fp = (await loadFacilityProblem(f.id))!;
      const job = fp.problem.jobs.find((j) => j.id === shp) as { maxRideTime?: number };
      return { maxRideTime: job.maxRideTime, holdover: fp.holdover };
    };
    setWeather(flat(25));
    expect(await limitOf()).toMatchObject({ maxRideTime: (360 - 10) * 60, holdover: { minutes: 360, ambientC: 25, referenceMinutes: 360, shortened: false, basis: 'ambient' } });
    setWeather(flat(35));
    expect(await limitOf()).toMatchObject({ maxRideTime: (240 - 10) * 60, holdover: { minutes: 240, ambientC: 35, referenceMinutes: 360, shortened: true, beyondQualification: false } });
    setWeather(flat(30));
    expect((await limitOf()).maxRideTime).toBe((300 - 10) * 60);
    // Hotter than the model was qualified for: its hottest point, flagged, never extrapolated.
    setWeather(flat(39));
    expect(await limitOf()).toMatchObject({ maxRideTime: (240 - 10) * 60, holdover: { minutes: 240, ambientC: 39, beyondQualification: true } });

    setWeather(flat(35));
    await planFacility(f.id, 'test');
    const plan = await req('GET', `/facilities/${f.id}/plan`);
    expect(plan.body.holdover).toMatchObject({ minutes: 240, ambientC: 35, referenceMinutes: 360, referenceAmbientC: 25, shortened: true, basis: 'ambient', severe: false, forecastAt: expect.any(String) });
    expect(plan.body.summary.holdover).toBeUndefined();
  });

  it('a trip that fits at 25 °C is refused by the planner when the forecast is 35 °C', async () => {
    // 40 min at 25 °C, 11 min at 35 °C: minus the 10 min safety margin, 60 s out of the fridge when hot.
    const { f, at, cold } = await setup([{ ambientC: 25, minutes: 40 }, { ambientC: 35, minutes: 11 }]);
    const shp = (await place(cold.id, beside(at, 0.0025))).body.shipments[0].id;
    setWeather(flat(25));
    expect((await planFacility(f.id, 'test'))!.unassigned).toEqual([]);
    setWeather(flat(35));
    expect((await planFacility(f.id, 'test'))!.unassigned).toEqual([expect.objectContaining({ shipmentId: shp, reason: 'holdover_exceeded' })]);
  });

  it('custody keeps the budget of the pickup hour\'s forecast, which the map\'s holdover end then uses', async () => {
    const { f, at, box: b, rider: r, cold } = await setup(QUALIFIED);
    const shp = (await place(cold.id, beside(at))).body.shipments[0].id;
    setWeather(flat(30));
    const now = new Date();
    const bound = await withTx(appDb(), (c) => bindShipment(c, { shipmentId: shp, boxId: b.id, riderId: r.id, audit: testAudit, now }));
    expect(bound).toMatchObject({ holdoverMinutes: 300, holdover: { minutes: 300, ambientC: 30, referenceMinutes: 360, beyondQualification: false } });
    const leg = (await appDb().query('SELECT holdover_minutes, ambient_c::float AS ambient_c FROM dispatch.custody WHERE shipment_id = $1', [shp])).rows;
    expect(leg).toEqual([{ holdover_minutes: 300, ambient_c: 30 }]);
    // The forecast changing afterwards does not change the leg's budget.
    setWeather(flat(35));
    const map = await req('GET', `/map/orders?facilityId=${f.id}`);
    const mine = map.body.orders.find((x: { facilityId: string }) => x.facilityId === f.id);
    expect(Date.parse(mine.holdoverEndsAt) - now.getTime()).toBe(300 * 60_000);
    // Beyond qualification: the pickup still goes ahead, with a warning.
    const o2 = (await place(cold.id, beside(at))).body.shipments[0].id;
    setWeather(flat(38));
    const hot = await withTx(appDb(), (c) => bindShipment(c, { shipmentId: o2, boxId: b.id, riderId: r.id, audit: testAudit }));
    expect(hot.holdoverMinutes).toBe(240);
    expect(hot.warnings).toEqual([expect.stringMatching(/^beyond_qualification: 38 °C/)]);
  });
});

describe('severe weather and cold-delivery pauses', () => {
  it('shows a severe-weather warning for the facility\'s area', async () => {
    const { f } = await setup(QUALIFIED);
    const now = Date.now();
    const h = (n: number) => new Date(Math.floor(now / 3_600_000) * 3_600_000 + n * 3_600_000).toISOString();
    setWeather(flat(31, [{ from: h(2), to: h(4) }]));
    const w = await req('GET', `/facilities/${f.id}/weather?hours=6`, undefined, qa.token);
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ facilityId: f.id, area: 'test', source: 'fixture', severeNow: false, severeFrom: h(2), coldPause: null, hottest: { ambientC: 31 } });
    expect(w.body.hours.map((x: { severe: boolean }) => x.severe)).toEqual([false, false, true, true, false, false, false].slice(0, w.body.hours.length));
    setWeather(flat(31, [{ from: h(0), to: h(1) }]));
    expect((await req('GET', `/facilities/${f.id}/weather`)).body.severeNow).toBe(true);
    expect((await req('GET', `/facilities/${f.id}/weather?hours=0`)).status).toBe(400);
    expect((await req('GET', '/facilities/fac_nosuchplace/weather')).body.error.code).toBe('facility_not_found');
  });

  it('a pause is audited, refuses instant cold orders with cold_paused (not ambient or scheduled), moves availability to next day, and lifts after its period', async () => {
    const { f, at, cold } = await setup(QUALIFIED);
    const dry = await sku({ cls: 'ambient' });
    await stock(f.id, dry.id, 50);
    const door = beside(at);
    const until = new Date(Date.now() + 4000).toISOString();

    // Bad inputs, each with its code.
    expect((await req('POST', `/facilities/${f.id}/cold-pauses`, { until, reason: 'x' })).body.error.code).toBe('validation_failed');
    expect((await req('POST', `/facilities/${f.id}/cold-pauses`, { until: new Date(Date.now() - 60_000).toISOString(), reason: 'storm over' })).body.error.code).toBe('pause_period_invalid');
    expect((await req('POST', `/facilities/${f.id}/cold-pauses`, { from: new Date(Date.now() - 7_200_000).toISOString(), until: new Date(Date.now() - 60_000).toISOString(), reason: 'storm over' })).body.error.code).toBe('pause_in_past');
    expect((await req('POST', `/facilities/${f.id}/cold-pauses`, { until: new Date(Date.now() + 73 * 3_600_000).toISOString(), reason: 'whole week' })).body.error.code).toBe('pause_too_long');
    expect((await req('POST', '/facilities/fac_nosuchplace/cold-pauses', { until, reason: 'storm' })).body.error.code).toBe('facility_not_found');
    expect((await req('POST', `/facilities/${f.id}/cold-pauses`, { until, reason: 'storm' }, qa.token)).status).toBe(403);

    const p = await req('POST', `/facilities/${f.id}/cold-pauses`, { until, reason: 'Typhoon signal 8 台风八号信号' });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect(p.body).toMatchObject({ id: expect.stringMatching(/^cp_/), facilityId: f.id, until: new Date(until).toISOString(), active: true, liftedAt: null, createdBy: dispatcher.id });
    const audit = (await appDb().query(`SELECT action, actor_id, reason, new_value FROM platform.audit_log WHERE entity_id = $1 AND action LIKE 'facility.cold_pause%'`, [f.id])).rows;
    expect(audit).toEqual([{ action: 'facility.cold_pause', actor_id: dispatcher.id, reason: 'Typhoon signal 8 台风八号信号', new_value: expect.objectContaining({ id: p.body.id }) }]);
    expect((await req('GET', `/facilities/${f.id}/weather`)).body.coldPause).toMatchObject({ id: p.body.id });

    const refused = await place(cold.id, door);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('no_facility_can_serve');
    // Other test files' facilities serve the same streets; only this one holds the SKU.
    expect(refused.body.error.details.candidates.filter((c: { facilityId: string }) => c.facilityId === f.id)).toEqual([expect.objectContaining({ outcome: 'rejected', reasons: [expect.objectContaining({ code: 'cold_paused', sku: cold.id })] })]);
    expect(refused.body.error.details.summary.en).toMatch(/1 paused instant chilled delivery/);
    expect(refused.body.error.details.summary.zh).toMatch(/1 家暂停即时冷藏配送/);
    // Ambient goods and a scheduled cold delivery still go.
    expect((await place(dry.id, door)).status).toBe(201);
    const tomorrow = { start: new Date(Date.now() + 26 * 3_600_000).toISOString(), end: new Date(Date.now() + 28 * 3_600_000).toISOString() };
    expect((await place(cold.id, door, { delivery: { mode: 'scheduled', window: tomorrow } })).status).toBe(201);
    // The shop page promises the cold SKU for the next day instead of within 30 minutes.
    const during = await availabilityAt(door, [cold.id, dry.id]);
    expect(during.items.map((i) => [i.skuId, i.promise])).toEqual([[cold.id, 'next_day'], [dry.id, '30min']]);

    // After the period, instant cold delivery is back without anyone lifting the pause.
    await new Promise((r) => setTimeout(r, Date.parse(until) - Date.now() + 100));
    expect((await availabilityAt(door, [cold.id])).items[0].promise).toBe('30min');
    expect((await place(cold.id, door)).status).toBe(201);
    expect((await req('GET', `/facilities/${f.id}/cold-pauses`)).body.pauses).toEqual([expect.objectContaining({ id: p.body.id, active: false })]);
    expect((await req('POST', `/cold-pauses/${p.body.id}/lift`, { reason: 'too late' })).body.error.code).toBe('cold_pause_ended');
  }, 30_000);

  it('a dispatcher lifts a pause early, with a reason (audited); instant cold orders are taken again at once', async () => {
    // Near the centre of the network, where the door beside the facility always has a road to it.
    const { f, at, cold } = await setup(QUALIFIED, near(0.001, -0.002));
    const p = await req('POST', `/facilities/${f.id}/cold-pauses`, { until: new Date(Date.now() + 3_600_000).toISOString(), reason: 'power cut at the store' });
    expect((await place(cold.id, beside(at))).status).toBe(422);
    expect((await req('POST', `/cold-pauses/${p.body.id}/lift`, { reason: 'ok' })).body.error.code).toBe('validation_failed');
    expect((await req('POST', '/cold-pauses/cp_nosuchpause/lift', { reason: 'power back' })).body.error.code).toBe('cold_pause_not_found');
    const lifted = await req('POST', `/cold-pauses/${p.body.id}/lift`, { reason: 'power back' });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ active: false, liftedAt: expect.any(String), liftedBy: dispatcher.id });
    const audit = (await appDb().query(`SELECT action, reason FROM platform.audit_log WHERE entity_id = $1 AND action = 'facility.cold_pause_lift'`, [f.id])).rows;
    expect(audit).toEqual([{ action: 'facility.cold_pause_lift', reason: 'power back' }]);
    // The refusal that came before said why; once lifted, the next order is taken (the reason, if not, is printed).
    const again = await place(cold.id, beside(at));
    expect(again.status, JSON.stringify(again.body?.error?.details?.candidates?.filter((c: { facilityId: string }) => c.facilityId === f.id))).toBe(201);
    expect((await req('POST', `/cold-pauses/${p.body.id}/lift`, { reason: 'again' })).body.error.code).toBe('cold_pause_ended');
  });
});
