/**
 * Rider position batches end to end on the test stack, through HTTP as the rider app sends
 * them: storage with flags, the latest position, the feed by role, live ETAs after a plan, and
 * `arriving` once. The facility, rider, order and plan are made through dispatch's routes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appDb } from '../../platform/db/pool';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../../platform/testing/harness';
import { dispatchModule } from '../../dispatch';
import { telemetryModule } from '../../telemetry';
import { positionsModule, latestPosition, coarsePosition, type ArrivingEvent } from './index';

const CITY = { lat: 23.13, lng: 113.32 };
const near = (dLat: number, dLng: number) => ({ lat: CITY.lat + dLat, lng: CITY.lng + dLng });
const arrivals: ArrivingEvent[] = [];
const positions = positionsModule({ onArriving: (e) => { arrivals.push(e); } });

let api: TestApi;
let admin: TestUser;
let dispatcher: TestUser;
beforeAll(async () => {
  api = await startTestApi([dispatchModule({ recordPositions: positions.record }), positions, telemetryModule]);
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
});
afterAll(async () => { await api.close(); });

const post = (path: string, body: unknown, token = admin.token) => call(api.url, 'POST', path, { token, body });
const waitFor = async (ok: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** A facility with one online rider (and their login), through dispatch's routes. */
async function riderSetup() {
  const f = await post('/api/v1/facilities', {
    id: uniq('fac_'), name: `测试仓 ${uniq('')}`, tier: 'forward', location: CITY, address: '天河路 1 号', timeZone: 'Asia/Shanghai',
    openingHours: { alwaysOpen: true }, coldCapabilities: ['ambient', 'chilled'], riderCap: 10, handlingSeconds: 300, serviceArea: { kind: 'radius', radiusM: 3000 },
  });
  expect(f.status, JSON.stringify(f.body)).toBe(201);
  const r = await post('/api/v1/riders', { id: uniq('rdr_'), name: '骑手', homeFacilityId: f.body.id, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status: 'online' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const user = await makeUser('rider', { riderId: r.body.id });
  return { facilityId: f.body.id as string, riderId: r.body.id as string, user };
}

/** An order delivered to `at` from the facility, planned onto its rider; returns the shipment. */
async function plannedShipment(facilityId: string, at: { lat: number; lng: number }) {
  const s = await post('/api/v1/skus', { id: uniq('sku_'), name: `维生素 ${uniq('')}`, genericName: 'vitamin c', temperatureClass: 'ambient', rx: false, stabilityBudgetMin: 30, volumeUnits: 1 });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  expect((await post(`/api/v1/facilities/${facilityId}/lots`, { skuId: s.body.id, lotNumber: uniq('L'), expiry: '2099-12-31', quantity: 10 })).status).toBe(201);
  const o = await post('/api/v1/orders', {
    channel: 'app', items: [{ skuId: s.body.id, quantity: 1 }],
    customer: { name: '张三丰', phone: '13812345678', address: '广州市天河区体育西路 101 号', location: at },
    delivery: { mode: 'instant', promiseMinutes: 90 },
  });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  const plan = await call(api.url, 'POST', `/api/v1/facilities/${facilityId}/plan`, { token: dispatcher.token });
  expect(plan.status, JSON.stringify(plan.body)).toBe(200);
  return { shipmentId: o.body.shipments[0].id as string, orderId: o.body.id as string };
}

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const fix = (msAgo: number, p: { lat: number; lng: number }, accuracyM = 8) => ({ at: iso(msAgo), lat: p.lat, lng: p.lng, accuracyM, speedMps: 4, headingDeg: 90 });
const send = (u: TestUser, fixes: unknown[], query = '') => post(`/api/v1/riders/me/positions${query}`, { positions: fixes }, u.token);

async function openFeed(token: string) {
  const ac = new AbortController();
  const res = await fetch(`${api.url}/api/v1/feed`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: ac.signal });
  const events: Array<{ event: string; data: any }> = [];
  const reader = res.body!.getReader();
  let buf = '';
  let connected = false;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += new TextDecoder().decode(value);
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.startsWith(': connected')) connected = true;
          const ev = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
        }
      }
    } catch { /* aborted */ }
  })();
  await waitFor(() => connected);
  return { events, close: () => ac.abort() };
}

