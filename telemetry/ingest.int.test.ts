/**
 * Ingest against the real stack (Mosquitto, PostgreSQL, Redis): storage, idempotency, dead
 * letters, append-only readings, alarms from the engine, the feed (alarms, box states, shipments'
 * running figures), and restart without loss.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import type { MqttClient } from 'mqtt';
import { requireStack, uniq, startTestApi, makeUser, call } from '../platform/testing/harness';
import { telemetryModule, closeTelemetryHttp } from './http';
import { appDb } from '../platform/db/pool';
import { connectService, connectMqtt } from '../platform/mqtt/client';
import { DynsecAdmin } from '../platform/mqtt/dynsec';
import { metrics } from '../platform/metrics';
import { startIngestService, type RunningIngest } from './ingest';
import { saveProfile } from './alarms/profiles';
import { subscribeFeed, closeFeed, type FeedEvent } from './feed/bus';
import { FakeDispatch, telemetryPayload, topicOf, waitFor } from './testing/fakes';

process.env.TELEMETRY_CACHE_TTL_MS = '0';
process.env.TELEMETRY_FEED_STATE_MIN_MS = '50';

const dispatch = new FakeDispatch();
const group = uniq('g');
const clientId = uniq('ingest-t-');
let ingest: RunningIngest;
let pubc: MqttClient;
const feed: FeedEvent[] = [];
let unsub: () => void;

const start = () => startIngestService(dispatch, { clientId, shareGroup: group, metricsPort: null, sessionExpiryS: 120, batchWaitMs: 5 });
const publish = (topic: string, payload: string | Buffer) => pubc.publishAsync(topic, payload, { qos: 1 });
const readings = async (boxId: string) => (await appDb().query(`SELECT * FROM telemetry.readings WHERE box_id = $1 ORDER BY ts`, [boxId])).rows;
const deadLetters = async (boxId: string) => (await appDb().query(`SELECT reason FROM telemetry.dead_letters WHERE box_id = $1 ORDER BY id`, [boxId])).rows.map((r) => r.reason);
const counter = async (name: string, labels: Record<string, string>) => {
  const m = (await metrics.getSingleMetric(name)?.get())?.values ?? [];
  return m.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((a, v) => a + v.value, 0);
};

beforeAll(async () => {
  requireStack();
  ingest = await start();
  pubc = await connectService({ clientId: uniq('pub-') });
  unsub = await subscribeFeed((e) => feed.push(e as unknown as FeedEvent));
});
afterAll(async () => {
  unsub?.();
  await closeFeed();
  await pubc?.endAsync();
  await ingest?.close();
});

describe('ingest', () => {
  it('stores a live reading with device and receive time, the raw payload, and its custody', async () => {
    const box = uniq('box_');
    dispatch.addBox(box, 'fac_ing0001', 'rdr_ing0001');
    dispatch.pair(box, { shipmentId: uniq('shp_') });
    const ts = Date.now() - 1000;
    const payload = telemetryPayload(box, [{ ts, t: [4.8, 5.1], rh: 61 }]);
    await publish(topicOf(box), payload);
    const rows = await waitFor(async () => { const r = await readings(box); return r.length ? r : null; });
    expect(rows).toHaveLength(1);
    expect(rows[0].ts.getTime()).toBe(ts);
    expect(rows[0].received_at.getTime()).toBeGreaterThanOrEqual(ts);
    expect(rows[0].t).toEqual([4.8, 5.1]);
    expect(rows[0].drift_flag).toBe(false);
    expect(rows[0].shipment_ids).toHaveLength(1);
    const raw = await appDb().query(`SELECT payload FROM telemetry.messages WHERE box_id = $1`, [box]);
    expect(raw.rows[0].payload).toBe(payload); // byte-for-byte original (ALCOA+)
    const latest = await waitFor(async () => (await appDb().query(`SELECT * FROM telemetry.box_latest WHERE box_id = $1`, [box])).rows[0]);
    expect(latest).toMatchObject({ t: [4.8, 5.1], online: true, rider_id: 'rdr_ing0001' });
  });

  it('a redelivered message (same bytes) or an overlapping flush adds no row', async () => {
    const box = uniq('box_');
    dispatch.addBox(box, 'fac_ing0001');
    const ts = Date.now() - 5000;
    const payload = telemetryPayload(box, [{ ts, t: [5] }], { seq: 7 });
    const before = await counter('telemetry_readings_total', { outcome: 'duplicate' });
    await publish(topicOf(box), payload);
    await publish(topicOf(box), payload);
    // Buffered flush repeating that sample under another seq, plus one new sample.
    await publish(topicOf(box), telemetryPayload(box, [{ ts, t: [5], hist: true }, { ts: ts + 60_000 - 120_000, t: [5.2], hist: true }], { seq: 8 }));
    await waitFor(async () => (await readings(box)).length === 2);
    // Two redundant copies of the first sample (the resent message, the overlapping flush).
    await waitFor(async () => (await counter('telemetry_readings_total', { outcome: 'duplicate' })) - before === 2);
    expect(await readings(box)).toHaveLength(2);
    expect((await appDb().query(`SELECT count(*)::int AS n FROM telemetry.messages WHERE box_id = $1`, [box])).rows[0].n).toBe(2);
  });

  it('keeps the device time of a drifting clock and flags it', async () => {
    const box = uniq('box_');
    dispatch.addBox(box, 'fac_ing0001');
    const ts = Date.now() - 4 * 60_000; // 4 min behind, live
    await publish(topicOf(box), telemetryPayload(box, [{ ts, t: [5] }]));
    const [row] = await waitFor(async () => { const r = await readings(box); return r.length ? r : null; });
    expect(row.ts.getTime()).toBe(ts);
    expect(row.drift_flag).toBe(true);
    expect(Number(row.drift_ms)).toBeLessThan(-120_000);
  });

  it('bad input goes to dead letters with its reason, counted; a good message after it is stored', async () => {
    const box = uniq('box_');
    const stranger = uniq('box_');
    dispatch.addBox(box, 'fac_ing0001');
    const now = Date.now();
    const before = await counter('telemetry_dead_letters_total', {});
    await publish(topicOf(box), '{"schema": "coldbox.telemetry/1", ');
    await publish(topicOf(box), JSON.stringify({ schema: 'coldbox.telemetry/9', boxId: box }));
    await publish(topicOf(box), telemetryPayload(box, [{ ts: now + 10 * 60_000, t: [5] }]));
    await publish(topicOf(box), telemetryPayload(box, [{ ts: now, t: [-100] }]));
    await publish(topicOf(box), telemetryPayload(box, [{ ts: now + 1, t: [300] }]));
    await publish(topicOf(box), telemetryPayload(stranger, [{ ts: now + 2, t: [5] }])); // payload of another box on this topic
    await publish(topicOf(stranger), telemetryPayload(stranger, [{ ts: now + 3, t: [5] }])); // box unknown to dispatch
    await publish(topicOf(box), telemetryPayload(box, [{ ts: now + 4, t: [5.5] }]));
    await waitFor(async () => (await readings(box)).length === 1 && (await deadLetters(box)).length === 6 && (await deadLetters(stranger)).length === 1);
    expect(await deadLetters(box)).toEqual(['malformed_json', 'unknown_schema', 'future_timestamp', 'absurd_value', 'absurd_value', 'topic_mismatch']);
    expect(await deadLetters(stranger)).toEqual(['unknown_box']);
    expect((await readings(box))[0].t).toEqual([5.5]);
    expect((await counter('telemetry_dead_letters_total', {})) - before).toBe(7);
  });

  it('the broker refuses a box publishing on another box\'s topic', async () => {
    const a = uniq('box_'), b = uniq('box_');
    dispatch.addBox(a, 'fac_ing0001');
    dispatch.addBox(b, 'fac_ing0001');
    const admin = await DynsecAdmin.connect();
    const creds = await admin.setBoxCredentials(a);
    await admin.close();
    const boxClient = await connectMqtt({ username: a, clientId: a, password: creds.password, reconnectPeriod: 0 });
    try {
      await expect(boxClient.publishAsync(topicOf(b), telemetryPayload(b, [{ t: [5] }]), { qos: 1 })).rejects.toMatchObject({ code: 135 });
      await boxClient.publishAsync(topicOf(a), telemetryPayload(a, [{ t: [5] }]), { qos: 1 });
      await waitFor(async () => (await readings(a)).length === 1);
      expect(await readings(b)).toHaveLength(0);
    } finally {
      await boxClient.endAsync();
    }
  });

  it('readings cannot be updated or deleted: no grant for the app role, a trigger for everyone', async () => {
    const box = uniq('box_');
    dispatch.addBox(box, 'fac_ing0001');
    await publish(topicOf(box), telemetryPayload(box, [{ t: [5] }]));
    await waitFor(async () => (await readings(box)).length === 1);
    await expect(appDb().query(`UPDATE telemetry.readings SET t = '{2}' WHERE box_id = $1`, [box])).rejects.toThrow(/permission denied/);
    await expect(appDb().query(`DELETE FROM telemetry.readings WHERE box_id = $1`, [box])).rejects.toThrow(/permission denied/);
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE telemetry.readings SET t = '{2}' WHERE box_id = $1`, [box])).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM telemetry.readings WHERE box_id = $1`, [box])).rejects.toThrow(/append-only/);
      await expect(owner.query(`UPDATE telemetry.messages SET payload = 'x' WHERE box_id = $1`, [box])).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
    expect((await readings(box))[0].t).toEqual([5]);
  });

  it('a violation on a chilled shipment raises one alarm per box × type, on the feed, with a re-plan request', async () => {
    const box = uniq('box_');
    const facility = `fac_${uniq('a')}`;
    dispatch.addBox(box, facility, 'rdr_alarm001');
    const shp = uniq('shp_');
    dispatch.pair(box, { shipmentId: shp, from: new Date(Date.now() - 70_000) });
    const contacts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = uniq('con_');
      await appDb().query(`INSERT INTO telemetry.contacts (id, label, phone) VALUES ($1, 'QA duty', '+8613800000000')`, [id]);
      contacts.push(id);
    }
    await saveProfile(appDb(), { facilityId: facility, productClass: 'chilled', override: { highDelayMs: 0, ignorePeriodMs: 0, recipients: contacts.map((contactId) => ({ channel: 'sms' as const, contactId })) }, escalation: [] }, null);

    const t0 = Date.now() - 3000;
    const hot = telemetryPayload(box, [{ ts: t0, t: [9.5, 9.1] }]);
    await publish(topicOf(box), telemetryPayload(box, [{ ts: t0 - 60_000, t: [5] }]));
    await publish(topicOf(box), hot);
    await publish(topicOf(box), hot); // redelivery: no second alarm
    await publish(topicOf(box), telemetryPayload(box, [{ ts: t0 + 1000, t: [9.8] }]));
    const alarms = await waitFor(async () => {
      const r = (await appDb().query(`SELECT * FROM telemetry.alarms WHERE box_id = $1 ORDER BY type`, [box])).rows;
      return r.length >= 2 ? r : null;
    });
    await new Promise((r) => setTimeout(r, 300));
    const again = (await appDb().query(`SELECT type, severity, status, condition, shipment_ids FROM telemetry.alarms WHERE box_id = $1 ORDER BY type`, [box])).rows;
    expect(again.map((a) => a.type)).toEqual(['TEMP_HIGH', 'WARN_HIGH']);
    expect(again[0]).toMatchObject({ severity: 'major', status: 'active', condition: 'active', shipment_ids: [shp] });
    expect(alarms[0].raised_at.getTime()).toBe(t0); // event time = the device ts of the violating reading
    const onFeed = await waitFor(() => feed.find((e) => e.type === 'alarm' && e.alarm.boxId === box && e.alarm.type === 'TEMP_HIGH'));
    expect(onFeed.scope.riderIds).toEqual(['rdr_alarm001']);
    // The shipment's running figures follow on the feed, to the same audience.
    const figs = await waitFor(() => feed.find((e) => e.type === 'shipment.figures' && e.figures.shipmentId === shp && e.figures.readings === 3));
    expect(figs.type === 'shipment.figures' && figs.figures).toMatchObject({ boxId: box, maxC: 9.8, minC: 5, at: new Date(t0 + 1000).toISOString(), openAlarms: expect.arrayContaining(['TEMP_HIGH']) });
    expect(figs.type === 'shipment.figures' && figs.figures.outOfRangeMs).toBeGreaterThan(0);
    expect(figs.type === 'shipment.figures' && figs.figures.mktC).toBeGreaterThan(5);
    expect(figs.scope.riderIds).toEqual(['rdr_alarm001']);
    await waitFor(() => dispatch.replans.find((r) => r.facilityId === facility));
    const audit = await appDb().query(`SELECT action FROM platform.audit_log WHERE entity_type = 'alarm' AND entity_id = $1`, [alarms[0].id]);
    expect(audit.rows.map((r) => r.action)).toContain('alarm.raise');

    // Back in range clears the condition; the alarm stays open until a person resolves it.
    await publish(topicOf(box), telemetryPayload(box, [{ ts: t0 + 2000, t: [5] }]));
    await waitFor(async () => (await appDb().query(`SELECT condition FROM telemetry.alarms WHERE box_id = $1 AND type = 'TEMP_HIGH'`, [box])).rows[0]?.condition === 'cleared');
  });

  it('status and birth: LWT offline raises MONITORING_LOST at once, birth records the firmware; queries by shipment and role', async () => {
    const box = uniq('box_');
    dispatch.addBox(box, 'fac_sts0001', 'rdr_sts0001');
    const shp = uniq('shp_');
    dispatch.pair(box, { shipmentId: shp });
    await publish(topicOf(box), telemetryPayload(box, [{ ts: Date.now() - 2000, t: [5.1] }]));
    await waitFor(async () => (await readings(box)).length === 1);
    // A reboot after a firmware update: birth with the new version.
    await publish(topicOf(box, 'birth'), JSON.stringify({ schema: 'coldbox.birth/1', boxId: box, fw: '2.0.1', sampleIntervalS: 60, clockOffsetMs: 12, probes: [{ id: 'p1', position: 'product' }] }));
    await publish(topicOf(box, 'status'), 'offline');
    const alarm = await waitFor(async () => (await appDb().query(`SELECT * FROM telemetry.alarms WHERE box_id = $1 AND type = 'MONITORING_LOST'`, [box])).rows[0]);
    expect(alarm).toMatchObject({ severity: 'major', shipment_ids: [shp], rider_ids: ['rdr_sts0001'] });
    const latest = await waitFor(async () => { const r = (await appDb().query(`SELECT * FROM telemetry.box_latest WHERE box_id = $1`, [box])).rows[0]; return r?.online === false ? r : null; });
    expect(latest).toMatchObject({ fw: '2.0.1', t: [5.1] });
    await publish(topicOf(box, 'status'), 'sideways');
    await waitFor(async () => (await deadLetters(box)).includes('invalid_payload'));

    const api = await startTestApi([telemetryModule]);
    try {
      const qa = await makeUser('qa');
      const byShipment = await call(api.url, 'GET', `/api/v1/telemetry/readings?shipmentId=${shp}`, { token: qa.token });
      expect(byShipment.status).toBe(200);
      expect(byShipment.body.readings.map((r: { boxId: string; t: number[] }) => [r.boxId, r.t])).toEqual([[box, [5.1]]]);
      const rider = await makeUser('rider', { riderId: 'rdr_sts0001' });
      const other = await makeUser('rider', { riderId: 'rdr_sts0002' });
      expect((await call(api.url, 'GET', '/api/v1/telemetry/boxes/latest', { token: rider.token })).body.boxes.map((b: { boxId: string }) => b.boxId)).toEqual([box]);
      expect((await call(api.url, 'GET', '/api/v1/telemetry/boxes/latest', { token: other.token })).body.boxes).toEqual([]);
    } finally {
      await api.close();
      await closeTelemetryHttp();
    }
  });

  it('a restarted ingest process gets what was published while it was down (persistent session)', async () => {
    const box = uniq('box_');
    dispatch.addBox(box, 'fac_ing0001');
    await ingest.close();
    const base = Date.now() - 10_000;
    for (let i = 0; i < 20; i++) await publish(topicOf(box), telemetryPayload(box, [{ ts: base + i * 100, t: [5] }]));
    expect(await readings(box)).toHaveLength(0);
    ingest = await start();
    await waitFor(async () => (await readings(box)).length === 20, 8000);
  });
});
