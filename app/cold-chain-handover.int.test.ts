/**
 * A cold shipment whose box went too warm is not handed over: the box's real readings go through
 * MQTT and the ingest (wired as app/ wires it) into a TEMP_HIGH alarm, and the rider's "deliver"
 * fails the delivery as a cold-chain breach, telling them to bring it back. Once QA resolves the
 * alarm before the door, nothing blocks any more.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { appDb } from '../platform/db/pool';
import { connectService } from '../platform/mqtt/client';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { startIngestService, type RunningIngest } from '../telemetry/ingest';
import { saveProfile } from '../telemetry/alarms/profiles';
import { telemetryPayload, topicOf, waitFor } from '../telemetry/testing/fakes';
import { facility, sku, stock, box, rider, orderBody } from '../dispatch/testing/fixtures';
import { routeModules } from './modules';
import { currentDeliveryCode } from '../tracking';
import { telemetryPorts } from './telemetry-ports';

process.env.TELEMETRY_CACHE_TTL_MS = '0';

let api: TestApi;
let ingest: RunningIngest;
let pub: MqttClient;
let dispatcher: TestUser, qa: TestUser;

beforeAll(async () => {
  api = await startTestApi(routeModules);
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-h-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  pub = await connectService({ clientId: uniq('pub-') });
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
});
/** Alarms at once, no delay (the GSP rule wants three SMS recipients on a chilled profile). */
async function hotProfile(facilityId: string): Promise<void> {
  const contacts: string[] = [];
  for (let i = 0; i < 3; i++) {
    const id = uniq('con_');
    await appDb().query(`INSERT INTO telemetry.contacts (id, label, phone) VALUES ($1, 'QA duty', '+8613800000000')`, [id]);
    contacts.push(id);
  }
  await saveProfile(appDb(), { facilityId, productClass: 'chilled', override: { highDelayMs: 0, ignorePeriodMs: 0, recipients: contacts.map((contactId) => ({ channel: 'sms' as const, contactId })) }, escalation: [] }, null);
}

afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await api?.close();
});

/**
 * A chilled order picked up by its rider in a pre-cooled box of its facility, then that box
 * reporting `celsius` while it carries it (custody begins at pickup, so those readings come
 * after it); resolves with the alarm.
 */
async function warmShipment(celsius: number) {
  const f = await facility();
  const s = await sku({ cls: 'chilled' });
  await stock(f.id, s.id, 5);
  const b = await box(f.id);
  const r = await rider(f.id);
  await hotProfile(f.id);
  expect((await call(api.url, 'POST', `/api/v1/boxes/${b.id}/pairing`, { token: dispatcher.token, body: { riderId: r.id } })).status).toBe(200);
  const riderUser = await makeUser('rider', { riderId: r.id });
  // 35 minutes in range from the box's buffer: it has pre-cooled.
  const now = Date.now();
  await pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, Array.from({ length: 36 }, (_, i) => ({ ts: now - (35 - i) * 60_000, t: [5], hist: true }))), { qos: 1 });
  await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1`, [b.id])).rows[0].n === 36);
  const order = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
  expect(order.status).toBe(201);
  const shp: string = order.body.shipments[0].id;
  const act = (body: Record<string, unknown>, token = riderUser.token) => call(api.url, 'POST', `/api/v1/shipments/${shp}/events`, { token, body });
  const picked = await act({ action: 'pick_up', boxId: b.id, label: shp });
  expect(picked.status, JSON.stringify(picked.body)).toBe(200);
  const t0 = Date.now() + 1000;
  await pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, [{ ts: t0 - 500, t: [5] }]), { qos: 1 });
  await pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, [{ ts: t0, t: [celsius] }]), { qos: 1 });
  const alarm = await waitFor(async () => (await appDb().query(`SELECT id FROM telemetry.alarms WHERE box_id = $1 AND type = 'TEMP_HIGH'`, [b.id])).rows[0]);
  return { shp, orderId: order.body.id as string, boxId: b.id, riderId: r.id, alarmId: alarm.id as string, act, code: () => currentDeliveryCode(appDb(), shp) };
}

describe('handing over a cold shipment', () => {
  it('an unresolved excursion refuses "deliver", fails the delivery as a cold-chain breach and says to bring it back; the return is taken', async () => {
    // 9.5 °C against a limit of 8 °C.
    const w = await warmShipment(9.5);
    const refused = await w.act({ action: 'deliver', code: await w.code(), clientEventId: 'door-1' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('cold_chain_breach');
    expect(refused.body.error.message).toMatch(/TEMP_HIGH/);
    expect(refused.body.error.message).toMatch(/bring the shipment back/);
    expect(refused.body.error.details).toMatchObject({ state: 'failed', alarms: [{ alarmId: w.alarmId, type: 'TEMP_HIGH', boxId: w.boxId }] });
    // The app's queue sends it again: the same answer.
    const again = await w.act({ action: 'deliver', code: await w.code(), clientEventId: 'door-1' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('cold_chain_breach');
    const lc = (await call(api.url, 'GET', `/api/v1/shipments/${w.shp}/lifecycle`, { token: dispatcher.token })).body;
    expect(lc.state).toBe('failed');
    expect(lc.events.at(-1)).toMatchObject({ action: 'fail', reason: 'cold_chain_breach' });
    expect((await call(api.url, 'GET', `/api/v1/orders/${w.orderId}`, { token: dispatcher.token })).body.status).not.toBe('delivered');
    expect((await w.act({ action: 'start_return' })).body.state).toBe('returning');
    expect((await w.act({ action: 'return' }, dispatcher.token)).body.state).toBe('returned');
  });

  it('once QA has resolved the alarm (a false reading, say), the handover goes through', async () => {
    const w = await warmShipment(12);
    const resolved = await call(api.url, 'POST', `/api/v1/telemetry/alarms/${w.alarmId}/resolve`, { token: qa.token, body: { note: 'probe touched the lid; product checked' } });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const done = await w.act({ action: 'deliver', code: await w.code() });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('delivered');
  });
});