describe('POST /riders/me/positions', () => {
  it('stores accepted and flagged fixes; flagged ones never move the latest position', async () => {
    const { riderId, user } = await riderSetup();
    const r = await send(user, [
      fix(30_000, near(0, 0)),
      fix(20_000, near(0.0007, 0)), // 78 m in 10 s
      { ...fix(-10 * 60_000, near(0.001, 0)) }, // 10 min ahead of the server clock
      fix(15_000, near(0.0006, 0), 900), // accuracy 900 m
      fix(12_000, { lat: 31.23, lng: 121.47 }), // Shanghai: not on this network
      fix(10_000, near(0.015, 0)), // 1.6 km in 10 s after the fix at 20 s
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ riderId, accepted: 2, flagged: 4 });
    expect(r.body.results).toEqual([
      { index: 0, accepted: true }, { index: 1, accepted: true },
      { index: 2, accepted: false, flag: 'future_time' }, { index: 3, accepted: false, flag: 'low_accuracy' },
      { index: 4, accepted: false, flag: 'outside_network' }, { index: 5, accepted: false, flag: 'impossible_jump' },
    ]);
    const rows = (await appDb().query(`SELECT flag, accuracy_m, tableoid::regclass::text AS part FROM tracking.rider_positions WHERE rider_id = $1 ORDER BY at`, [riderId])).rows;
    expect(rows.map((x) => x.flag).sort()).toEqual(['future_time', 'impossible_jump', 'low_accuracy', 'outside_network', null, null].sort());
    // Today's fixes sit in a day partition, not the default one.
    expect(rows[0].part).toMatch(/^tracking\.rider_positions_\d{8}$/);
    const latest = await latestPosition(riderId);
    expect(latest).toMatchObject({ lat: near(0.0007, 0).lat, lng: CITY.lng, accuracyM: 8 });
    const coarse = await coarsePosition(riderId);
    expect(coarse).toEqual({ lat: 23.131, lng: 113.32, at: latest && new Date(latest.at).toISOString() });
    // Write-through to the rider row (planning starts routes there).
    await waitFor(async () => (await appDb().query(`SELECT last_position_at FROM dispatch.riders WHERE id = $1`, [riderId])).rows[0].last_position_at !== null);
    // Append-only.
    await expect(appDb().query(`UPDATE tracking.rider_positions SET lat = 0 WHERE rider_id = $1`, [riderId])).rejects.toThrow();
    // The same batch again (outbox replay) stores nothing twice.
    await send(user, [fix(30_000, near(0, 0))]);
  });

  it('takes 500 fixes from an offline stretch and refuses 501 with a clear 400', async () => {
    const { riderId, user } = await riderSetup();
    const start = 500 * 5000;
    const stretch = Array.from({ length: 500 }, (_, i) => fix(start - i * 5000, near(i * 0.00003, 0)));
    const r = await send(user, stretch);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ accepted: 500, flagged: 0 });
    expect((await appDb().query(`SELECT count(*)::int AS n FROM tracking.rider_positions WHERE rider_id = $1`, [riderId])).rows[0].n).toBe(500);
    expect((await latestPosition(riderId))?.lat).toBeCloseTo(near(499 * 0.00003, 0).lat, 6);

    const tooMany = await send(user, [...stretch, fix(0, near(0.015, 0))]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('validation_failed');
    expect(tooMany.body.error.message).toMatch(/at most 500 positions per call/);
    const none = await send(user, []);
    expect(none.status).toBe(400);
    const bad = await send(user, [{ at: 'yesterday', lat: 23.1, lng: 113.3, accuracyM: 5 }]);
    expect(bad.status).toBe(400);
  });

  it('a rider posts only as themselves; an admin names the rider', async () => {
    const a = await riderSetup();
    const b = await riderSetup();
    const other = await send(a.user, [fix(0, CITY)], `?riderId=${b.riderId}`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('other_rider');
    expect((await send(a.user, [fix(0, CITY)], `?riderId=${a.riderId}`)).status).toBe(200);
    expect((await send(admin, [fix(0, CITY)])).body.error.code).toBe('rider_id_required');
    expect((await send(admin, [fix(0, CITY)], `?riderId=${b.riderId}`)).body).toMatchObject({ riderId: b.riderId, accepted: 1 });
    expect((await send(admin, [fix(0, CITY)], `?riderId=${uniq('rdr_')}`)).status).toBe(404);
    expect((await send(dispatcher, [fix(0, CITY)], `?riderId=${b.riderId}`)).status).toBe(403);
  });

  it('the older POST /riders/:id/position takes the same path', async () => {
    const { riderId, user } = await riderSetup();
    const r = await post(`/api/v1/riders/${riderId}/position`, { location: near(0.001, 0.001) }, user.token);
    expect(r.status, JSON.stringify(r.body)).toBe(204);
    const rows = (await appDb().query(`SELECT accuracy_m, flag FROM tracking.rider_positions WHERE rider_id = $1`, [riderId])).rows;
    expect(rows).toEqual([{ accuracy_m: null, flag: null }]);
    expect((await latestPosition(riderId))?.lat).toBeCloseTo(near(0.001, 0).lat, 6);
  });

  it('one rider.position event per call on the feed: dispatchers see it, another rider does not', async () => {
    const a = await riderSetup();
    const b = await riderSetup();
    const staff = await openFeed(dispatcher.token);
    const self = await openFeed(a.user.token);
    const stranger = await openFeed(b.user.token);
    try {
      await send(a.user, [fix(20_000, CITY), fix(10_000, near(0.0003, 0)), fix(5000, near(0.0006, 0))]);
      const mine = (f: { events: Array<{ event: string; data: any }> }) => f.events.filter((e) => e.event === 'rider.position' && e.data.riderId === a.riderId);
      await waitFor(() => mine(staff).length > 0 && mine(self).length > 0);
      await new Promise((r) => setTimeout(r, 200));
      expect(mine(staff)).toHaveLength(1);
      expect(mine(staff)[0].data).toMatchObject({ facilityId: a.facilityId, lat: near(0.0006, 0).lat, lng: CITY.lng });
      expect(mine(stranger)).toHaveLength(0);
    } finally { staff.close(); self.close(); stranger.close(); }
  });
});

