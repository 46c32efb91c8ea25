/**
 * The per-shipment temperature record on the real stack (issue 17): readings over real MQTT
 * through the ingest while a rider carries the shipment, pickup → deliver seals the record,
 * verification passes, a late reading becomes a signed addendum, the anchor job signs a Merkle
 * root whose proof verifies offline with the CLI, and a reading changed behind the
 * application's back (table owner, trigger disabled) is named by the verifier.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { appDb } from '../platform/db/pool';
import { connectService } from '../platform/mqtt/client';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { startIngestService, type RunningIngest } from '../telemetry/ingest';
import { telemetryPayload, topicOf, waitFor } from '../telemetry/testing/fakes';
import { facility, sku, stock, box, rider, orderBody } from '../dispatch/testing/fixtures';
import { anchorPendingSeals, recordKey, sealEndedRecords } from '../telemetry';
import { recordAudit } from '../platform/audit/audit';
import { applyAction } from '../tracking';
import { recordPorts } from './record-ports';
import { currentDeliveryCode } from '../tracking';
import { routeModules } from './modules';
import { telemetryPorts } from './telemetry-ports';

process.env.TELEMETRY_CACHE_TTL_MS = '0';
const run = promisify(execFile);

let api: TestApi;
let ingest: RunningIngest;
let pub: MqttClient;
let dispatcher: TestUser;
let qa: TestUser;
const dir = mkdtempSync(join(tmpdir(), 'record-'));

beforeAll(async () => {
  api = await startTestApi(routeModules);
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-r-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  pub = await connectService({ clientId: uniq('pub-') });
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
});

afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await api?.close();
});

const MIN = 60_000;
const get = (path: string, token = qa.token) => call(api.url, 'GET', `/api/v1${path}`, { token });
const entries = async (shipmentId: string) => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.record_entries WHERE shipment_id = $1`, [shipmentId])).rows[0].n as number;

/** A chilled shipment picked up with a pre-cooled box; returns what the steps need. */
async function pickedUp() {
  const f = await facility({ tier: 'forward' });
  const s = await sku({ cls: 'chilled' });
  await stock(f.id, s.id, 20);
  const b = await box(f.id);
  const r = await rider(f.id);
  expect((await call(api.url, 'POST', `/api/v1/boxes/${b.id}/pairing`, { token: dispatcher.token, body: { riderId: r.id } })).status).toBe(200);
  const now = Date.now();
  await pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, Array.from({ length: 36 }, (_, i) => ({ ts: now - (35 - i) * MIN, t: [5, 5], hist: i < 35 }))), { qos: 1 });
  await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1`, [b.id])).rows[0].n >= 36);
  const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  const shp = o.body.shipments[0].id as string;
  const riderUser = await makeUser('rider', { riderId: r.id });
  const act = (body: Record<string, unknown>) => call(api.url, 'POST', `/api/v1/shipments/${shp}/events`, { token: riderUser.token, body });
  const p = await act({ action: 'pick_up', boxId: b.id, label: shp });
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  return { facilityId: f.id, boxId: b.id, shp, act, pickedAt: Date.now(), riderUser };
}

describe('temperature record of a delivered shipment', () => {
  let d: Awaited<ReturnType<typeof pickedUp>>;
  const ts: number[] = [];

  it('chains the readings of the carrying box during custody as they arrive over MQTT', async () => {
    d = await pickedUp();
    // before the first reading in custody the record is empty: its chain at the genesis
    expect((await get(`/shipments/${d.shp}/temperature-record`)).body).toMatchObject({ shipmentId: d.shp, entries: [], seal: null, anchor: null });
    expect((await get(`/shipments/${d.shp}/temperature-record/verify`)).body).toMatchObject({ ok: true, entries: 0, sealed: false });
    await new Promise((r) => setTimeout(r, 1300));
    // three live readings after pickup (device time inside the custody leg), the warmest 7.5 °C
    for (const [i, t] of [[0, 4.5], [1, 7.5], [2, 5.25]] as const) {
      ts.push(d.pickedAt + 100 + i * 400);
      await pub.publishAsync(topicOf(d.boxId), telemetryPayload(d.boxId, [{ ts: ts[i], t: [t, t - 0.5] }]), { qos: 1 });
    }
    await waitFor(async () => (await entries(d.shp)) === 3);
    const x = (await get(`/shipments/${d.shp}/temperature-record`)).body;
    expect(x.entries.map((e: any) => [e.index, e.ts, e.addendum])).toEqual([[1, ts[0], 0], [2, ts[1], 0], [3, ts[2], 0]]);
    expect(x.seal).toBeNull();
    const v = (await get(`/shipments/${d.shp}/temperature-record/verify`)).body;
    expect(v).toMatchObject({ ok: true, entries: 3, sealed: false });
  });

  it('seals the record when the shipment is delivered: head, count, first/last time, gap summary', async () => {
    await d.act({ action: 'depart' });
    const code = await currentDeliveryCode(appDb(), d.shp);
    const done = await d.act({ action: 'deliver', code });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const x = (await get(`/shipments/${d.shp}/temperature-record`)).body;
    expect(x.seal).toMatchObject({ shipmentId: d.shp, count: 3, head: x.entries[2].hash, firstTs: ts[0], lastTs: ts[2], outcome: 'delivered', gapLimitMs: 300_000, gapsOverLimit: 0 });
    expect(x.seal.largestGapMs).toBeGreaterThanOrEqual(400);
    const v = (await get(`/shipments/${d.shp}/temperature-record/verify`)).body;
    expect(v).toMatchObject({ ok: true, sealed: true, anchored: false, firstBroken: null });
  });

  it('a reading that arrives after the seal is a signed addendum; the sealed part is unchanged', async () => {
    const late = ts[2] + 100;
    await pub.publishAsync(topicOf(d.boxId), telemetryPayload(d.boxId, [{ ts: late, t: [5, 5], hist: true }]), { qos: 1 });
    await waitFor(async () => (await entries(d.shp)) === 4);
    const x = (await get(`/shipments/${d.shp}/temperature-record`)).body;
    expect(x.seal.count).toBe(3);
    expect(x.entries[3]).toMatchObject({ index: 4, addendum: 1, ts: late });
    expect(x.addenda).toEqual([expect.objectContaining({ no: 1, fromIndex: 4, toIndex: 4, head: x.entries[3].hash, keyId: recordKey().keyId })]);
    expect((await get(`/shipments/${d.shp}/temperature-record/verify`)).body.ok).toBe(true);
  });

  it('live figures: min/max, MKT, time out of range, largest gap', async () => {
    const s = await get(`/shipments/${d.shp}/temperature-summary`, dispatcher.token);
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect(s.body).toMatchObject({ shipmentId: d.shp, temperatureClass: 'chilled', readings: 4, minC: 4, maxC: 7.5, timeOutOfRangeMs: 0, longestExcursionMs: 0, sealed: true, limits: { low: 2, high: 8 } });
    expect(s.body.mktC).toBeGreaterThan(4.5);
    expect(s.body.mktC).toBeLessThan(7.5);
  });

  it('the anchor job signs a Merkle root over the seal; the export verifies offline with the CLI, a tampered file does not', async () => {
    const a = await anchorPendingSeals(appDb(), recordKey());
    expect(a?.leafCount).toBeGreaterThanOrEqual(1);
    const x = (await get(`/shipments/${d.shp}/temperature-record`)).body;
    expect(x.anchor).toMatchObject({ root: expect.stringMatching(/^[0-9a-f]{64}$/), keyId: recordKey().keyId });
    expect((await get(`/shipments/${d.shp}/temperature-record/verify`)).body).toMatchObject({ ok: true, anchored: true });

    const file = join(dir, 'record.json');
    const pem = join(dir, 'public.pem');
    writeFileSync(file, JSON.stringify(x));
    writeFileSync(pem, x.publicKey.pem);
    const ok = await run('node', ['--import', 'tsx', 'app/cli.ts', 'verify-record', file, '--public-key', pem]);
    expect(ok.stdout).toMatch(/^VERIFIED: temperature record of shp_\w+, 4 entries, sealed, anchored/);
    // the embedded key is trusted only by its fingerprint
    const byFp = await run('node', ['--import', 'tsx', 'app/cli.ts', 'verify-record', file, '--fingerprint', x.publicKey.keyId]);
    expect(byFp.stdout).toMatch(/^VERIFIED/);
    const noKey = await run('node', ['--import', 'tsx', 'app/cli.ts', 'verify-record', file], { env: { ...process.env, RECORD_PUBLIC_KEY_FINGERPRINT: '' } }).catch((e) => e);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/--public-key/);

    const tampered = structuredClone(x);
    tampered.entries[1].reading.probes[0] = 5.0;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const bad = await run('node', ['--import', 'tsx', 'app/cli.ts', 'verify-record', join(dir, 'tampered.json'), '--public-key', pem]).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^NOT VERIFIED/);
    expect(bad.stdout).toContain(`first broken entry: #2 (${d.boxId} at ${new Date(ts[1]).toISOString()}): hash_mismatch`);
  }, 120_000);

  it('a reading changed in the database by its owner (trigger disabled) is named by the verifier', async () => {
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      const part = (await owner.query(`SELECT tableoid::regclass::text AS p FROM telemetry.readings WHERE box_id = $1 AND round(extract(epoch FROM ts) * 1000)::int8 = $2`, [d.boxId, ts[1]])).rows[0].p;
      await owner.query('BEGIN');
      await owner.query(`ALTER TABLE ${part} DISABLE TRIGGER readings_append_only`);
      await owner.query(`UPDATE ${part} SET t = '{5.0,5.0}' WHERE box_id = $1 AND round(extract(epoch FROM ts) * 1000)::int8 = $2`, [d.boxId, ts[1]]);
      await owner.query(`ALTER TABLE ${part} ENABLE TRIGGER readings_append_only`);
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }
    const v = (await get(`/shipments/${d.shp}/temperature-record/verify`)).body;
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ index: 2, boxId: d.boxId, ts: new Date(ts[1]).toISOString(), reason: 'hash_mismatch' });
    expect(v.checks.find((c: any) => c.check === 'chain')).toMatchObject({ ok: false, detail: 'entry 2: hash_mismatch' });
  });
});

