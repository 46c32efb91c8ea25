/**
 * Whole deliveries through the HTTP API on the real stack: a box that really pre-cooled (its
 * readings go over MQTT through the ingest), pickup with the box and label scans, the customer's
 * code at the door, wrong codes, a failed delivery and its return, a store pickup, a rider's
 * offline queue replayed, and a handover between riders.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { appDb } from '../platform/db/pool';
import { makeUser, call, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { telemetryPayload, topicOf, waitFor } from '../telemetry/testing/fakes';
import { facility, sku, stock, box, rider, orderBody } from '../dispatch/testing/fixtures';
import { subscribeFeedForTest } from '../dispatch/testing/feed';
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


const precool = (boxId: string, minutes: number, celsius = 5) => boxReadings(pub, boxId, minutes, celsius);

/** A paid chilled order at a facility with a rider whose paired box has pre-cooled. */
async function delivery(opts: { precoolMinutes?: number; items?: number; mode?: 'pickup'; rx?: boolean } = {}) {
  const f = await facility({ tier: opts.mode === 'pickup' ? 'store' : 'forward' });
  const s = await sku({ cls: 'chilled', rx: opts.rx });
  await stock(f.id, s.id, 50);
  const b = await box(f.id);
  const r = await rider(f.id);
  const paired = await call(api.url, 'POST', `/api/v1/boxes/${b.id}/pairing`, { token: dispatcher.token, body: { riderId: r.id } });
  expect(paired.status, JSON.stringify(paired.body)).toBe(200);
  if (opts.precoolMinutes !== 0) await precool(b.id, opts.precoolMinutes ?? 35);
  const shipments: Array<{ id: string; token: string; orderId: string }> = [];
  for (let i = 0; i < (opts.items ?? 1); i++) {
    const extra = opts.mode === 'pickup' ? { delivery: { mode: 'pickup', facilityId: f.id } } : {};
    const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }], { ...extra, ...(opts.rx ? { rxRef: uniq('rx-') } : {}) }) });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    shipments.push({ id: o.body.shipments[0].id, token: o.body.token, orderId: o.body.id });
  }
  if (opts.rx) {
    const qa = await makeUser('qa');
    for (const s of shipments) {
      const v = await call(api.url, 'POST', `/api/v1/orders/${s.orderId}/rx-review`, { token: qa.token, body: { verdict: 'verified', note: 'prescription checked' } });
      expect(v.status, JSON.stringify(v.body)).toBe(200);
    }
  }
  const riderUser = await makeUser('rider', { riderId: r.id });
  const act = (shp: string, body: Record<string, unknown>, token = riderUser.token) => call(api.url, 'POST', `/api/v1/shipments/${shp}/events`, { token, body });
  const lifecycle = (shp: string, token = dispatcher.token) => call(api.url, 'GET', `/api/v1/shipments/${shp}/lifecycle`, { token });
  return { facilityId: f.id, boxId: b.id, riderId: r.id, riderUser, shipments, shp: shipments[0], act, lifecycle };
}

const at = { lat: 23.131, lng: 113.321 };

