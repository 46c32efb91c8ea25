/**
 * The simulated day against the test stack, at real time for two minutes: the same runner as
 * `npm run sim -- --day`, on a demo forward warehouse with its riders and boxes, the processes
 * wired as app/ wires them (api with the tracking page, ingest, the telemetry, dispatch,
 * position and customer-notification workers on queues of this file's own). What it did is
 * checked through the API, as a client sees it.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../../platform/testing/harness';
import { startIngestService, startTelemetryWorkers } from '../../telemetry';
import { startDispatchWorkers, closePlanQueue } from '../../dispatch';
import { startPositionWorkers, startCustomerNotifications, closeNotifyQueue } from '../../tracking';
import { loadDemoFacility } from '../../app/testing/demo-facility';
import { routeModules } from '../../app/modules';
import { telemetryPorts } from '../../app/telemetry-ports';
import { recordPorts } from '../../app/record-ports';
import { onAssigned, trackingPage } from '../../app/tracking';
import { SmsSink } from '../sms-sink';
import { DayRunner, HOURLY_WEIGHTS, writeReport, type DayResult } from '.';

process.env.TELEMETRY_CACHE_TTL_MS = '0';
process.env.QUEUE_PREFIX = `simday${Date.now().toString(36)}`;
process.env.DISPATCH_PLAN_DEBOUNCE_MS = '200';

// A demo forward warehouse open round the clock, moved to the middle of the test stack's
// smaller road network (beforeAll), so its customers are routable.
let fw: { id: string; location: { lat: number; lng: number } };
let boxes: string[] = [];

let api: TestApi;
let admin: TestUser;
let sms: SmsSink;
let ingest: Awaited<ReturnType<typeof startIngestService>>;
const stops: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  sms = await SmsSink.start();
  process.env.ALARM_SMS_URL = sms.url;
  process.env.TRACKING_NOTIFY_SMS_URL = sms.url;
  api = await startTestApi(routeModules, [trackingPage]);
  admin = await makeUser('admin');
  const net = await call(api.url, 'GET', '/api/v1/geo/network', { token: admin.token });
  const ring: Array<[number, number]> = net.body.bbox.coordinates[0];
  const centre = { lat: (Math.min(...ring.map((p) => p[1])) + Math.max(...ring.map((p) => p[1]))) / 2, lng: (Math.min(...ring.map((p) => p[0])) + Math.max(...ring.map((p) => p[0]))) / 2 };
  const at = await call(api.url, 'GET', `/api/v1/geo/nearest?lat=${centre.lat}&lng=${centre.lng}`, { token: admin.token });
  const loaded = await loadDemoFacility({ pick: (f) => f.tier === 'forward' && f.openingHours.alwaysOpen, location: at.status === 200 ? { lat: at.body.point.lat, lng: at.body.point.lng } : centre });
  fw = loaded.facility;
  boxes = loaded.boxIds;
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-s-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  stops.push(await startTelemetryWorkers(telemetryPorts, recordPorts), await startDispatchWorkers({ planConcurrency: 1, onAssigned }), await startPositionWorkers(), await startCustomerNotifications({ tick: false }));
}, 120_000);
afterAll(async () => {
  for (const s of stops) await s.close();
  await closePlanQueue();
  await closeNotifyQueue();
  await ingest?.close();
  await api?.close();
  await sms?.close();
});

describe('the simulated day', () => {
  it('places orders, moves riders, streams box telemetry and completes deliveries, through the public API; KPIs from GET /kpis', async () => {
    // About 4 orders a minute whatever the hour: the day's total scaled by this hour's weight.
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date())) % 24;
    const ordersPerDay = Math.ceil((240 * HOURLY_WEIGHTS.reduce((a, b) => a + b, 0)) / HOURLY_WEIGHTS[hour]);
    const lines: string[] = [];
    const runner = new DayRunner({
      baseUrl: api.url, mqttUrl: process.env.MQTT_URL!, admin: { username: admin.username, password: admin.password }, seed: 1, speed: 1, hours: Number(process.env.SIM_TEST_S ?? 360) / 3600,
      facilities: [fw.id], maxRiders: 3, day: { ordersPerDay, maxCustomerDistanceM: 250, modeMix: { instant: 0.85, scheduled: 0.05, recurring: 0, pickup: 0.1 }, absentShare: 0.1 },
      inbox: async (phone) => sms.inbox(phone), doorWaitS: { min: 1, max: 3, absent: 3 }, rxReviewAfterS: 3, ackAfterS: 5,
      log: (l) => { lines.push(l); if (!/^sim: error/.test(l)) console.log(l); },
    });
    // Real time: on a loaded machine a delivery takes longer, so the day ends once one is done
    // (after at least 90 s of it), or after SIM_TEST_S.
    const t0 = Date.now();
    const enough = setInterval(() => {
      if (Date.now() - t0 > 90_000 && runner.counters.delivered + runner.counters.collected >= 1) runner.stop();
    }, 1000);
    const r: DayResult = await runner.run().finally(() => clearInterval(enough));
    console.log(JSON.stringify({ counters: r.counters, errors: r.lastErrors.slice(-8) }, null, 1));
    const dir = mkdtempSync(path.join(tmpdir(), 'simday-'));
    const out = writeReport(dir, r);

    // Orders, as the system lists them.
    const orders = await call(api.url, 'GET', `/api/v1/orders?facilityId=${fw.id}&limit=500`, { token: admin.token });
    expect(orders.body.orders.length).toBeGreaterThanOrEqual(3);
    // Every order of this facility came from the day (one may still have been in flight when it
    // ended); the day's orders may also go to other test facilities serving the same streets.
    expect(r.counters.ordersPlaced).toBeGreaterThanOrEqual(3);
    expect(orders.body.orders.length).toBeLessThanOrEqual(r.counters.ordersPlaced + 1);
    // Riders moved: positions stored away from the warehouse.
    const rs = await call(api.url, 'GET', `/api/v1/riders?facilityId=${fw.id}`, { token: admin.token });
    const moved = rs.body.riders.filter((x: { lastPosition: { lat: number; lng: number } | null }) => x.lastPosition
      && Math.hypot((x.lastPosition.lat - fw.location.lat) * 111_320, (x.lastPosition.lng - fw.location.lng) * 102_000) > 30);
    expect(r.counters.positionsSent).toBeGreaterThan(5);
    expect(moved.length + r.counters.delivered).toBeGreaterThan(0);
    // Telemetry arrived: the boxes' readings in the store.
    const latest = await call(api.url, 'GET', '/api/v1/telemetry/boxes/latest', { token: admin.token });
    const ours = (latest.body.boxes ?? latest.body).filter((b: { boxId: string }) => boxes.includes(b.boxId));
    expect(ours.length).toBeGreaterThan(0);
    // At least one delivery completed, by the system's own KPIs.
    const k = r.kpis as { totals: { delivered: number; orders: number } };
    expect(k.totals.delivered).toBeGreaterThanOrEqual(1);
    expect(r.counters.delivered + r.counters.collected).toBeGreaterThanOrEqual(1);
    // The customers' delivery codes came by SMS.
    expect(sms.messages.some((m) => /收货验证码：\d{6}/.test(m.text))).toBe(true);
    expect(existsSync(out.json) && readFileSync(out.html, 'utf8')).toContain('<svg');
  }, 480_000);
});
