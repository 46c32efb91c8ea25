/**
 * Box readiness, packing and seals over HTTP on the real stack (issue 23; COMPLIANCE 15, 20): a
 * box pre-cools (its readings over MQTT through the ingest), becomes ready from its own readings,
 * is packed with the checklist and sealed with a one-time seal number, carries a delivery whose
 * door step checks the seal, comes back and is cleaned. Pickup waits for the seal when
 * DISPATCH_REQUIRE_SEAL is on. Every bad input has its own stable code.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import type { MqttClient } from 'mqtt';
import { appDb } from '../platform/db/pool';
import { makeUser, call, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { facility, sku, stock, box, rider, orderBody } from '../dispatch/testing/fixtures';
import { boxReadings, startCarryStack, type CarryStack } from './testing/carry';
import { currentDeliveryCode } from '../tracking';

process.env.TELEMETRY_CACHE_TTL_MS = '0';

let stack: CarryStack;
let api: TestApi;
let pub: MqttClient;
let dispatcher: TestUser;

beforeAll(async () => {
  stack = await startCarryStack();
  ({ api, pub, dispatcher } = stack);
});

afterAll(async () => { await stack?.close(); });
afterEach(() => { delete process.env.DISPATCH_REQUIRE_SEAL; });

const CHECKED = { coolantIsolated: true, productPlaced: true, probePositioned: true };

const readings = (boxId: string, minutes: number, celsius = 5) => boxReadings(pub, boxId, minutes, celsius);

const lifecycle = (boxId: string, token = dispatcher.token) => call(api.url, 'GET', `/api/v1/boxes/${boxId}/lifecycle`, { token });
const step = (boxId: string, body: unknown, token = dispatcher.token) => call(api.url, 'POST', `/api/v1/boxes/${boxId}/lifecycle`, { token, body });
async function ok(boxId: string, body: Record<string, unknown>, state: string, token?: string) {
  const r = await step(boxId, body, token);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.state).toBe(state);
  return r.body;
}
async function refused(boxId: string, body: unknown, status: number, code: string, token?: string) {
  const r = await step(boxId, body, token);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message.length).toBeGreaterThan(15);
  return r.body.error;
}
const seal = () => uniq('SL').replace(/[^A-Za-z0-9]/g, '').slice(0, 20).toUpperCase();

/** A forward facility with a chilled SKU in stock, a rider and a box paired to them. */
async function site() {
  const f = await facility({ tier: 'forward' });
  const s = await sku({ cls: 'chilled' });
  await stock(f.id, s.id, 50);
  const b = await box(f.id);
  const r = await rider(f.id);
  const paired = await call(api.url, 'POST', `/api/v1/boxes/${b.id}/pairing`, { token: dispatcher.token, body: { riderId: r.id } });
  expect(paired.status, JSON.stringify(paired.body)).toBe(200);
  const riderUser = await makeUser('rider', { riderId: r.id });
  const order = async () => {
    const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    return { id: o.body.shipments[0].id as string, token: o.body.token as string };
  };
  const act = (shp: string, body: Record<string, unknown>) => call(api.url, 'POST', `/api/v1/shipments/${shp}/events`, { token: riderUser.token, body });
  return { facilityId: f.id, boxId: b.id, riderId: r.id, order, act };
}

/** Pre-cool, pack and seal a box; returns the seal number. */
async function readyAndSeal(boxId: string): Promise<string> {
  expect((await step(boxId, { action: 'start_precool' })).status).toBe(200);
  await readings(boxId, 35);
  await ok(boxId, { action: 'pack', checklist: CHECKED }, 'packed');
  const n = seal();
  await ok(boxId, { action: 'seal', sealNumber: n }, 'sealed');
  return n;
}