describe('the record tables are append-only', () => {
  it('the application role cannot change or delete entries, seals or anchors; the owner is refused by the trigger', async () => {
    for (const t of ['record_entries', 'record_seals', 'record_addenda', 'record_anchors']) {
      await expect(appDb().query(`UPDATE telemetry.${t} SET shipment_id = shipment_id WHERE false`.replace('shipment_id = shipment_id', t === 'record_anchors' ? 'day = day' : 'shipment_id = shipment_id'))).rejects.toThrow(/permission denied/);
      await expect(appDb().query(`DELETE FROM telemetry.${t} WHERE false`)).rejects.toThrow(/permission denied/);
    }
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      const any = (await owner.query(`SELECT shipment_id FROM telemetry.record_entries LIMIT 1`)).rows[0];
      expect(any).toBeDefined();
      await expect(owner.query(`UPDATE telemetry.record_entries SET hash = hash WHERE shipment_id = $1`, [any.shipment_id])).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM telemetry.record_entries WHERE shipment_id = $1`, [any.shipment_id])).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE telemetry.record_seals CASCADE`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });
});

describe('who may read a record', () => {
  it('staff read any record, a partner only its own store, riders none; bad ids are 400, unknown ones 404', async () => {
    const d = await pickedUp();
    await new Promise((r) => setTimeout(r, 300));
    await pub.publishAsync(topicOf(d.boxId), telemetryPayload(d.boxId, [{ ts: d.pickedAt + 100, t: [5, 5] }]), { qos: 1 });
    await waitFor(async () => (await entries(d.shp)) === 1);
    for (const role of ['admin', 'dispatcher', 'qa'] as const) {
      const u = await makeUser(role);
      expect((await get(`/shipments/${d.shp}/temperature-record/verify`, u.token)).status).toBe(200);
    }
    const own = await makeUser('partner', { facilityId: d.facilityId });
    expect((await get(`/shipments/${d.shp}/temperature-summary`, own.token)).status).toBe(200);
    const other = await makeUser('partner', { facilityId: (await facility({ tier: 'store' })).id });
    const hidden = await get(`/shipments/${d.shp}/temperature-record`, other.token);
    expect([hidden.status, hidden.body.error.code]).toEqual([404, 'shipment_not_found']);
    expect((await get(`/shipments/${d.shp}/temperature-record`, d.riderUser.token)).status).toBe(403);
    const bad = await get(`/shipments/not-an-id/temperature-record/verify`);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    const unknown = await get(`/shipments/shp_doesnotexist/temperature-summary`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'shipment_not_found']);
  });
});

