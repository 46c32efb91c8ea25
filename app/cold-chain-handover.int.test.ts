/**
 * A cold shipment whose box went too warm is not handed over: the box's real readings go through
 * MQTT and the ingest (wired to dispatch as app/ wires it) into a TEMP_HIGH alarm, and the rider's
 * "delivered" is refused with the reason; bringing it back is allowed. Once QA resolves the alarm,
 * nothing blocks any more.
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
 * A chilled order picked up in a box of its facility, and that box reporting `celsius` while it
 * carries it (custody begins at binding, so the readings come after it); resolves with the alarm.
 */
async function warmShipment(celsius: number) {
  const f = await facility();
  const s = await sku({ cls: 'chilled' });
  await stock(f.id, s.id, 5);
  const b = await box(f.id);
  const r = await rider(f.id);
  await hotProfile(f.id);
  const order = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
  expect(order.status).toBe(201);
  const shp: string = order.body.shipments[0].id;
  const bound = await call(api.url, 'POST', `/api/v1/shipments/${shp}/custody`, { token: dispatcher.token, body: { boxId: b.id, riderId: r.id } });
  expect(bound.status, JSON.stringify(bound.body)).toBeLessThan(300);
  const t0 = Date.now() + 1000;
  await pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, [{ ts: t0 - 500, t: [5] }]), { qos: 1 });
  await pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, [{ ts: t0, t: [celsius] }]), { qos: 1 });
  const alarm = await waitFor(async () => (await appDb().query(`SELECT id FROM telemetry.alarms WHERE box_id = $1 AND type = 'TEMP_HIGH'`, [b.id])).rows[0]);
  const end = (outcome: string, token: string) => call(api.url, 'POST', `/api/v1/shipments/${shp}/custody/end`, { token, body: { outcome } });
  return { orderId: order.body.id as string, boxId: b.id, riderId: r.id, alarmId: alarm.id as string, end };
}

describe('handing over a cold shipment', () => {
  it('an unresolved excursion refuses "delivered" and says to bring it back; resolved by QA, it is handed over', async () => {
    // 9.5 °C against a limit of 8 °C.
    const w = await warmShipment(9.5);
    const riderUser = await makeUser('rider', { riderId: w.riderId });
    const refused = await w.end('delivered', riderUser.token);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('cold_chain_breach');
    expect(refused.body.error.message).toMatch(/TEMP_HIGH/);
    expect(refused.body.error.message).toMatch(/returned/);
    expect(refused.body.error.details.alarms).toEqual([{ alarmId: w.alarmId, type: 'TEMP_HIGH', boxId: w.boxId }]);
    expect((await call(api.url, 'GET', `/api/v1/orders/${w.orderId}`, { token: dispatcher.token })).body.status).not.toBe('delivered');

    // QA resolves it (a false reading, say): the handover goes through.
    const resolved = await call(api.url, 'POST', `/api/v1/telemetry/alarms/${w.alarmId}/resolve`, { token: qa.token, body: { note: 'probe touched the lid; product checked' } });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect((await w.end('delivered', riderUser.token)).status).toBe(200);
  });

  it('bringing a warm shipment back is taken', async () => {
    const w = await warmShipment(12);
    expect((await w.end('returned', dispatcher.token)).status).toBe(200);
  });
});
