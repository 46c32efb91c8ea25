/**
 * The device-model registry and calibration certificates over HTTP (issue 23): a box is paired
 * or bound to a shipment only when its model reads to ±0.5 °C over 0–40 °C and an in-date
 * certificate is on file; every bad input has its own stable code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { appDb, withTx } from '../platform/db/pool';
import { call, makeUser, startTestApi, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { bindShipment } from './custody';
import { localDateOf } from './domain/zoned-time';
import { demoCertificatePdf } from './demo/certificate';
import { calibrationDueList } from './devices';
import { facility, orderBody, rider, sku, stock, dispatchRoutes, testAudit } from './testing/fixtures';

let api: TestApi;
let admin: TestUser, dispatcher: TestUser, qa: TestUser;
const today = localDateOf(new Date());
const addDays = (d: string, n: number) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);

const req = (method: string, path: string, body?: unknown, token = admin.token) => call(api.url, method, `/api/v1${path}`, { token, body });
const MODEL = {
  maker: 'Elitech', name: 'RC-5+', probeAccuracy: [{ fromC: -40, toC: 0, accuracyC: 1 }, { fromC: 0, toC: 40, accuracyC: 0.5 }],
  sampleIntervalS: 60, bufferReadings: 32000, holdover: [{ ambientC: 10, minutes: 480 }, { ambientC: 30, minutes: 300 }],
};
const model = (extra: Record<string, unknown> = {}) => ({ ...MODEL, name: uniq('RC-'), ...extra });
const pdf = (n = 'X') => demoCertificatePdf({ boxId: 'box_test', certificateNumber: n, issuer: 'Lab', calibratedOn: today, dueOn: today, model: 'RC' });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(13), Buffer.from([0, 0, 0, 0]), Buffer.from('IEND'), Buffer.from([0xae, 0x42, 0x60, 0x82])]);

function upload(boxId: string, bytes: Uint8Array | string, meta: Record<string, string>, contentType = 'application/pdf', token = admin.token) {
  const qs = new URLSearchParams(meta).toString();
  return call(api.url, 'POST', `/api/v1/boxes/${boxId}/certificates?${qs}`, { token, rawBody: bytes as Uint8Array, headers: { 'content-type': contentType } });
}
const meta = (extra: Record<string, string> = {}) => ({ certificateNumber: uniq('GZJL-'), issuer: '广州市计量检测技术研究院', calibratedOn: addDays(today, -10), dueOn: addDays(today, 355), ...extra });

let fac: string;
async function newBox(extra: Record<string, unknown> = {}) {
  const r = await req('POST', '/boxes', { id: uniq('box_'), facilityId: fac, kind: 'active', holdoverMinutes: { summer: 240, winter: 360 }, calibrationDue: '2099-01-01', compartments: [{ temperatureClass: 'chilled', capacityUnits: 10 }], ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; modelId: string; calibrationDue: string };
}
const listed = async (boxId: string) => (await req('GET', `/boxes?facilityId=${fac}`)).body.boxes.find((b: { id: string }) => b.id === boxId);

beforeAll(async () => {
  api = await startTestApi([dispatchRoutes()]);
  [admin, dispatcher, qa] = await Promise.all([makeUser('admin'), makeUser('dispatcher'), makeUser('qa')]);
  fac = (await facility({ riders: 0 })).id;
}, 60_000);
afterAll(async () => { await api?.close(); });

describe('device models', () => {
  it('creates, reads, replaces and removes a model; tells whether it meets GSP accuracy; audits each change', async () => {
    const c = await req('POST', '/device-models', model());
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ id: expect.stringMatching(/^dm_/), gsp: { accurate: true, reason: null }, boxes: 0 });
    expect((await req('GET', `/device-models/${c.body.id}`, undefined, dispatcher.token)).body).toEqual(c.body);
    expect((await req('GET', '/device-models', undefined, qa.token)).body.models.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['dm_default', c.body.id]));

    const worse = await req('PUT', `/device-models/${c.body.id}`, { ...MODEL, name: c.body.name, probeAccuracy: [{ fromC: -40, toC: 50, accuracyC: 0.8 }] });
    expect(worse.status).toBe(200);
    expect(worse.body.gsp).toEqual({ accurate: false, reason: '±0.8 °C between -40 and 50 °C; GSP needs ±0.5 °C over 0–40 °C' });
    const gap = await req('PUT', `/device-models/${c.body.id}`, { ...MODEL, name: c.body.name, probeAccuracy: [{ fromC: 0, toC: 20, accuracyC: 0.2 }, { fromC: 25, toC: 40, accuracyC: 0.2 }] });
    expect(gap.body.gsp).toEqual({ accurate: false, reason: 'no stated accuracy from 20 °C; the ranges must cover 0–40 °C' });

    expect((await req('DELETE', `/device-models/${c.body.id}`)).status).toBe(204);
    expect((await req('GET', `/device-models/${c.body.id}`)).body.error.code).toBe('device_model_not_found');
    const audit = (await appDb().query(`SELECT action FROM platform.audit_log WHERE entity_type = 'device_model' AND entity_id = $1 ORDER BY id`, [c.body.id])).rows.map((r) => r.action);
    expect(audit).toEqual(['device_model.create', 'device_model.update', 'device_model.update', 'device_model.delete']);
  });

  it('refuses bad models with a stable code each, and any offset field (no function corrects sensor values)', async () => {
    const bad = async (body: unknown, code: string, issue: string) => {
      const r = await req('POST', '/device-models', body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.details.issues[0].code, JSON.stringify(r.body.error)).toBe(issue);
      expect(r.body.error.message.length).toBeGreaterThan(10);
    };
    await bad(model({ probeAccuracy: [{ fromC: 0, toC: 40, accuracyC: 0 }] }), 'validation_failed', 'too_small');
    await bad(model({ probeAccuracy: [{ fromC: 40, toC: 0, accuracyC: 0.5 }] }), 'validation_failed', 'range_inverted');
    await bad(model({ probeAccuracy: [{ fromC: 0, toC: 500, accuracyC: 0.5 }] }), 'validation_failed', 'too_big');
    await bad(model({ probeAccuracy: [] }), 'validation_failed', 'too_small');
    await bad(model({ holdover: [{ ambientC: 30, minutes: 300 }, { ambientC: 10, minutes: 480 }] }), 'validation_failed', 'holdover_unsorted');
    await bad(model({ holdover: [{ ambientC: 10, minutes: 480 }, { ambientC: 10, minutes: 400 }] }), 'validation_failed', 'holdover_unsorted');
    await bad(model({ holdover: [{ ambientC: 10, minutes: 0 }] }), 'validation_failed', 'too_small');
    await bad(model({ sampleIntervalS: 0 }), 'validation_failed', 'too_small');
    await bad(model({ bufferReadings: 1.5 }), 'validation_failed', 'invalid_type');
    await bad(model({ maker: '' }), 'validation_failed', 'too_small');
    await bad(model({ offsetC: 0.3 }), 'validation_failed', 'unknown_field');
    await bad({ ...model(), probeAccuracy: [{ fromC: 0, toC: 40, accuracyC: 0.5, offsetC: -0.2 }] }, 'validation_failed', 'unknown_field');

    const m = model();
    expect((await req('POST', '/device-models', m)).status).toBe(201);
    expect((await req('POST', '/device-models', m)).body.error.code).toBe('already_exists');
    expect((await req('PUT', '/device-models/dm_nosuch', m)).body.error.code).toBe('device_model_not_found');
    expect((await req('GET', '/device-models/nope')).body.error.code).toBe('validation_failed');
    expect((await req('POST', '/device-models', model(), dispatcher.token)).status).toBe(403);
    expect((await req('DELETE', '/device-models/dm_default')).body.error.code).toBe('device_model_default');
  });
});

describe('pairing and pickup', () => {
  it('a box registered without a model gets the default one and its due date as a declared certificate; an unknown model is refused', async () => {
    const b = await newBox();
    expect(b.modelId).toBe('dm_default');
    expect(await listed(b.id)).toMatchObject({ model: { id: 'dm_default', name: 'Generic GSP cold box logger', gspAccurate: true }, certificate: 'declared', calibrationDue: '2099-01-01', calibration: { state: 'ok' } });
    const certs = (await req('GET', `/boxes/${b.id}/certificates`, undefined, dispatcher.token)).body.certificates;
    expect(certs).toEqual([expect.objectContaining({ source: 'declared', dueOn: '2099-01-01', certificateNumber: null, sha256: null, uploadedBy: admin.id })]);
    expect((await req('GET', `/boxes/${b.id}/certificates/${certs[0].id}`)).body.error.code).toBe('no_document');
    const r = await req('POST', '/boxes', { facilityId: fac, kind: 'active', modelId: 'dm_nosuch', holdoverMinutes: { summer: 240, winter: 360 }, calibrationDue: '2099-01-01', compartments: [{ temperatureClass: 'chilled', capacityUnits: 10 }] });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('device_model_not_found');
  });

  it('refuses to pair a box whose model is not GSP-accurate, that has no certificate, or whose certificate is overdue; an in-date upload lets it pair', async () => {
    const rd = (await rider(fac)).id;
    const pair = (boxId: string) => req('POST', `/boxes/${boxId}/pairing`, { riderId: rd }, dispatcher.token);

    const coarse = (await req('POST', '/device-models', model({ probeAccuracy: [{ fromC: -20, toC: 60, accuracyC: 1 }] }))).body;
    const b1 = await newBox({ modelId: coarse.id });
    expect(await listed(b1.id)).toMatchObject({ model: { id: coarse.id, gspAccurate: false } });
    const p1 = await pair(b1.id);
    expect(p1.status).toBe(409);
    expect(p1.body.error).toMatchObject({ code: 'model_not_gsp_accurate', details: { modelId: coarse.id } });
    expect((await req('PUT', `/boxes/${b1.id}/model`, { modelId: 'dm_default' })).body).toEqual({ boxId: b1.id, modelId: 'dm_default' });
    expect((await pair(b1.id)).status).toBe(200);
    expect((await req('PUT', `/boxes/${b1.id}/model`, { modelId: 'dm_nosuch' })).body.error.code).toBe('device_model_not_found');
    expect((await req('PUT', '/boxes/box_nosuch/model', { modelId: 'dm_default' })).body.error.code).toBe('box_not_found');
    expect((await req('PUT', `/boxes/${b1.id}/model`, { modelId: 'dm_default' }, dispatcher.token)).status).toBe(403);

    // A box written straight into the table (an import, an old fixture) has no certificate.
    const b2 = uniq('box_');
    await appDb().query(`INSERT INTO dispatch.boxes (id, facility_id, kind, holdover_minutes, calibration_due, model_id) VALUES ($1, $2, 'active', '{"summer":120,"winter":180}', '2099-01-01', 'dm_default')`, [b2, fac]);
    expect((await pair(b2)).body.error.code).toBe('no_calibration_certificate');
    expect((await listed(b2)).certificate).toBeNull();

    const b3 = await newBox({ calibrationDue: '2020-01-01' });
    expect(await listed(b3.id)).toMatchObject({ calibration: { state: 'overdue' } });
    expect((await pair(b3.id)).body.error).toMatchObject({ code: 'calibration_overdue', details: { calibrationDue: '2020-01-01' } });
    const soon = addDays(today, 10);
    const up = await upload(b3.id, pdf(), meta({ dueOn: soon, calibratedOn: addDays(today, -300) }));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    // The box's due date is the latest certificate's: one source.
    expect(await listed(b3.id)).toMatchObject({ calibrationDue: soon, calibration: { state: 'due_soon', daysLeft: 10 }, certificate: 'documented' });
    expect((await req('GET', `/boxes/${b3.id}`)).body).toMatchObject({ calibrationDue: soon, calibration: { state: 'due_soon' } });
    expect((await pair(b3.id)).status).toBe(200);
  });

  it('pickup (shipment ↔ box binding) refuses the same boxes with the same codes', async () => {
    const f = await facility();
    const s = await sku({ cls: 'chilled' });
    await stock(f.id, s.id, 5);
    const rd = await rider(f.id);
    const mk = async (extra: Record<string, unknown>) => (await req('POST', '/boxes', { id: uniq('box_'), facilityId: f.id, kind: 'active', holdoverMinutes: { summer: 240, winter: 360 }, calibrationDue: '2099-01-01', compartments: [{ temperatureClass: 'chilled', capacityUnits: 10 }], ...extra })).body.id as string;
    const soon = await mk({ calibrationDue: addDays(today, 5) });
    const o = await req('POST', '/orders', orderBody([{ skuId: s.id, quantity: 1 }]), dispatcher.token);
    expect(o.status, JSON.stringify(o.body)).toBeLessThan(300);
    const shp = o.body.shipments[0].id;
    const coarse = (await req('POST', '/device-models', model({ probeAccuracy: [{ fromC: 0, toC: 40, accuracyC: 0.6 }] }))).body;
    const bind = (boxId: string) => withTx(appDb(), (c) => bindShipment(c, { shipmentId: shp, boxId, riderId: rd.id, audit: testAudit }));
    await expect(bind(await mk({ modelId: coarse.id }))).rejects.toMatchObject({ status: 409, code: 'model_not_gsp_accurate' });
    await expect(bind(await mk({ calibrationDue: '2020-01-01' }))).rejects.toMatchObject({ status: 409, code: 'calibration_overdue' });
    const bare = uniq('box_');
    await appDb().query(`INSERT INTO dispatch.boxes (id, facility_id, kind, holdover_minutes, calibration_due, model_id) VALUES ($1, $2, 'active', '{"summer":120,"winter":180}', '2099-01-01', 'dm_default')`, [bare, f.id]);
    await appDb().query(`INSERT INTO dispatch.box_compartments (box_id, temperature_class, capacity_units) VALUES ($1, 'chilled', 10)`, [bare]);
    await expect(bind(bare)).rejects.toMatchObject({ status: 409, code: 'no_calibration_certificate' });
    expect((await bind(soon)).warnings).toEqual([`calibration due in 5 days (${addDays(today, 5)})`]);
  });
});

describe('the daily calibration-due list', () => {
  it('lists boxes due within the warning window and overdue ones, soonest first, and not the others', async () => {
    const [due, overdue, fine] = [await newBox({ calibrationDue: addDays(today, 30) }), await newBox({ calibrationDue: '2020-01-01' }), await newBox({ calibrationDue: addDays(today, 31) })];
    const mine = (await calibrationDueList(appDb(), today, 30)).filter((b) => [due.id, overdue.id, fine.id].includes(b.boxId));
    expect(mine).toEqual([
      { boxId: overdue.id, facilityId: fac, dueOn: '2020-01-01', state: 'overdue' },
      { boxId: due.id, facilityId: fac, dueOn: addDays(today, 30), state: 'due_soon' },
    ]);
  });
});

describe('certificates', () => {
  it('stores the document with its SHA-256, lists newest first, gives it back unchanged, and audits the upload', async () => {
    const b = await newBox();
    const doc = pdf('GZJL-1');
    const m1 = meta({ calibratedOn: addDays(today, -400), dueOn: addDays(today, -40) });
    const m2 = meta();
    const first = await upload(b.id, doc, m1);
    expect(first.status).toBe(201);
    const png = await upload(b.id, PNG, m2, 'image/png');
    expect(png.body).toMatchObject({ source: 'documented', contentType: 'image/png', certificateNumber: m2.certificateNumber, issuer: m2.issuer, calibratedOn: m2.calibratedOn, dueOn: m2.dueOn, bytes: PNG.length });
    const list = (await req('GET', `/boxes/${b.id}/certificates`, undefined, qa.token)).body.certificates;
    expect(list.map((c: { certificateNumber: string | null }) => c.certificateNumber)).toEqual([m2.certificateNumber, m1.certificateNumber, null]);
    expect((await listed(b.id)).calibrationDue).toBe(m2.dueOn);
    expect(first.body.sha256).toBe(createHash('sha256').update(doc).digest('hex'));

    const dl = await fetch(`${api.url}/api/v1/boxes/${b.id}/certificates/${first.body.id}`, { headers: { authorization: `Bearer ${dispatcher.token}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('digest')).toBe(`sha-256=${Buffer.from(first.body.sha256, 'hex').toString('base64')}`);
    expect(Buffer.from(await dl.arrayBuffer()).equals(doc)).toBe(true);
    expect((await req('GET', `/boxes/${b.id}/certificates/cal_nosuch`)).body.error.code).toBe('certificate_not_found');

    const audit = (await appDb().query(`SELECT actor_id, new_value FROM platform.audit_log WHERE entity_type = 'box' AND entity_id = $1 AND action = 'box.certificate' ORDER BY id`, [b.id])).rows;
    expect(audit.map((a) => [a.actor_id, a.new_value.certificateNumber, a.new_value.sha256])).toEqual([[admin.id, m1.certificateNumber, first.body.sha256], [admin.id, m2.certificateNumber, png.body.sha256]]);
  });

  it('refuses every bad upload with a stable code and a message a person understands', async () => {
    const b = await newBox();
    const bad = async (r: Awaited<ReturnType<typeof upload>>, status: number, code: string) => {
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message.length).toBeGreaterThan(10);
    };
    await bad(await upload(b.id, 'hello', meta(), 'text/plain'), 415, 'unsupported_media_type');
    await bad(await upload(b.id, new Uint8Array(0), meta()), 400, 'body_required');
    await bad(await upload(b.id, Buffer.from('GIF89a not a certificate'), meta()), 400, 'document_unsupported');
    await bad(await upload(b.id, Buffer.from('<html>%PDF-</html>'), meta()), 400, 'document_unsupported');
    await bad(await upload(b.id, pdf().subarray(0, 200), meta()), 400, 'document_corrupt');
    await bad(await upload(b.id, PNG.subarray(0, 20), meta(), 'image/png'), 400, 'document_corrupt');
    await bad(await upload(b.id, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), meta(), 'image/jpeg'), 400, 'document_corrupt');
    await bad(await upload(b.id, PNG, meta()), 400, 'document_type_mismatch');
    await bad(await upload(b.id, Buffer.concat([pdf(), Buffer.alloc(5 * 1024 * 1024)]), meta()), 413, 'payload_too_large');
    const { certificateNumber: _, ...noNumber } = meta();
    await bad(await upload(b.id, pdf(), noNumber), 400, 'validation_failed');
    await bad(await upload(b.id, pdf(), meta({ certificateNumber: '../etc/passwd' })), 400, 'validation_failed');
    await bad(await upload(b.id, pdf(), meta({ dueOn: '2026-02-30' })), 400, 'validation_failed');
    await bad(await upload(b.id, pdf(), { ...meta(), offsetC: '0.2' }), 400, 'validation_failed');
    await bad(await upload(b.id, pdf(), meta({ calibratedOn: addDays(today, 1), dueOn: addDays(today, 300) })), 400, 'calibrated_in_future');
    await bad(await upload(b.id, pdf(), meta({ dueOn: addDays(today, -10) })), 400, 'due_before_calibration');
    await bad(await upload(b.id, pdf(), meta({ dueOn: addDays(today, 400) })), 400, 'interval_over_a_year');
    const m = meta();
    expect((await upload(b.id, pdf(), m)).status).toBe(201);
    await bad(await upload(b.id, pdf(), m), 409, 'certificate_exists');
    await bad(await upload('box_nosuch', pdf(), meta()), 404, 'box_not_found');
    expect((await upload(b.id, pdf(), meta(), 'application/pdf', dispatcher.token)).status).toBe(403);
    expect((await req('GET', '/boxes/box_nosuch/certificates')).body.error.code).toBe('box_not_found');
  });
});