describe('sealing a returned shipment, and the sweep', () => {
  it('a failed delivery brought back is sealed as returned when the return is recorded', async () => {
    const d = await pickedUp();
    await new Promise((r) => setTimeout(r, 300));
    await pub.publishAsync(topicOf(d.boxId), telemetryPayload(d.boxId, [{ ts: d.pickedAt + 100, t: [5, 5] }]), { qos: 1 });
    await waitFor(async () => (await entries(d.shp)) === 1);
    expect((await d.act({ action: 'fail', reason: 'customer_absent' })).status).toBe(200);
    expect((await d.act({ action: 'start_return' })).status).toBe(200);
    expect((await d.act({ action: 'return' })).status).toBe(200);
    const x = (await get(`/shipments/${d.shp}/temperature-record`)).body;
    expect(x.seal).toMatchObject({ outcome: 'returned', count: 1 });
  });

  it('a record left unsealed when its shipment ended (the after-commit call lost) is sealed by the worker sweep', async () => {
    const d = await pickedUp();
    await new Promise((r) => setTimeout(r, 300));
    await pub.publishAsync(topicOf(d.boxId), telemetryPayload(d.boxId, [{ ts: d.pickedAt + 100, t: [5, 5] }]), { qos: 1 });
    await waitFor(async () => (await entries(d.shp)) === 1);
    // Delivered through the lifecycle without its `ended` hook, as after a crash right after commit.
    const code = await currentDeliveryCode(appDb(), d.shp);
    const actor = { id: d.riderUser.id, role: 'rider', riderId: (await appDb().query(`SELECT rider_id FROM dispatch.boxes WHERE id = $1`, [d.boxId])).rows[0].rider_id, facilityId: null };
    await applyAction(d.shp, { action: 'depart' }, actor, (q, e) => recordAudit(q, { ...e, actorId: actor.id, actorRole: 'rider' }), { openExcursions: async () => [] });
    await applyAction(d.shp, { action: 'deliver', code: code! }, actor, (q, e) => recordAudit(q, { ...e, actorId: actor.id, actorRole: 'rider' }), { openExcursions: async () => [] });
    expect((await get(`/shipments/${d.shp}/temperature-record`)).body.seal).toBeNull();
    const r = await sealEndedRecords(appDb(), recordPorts, { idleMs: 0, limit: 10_000 });
    expect(r.sealed).toBeGreaterThanOrEqual(1);
    const x = (await get(`/shipments/${d.shp}/temperature-record`)).body;
    expect(x.seal).toMatchObject({ outcome: 'delivered', count: 1 });
    expect((await get(`/shipments/${d.shp}/temperature-record/verify`)).body.ok).toBe(true);
  });
});