describe('live ETAs and arriving', () => {
  it('recomputes the stop ETAs from a position (at most every 15 s), stores them and publishes shipment.eta', async () => {
    const { facilityId, riderId, user } = await riderSetup();
    const door = near(0.012, 0.01);
    const { shipmentId } = await plannedShipment(facilityId, door);
    const feed = await openFeed(dispatcher.token);
    try {
      const t0 = Date.now();
      expect((await send(user, [fix(1000, near(0.002, 0.002))])).status).toBe(200);
      const eta = () => feed.events.filter((e) => e.event === 'shipment.eta' && e.data.shipmentId === shipmentId);
      await waitFor(() => eta().length > 0);
      const ev = eta()[0].data;
      expect(ev).toMatchObject({ riderId, facilityId });
      expect(Date.parse(ev.eta)).toBeGreaterThan(t0);
      const hist = (await appDb().query(`SELECT rider_id, eta, position_at, source FROM tracking.eta_history WHERE shipment_id = $1`, [shipmentId])).rows;
      expect(hist).toHaveLength(1);
      expect(hist[0]).toMatchObject({ rider_id: riderId, source: 'position' });
      expect(hist[0].eta.toISOString()).toBe(ev.eta);
      await waitFor(async () => (await appDb().query(`SELECT eta FROM dispatch.shipments WHERE id = $1`, [shipmentId])).rows[0].eta.toISOString() === ev.eta);
      // A second batch within the interval: no second pass.
      await send(user, [fix(0, near(0.0025, 0.0025))]);
      await new Promise((r) => setTimeout(r, 500));
      expect(eta()).toHaveLength(1);
      expect((await appDb().query(`SELECT count(*)::int AS n FROM tracking.eta_history WHERE shipment_id = $1`, [shipmentId])).rows[0].n).toBe(1);
    } finally { feed.close(); }
  });

  it('calls onArriving once when a fix comes within 300 m of the stop of a shipment in transit', async () => {
    const { facilityId, riderId, user } = await riderSetup();
    const door = near(0.012, 0.01);
    const { shipmentId, orderId } = await plannedShipment(facilityId, door);
    // The lifecycle (built alongside) keeps the state; here the shipment is put in transit directly.
    await appDb().query(`INSERT INTO tracking.shipment_state (shipment_id, order_id, state, rider_id) VALUES ($1, $2, 'in_transit', $3)`, [shipmentId, orderId, riderId]);
    const mine = () => arrivals.filter((a) => a.shipmentId === shipmentId);
    // Far away: the ETA pass stores the stop context, nothing arrives.
    await send(user, [fix(60_000, near(0.002, 0.002))]);
    await waitFor(async () => (await appDb().query(`SELECT 1 FROM tracking.eta_history WHERE shipment_id = $1`, [shipmentId])).rows.length > 0);
    expect(mine()).toHaveLength(0);
    // 0.0015 ° south of the door ≈ 170 m; a low-accuracy fix on the doorstep does not count.
    await send(user, [fix(40_000, door, 900), fix(30_000, { lat: door.lat - 0.0015, lng: door.lng })]);
    await waitFor(() => mine().length > 0);
    expect(mine()[0]).toMatchObject({ shipmentId, riderId, location: { lat: door.lat - 0.0015, lng: door.lng } });
    await send(user, [fix(20_000, door), fix(10_000, door)]);
    await new Promise((r) => setTimeout(r, 300));
    expect(mine()).toHaveLength(1);
  });

  it('does not fire for a shipment without a lifecycle state (not in transit)', async () => {
    const { facilityId, user } = await riderSetup();
    const door = near(0.012, 0.01);
    const { shipmentId } = await plannedShipment(facilityId, door);
    await send(user, [fix(60_000, near(0.002, 0.002))]);
    await waitFor(async () => (await appDb().query(`SELECT 1 FROM tracking.eta_history WHERE shipment_id = $1`, [shipmentId])).rows.length > 0);
    await send(user, [fix(30_000, door)]);
    await new Promise((r) => setTimeout(r, 300));
    expect(arrivals.filter((a) => a.shipmentId === shipmentId)).toHaveLength(0);
  });
});