describe('a rider delivery, end to end', () => {
  it('goes planned → at_pickup → picked_up → in_transit → arriving → delivered, each step recorded with who, when and where', async () => {
    const d = await delivery();
    const { id, token } = d.shp;
    const deviceAt = new Date(Date.now() - 2000).toISOString();
    expect((await d.act(id, { action: 'arrive_pickup', deviceAt, location: at, accuracyM: 8 })).body.state).toBe('at_pickup');
    const picked = await d.act(id, { action: 'pick_up', boxId: d.boxId, label: `https://track.example/t/${token}` });
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    expect(picked.body).toMatchObject({ state: 'picked_up', boxId: d.boxId, holdoverMinutes: expect.any(Number) });
    expect(picked.body).not.toHaveProperty('code');
    expect((await d.act(id, { action: 'depart' })).body.state).toBe('in_transit');
    expect((await d.act(id, { action: 'arriving' })).body.state).toBe('arriving');
    // The customer reads the code from their SMS or tracking page.
    const code = await currentDeliveryCode(appDb(), id);
    expect(code).toMatch(/^\d{6}$/);
    const done = await d.act(id, { action: 'deliver', code, location: { lat: 23.134, lng: 113.323 } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('delivered');
    expect(await currentDeliveryCode(appDb(), id)).toBeNull();

    const l = (await d.lifecycle(id)).body;
    expect(l.state).toBe('delivered');
    expect(l.events.map((e: any) => `${e.from}→${e.to}`)).toEqual(['planned→at_pickup', 'at_pickup→picked_up', 'picked_up→in_transit', 'in_transit→arriving', 'arriving→delivered']);
    expect(l.events[0]).toMatchObject({ deviceAt, location: { lat: at.lat, lng: at.lng, accuracyM: 8 }, actor: { id: d.riderUser.id, role: 'rider' } });
    expect(l.custody.map((k: any) => k.holder.kind)).toEqual(['facility', 'rider', 'customer']);
    expect(l.custody[1]).toMatchObject({ holder: { id: d.riderId }, boxId: d.boxId, compartments: [{ temperatureClass: 'chilled', units: expect.any(Number) }] });
    expect((await call(api.url, 'GET', `/api/v1/orders/${d.shp.orderId}`, { token: dispatcher.token })).body.status).toBe('delivered');
    // Nothing leaves a delivered shipment.
    const again = await d.act(id, { action: 'fail', reason: 'refused' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'shipment_ended', details: { state: 'delivered' } });
  });

  it('records the plan giving the shipment to a rider as planned → assigned, by the planner, with the plan and the ETA; the same rider again adds nothing', async () => {
    const d = await delivery();
    const plan = await call(api.url, 'POST', `/api/v1/facilities/${d.facilityId}/plan`, { token: dispatcher.token });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const l = (await d.lifecycle(d.shp.id)).body;
    expect(l.state).toBe('assigned');
    expect(l.events).toHaveLength(1);
    expect(l.events[0]).toMatchObject({ action: 'assign', from: 'planned', to: 'assigned', riderId: d.riderId, actor: { id: 'system:planner', role: 'system' }, detail: { planId: plan.body.planId, eta: expect.any(String) } });
    await call(api.url, 'POST', `/api/v1/facilities/${d.facilityId}/plan`, { token: dispatcher.token });
    expect((await d.lifecycle(d.shp.id)).body.events).toHaveLength(1);
    expect((await d.act(d.shp.id, { action: 'arrive_pickup' })).body).toMatchObject({ state: 'at_pickup', seq: 2 });
  });

  it('records a plan taking the shipment back (its rider went off duty) as unassign, and an order cancelled before pickup as cancel', async () => {
    const d = await delivery();
    expect((await call(api.url, 'POST', `/api/v1/facilities/${d.facilityId}/plan`, { token: dispatcher.token })).status).toBe(200);
    const off = await call(api.url, 'POST', `/api/v1/riders/${d.riderId}/status`, { token: dispatcher.token, body: { status: 'offline' } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect((await call(api.url, 'POST', `/api/v1/facilities/${d.facilityId}/plan`, { token: dispatcher.token })).status).toBe(200);
    let l = (await d.lifecycle(d.shp.id)).body;
    expect(l.events.map((e: any) => `${e.action}:${e.from}→${e.to}`)).toEqual(['assign:planned→assigned', 'unassign:assigned→planned']);
    expect(l.events[1]).toMatchObject({ riderId: null, detail: { fromRiderId: d.riderId } });

    await call(api.url, 'POST', `/api/v1/riders/${d.riderId}/status`, { token: dispatcher.token, body: { status: 'online' } });
    expect((await call(api.url, 'POST', `/api/v1/facilities/${d.facilityId}/plan`, { token: dispatcher.token })).status).toBe(200);
    const cancel = await call(api.url, 'POST', `/api/v1/orders/${d.shp.orderId}/cancel`, { token: dispatcher.token, body: { reason: 'customer changed their mind' } });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    l = (await d.lifecycle(d.shp.id)).body;
    expect(l.state).toBe('cancelled');
    expect(l.events.at(-1)).toMatchObject({ action: 'cancel', from: 'assigned', to: 'cancelled', note: 'customer changed their mind', actor: { id: dispatcher.id, role: 'dispatcher' } });
    const late = await d.act(d.shp.id, { action: 'arrive_pickup' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'shipment_ended', details: { state: 'cancelled' } });
  });

  it('refuses a pickup with the reason: wrong label, a box not paired with the rider, a box not pre-cooled', async () => {
    const d = await delivery();
    const early = await d.act(d.shp.id, { action: 'deliver', code: '123456' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'transition_not_allowed', details: { state: 'planned' } });
    expect(early.body.error.message).toMatch(/planned/);

    const wrongLabel = await d.act(d.shp.id, { action: 'pick_up', boxId: d.boxId, label: 'https://track.example/t/notthisone' });
    expect(wrongLabel.body.error?.code).toBe('wrong_label');
    const noLabel = await d.act(d.shp.id, { action: 'pick_up', boxId: d.boxId });
    expect(noLabel.status).toBe(400);
    expect(noLabel.body.error.code).toBe('label_required');

    const other = await box(d.facilityId);
    const notPaired = await d.act(d.shp.id, { action: 'pick_up', boxId: other.id, label: d.shp.id });
    expect(notPaired.status).toBe(409);
    expect(notPaired.body.error.code).toBe('box_not_paired');

    // A box switched on ten minutes ago has not pre-cooled for its 30 minutes.
    const fresh = await box(d.facilityId);
    await call(api.url, 'POST', `/api/v1/boxes/${fresh.id}/pairing`, { token: dispatcher.token, body: { riderId: d.riderId } });
    await precool(fresh.id, 10);
    const warm = await d.act(d.shp.id, { action: 'pick_up', boxId: fresh.id, label: d.shp.id });
    expect(warm.status).toBe(409);
    expect(warm.body.error).toMatchObject({ code: 'box_not_precooled', details: { reason: 'not_long_enough' } });
    expect(warm.body.error.message).toMatch(/of the 30 minutes/);
    // Nothing moved.
    expect((await d.lifecycle(d.shp.id)).body).toMatchObject({ state: 'planned', events: [] });
  });

  it('locks the code after five wrong tries and tells the dispatcher; a new code from the dispatcher works', async () => {
    const d = await delivery({ rx: true });
    const seen: any[] = [];
    const stop = await subscribeFeedForTest((e) => { if (e.shipmentId === d.shp.id) seen.push(e); });
    try {
      await d.act(d.shp.id, { action: 'pick_up', boxId: d.boxId, label: d.shp.id });
      const right = (await currentDeliveryCode(appDb(), d.shp.id))!;
      const wrong = right === '000000' ? '111111' : '000000';
      for (let i = 4; i >= 1; i--) {
        const r = await d.act(d.shp.id, { action: 'deliver', code: wrong });
        expect(r.status).toBe(422);
        expect(r.body.error).toMatchObject({ code: 'delivery_code_wrong', details: { triesLeft: i } });
      }
      const fifth = await d.act(d.shp.id, { action: 'deliver', code: wrong });
      expect(fifth.status).toBe(423);
      expect(fifth.body.error.code).toBe('delivery_code_locked');
      expect((await d.act(d.shp.id, { action: 'deliver', code: right })).status).toBe(423);
      await waitFor(() => seen.some((e) => e.type === 'delivery_code.locked'));
      expect(await currentDeliveryCode(appDb(), d.shp.id)).toBeNull();

      const noReason = await call(api.url, 'POST', `/api/v1/shipments/${d.shp.id}/delivery-code`, { token: dispatcher.token, body: {} });
      expect(noReason.status).toBe(400);
      const re = await call(api.url, 'POST', `/api/v1/shipments/${d.shp.id}/delivery-code`, { token: dispatcher.token, body: { reason: 'customer called, identity checked' } });
      expect(re.status, JSON.stringify(re.body)).toBe(200);
      const fresh = (await currentDeliveryCode(appDb(), d.shp.id))!;
      const missing = await d.act(d.shp.id, { action: 'deliver' });
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('delivery_code_required');
      expect((await d.act(d.shp.id, { action: 'deliver', code: fresh })).body.state).toBe('delivered');
      expect(seen.filter((e) => e.type === 'shipment.state').map((e) => e.state)).toEqual(['picked_up', 'delivered']);
    } finally { stop(); }
  });

  it('a failed delivery goes back: failed (customer absent) → returning → returned, and the box is free again', async () => {
    const d = await delivery();
    await d.act(d.shp.id, { action: 'pick_up', boxId: d.boxId, label: d.shp.token });
    await d.act(d.shp.id, { action: 'depart' });
    const noReason = await d.act(d.shp.id, { action: 'fail' });
    expect(noReason.status).toBe(400);
    const badReason = await d.act(d.shp.id, { action: 'fail', reason: 'tired' });
    expect(badReason.status).toBe(400);
    const failed = await d.act(d.shp.id, { action: 'fail', reason: 'customer_absent', note: '敲门无人应答' });
    expect(failed.body).toMatchObject({ state: 'failed', reason: 'customer_absent' });
    // Planning no longer sends it to the door.
    expect((await appDb().query(`SELECT status FROM dispatch.shipments WHERE id = $1`, [d.shp.id])).rows[0].status).toBe('returning');
    const deliverNow = await d.act(d.shp.id, { action: 'deliver', code: '000000' });
    expect(deliverNow.status).toBe(409);
    expect(deliverNow.body.error.message).toMatch(/bring it back/);
    expect((await d.act(d.shp.id, { action: 'start_return' })).body.state).toBe('returning');
    expect((await d.act(d.shp.id, { action: 'return' })).body.state).toBe('returned');
    expect((await appDb().query(`SELECT status FROM dispatch.boxes WHERE id = $1`, [d.boxId])).rows[0].status).toBe('available');
    const l = (await d.lifecycle(d.shp.id)).body;
    expect(l.events.find((e: any) => e.action === 'fail')).toMatchObject({ reason: 'customer_absent', note: '敲门无人应答' });
    expect(l.custody.map((k: any) => k.holder.kind)).toEqual(['facility', 'rider', 'facility']);
    expect((await call(api.url, 'GET', `/api/v1/orders/${d.shp.orderId}`, { token: dispatcher.token })).body.status).not.toBe('delivered');
  });

  it('a store pickup: the store puts it out, the customer collects it with the code; no rider step applies', async () => {
    const d = await delivery({ mode: 'pickup', precoolMinutes: 0 });
    const partner = await makeUser('partner', { facilityId: d.facilityId });
    const otherPartner = await makeUser('partner', { facilityId: 'fac_elsewhere' });
    expect((await d.act(d.shp.id, { action: 'ready_for_pickup' }, otherPartner.token)).status).toBe(403);
    expect((await d.act(d.shp.id, { action: 'pick_up', boxId: d.boxId, label: d.shp.id }, dispatcher.token)).body.error.code).toBe('wrong_delivery_mode');
    expect((await d.act(d.shp.id, { action: 'ready_for_pickup' }, partner.token)).body.state).toBe('ready_for_pickup');
    const code = (await currentDeliveryCode(appDb(), d.shp.id))!;
    expect((await d.act(d.shp.id, { action: 'collect', code }, d.riderUser.token)).status).toBe(403);
    const collected = await d.act(d.shp.id, { action: 'collect', code }, partner.token);
    expect(collected.body.state).toBe('collected');
    expect((await call(api.url, 'GET', `/api/v1/orders/${d.shp.orderId}`, { token: dispatcher.token })).body.status).toBe('delivered');
    expect((await d.lifecycle(d.shp.id, partner.token)).body.custody.map((k: any) => k.holder.kind)).toEqual(['facility', 'customer']);
  });

  it('replays a rider\'s offline queue of 30 events: the same answers again, one effect each', async () => {
    const d = await delivery({ items: 6 });
    const queue = d.shipments.flatMap((s, i) => ['arrive_pickup', 'pick_up', 'depart', 'arriving', 'deliver'].map((action, j) => ({ shp: s.id, body: { action, clientEventId: `q-${i}-${j}`, deviceAt: new Date(Date.now() - (30 - i * 5 - j) * 1000).toISOString() } as Record<string, unknown> })));
    expect(queue).toHaveLength(30);
    const first: any[] = [];
    for (const e of queue) {
      if (e.body.action === 'pick_up') Object.assign(e.body, { boxId: d.boxId, label: e.shp });
      if (e.body.action === 'deliver') e.body.code = await currentDeliveryCode(appDb(), e.shp);
      const r = await d.act(e.shp, e.body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      first.push(r.body);
    }
    // The connection dropped before the answers arrived: the app sends the whole queue again, twice.
    for (let round = 0; round < 2; round++) {
      for (const [i, e] of queue.entries()) {
        const r = await d.act(e.shp, e.body);
        expect(r.status).toBe(200);
        expect(r.body).toEqual(first[i]);
      }
    }
    for (const s of d.shipments) {
      const l = (await d.lifecycle(s.id)).body;
      expect(l.state).toBe('delivered');
      expect(l.events).toHaveLength(5);
    }
    // Another account cannot borrow an event id.
    const reused = await d.act(d.shipments[0].id, queue[0].body, dispatcher.token);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('client_event_id_reused');
  });

  it('hands a shipment from one rider to another: two legs, and only the new holder may go on', async () => {
    const d = await delivery();
    const other = await rider(d.facilityId);
    const otherUser = await makeUser('rider', { riderId: other.id });
    await d.act(d.shp.id, { action: 'pick_up', boxId: d.boxId, label: d.shp.id });
    const both = await d.act(d.shp.id, { action: 'hand_over', toRiderId: other.id, toFacilityId: d.facilityId });
    expect(both.status).toBe(400);
    expect((await d.act(d.shp.id, { action: 'hand_over', toRiderId: other.id })).status).toBe(200);
    expect((await d.act(d.shp.id, { action: 'depart' })).status).toBe(403);
    expect((await d.act(d.shp.id, { action: 'depart' }, otherUser.token)).body.state).toBe('in_transit');
    const code = await currentDeliveryCode(appDb(), d.shp.id);
    expect((await d.act(d.shp.id, { action: 'deliver', code }, otherUser.token)).body.state).toBe('delivered');
    const l = (await d.lifecycle(d.shp.id)).body;
    expect(l.custody.map((k: any) => `${k.holder.kind}:${k.holder.id ?? ''}`)).toEqual([`facility:${d.facilityId}`, `rider:${d.riderId}`, `rider:${other.id}`, 'customer:']);
    expect(l.custody[1].to).toBe(l.custody[2].from);
  });

  it('lets each role see and move only what is theirs', async () => {
    const d = await delivery();
    const stranger = await makeUser('rider', { riderId: (await rider(d.facilityId)).id });
    const elsewhere = await makeUser('rider', { riderId: (await rider((await facility()).id)).id });
    // Unassigned, a rider of another facility may not take it.
    expect((await d.act(d.shp.id, { action: 'arrive_pickup' }, elsewhere.token)).body.error.code).toBe('other_facility');
    expect((await d.act(d.shp.id, { action: 'pick_up', boxId: d.boxId, label: d.shp.id, riderId: d.riderId }, dispatcher.token)).status).toBe(200);
    expect((await d.act(d.shp.id, { action: 'depart' }, stranger.token)).body.error.code).toBe('other_rider');
    const qa = await makeUser('qa');
    expect((await d.act(d.shp.id, { action: 'depart' }, qa.token)).status).toBe(403);
    expect((await d.lifecycle(d.shp.id, qa.token)).status).toBe(200);
    expect((await d.lifecycle(d.shp.id, stranger.token)).status).toBe(403);
    expect((await d.lifecycle('shp_nosuchthing', dispatcher.token)).status).toBe(404);
    const bad = await d.act(d.shp.id, { action: 'teleport' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});

describe('proof of delivery: the door photo and the signature', () => {
  const fixture = (name: string) => readFileSync(new URL(`../tracking/pod/fixtures/${name}`, import.meta.url));
  const upload = (shp: string, kind: string, bytes: Uint8Array | string, token: string, type = 'image/jpeg') =>
    call(api.url, 'POST', `/api/v1/shipments/${shp}/pod/${kind}`, { token, rawBody: bytes, headers: { 'content-type': type } });

  it('stores the photo without its Exif, with its SHA-256; deliver names it; the lifecycle and the file show it', async () => {
    const d = await delivery();
    const { id } = d.shp;
    expect((await d.act(id, { action: 'pick_up', boxId: d.boxId, label: id })).status).toBe(200);
    const early = await upload(id, 'photo', fixture('pod.jpg'), d.riderUser.token);
    expect(early.status, JSON.stringify(early.body)).toBe(201);

    const jpg = fixture('pod.jpg');
    expect(jpg.includes(Buffer.from('Exif'))).toBe(true);
    const photo = await upload(id, 'photo', jpg, d.riderUser.token);
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({ id: early.body.id, kind: 'photo', contentType: 'image/jpeg', width: 8, height: 6 });
    const sig = await upload(id, 'signature', fixture('pod.png'), d.riderUser.token, 'image/png');
    expect(sig.status, JSON.stringify(sig.body)).toBe(201);

    const stored = await fetch(`${api.url}/api/v1/shipments/${id}/pod/${photo.body.id}`, { headers: { authorization: `Bearer ${dispatcher.token}` } });
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await stored.arrayBuffer());
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(bytes.length).toBeLessThan(jpg.length);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo.body.sha256);

    const code = await currentDeliveryCode(appDb(), id);
    const done = await d.act(id, { action: 'deliver', code, photoId: photo.body.id, signatureId: sig.body.id });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'delivered', photo: { id: photo.body.id, sha256: photo.body.sha256 }, signature: { id: sig.body.id } });
    const last = (await d.lifecycle(id)).body.events.at(-1);
    expect(last.detail).toMatchObject({ photo: { sha256: photo.body.sha256 }, signature: { sha256: sig.body.sha256 } });
    const list = await call(api.url, 'GET', `/api/v1/shipments/${id}/pod`, { token: dispatcher.token });
    expect(list.body.files.map((f: any) => f.kind).sort()).toEqual(['photo', 'signature']);
    // After the door, nothing more is added.
    const late = await upload(id, 'photo', fixture('pod.webp'), d.riderUser.token, 'image/webp');
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'pod_not_now', details: { state: 'delivered' } });
  });

  it('refuses what is not a photo, too large, the wrong type, someone else\'s file or another rider, each with its code; nothing is stored', async () => {
    const d = await delivery();
    const other = await delivery();
    const { id } = d.shp;
    const before = await upload(id, 'photo', fixture('pod.jpg'), d.riderUser.token);
    expect(before.status).toBe(409);
    expect(before.body.error.code).toBe('pod_not_now');
    expect((await d.act(id, { action: 'pick_up', boxId: d.boxId, label: id })).status).toBe(200);
    expect((await other.act(other.shp.id, { action: 'pick_up', boxId: other.boxId, label: other.shp.id })).status).toBe(200);

    const asText = await upload(id, 'photo', 'hello', d.riderUser.token, 'text/plain');
    expect(asText.status).toBe(415);
    expect(asText.body.error.code).toBe('unsupported_media_type');
    const disguised = await upload(id, 'photo', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), d.riderUser.token);
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.code).toBe('image_type_unsupported');
    const cut = await upload(id, 'photo', fixture('pod.jpg').subarray(0, 200), d.riderUser.token);
    expect(cut.status).toBe(400);
    expect(cut.body.error.code).toBe('image_corrupt');
    const huge = await upload(id, 'photo', Buffer.concat([fixture('pod.jpg'), Buffer.alloc(2 * 1024 * 1024)]), d.riderUser.token);
    expect(huge.status).toBe(413);
    const empty = await upload(id, 'photo', Buffer.alloc(0), d.riderUser.token);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('body_required');
    const badKind = await upload(id, 'selfie', fixture('pod.jpg'), d.riderUser.token);
    expect(badKind.status).toBe(400);
    const stranger = await upload(id, 'photo', fixture('pod.jpg'), other.riderUser.token);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('other_rider');
    expect((await appDb().query(`SELECT count(*)::int AS n FROM tracking.pod_files WHERE shipment_id = $1`, [id])).rows[0].n).toBe(0);

    const theirs = await upload(other.shp.id, 'photo', fixture('pod.png'), other.riderUser.token, 'image/png');
    expect(theirs.status).toBe(201);
    const code = await currentDeliveryCode(appDb(), id);
    const wrongFile = await d.act(id, { action: 'deliver', code, photoId: theirs.body.id });
    expect(wrongFile.status).toBe(400);
    expect(wrongFile.body.error.code).toBe('pod_file_unknown');
    const mine = await upload(id, 'photo', fixture('pod.png'), d.riderUser.token, 'image/png');
    const asSignature = await d.act(id, { action: 'deliver', code, signatureId: mine.body.id });
    expect(asSignature.body.error.code).toBe('pod_file_kind');
    // Refused events moved nothing: the shipment is still on its way.
    expect((await d.lifecycle(id)).body.state).toBe('picked_up');
    // A failed delivery can carry the photo of the closed door.
    const failed = await d.act(id, { action: 'fail', reason: 'customer_absent', photoId: mine.body.id });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body.photo).toMatchObject({ id: mine.body.id });
  });
});

