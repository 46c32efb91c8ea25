/**
 * Lane quality through the API on the real stack (issue 23): a box's readings over MQTT raise an
 * excursion on one rider's shipment, another rider of the same facility delivers late; by rider,
 * the first lane is the warm one with driver 'excursions', the late one follows with 'late'. The
 * CSV is the same lanes; partners see their own store; bad periods and dimensions are refused
 * with their codes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { appDb } from '../../platform/db/pool';
import { connectService } from '../../platform/mqtt/client';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../../platform/testing/harness';
import { startIngestService, type RunningIngest } from '../../telemetry/ingest';
import { telemetryPayload, topicOf, waitFor } from '../../telemetry/testing/fakes';
import { facility, sku, stock, box, rider, orderBody } from '../../dispatch/testing/fixtures';
import { currentDeliveryCode } from '../../tracking';
import { routeModules } from '../modules';
import { telemetryPorts } from '../telemetry-ports';
import { warmShipment } from '../testing/warm-shipment';

process.env.TELEMETRY_CACHE_TTL_MS = '0';

let api: TestApi;
let ingest: RunningIngest;
let pub: MqttClient;
let dispatcher: TestUser, qa: TestUser;
let warm: Awaited<ReturnType<typeof warmShipment>>;
let lateShp: string, lateRider: string;

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  api = await startTestApi(routeModules);
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-lanes-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  pub = await connectService({ clientId: uniq('pub-lanes-') });
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
  warm = await warmShipment({ apiUrl: api.url, pub, dispatcher, celsius: 9.5 });

  // A second rider of the same facility: a chilled shipment kept in range, delivered after its promise.
  const s = await sku({ cls: 'chilled' });
  await stock(warm.facilityId, s.id, 5);
  const b = await box(warm.facilityId);
  const r = await rider(warm.facilityId);
  lateRider = r.id;
  expect((await call(api.url, 'POST', `/api/v1/boxes/${b.id}/pairing`, { token: dispatcher.token, body: { riderId: r.id } })).status).toBe(200);
  const now = Date.now();
  await pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, Array.from({ length: 36 }, (_, i) => ({ ts: now - (35 - i) * 60_000, t: [5], hist: true }))), { qos: 1 });
  await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1`, [b.id])).rows[0].n === 36);
  const order = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  lateShp = order.body.shipments[0].id;
  const act = (body: Record<string, unknown>) => call(api.url, 'POST', `/api/v1/shipments/${lateShp}/events`, { token: dispatcher.token, body });
  const picked = await act({ action: 'pick_up', boxId: b.id, riderId: r.id });
  expect(picked.status, JSON.stringify(picked.body)).toBe(200);
  // The promise passed while it was on the road.
  await appDb().query(`UPDATE dispatch.shipments SET due_at = now() - interval '20 minutes' WHERE id = $1`, [lateShp]);
  const done = await act({ action: 'deliver', code: await currentDeliveryCode(appDb(), lateShp) });
  expect(done.body.state, JSON.stringify(done.body)).toBe('delivered');
}, 120_000);

afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await api?.close();
});

const lanes = (qs: string, token = qa.token) => call(api.url, 'GET', `/api/v1/lanes?${qs}`, { token });

describe('GET /lanes', { timeout: 60_000 }, () => {
  it('puts the rider whose shipment went warm first with driver excursions, then the late one', async () => {
    // The record's time out of range grows once the ingest has appended the warm reading.
    const res = await waitFor(async () => {
      const r = await lanes(`by=rider&facilityId=${warm.facilityId}&from=${today()}&to=${today()}`);
      return r.status === 200 && r.body.lanes[0]?.timeOutOfRangeMin > 0 ? r : undefined;
    });
    expect(res.body).toMatchObject({ by: 'rider', facilityId: warm.facilityId, from: today(), to: today(), timeZone: 'Asia/Shanghai', thinMarginMin: 10 });
    const [first, second] = res.body.lanes;
    expect(res.body.lanes).toHaveLength(2);
    expect(first).toMatchObject({
      key: warm.riderId, shipments: 1, coldShipments: 1, excursions: 1, excursionsPer1000Cold: 1000, delivered: 0, late: 0, score: 300,
      driver: { cause: 'excursions', count: 1, shipmentIds: [warm.shp] },
    });
    expect(first.alarms.raised).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({
      key: lateRider, shipments: 1, coldShipments: 1, excursions: 0, delivered: 1, late: 1, onTimeRate: 0, thinMargin: 0, score: 100, timeOutOfRangeMin: 0,
      driver: { cause: 'late', count: 1, shipmentIds: [lateShp] },
    });
    // Delivered within minutes of pickup in a box with 120–180 minutes of holdover.
    expect(second.holdoverMargin.n).toBe(1);
    expect(second.holdoverMargin.medianMin).toBeGreaterThan(100);
  });

  it('counts acknowledgement minutes once the alarm is acknowledged', async () => {
    const ack = await call(api.url, 'POST', `/api/v1/telemetry/alarms/${warm.alarmId}/acknowledge`, { token: dispatcher.token, body: { note: '已联系骑手' } });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    const res = await lanes(`by=rider&facilityId=${warm.facilityId}`);
    const first = res.body.lanes[0];
    expect(first.key).toBe(warm.riderId);
    expect(first.alarms.acknowledged).toBeGreaterThanOrEqual(1);
    expect(first.alarms.medianAckMin).toBeGreaterThanOrEqual(0);
  });

  it('groups by facility, area, hour and box, worst first', async () => {
    const fac = await lanes(`by=facility&from=${today()}`);
    expect(fac.status).toBe(200);
    const scores = fac.body.lanes.map((l: { score: number }) => l.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(fac.body.lanes.find((l: { key: string }) => l.key === warm.facilityId)).toMatchObject({ shipments: 2, excursions: 1, late: 1, score: 200, driver: { cause: 'excursions' } });
    const area = await lanes(`by=area&facilityId=${warm.facilityId}`);
    expect(area.body.lanes[0].label).toMatch(/^\d+\.\d{3}N \d+\.\d{3}E$/);
    const hour = await lanes(`by=hour&facilityId=${warm.facilityId}`);
    const h = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()).padStart(2, '0');
    expect(hour.body.lanes.map((l: { key: string }) => l.key)).toContain(h);
    const boxes = await lanes(`by=box&facilityId=${warm.facilityId}`);
    expect(boxes.body.lanes).toEqual([expect.objectContaining({ key: 'active', shipments: 2, score: 200 })]);
  });

  it('answers the same lanes as CSV with a BOM, worst first', async () => {
    const res = await fetch(`${api.url}/api/v1/lanes.csv?by=rider&facilityId=${warm.facilityId}`, { headers: { authorization: `Bearer ${qa.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="lanes-rider-/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM spreadsheets need for the Chinese
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    const head = lines.findIndex((l) => l.startsWith('lane,'));
    expect(lines[head]).toBe('lane,label,score,driver,driver_count,shipments,cold_shipments,delivered,excursions,excursions_per_1000_cold,time_out_of_range_min,late,on_time_pct,holdover_margins,holdover_margin_min_min,holdover_margin_p10_min,holdover_margin_median_min,holdover_margin_max_min,thin_margin,alarms_raised,alarms_acknowledged,alarm_ack_median_min,alarm_ack_p90_min,driver_shipments');
    expect(lines[head + 1]).toMatch(new RegExp(`^${warm.riderId},骑手,300,excursions,1,1,1,0,1,1000,`));
    expect(lines[head + 1].endsWith(`,${warm.shp}`)).toBe(true);
    expect(lines[head + 2]).toMatch(new RegExp(`^${lateRider},骑手,100,late,1,`));
  });

  it('shows a partner its own store only', async () => {
    const partner = await makeUser('partner', { facilityId: warm.facilityId });
    const own = await lanes('by=rider', partner.token);
    expect(own.status).toBe(200);
    expect(own.body.facilityId).toBe(warm.facilityId);
    expect(own.body.lanes.map((l: { key: string }) => l.key).sort()).toEqual([warm.riderId, lateRider].sort());
    const other = await lanes(`facilityId=${(await facility()).id}`, partner.token);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('other_store');
  });

  it('refuses bad periods, dimensions and roles with their codes', async () => {
    const code = async (qs: string) => { const r = await lanes(qs); return [r.status, r.body.error?.code]; };
    expect(await code('by=colour')).toEqual([400, 'validation_failed']);
    expect(await code('from=2026-03-10&to=2026-03-01')).toEqual([400, 'period_reversed']);
    expect(await code('from=2026-01-01&to=2026-04-03')).toEqual([400, 'period_too_long']);
    expect(await code('from=2026-01-01&to=2026-04-02')).toEqual([200, undefined]); // 92 days
    expect(await code('from=2026-02-30')).toEqual([400, 'invalid_period']);
    expect(await code('to=yesterday')).toEqual([400, 'invalid_period']);
    expect(await code('facilityId=fac_nosuchplace')).toEqual([404, 'facility_not_found']);
    const r = await lanes('', (await makeUser('rider')).token);
    expect(r.status).toBe(403);
  });
});
