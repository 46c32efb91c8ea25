/**
 * The regulator's archive of temperature records on the real stack (issue 17): two shipments of
 * one facility carried, delivered (sealed) and anchored, one of another facility; the archive of
 * the facility's day holds exactly its two records, the anchor, the key and a signed manifest,
 * and verifies offline with the CLI run as a child process. One changed byte in a record file,
 * or a file taken out, is named by the verifier; an empty period is a valid archive of 0 records.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { appDb } from '../platform/db/pool';
import { connectService } from '../platform/mqtt/client';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { startIngestService, type RunningIngest } from '../telemetry/ingest';
import { telemetryPayload, topicOf, waitFor } from '../telemetry/testing/fakes';
import { facility, sku, stock, box, rider, orderBody } from '../dispatch/testing/fixtures';
import { anchorPendingSeals, readUstar, recordKey } from '../telemetry';
import { ustarEnd, ustarFile } from '../telemetry/record/ustar';
import { currentDeliveryCode } from '../tracking';
import { routeModules } from './modules';
import { telemetryPorts } from './telemetry-ports';

process.env.TELEMETRY_CACHE_TTL_MS = '0';
const run = promisify(execFile);
const MIN = 60_000;

let api: TestApi;
let ingest: RunningIngest;
let pub: MqttClient;
let dispatcher: TestUser;
let qa: TestUser;
const dir = mkdtempSync(join(tmpdir(), 'record-archive-'));
const pem = join(dir, 'public.pem');

beforeAll(async () => {
  api = await startTestApi(routeModules);
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-a-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  pub = await connectService({ clientId: uniq('pub-') });
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
  writeFileSync(pem, recordKey().publicPem);
});

afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await api?.close();
});

const entries = async (shipmentId: string) => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.record_entries WHERE shipment_id = $1`, [shipmentId])).rows[0].n as number;

/** A chilled shipment of `facilityId` carried in a pre-cooled box with two readings in custody (the second `warm` °C), delivered. */
async function delivered(facilityId: string, skuId: string, warm: number) {
  const b = await box(facilityId);
  const r = await rider(facilityId);
  expect((await call(api.url, 'POST', `/api/v1/boxes/${b.id}/pairing`, { token: dispatcher.token, body: { riderId: r.id } })).status).toBe(200);
  const now = Date.now();
  await pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, Array.from({ length: 36 }, (_, i) => ({ ts: now - (35 - i) * MIN, t: [5, 5], hist: i < 35 }))), { qos: 1 });
  await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1`, [b.id])).rows[0].n >= 36);
  const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId, quantity: 1 }]) });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  const shp = o.body.shipments[0].id as string;
  const riderUser = await makeUser('rider', { riderId: r.id });
  const act = (body: Record<string, unknown>) => call(api.url, 'POST', `/api/v1/shipments/${shp}/events`, { token: riderUser.token, body });
  expect((await act({ action: 'pick_up', boxId: b.id, label: shp })).status).toBe(200);
  const pickedAt = Date.now();
  await new Promise((res) => setTimeout(res, 900));
  const ts = [pickedAt + 100, pickedAt + 500];
  await pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, [{ ts: ts[0], t: [4.5, 4] }, { ts: ts[1], t: [warm, warm - 0.5] }]), { qos: 1 });
  await waitFor(async () => (await entries(shp)) === 2);
  await act({ action: 'depart' });
  const done = await act({ action: 'deliver', code: await currentDeliveryCode(appDb(), shp) });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  await waitFor(async () => (await appDb().query(`SELECT 1 FROM telemetry.record_seals WHERE shipment_id = $1`, [shp])).rowCount === 1);
  return { shp, boxId: b.id, ts };
}

async function download(query: string, token = qa.token): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const r = await fetch(`${api.url}/api/v1/temperature-records/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
}

async function verifyCli(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return run('node', ['--import', 'tsx', 'app/cli.ts', 'verify-record', file, '--public-key', pem])
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }));
}

