/**
 * A replacement shipment: a cold shipment whose box went warm cannot be handed over, so the same
 * items go again from the nearest facility with stock (the order's sourcing rules), reserved,
 * linked both ways and planned. Automatic on a cold-chain breach; a dispatcher can ask for a
 * failed or quarantined shipment. Real readings over MQTT, the ingest as app/ wires it, and a
 * plan worker on a queue of this file's own.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { connectService } from '../platform/mqtt/client';
import { appDb } from '../platform/db/pool';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { startIngestService, type RunningIngest } from '../telemetry/ingest';
import { telemetryPayload, topicOf, waitFor } from '../telemetry/testing/fakes';
import { facility, sku, stock, box, orderBody, near } from '../dispatch/testing/fixtures';
import { startDispatchWorkers, closePlanQueue } from '../dispatch';
import { currentDeliveryCode } from '../tracking';
import { routeModules } from './modules';
import { telemetryPorts } from './telemetry-ports';
import { onAssigned } from './tracking';
import { hotProfile } from './testing/warm-shipment';

process.env.TELEMETRY_CACHE_TTL_MS = '0';
// Plan jobs of this file only: the shared test queue holds every other file's requests.
process.env.QUEUE_PREFIX = `repl${Date.now().toString(36)}`;
process.env.DISPATCH_PLAN_DEBOUNCE_MS = '100';

let api: TestApi;
let ingest: RunningIngest;
let workers: { close(): Promise<void> };
let pub: MqttClient;
let dispatcher: TestUser;

beforeAll(async () => {
  api = await startTestApi(routeModules);
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-r-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  workers = await startDispatchWorkers({ planConcurrency: 1, onAssigned });
  pub = await connectService({ clientId: uniq('pub-') });
  dispatcher = await makeUser('dispatcher');
});
afterAll(async () => {
  await pub?.endAsync();
  await workers?.close();
  await closePlanQueue();
  await ingest?.close();
  await api?.close();
});

/**
 * An insulin order from facility A (its only unit), picked up in a pre-cooled box and then
 * reported at `celsius`; facility B, farther from the customer, has `otherStock` units.
 */
