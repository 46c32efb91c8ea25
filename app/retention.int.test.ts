/**
 * Retention, privacy and backup on the real stack (issue 17; COMPLIANCE A.8, A.21, C.36, E.55):
 * the record purge deletes only records past max(5 y, lot expiry + 1 y) and its SQL guard
 * refuses a younger one whoever asks; the personal-data purge erases the customer's details
 * while the shipment's temperature record still verifies (API and offline CLI); a backup
 * restored into a new database gives the same verifications, heads, anchors and row counts.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
import { anchorPendingSeals, recordKey, purgeRecord, purgeExpiredRecords, RecordPurgeRefused, verifyStoredRecord } from '../telemetry';
import { getOrder, purgePersonalData, shipmentLabel, PURGED_PII } from '../dispatch';
import { currentDeliveryCode } from '../tracking';
import { routeModules } from './modules';
import { telemetryPorts } from './telemetry-ports';
import { retentionPorts } from './retention';
import { trackingPage } from './tracking';
import { backup, countKeyTables, dumpAnchors, restore } from './backup';

process.env.TELEMETRY_CACHE_TTL_MS = '0';
// Tracking links outlive the 90-day window here, to show a purged order's page (default: 30 days).
process.env.TRACKING_TOKEN_TTL_DAYS = '365';
const run = promisify(execFile);
const cli = (...a: string[]) => run('node', ['--import', 'tsx', 'app/cli.ts', ...a], { maxBuffer: 16 << 20 });

let api: TestApi;
let ingest: RunningIngest;
let pub: MqttClient;
let dispatcher: TestUser;
let admin: TestUser;
let qa: TestUser;
const dir = mkdtempSync(join(tmpdir(), 'retain-'));
const DAY = 86_400_000;

beforeAll(async () => {
  api = await startTestApi(routeModules, [trackingPage]);
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-p-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  pub = await connectService({ clientId: uniq('pub-') });
  dispatcher = await makeUser('dispatcher');
  admin = await makeUser('admin');
  qa = await makeUser('qa');
});

afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await api?.close();
});

const get = (path: string, token = qa.token) => call(api.url, 'GET', `/api/v1${path}`, { token });

/** An order placed through the API from a lot of its own; returns its shipment and lot. */
async function placed() {
  const f = await facility({ tier: 'forward' });
  const s = await sku({ cls: 'chilled' });
  const lot = await stock(f.id, s.id, 5);
  const b = await box(f.id);
  const r = await rider(f.id);
  const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  return { facilityId: f.id, lotId: lot.id, boxId: b.id, riderId: r.id, orderId: o.body.id as string, token: o.body.token as string, shp: o.body.shipments[0].id as string };
}

/** A sealed record of `n` entries that ended at `endedAt`, written as the application would. */
async function sealedRecord(shp: string, boxId: string, endedAt: Date, n = 3) {
  const db = appDb();
  let h = createHash('sha256').update(`coldchain.templog/1:${shp}`).digest();
  for (let i = 1; i <= n; i++) {
    h = createHash('sha256').update(h).update(randomBytes(8)).digest();
    await db.query(`INSERT INTO telemetry.record_entries (shipment_id, idx, box_id, ts, hash) VALUES ($1, $2, $3, $4, $5)`, [shp, i, boxId, new Date(endedAt.getTime() - (n - i) * 60_000), h]);
  }
  await db.query(`INSERT INTO telemetry.record_heads (shipment_id, idx, head, sealed) VALUES ($1, $2, $3, true)`, [shp, n, h]);
  await db.query(
    `INSERT INTO telemetry.record_seals (shipment_id, count, head, first_ts, last_ts, largest_gap_ms, gaps_over_limit, gap_limit_ms, outcome, ended_at, digest)
     VALUES ($1, $2, $3, $4, $4, 60000, 0, 300000, 'delivered', $4, $5)`, [shp, n, h, endedAt, createHash('sha256').update(shp).digest()]);
  // A disposed QA case and an audit row from back then, and one written today.
  const caseId = uniq('qac_');
  await db.query(`INSERT INTO telemetry.qa_cases (id, shipment_id, status, disposition, opened_at, disposed_at) VALUES ($1, $2, 'disposed', 'release', $3, $3)`, [caseId, shp, endedAt]);
  await db.query(`INSERT INTO telemetry.qa_case_reasons (shipment_id, source, case_id, code, at) VALUES ($1, 'lifecycle:test', $2, 'excursion', $3)`, [shp, caseId, endedAt]);
  await db.query(`INSERT INTO platform.audit_log (at, actor_id, action, entity_type, entity_id) VALUES ($1, 'test', 'qa.dispose', 'qa_case', $2), ($1, 'test', 'shipment.deliver', 'shipment', $3), (now(), 'test', 'shipment.viewed', 'shipment', $3)`, [endedAt, caseId, shp]);
  return caseId;
}