describe('the temperature report of a delivered shipment', () => {
  const shots = new URL('../.stack/screenshots/reports/', import.meta.url);
  const get = (path: string, token: string) => fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('prints the readings carried, the figures, legs and boxes as PDF (zh-CN and English, read back and rendered) and as CSV, with one content hash', async () => {
    const d = await delivery();
    const { id } = d.shp;
    expect((await d.act(id, { action: 'pick_up', boxId: d.boxId, label: id })).status).toBe(200);
    // 40 readings just after pickup, the last 10 above 8 °C: the box's own report of the trip.
    const t0 = Date.now() + 200;
    const trip = Array.from({ length: 40 }, (_, i) => ({ ts: t0 + i * 100, t: i < 30 ? [5.2, 5.6] : [9.4, 9.1] }));
    await pub.publishAsync(topicOf(d.boxId), telemetryPayload(d.boxId, trip), { qos: 1 });
    await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1 AND $2 = ANY(shipment_ids)`, [d.boxId, id])).rows[0].n >= 40);
    await new Promise((r) => setTimeout(r, Math.max(0, t0 + 4200 - Date.now())));
    expect((await d.act(id, { action: 'deliver', code: await currentDeliveryCode(appDb(), id) })).body.state).toBe('delivered');

    const csvRes = await get(`/api/v1/shipments/${id}/temperature-report.csv`, dispatcher.token);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/);
    const sha = csvRes.headers.get('x-content-sha256');
    const csv = await csvRes.text();
    expect(csv.startsWith('\ufeff')).toBe(false); // fetch's text() drops the BOM; the bytes carry it (below)
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toContain(`# content_sha256,${sha}`);
    expect(lines).toContain('# result,FAIL,out_of_range');
    expect(lines).toContain('# readings,40');
    // The hash-chained record behind it: sealed at delivery, verified as captured.
    expect(lines).toContain('# record_sealed,1');
    expect(lines).toContain('# modified_since_capture,0');
    expect(lines.find((l) => l.startsWith('# record_seal_head,'))).toMatch(/^# record_seal_head,[0-9a-f]{64}$/);
    const header = lines.findIndex((l) => l.startsWith('ts_utc,'));
    expect(lines[header]).toBe('ts_utc,ts_local,box_id,t1_c,t2_c,door_open,from_buffer,in_range');
    const rows = lines.slice(header + 1);
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.endsWith(',0')).length).toBe(10);
    expect(rows[0]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z,\\d{4}-\\d\\d-\\d\\d [\\d:]+,${d.boxId},5.2,5.6,0,0,1$`));
    expect(csv).not.toMatch(/张三丰|13812345678/);
    const raw = Buffer.from(await (await get(`/api/v1/shipments/${id}/temperature-report.csv`, dispatcher.token)).arrayBuffer());
    expect(raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    mkdirSync(shots, { recursive: true });
    for (const lang of ['zh-CN', 'en'] as const) {
      const res = await get(`/api/v1/shipments/${id}/temperature-report.pdf?lang=${lang}`, dispatcher.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-sha256')).toBe(sha);
      const pdf = join(fileURLToPath(shots), `report-${lang}.pdf`);
      writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain(id);
      expect(text).toContain(d.boxId);
      expect(text).toContain(sha!);
      expect(text).toMatch(/9\.4 °C/);
      expect(text).not.toMatch(/张三丰|张\*|13812345678|138\*+78/);
      if (lang === 'zh-CN') expect(text).toMatch(/冷链温度记录报告[\s\S]*不合格: 超出温度范围[\s\S]*保管段[\s\S]*记录完整性[\s\S]*通过：与采集时一致/);
      else expect(text).toMatch(/Temperature record report[\s\S]*FAIL: out of range[\s\S]*Custody legs[\s\S]*Record integrity[\s\S]*passed: as captured/);
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, pdf.replace(/\.pdf$/, '')]);
      expect(readFileSync(pdf.replace(/\.pdf$/, '.png')).subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('answers a wrong language, an unknown shipment, a shipment with no cold goods and another store\'s partner each with its code', async () => {
    const d = await delivery();
    expect((await get(`/api/v1/shipments/${d.shp.id}/temperature-report.pdf?lang=fr`, dispatcher.token)).status).toBe(400);
    const unknown = await get('/api/v1/shipments/shp_nosuchthing/temperature-report.csv', dispatcher.token);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('shipment_not_found');
    const f = await facility();
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 5);
    const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    const ambient = await get(`/api/v1/shipments/${o.body.shipments[0].id}/temperature-report.pdf`, dispatcher.token);
    expect(ambient.status).toBe(409);
    expect((await ambient.json()).error.code).toBe('no_temperature_record');
    const partner = await makeUser('partner', { facilityId: f.id });
    const other = await get(`/api/v1/shipments/${d.shp.id}/temperature-report.csv`, partner.token);
    expect(other.status).toBe(403);
    expect((await other.json()).error.code).toBe('other_store');
  });
});