describe('box lifecycle', () => {
  it('pre-cools until its own readings are in range for its pre-cool minutes, is packed with the checklist and sealed, recording who and when', async () => {
    const { boxId } = await site();
    expect((await lifecycle(boxId)).body).toMatchObject({ boxId, state: 'idle', sealNumber: null, precoolMinutes: 30, readiness: null, events: [] });
    const started = await ok(boxId, { action: 'start_precool', note: 'ice packs conditioned' }, 'pre_cooling');
    expect(started.readiness).toMatchObject({ ready: false, reason: 'no_readings' });
    await refused(boxId, { action: 'pack', checklist: CHECKED }, 409, 'box_not_ready');

    await readings(boxId, 10);
    expect((await lifecycle(boxId)).body).toMatchObject({ state: 'pre_cooling', readiness: { ready: false, reason: 'not_long_enough' } });
    await readings(boxId, 35);
    const ready = (await lifecycle(boxId)).body;
    expect(ready).toMatchObject({ state: 'ready', readiness: { ready: true } });
    expect(ready.events.at(-1)).toMatchObject({ action: 'became_ready', from: 'pre_cooling', to: 'ready', actor: { id: null, role: 'system' } });

    const e = await refused(boxId, { action: 'pack', checklist: { ...CHECKED, coolantIsolated: false } }, 400, 'checklist_incomplete');
    expect(e.details.missing).toEqual(['coolantIsolated']);
    await refused(boxId, { action: 'pack' }, 400, 'checklist_incomplete');
    const packed = await ok(boxId, { action: 'pack', checklist: CHECKED }, 'packed');
    expect(packed.events.at(-1)).toMatchObject({ action: 'pack', checklist: CHECKED, actor: { id: dispatcher.id, role: 'dispatcher' }, at: expect.any(String) });

    await refused(boxId, { action: 'seal' }, 400, 'seal_number_required');
    for (const bad of ['12345', 'GZ-2026-0001', 'A'.repeat(21), '封条123456']) await refused(boxId, { action: 'seal', sealNumber: bad }, 400, 'seal_number_invalid');
    const n = seal();
    const sealed = await ok(boxId, { action: 'seal', sealNumber: n.toLowerCase() }, 'sealed');
    expect(sealed).toMatchObject({ sealNumber: n, readiness: null });
    expect(sealed.events.at(-1)).toMatchObject({ action: 'seal', sealNumber: n, actor: { id: dispatcher.id } });

    const audit = (await appDb().query(`SELECT action, new_value FROM platform.audit_log WHERE entity_type = 'box' AND entity_id = $1 ORDER BY id`, [boxId])).rows;
    expect(audit.map((a) => a.action)).toEqual(['box.pair', 'box.start_precool', 'box.pack', 'box.seal']);
    expect(audit[3].new_value).toMatchObject({ state: 'sealed', sealNumber: n });
    // The events are records: the application cannot change them.
    await expect(appDb().query(`UPDATE dispatch.box_events SET seal_number = 'X' WHERE box_id = $1`, [boxId])).rejects.toThrow(/permission denied/);
  });

  it('refuses to seal while the logger is out of range, and a seal number used before on any box', async () => {
    const a = await site();
    const used = await readyAndSeal(a.boxId);
    const b = await site();
    await ok(b.boxId, { action: 'start_precool' }, 'pre_cooling');
    await readings(b.boxId, 35);
    await ok(b.boxId, { action: 'pack', checklist: CHECKED }, 'packed');
    await refused(b.boxId, { action: 'seal', sealNumber: used.toLowerCase() }, 409, 'seal_number_used');
    await readings(b.boxId, 0, 12);
    const warm = await refused(b.boxId, { action: 'seal', sealNumber: seal() }, 409, 'box_not_precooled');
    expect(warm.details).toMatchObject({ state: 'packed', reason: 'out_of_range' });
    // Packed and warming, it stays packed (the goods are in it) until it is back in range or unpacked.
    expect((await lifecycle(b.boxId)).body).toMatchObject({ state: 'packed', readiness: { ready: false, reason: 'out_of_range' } });
    await ok(b.boxId, { action: 'return' }, 'returned');
  });

  it('carries a delivery: pickup starts it, a wrong seal at the door is refused and recorded, the right one hands over; then return and cleaning', async () => {
    const s = await site();
    const n = await readyAndSeal(s.boxId);
    const shp = await s.order();
    const picked = await s.act(shp.id, { action: 'pick_up', boxId: s.boxId, label: shp.token });
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    expect((await lifecycle(s.boxId)).body).toMatchObject({ state: 'in_use', sealNumber: n });
    await refused(s.boxId, { action: 'return' }, 409, 'box_carrying');
    expect((await s.act(shp.id, { action: 'depart' })).status).toBe(200);
    const code = await currentDeliveryCode(appDb(), shp.id);

    const wrong = await s.act(shp.id, { action: 'deliver', code, seal: 'WRONG12345' });
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(409);
    expect(wrong.body.error.code).toBe('seal_mismatch');
    expect(wrong.body.error.message).not.toContain(n);
    const bad = await s.act(shp.id, { action: 'deliver', code, seal: 'GZ-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const after = (await lifecycle(s.boxId)).body;
    expect(after.state).toBe('in_use');
    expect(after.events.at(-1)).toMatchObject({ action: 'seal_mismatch', from: 'in_use', to: 'in_use', sealNumber: 'WRONG12345', shipmentId: shp.id, actor: { role: 'rider' } });
    expect((await call(api.url, 'GET', `/api/v1/shipments/${shp.id}/lifecycle`, { token: dispatcher.token })).body.state).toBe('in_transit');

    const done = await s.act(shp.id, { action: 'deliver', code, seal: n.toLowerCase() });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('delivered');

    const back = await ok(s.boxId, { action: 'return' }, 'returned');
    expect(back.sealNumber).toBeNull();
    await refused(s.boxId, { action: 'start_precool' }, 409, 'transition_not_allowed');
    await ok(s.boxId, { action: 'clean' }, 'cleaning');
    const idle = await ok(s.boxId, { action: 'cleaned' }, 'idle');
    expect(idle.events.map((e: { action: string }) => e.action)).toEqual(['start_precool', 'became_ready', 'pack', 'seal', 'pick_up', 'seal_mismatch', 'return', 'clean', 'cleaned']);
  });

  it('with DISPATCH_REQUIRE_SEAL, pickup refuses a box that is not sealed (box_not_sealed); without it, pickup works as before', async () => {
    const s = await site();
    await readings(s.boxId, 35);
    const shp = await s.order();
    process.env.DISPATCH_REQUIRE_SEAL = 'true';
    const r = await s.act(shp.id, { action: 'pick_up', boxId: s.boxId, label: shp.token });
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    // A box already cold when its pre-cool is started is ready at once.
    expect((await ok(s.boxId, { action: 'start_precool' }, 'ready')).events.map((e: { action: string }) => e.action)).toEqual(['start_precool', 'became_ready']);
    await ok(s.boxId, { action: 'stop_precool' }, 'idle');
    expect(r.body.error).toMatchObject({ code: 'box_not_sealed', details: { state: 'idle' } });
    await readyAndSeal(s.boxId);
    const picked = await s.act(shp.id, { action: 'pick_up', boxId: s.boxId, label: shp.token });
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    // A second shipment into the same sealed, carrying box.
    const second = await s.order();
    expect((await s.act(second.id, { action: 'pick_up', boxId: s.boxId, label: second.token })).status).toBe(200);

    delete process.env.DISPATCH_REQUIRE_SEAL;
    const t = await site();
    await readings(t.boxId, 35);
    const plain = await t.order();
    expect((await t.act(plain.id, { action: 'pick_up', boxId: t.boxId, label: plain.token })).status).toBe(200);
    expect((await lifecycle(t.boxId)).body).toMatchObject({ state: 'idle', events: [] });
  });

  it('bad input: unknown step, bad checklist, extra fields, bad and unknown box ids, steps out of order; partners only for their own store', async () => {
    const s = await site();
    await refused(s.boxId, { action: 'teleport' }, 400, 'validation_failed');
    await refused(s.boxId, {}, 400, 'validation_failed');
    await refused(s.boxId, { action: 'pack', checklist: { ...CHECKED, coolantIsolated: 'yes' } }, 400, 'validation_failed');
    await refused(s.boxId, { action: 'pack', checklist: { ...CHECKED, extra: true } }, 400, 'validation_failed');
    await refused(s.boxId, { action: 'start_precool', colour: 'blue' }, 400, 'validation_failed');
    await refused(s.boxId, { action: 'seal', sealNumber: 'x'.repeat(65) }, 400, 'validation_failed');
    await refused(s.boxId, { action: 'clean' }, 409, 'transition_not_allowed');
    await refused(s.boxId, { action: 'seal', sealNumber: 'ABC12345' }, 409, 'transition_not_allowed');
    await refused('not-a-box', { action: 'start_precool' }, 400, 'validation_failed');
    await refused('box_doesnotexist', { action: 'start_precool' }, 404, 'box_not_found');
    expect((await lifecycle('box_doesnotexist')).body.error.code).toBe('box_not_found');

    const own = await makeUser('partner', { facilityId: s.facilityId });
    await ok(s.boxId, { action: 'start_precool' }, 'pre_cooling', own.token);
    expect((await lifecycle(s.boxId, own.token)).status).toBe(200);
    const other = await makeUser('partner', { facilityId: (await facility({ tier: 'store' })).id });
    await refused(s.boxId, { action: 'stop_precool' }, 403, 'other_store', other.token);
    expect((await lifecycle(s.boxId, other.token)).body.error.code).toBe('other_store');
    const qa = await makeUser('qa');
    expect((await lifecycle(s.boxId, qa.token)).status).toBe(200);
    expect((await step(s.boxId, { action: 'stop_precool' }, qa.token)).status).toBe(403);
    await ok(s.boxId, { action: 'stop_precool' }, 'idle');
  });
});