describe('the regulator\'s archive of a facility\'s records', () => {
  let facilityId: string;
  let a: Awaited<ReturnType<typeof delivered>>;
  let b: Awaited<ReturnType<typeof delivered>>;
  let other: Awaited<ReturnType<typeof delivered>>;
  let archive: Buffer;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    const f = await facility({ tier: 'forward' });
    facilityId = f.id;
    const s = await sku({ cls: 'chilled' });
    await stock(f.id, s.id, 20);
    a = await delivered(f.id, s.id, 7.5);
    b = await delivered(f.id, s.id, 6.25);
    const g = await facility({ tier: 'forward' });
    const s2 = await sku({ cls: 'chilled' });
    await stock(g.id, s2.id, 20);
    other = await delivered(g.id, s2.id, 5.5);
    await anchorPendingSeals(appDb(), recordKey());
  }, 180_000);

  it('a facility\'s day with two sealed records is one archive that verifies offline with the CLI; another facility\'s record is not in it', async () => {
    const r = await download(`facilityId=${facilityId}&from=${today}&to=${today}`);
    expect(r.status, r.bytes.toString()).toBe(200);
    expect(r.type).toBe('application/x-tar');
    archive = r.bytes;
    const names = readUstar(archive).map((e) => e.name);
    expect(names.filter((n) => n.startsWith('records/')).sort()).toEqual([`records/${a.shp}.json`, `records/${b.shp}.json`].sort());
    expect(names).not.toContain(`records/${other.shp}.json`);
    expect(names.some((n) => /^anchors\/\d+\.json$/.test(n))).toBe(true);
    expect(names.slice(-3)).toEqual(['public-key.pem', 'manifest.json', 'manifest.sig']);
    const manifest = JSON.parse(readUstar(archive).find((e) => e.name === 'manifest.json')!.data.toString());
    expect(manifest).toMatchObject({ format: 'coldchain.record-archive/1', facilityId, count: 2, keyId: recordKey().keyId, period: { from: `${today}T00:00:00.000Z` } });
    expect(manifest.files.map((f: any) => f.path)).toEqual(names.slice(0, -2));
    for (const f of manifest.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);

    const file = join(dir, 'day.tar');
    writeFileSync(file, archive);
    const v = await verifyCli(file);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(new RegExp(`^VERIFIED: record archive of ${facilityId}, .*, 2 record\\(s\\)`));
    expect(v.stdout).toContain(`OK   records/${a.shp}.json ${a.shp}: 2 entries, sealed, anchored`);
    expect(v.stdout).toContain(`OK   records/${b.shp}.json ${b.shp}: 2 entries, sealed, anchored`);
    expect(v.stdout).toContain('records: 2 verified, 0 failed');
    // the key embedded in the archive is trusted by its fingerprint
    const byFp = await run('node', ['--import', 'tsx', 'app/cli.ts', 'verify-record', file, '--fingerprint', recordKey().keyId]);
    expect(byFp.stdout).toMatch(/^VERIFIED/);
  }, 120_000);

  it('one changed byte in a record file inside the archive: the verifier names the file and the entry', async () => {
    const rec = readUstar(archive).find((e) => e.name === `records/${a.shp}.json`)!;
    const at = rec.data.indexOf('"probes":[7.5,');
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(archive);
    tampered[rec.offset + at + '"probes":['.length] = '6'.charCodeAt(0); // 7.5 °C → 6.5 °C
    const file = join(dir, 'tampered.tar');
    writeFileSync(file, tampered);
    const v = await verifyCli(file);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/^NOT VERIFIED/);
    const line = v.stdout.split('\n').find((l) => l.includes(`records/${a.shp}.json`))!;
    expect(line).toMatch(/^ {2}FAIL /);
    expect(line).toContain('SHA-256 differs from the manifest');
    expect(line).toContain(`entry #2 (${a.boxId} at ${new Date(a.ts[1]).toISOString()}): hash_mismatch`);
    expect(v.stdout).toContain(`OK   records/${b.shp}.json`);
    expect(v.stdout).toContain('records: 1 verified, 1 failed');
  }, 60_000);

  it('a file taken out of the archive is named', async () => {
    const kept = readUstar(archive).filter((e) => e.name !== `records/${b.shp}.json`);
    const file = join(dir, 'missing.tar');
    writeFileSync(file, Buffer.concat([...kept.flatMap((e) => ustarFile(e.name, e.data, Date.now())), ustarEnd()]));
    const v = await verifyCli(file);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(`FAIL records/${b.shp}.json — listed in the manifest, missing from the archive`);
    expect(v.stdout).toContain(`OK   records/${a.shp}.json`);
  }, 60_000);

  it('an empty period is a valid archive of 0 records', async () => {
    const r = await download(`facilityId=${facilityId}&from=2020-01-01&to=2020-01-31`);
    expect(r.status).toBe(200);
    const manifest = JSON.parse(readUstar(r.bytes).find((e) => e.name === 'manifest.json')!.data.toString());
    expect(manifest).toMatchObject({ count: 0, period: { from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' } });
    expect(manifest.files.map((f: any) => f.path)).toEqual(['public-key.pem']);
    const file = join(dir, 'empty.tar');
    writeFileSync(file, r.bytes);
    const v = await verifyCli(file);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^VERIFIED: record archive of fac_\w+, 2020-01-01T00:00:00.000Z – 2020-02-01T00:00:00.000Z, 0 record\(s\)/);
  }, 60_000);

  it('the CLI export-records writes the same archive, which verifies', async () => {
    const out = join(dir, 'cli.tar');
    const e = await run('node', ['--import', 'tsx', 'app/cli.ts', 'export-records', '--facility', facilityId, '--from', today, '--to', today, '--out', out]);
    expect(e.stdout).toContain(`archive written: ${out}`);
    const names = readUstar(readFileSync(out)).map((x) => x.name);
    expect(names.filter((n) => n.startsWith('records/')).sort()).toEqual([`records/${a.shp}.json`, `records/${b.shp}.json`].sort());
    const v = await verifyCli(out);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const bad = await run('node', ['--import', 'tsx', 'app/cli.ts', 'export-records', '--facility', 'fac_nosuch01', '--from', today, '--to', today, '--out', join(dir, 'x.tar')]).catch((x) => x);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('No facility fac_nosuch01');
  }, 120_000);

  it('bad input: unknown facility 404, reversed or over-long or unreadable period 400, only QA and admins', async () => {
    const get = (q: string, token = qa.token) => call(api.url, 'GET', `/api/v1/temperature-records/export?${q}`, { token });
    expect((await get(`facilityId=fac_nosuch01&from=${today}&to=${today}`)).body.error).toMatchObject({ code: 'facility_not_found' });
    const rev = await get(`facilityId=${facilityId}&from=2026-03-02&to=2026-03-01`);
    expect(rev.status).toBe(400);
    expect(rev.body.error.code).toBe('period_reversed');
    const long = await get(`facilityId=${facilityId}&from=2025-01-01&to=2026-01-02`);
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('period_too_long');
    expect((await get(`facilityId=${facilityId}&from=2025-01-01&to=2026-01-01`)).status).toBe(200); // 366 days
    expect((await get(`facilityId=${facilityId}&from=yesterday&to=${today}`)).body.error.code).toBe('invalid_period');
    expect((await get(`facilityId=bogus&from=${today}&to=${today}`)).body.error.code).toBe('validation_failed');
    const admin = await makeUser('admin');
    expect((await get(`facilityId=${facilityId}&from=${today}&to=${today}`, admin.token)).status).toBe(200);
    for (const role of ['partner', 'rider', 'dispatcher'] as const) {
      const u = await makeUser(role, role === 'partner' ? { facilityId } : {});
      const r = await get(`facilityId=${facilityId}&from=${today}&to=${today}`, u.token);
      expect(r.status, role).toBe(403);
    }
  }, 60_000);
});