async function warmOrder(celsius: number, otherStock: number) {
  const a = await facility({ at: near(0.002, 0.002) });
  const b = await facility({ at: near(0.02, 0.0) });
  const s = await sku({ cls: 'chilled' });
  await stock(a.id, s.id, 1);
  if (otherStock) await stock(b.id, s.id, otherStock);
  // B's rider carries a box of their own, so B's plan can give them the replacement.
  const bBox = await box(b.id);
  const bRider = (await appDb().query(`SELECT id FROM dispatch.riders WHERE home_facility_id = $1`, [b.id])).rows[0].id as string;
  expect((await call(api.url, 'POST', `/api/v1/boxes/${bBox.id}/pairing`, { token: dispatcher.token, body: { riderId: bRider } })).status).toBe(200);
  const bx = await box(a.id);
  const riderId = (await appDb().query(`SELECT id FROM dispatch.riders WHERE home_facility_id = $1`, [a.id])).rows[0].id as string;
  await hotProfile(a.id);
  expect((await call(api.url, 'POST', `/api/v1/boxes/${bx.id}/pairing`, { token: dispatcher.token, body: { riderId } })).status).toBe(200);
  const riderUser = await makeUser('rider', { riderId });
  const now = Date.now();
  for (const id of [bx.id, bBox.id]) {
    await pub.publishAsync(topicOf(id), telemetryPayload(id, Array.from({ length: 36 }, (_, i) => ({ ts: now - (35 - i) * 60_000, t: [5], hist: true }))), { qos: 1 });
    await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1`, [id])).rows[0].n === 36);
  }
  const order = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const shp: string = order.body.shipments[0].id;
  expect(order.body.shipments[0].facilityId).toBe(a.id);
  const act = (body: Record<string, unknown>) => call(api.url, 'POST', `/api/v1/shipments/${shp}/events`, { token: riderUser.token, body });
  expect((await act({ action: 'pick_up', boxId: bx.id, label: shp })).status).toBe(200);
  const t0 = Date.now() + 1000;
  await pub.publishAsync(topicOf(bx.id), telemetryPayload(bx.id, [{ ts: t0 - 500, t: [5] }]), { qos: 1 });
  await pub.publishAsync(topicOf(bx.id), telemetryPayload(bx.id, [{ ts: t0, t: [celsius] }]), { qos: 1 });
  await waitFor(async () => (await appDb().query(`SELECT 1 FROM telemetry.alarms WHERE box_id = $1 AND type = 'TEMP_HIGH'`, [bx.id])).rowCount === 1);
  return { a, b, bBox: bBox.id, bRider, sku: s, shp, orderId: order.body.id as string, act, code: () => currentDeliveryCode(appDb(), shp) };
}

const replace = (shp: string, token = dispatcher.token, headers?: Record<string, string>) => call(api.url, 'POST', `/api/v1/shipments/${shp}/replace`, { token, headers });
const getOrder = async (id: string) => (await call(api.url, 'GET', `/api/v1/orders/${id}`, { token: dispatcher.token })).body;

describe('replacement shipments', () => {
  it('a cold-chain breach at the door sends the same items from the nearest facility with stock, linked, reserved, with an order event and an audit row, and planned; delivered, it completes the order', async () => {
    const w = await warmOrder(9.5, 3);
    const refused = await w.act({ action: 'deliver', code: await w.code() });
    expect(refused.body.error.code).toBe('cold_chain_breach');
    const order = await waitFor(async () => { const o = await getOrder(w.orderId); return o.shipments.length === 2 ? o : null; });
    const [orig, repl] = order.shipments;
    expect(orig).toMatchObject({ id: w.shp, replacedBy: repl.id, replaces: null });
    // A has no unit left (its one is in the warm box): B has.
    expect(repl).toMatchObject({ replaces: w.shp, replacedBy: null, facilityId: w.b.id, coldClasses: ['chilled'] });
    const held = await appDb().query(`SELECT sku_id, quantity, status FROM dispatch.reservations WHERE shipment_id = $1`, [repl.id]);
    expect(held.rows).toEqual([{ sku_id: w.sku.id, quantity: 1, status: 'confirmed' }]);
    const events = (await call(api.url, 'GET', `/api/v1/orders/${w.orderId}/events`, { token: dispatcher.token })).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'shipment_replaced', actorId: 'system:replacement', detail: { replaces: w.shp, replacement: repl.id, facilityId: w.b.id, cause: 'cold_chain_breach' } });
    const audit = await appDb().query(`SELECT actor_id, new_value FROM platform.audit_log WHERE action = 'shipment.replace' AND entity_id = $1`, [w.shp]);
    expect(audit.rows[0]).toMatchObject({ actor_id: 'system:replacement', new_value: { replacement: repl.id } });
    // Planned: B's worker run gives it to B's rider.
    const planned = await waitFor(async () => (await appDb().query(`SELECT rider_id FROM dispatch.shipments WHERE id = $1 AND rider_id IS NOT NULL`, [repl.id])).rows[0], 15_000)
      .catch(async (e) => { throw new Error(`${e.message}; B's plans: ${JSON.stringify((await appDb().query(`SELECT reason, summary, unassigned FROM dispatch.plans WHERE facility_id = $1`, [w.b.id])).rows)}`); });
    expect(planned.rider_id).toBeTruthy();
    expect((await call(api.url, 'GET', `/api/v1/facilities/${w.b.id}/plan`, { token: dispatcher.token })).body.routes.flatMap((r: { stops: Array<{ shipmentId: string }> }) => r.stops.map((s) => s.shipmentId))).toContain(repl.id);
    // Asking again: already replaced, naming the replacement.
    const again = await replace(w.shp);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_replaced', details: { replacedBy: repl.id } });

    // The replacement reaches the customer before the warm parcel is back: the order is delivered once that is back too.
    const riderB = await makeUser('rider', { riderId: w.bRider });
    const actB = (body: Record<string, unknown>) => call(api.url, 'POST', `/api/v1/shipments/${repl.id}/events`, { token: riderB.token, body });
    expect((await actB({ action: 'pick_up', boxId: w.bBox, label: repl.id })).status).toBe(200);
    const done = await actB({ action: 'deliver', code: await currentDeliveryCode(appDb(), repl.id) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await getOrder(w.orderId)).status).toBe('in_delivery');
    expect((await w.act({ action: 'start_return' })).status).toBe(200);
    expect((await call(api.url, 'POST', `/api/v1/shipments/${w.shp}/events`, { token: dispatcher.token, body: { action: 'return' } })).status).toBe(200);
    expect((await getOrder(w.orderId)).status).toBe('delivered');
  });

  it('a dispatcher replaces a quarantined shipment still on its way (idempotent with a key); no stock anywhere is 409 no_stock_for_replacement', async () => {
    const w = await warmOrder(12, 2);
    // The alarm quarantined it; the rider has not reached the door.
    const key = uniq('idem-');
    const r = await replace(w.shp, dispatcher.token, { 'Idempotency-Key': key });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ replaces: w.shp, orderId: w.orderId, facilityId: w.b.id });
    const replay = await replace(w.shp, dispatcher.token, { 'Idempotency-Key': key });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(r.body.id);
    // At the door the breach finds the replacement there already: still one.
    await w.act({ action: 'deliver', code: await w.code() });
    await new Promise((res) => setTimeout(res, 300));
    expect((await getOrder(w.orderId)).shipments.map((s: { id: string }) => s.id)).toEqual([w.shp, r.body.id]);

    const none = await warmOrder(9.5, 0);
    await none.act({ action: 'deliver', code: await none.code() });
    const refused = await replace(none.shp);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('no_stock_for_replacement');
    expect(refused.body.error.message).toMatch(/No facility has the stock/);
    expect((await getOrder(none.orderId)).shipments).toHaveLength(1);
  });

  it('refuses a shipment that neither failed nor is quarantined (409), an unknown one (404), a rider (403), a bad id (400)', async () => {
    const f = await facility();
    const s = await sku({ cls: 'chilled' });
    await stock(f.id, s.id, 3);
    await box(f.id);
    const order = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
    const shp = order.body.shipments[0].id;
    const r = await replace(shp);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('not_replaceable');
    expect(r.body.error.message).toMatch(/only a shipment whose delivery failed or that QA quarantined/);
    expect((await replace('shp_nosuchthing')).status).toBe(404);
    const riderUser = await makeUser('rider', { riderId: (await appDb().query(`SELECT id FROM dispatch.riders WHERE home_facility_id = $1`, [f.id])).rows[0].id });
    expect((await replace(shp, riderUser.token)).status).toBe(403);
    const bad = await replace('not an id');
    expect(bad.status).toBe(400);
  });
});