const rows = async (sql: string, p: unknown[]) => (await appDb().query(sql, p)).rows[0].n as number;
const recordRows = (shp: string) => rows(`SELECT (SELECT count(*) FROM telemetry.record_entries WHERE shipment_id = $1) + (SELECT count(*) FROM telemetry.record_seals WHERE shipment_id = $1)
  + (SELECT count(*) FROM telemetry.qa_cases WHERE shipment_id = $1) AS n`, [shp]).then(Number);

describe('retention purge of quality records (COMPLIANCE A.8, A.21)', () => {
  const yearsAgo = (y: number) => new Date(Date.now() - y * 365.25 * DAY);
  let old: Awaited<ReturnType<typeof placed>>, kept: Awaited<ReturnType<typeof placed>>, young: Awaited<ReturnType<typeof placed>>;

  beforeAll(async () => {
    [old, kept, young] = [await placed(), await placed(), await placed()];
    // old: delivered 6 years ago, its lot expired 2020 → past retention.
    await appDb().query(`UPDATE dispatch.lots SET expiry = '2020-06-30' WHERE id = $1`, [old.lotId]);
    await sealedRecord(old.shp, old.boxId, yearsAgo(6));
    // kept: delivered 6 years ago, but its lot expired 2 months ago → kept for 10 more months.
    await appDb().query(`UPDATE dispatch.lots SET expiry = (now() - interval '60 days')::date WHERE id = $1`, [kept.lotId]);
    await sealedRecord(kept.shp, kept.boxId, yearsAgo(6));
    // young: delivered a year ago.
    await sealedRecord(young.shp, young.boxId, yearsAgo(1));
    await anchorPendingSeals(appDb(), recordKey());
  });

  it('the SQL guard refuses a record younger than its retention when asked directly, and leaves it whole', async () => {
    const before = [await recordRows(young.shp), await recordRows(kept.shp)];
    await expect(purgeRecord(appDb(), young.shp)).rejects.toThrow(RecordPurgeRefused);
    await expect(purgeRecord(appDb(), young.shp)).rejects.toThrow(/kept until \d{4}-\d{2}-\d{2}T.*purge refused/);
    // 5 years passed, but lot expiry + 1 year has not
    await expect(purgeRecord(appDb(), kept.shp)).rejects.toThrow(/kept until .*purge refused/);
    await expect(purgeRecord(appDb(), uniq('shp_none'))).rejects.toThrow(/not sealed/);
    expect([await recordRows(young.shp), await recordRows(kept.shp)]).toEqual(before);
  });

  it('the append-only trigger still refuses the application role and the owner, even with the purge flag set', async () => {
    await expect(appDb().query(`DELETE FROM telemetry.record_entries WHERE shipment_id = $1`, [young.shp])).rejects.toThrow(/permission denied/);
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('coldchain.retention_purge', 'on', true)`);
      await expect(owner.query(`DELETE FROM telemetry.record_entries WHERE shipment_id = $1`, [young.shp])).rejects.toThrow(/append-only/);
      await owner.query('ROLLBACK');
    } finally {
      await owner.end();
    }
    expect(await recordRows(young.shp)).toBeGreaterThan(0);
  });

  it('a dry run lists only what is past retention; the job then purges it, audited, and keeps the rest', async () => {
    const dry = await purgeExpiredRecords(appDb(), retentionPorts(appDb()), { dryRun: true });
    const ids = dry.purged.map((c) => c.shipmentId);
    expect(ids).toContain(old.shp);
    expect(ids).not.toContain(kept.shp);
    expect(ids).not.toContain(young.shp);
    expect(dry.purged.find((c) => c.shipmentId === old.shp)).toMatchObject({ latestExpiry: '2020-06-30' });
    expect(await recordRows(old.shp)).toBeGreaterThan(0);

    const out = await cli('purge', '--dry-run');
    expect(out.stdout).toMatch(/quality records would purge: \d+ of \d+ sealed over 5 years ago/);
    expect(out.stdout).toContain(`${old.shp}: ended`);
    expect(out.stdout).not.toContain(kept.shp);

    const r = await purgeExpiredRecords(appDb(), retentionPorts(appDb()), { actor: 'test' });
    expect(r.purged.map((c) => c.shipmentId)).toContain(old.shp);
    expect(await recordRows(old.shp)).toBe(0);
    expect(await rows(`SELECT count(*)::int AS n FROM telemetry.record_anchor_leaves WHERE shipment_id = $1`, [old.shp])).toBe(0);
    // audit rows older than 5 years about it are gone, today's row stays, and the purge is audited
    expect(await rows(`SELECT count(*)::int AS n FROM platform.audit_log WHERE entity_id = $1 AND action = 'shipment.deliver'`, [old.shp])).toBe(0);
    expect(await rows(`SELECT count(*)::int AS n FROM platform.audit_log WHERE entity_id = $1 AND action = 'shipment.viewed'`, [old.shp])).toBe(1);
    const a = (await appDb().query(`SELECT actor_id, new_value FROM platform.audit_log WHERE entity_id = $1 AND action = 'record.purge'`, [old.shp])).rows;
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ actor_id: 'test', new_value: { entries: 3, qaCases: 1, latestExpiry: '2020-06-30' } });
    // the others are untouched
    expect(await recordRows(kept.shp)).toBe(5);
    expect(await recordRows(young.shp)).toBe(5);
  });
});

/** A chilled shipment carried with readings over MQTT, delivered, sealed and anchored. */
async function delivered() {
  const p = await placed();
  expect((await call(api.url, 'POST', `/api/v1/boxes/${p.boxId}/pairing`, { token: dispatcher.token, body: { riderId: p.riderId } })).status).toBe(200);
  const now = Date.now();
  await pub.publishAsync(topicOf(p.boxId), telemetryPayload(p.boxId, Array.from({ length: 36 }, (_, i) => ({ ts: now - (35 - i) * 60_000, t: [5, 5], hist: i < 35 }))), { qos: 1 });
  await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1`, [p.boxId])).rows[0].n >= 36);
  const riderUser = await makeUser('rider', { riderId: p.riderId });
  const act = (body: Record<string, unknown>) => call(api.url, 'POST', `/api/v1/shipments/${p.shp}/events`, { token: riderUser.token, body });
  expect((await act({ action: 'pick_up', boxId: p.boxId, label: p.shp })).status).toBe(200);
  const picked = Date.now();
  await new Promise((r) => setTimeout(r, 1200));
  for (let i = 0; i < 3; i++) await pub.publishAsync(topicOf(p.boxId), telemetryPayload(p.boxId, [{ ts: picked + 100 + i * 300, t: [4.5 + i, 4 + i] }]), { qos: 1 });
  await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.record_entries WHERE shipment_id = $1`, [p.shp])).rows[0].n === 3);
  expect((await act({ action: 'depart' })).status).toBe(200);
  expect((await act({ action: 'deliver', code: await currentDeliveryCode(appDb(), p.shp) })).status).toBe(200);
  await anchorPendingSeals(appDb(), recordKey());
  return p;
}

describe('personal-data purge (COMPLIANCE E.55)', () => {
  let d: Awaited<ReturnType<typeof delivered>>;

  it('erases name, phone and address after PRIVACY_PERSONAL_DATA_DAYS, audited; not a day before', async () => {
    d = await delivered();
    expect((await get(`/shipments/${d.shp}/temperature-record/verify`)).body).toMatchObject({ ok: true, sealed: true, anchored: true });
    // It ended 91 days ago (the order's and shipment's last change moved back; other tests' orders
    // ended today and stay out of this purge).
    await appDb().query(`UPDATE dispatch.orders SET updated_at = now() - interval '91 days' WHERE id = $1`, [d.orderId]);
    await appDb().query(`UPDATE dispatch.shipments SET updated_at = now() - interval '91 days' WHERE order_id = $1`, [d.orderId]);
    const early = await purgePersonalData(appDb(), { now: new Date(Date.now() - 2 * DAY), dryRun: true });
    expect(early.days).toBe(90);
    expect(early.orders).not.toContain(d.orderId);
    const dry = await purgePersonalData(appDb(), { dryRun: true });
    expect(dry.orders).toContain(d.orderId);
    expect((await appDb().query(`SELECT customer_name_enc <> $2 AS kept FROM dispatch.orders WHERE id = $1`, [d.orderId, PURGED_PII])).rows[0].kept).toBe(true);
    const r = await purgePersonalData(appDb());
    expect(r.orders).toContain(d.orderId);
    const o = (await appDb().query(`SELECT customer_name_enc, customer_phone_enc, customer_address_enc, customer_phone_idx FROM dispatch.orders WHERE id = $1`, [d.orderId])).rows[0];
    expect(o).toEqual({ customer_name_enc: PURGED_PII, customer_phone_enc: PURGED_PII, customer_address_enc: PURGED_PII, customer_phone_idx: null });
    const a = (await appDb().query(`SELECT new_value FROM platform.audit_log WHERE entity_id = $1 AND action = 'order.personal_data_purge'`, [d.orderId])).rows;
    expect(a).toEqual([{ new_value: { fields: ['name', 'phone', 'address'], locationRoundedTo: 0.01, afterDays: 90 } }]);
    // a second pass finds nothing more to do for it
    expect((await purgePersonalData(appDb(), { dryRun: true })).orders).not.toContain(d.orderId);
  }, 120_000);

  it('the order reads as purged for everyone, admins included; the label prints 已清除 / purged', async () => {
    for (const u of [admin, dispatcher]) {
      const o = await get(`/orders/${d.orderId}`, u.token);
      expect(o.status).toBe(200);
      expect(o.body.customer).toMatchObject({ name: '', phone: '', address: '', masked: true, purged: true });
    }
    const v = await getOrder(appDb(), d.orderId, { viewer: { role: 'admin' } as never });
    expect(v?.customer.purged).toBe(true);
    expect((await shipmentLabel(appDb(), d.shp))?.recipient).toEqual({ name: '已清除 / purged', phone: '已清除 / purged' });
  });

  it('the temperature record still verifies: the verify route and the offline verify-record CLI', async () => {
    expect((await get(`/shipments/${d.shp}/temperature-record/verify`)).body).toMatchObject({ ok: true, sealed: true, anchored: true, firstBroken: null });
    expect(await verifyStoredRecord(appDb(), d.shp)).toMatchObject({ ok: true });
    const x = (await get(`/shipments/${d.shp}/temperature-record`)).body;
    const file = join(dir, 'purged-record.json');
    writeFileSync(file, JSON.stringify(x));
    writeFileSync(join(dir, 'public.pem'), x.publicKey.pem);
    const ok = await cli('verify-record', file, '--public-key', join(dir, 'public.pem'));
    expect(ok.stdout).toMatch(/^VERIFIED: temperature record of shp_\w+, 3 entries, sealed, anchored/);
  }, 60_000);

  it('the tracking page and its JSON still work, with no personal data; a phone check simply fails', async () => {
    const page = await fetch(`${api.url}/t/${d.token}`, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain(PURGED_PII);
    const json = await fetch(`${api.url}/api/v1/public/track/${d.token}`);
    expect(json.status).toBe(200);
    expect(JSON.stringify(await json.json())).not.toContain(PURGED_PII);
    const check = await fetch(`${api.url}/t/${d.token}/verify`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'last4=5678', redirect: 'manual' });
    expect(check.status).toBeLessThan(500);
  });
});

describe('backup and restore drill (COMPLIANCE A.8, C.36)', () => {
  const target = `coldchain_drill_${randomBytes(4).toString('hex')}`;
  const file = join(dir, 'backup.tar');
  const superCfg = () => {
    const u = new URL(process.env.DATABASE_URL!);
    return { host: u.hostname, port: Number(u.port), user: 'postgres', password: process.env.PG_SUPER_PASSWORD, database: 'postgres' };
  };

  afterAll(async () => {
    const su = new pg.Client(superCfg());
    await su.connect();
    await su.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`).finally(() => su.end());
  });

  it('restores into a new database with the same record verifications and heads, anchor roots and row counts', async () => {
    await delivered();
    // Read the state the backup holds: the same exported snapshot, while other tests write on.
    const src = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await src.connect();
    let expected: { records: Array<{ id: string; head: string; v: unknown }>; anchors: unknown; counts: Record<string, number> };
    try {
      await src.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = (await src.query('SELECT pg_export_snapshot() AS s')).rows[0].s;
      const m = await backup(file, { snapshot });
      expect(m.files.map((f) => f.name)).toEqual(['database.dump', 'anchors.json', 'record-public-key.pem']);
      const seals = (await src.query(`SELECT s.shipment_id AS id, encode(h.head, 'hex') AS head FROM telemetry.record_seals s JOIN telemetry.record_heads h USING (shipment_id) ORDER BY 1`)).rows;
      expect(seals.length).toBeGreaterThanOrEqual(3);
      const records = [];
      for (const s of seals) records.push({ id: s.id, head: s.head, v: await verifyStoredRecord(src, s.id) });
      expected = { records, anchors: await dumpAnchors(src), counts: await countKeyTables(src) };
      expect(m.counts).toEqual(expected.counts);
      await src.query('COMMIT');
    } finally {
      await src.end();
    }

    const out = await cli('restore', '--from', file, '--database', target);
    expect(out.stdout).toContain(`restored ${file} into database ${target}`);

    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${target}`;
    const dst = new pg.Client({ connectionString: u.toString() });
    await dst.connect();
    try {
      const heads = new Map((await dst.query(`SELECT shipment_id AS id, encode(head, 'hex') AS head FROM telemetry.record_heads`)).rows.map((r) => [r.id, r.head]));
      const got = [];
      for (const r of expected.records) got.push({ id: r.id, head: heads.get(r.id), v: await verifyStoredRecord(dst, r.id) });
      expect(got).toEqual(expected.records);
      expect(got.filter((r) => (r.v as { ok: boolean }).ok).length).toBeGreaterThanOrEqual(1);
      expect(await dumpAnchors(dst)).toEqual(expected.anchors);
      expect(await countKeyTables(dst)).toEqual(expected.counts);
    } finally {
      await dst.end();
    }
  }, 300_000);

  it('refuses to overwrite a database that is not empty without --force', async () => {
    const e = await cli('restore', '--from', file, '--database', target).catch((x) => x);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(new RegExp(`database ${target} is not empty .*restore refused; pass --force`));
    await expect(restore(file, 'Bad-Name;')).rejects.toThrow(/bad database name/);
  }, 120_000);

  it('a corrupted backup is refused with the hash mismatch named, and nothing is restored', async () => {
    const bytes = readFileSync(file);
    // a byte in the middle of database.dump (the first member after the 512-byte tar header + manifest)
    const at = bytes.indexOf(Buffer.from('PGDMP')) + 2048;
    bytes[at] ^= 0xff;
    const bad = join(dir, 'corrupt.tar');
    writeFileSync(bad, bytes);
    const e = await cli('restore', '--from', bad, '--database', `${target}_x`).catch((x) => x);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/corrupt\.tar is corrupted: SHA-256 hash mismatch in database\.dump \(manifest [0-9a-f]{64}, file [0-9a-f]{64}\); nothing was restored/);
    const su = new pg.Client(superCfg());
    await su.connect();
    const exists = await su.query('SELECT 1 FROM pg_database WHERE datname = $1', [`${target}_x`]).finally(() => su.end());
    expect(exists.rowCount).toBe(0);
    const notTar = join(dir, 'not-a-backup.tar');
    writeFileSync(notTar, 'hello');
    const e2 = await cli('restore', '--from', notTar, '--database', `${target}_x`).catch((x) => x);
    expect(e2.stderr).toMatch(/is not a readable backup archive/);
  }, 120_000);
});
