/**
 * A cold shipment that goes warm, for tests of what follows an excursion (the hand-over refused,
 * QA quarantine and disposition, the console's QA page): a chilled order picked up by its rider in
 * a pre-cooled box of its facility, then that box reporting `celsius` over real MQTT while it
 * carries it (custody begins at pickup, so those readings come after it). Needs an ingest running
 * (startIngestService with app/'s telemetry ports) and an api at `apiUrl`.
 */
import { expect } from 'vitest';
import type { MqttClient } from 'mqtt';
import { appDb } from '../../platform/db/pool';
import { call, makeUser, uniq, type TestUser } from '../../platform/testing/harness';
import { saveProfile } from '../../telemetry/alarms/profiles';
import { telemetryPayload, topicOf, waitFor } from '../../telemetry/testing/fakes';
import { facility, sku, stock, box, rider, orderBody } from '../../dispatch/testing/fixtures';
import { currentDeliveryCode } from '../../tracking';

/** `n` new contacts for alarm recipients. */
export async function smsContacts(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = uniq('con_');
    await appDb().query(`INSERT INTO telemetry.contacts (id, label, phone) VALUES ($1, 'QA duty', '+8613800000000')`, [id]);
    ids.push(id);
  }
  return ids;
}

/** Alarms at once, no delay (the GSP rule wants three SMS recipients on a chilled profile); `critical` makes TEMP_HIGH critical. */
export async function hotProfile(facilityId: string, critical = false): Promise<void> {
  const recipients = (await smsContacts(3)).map((contactId) => ({ channel: 'sms' as const, contactId }));
  await saveProfile(appDb(), { facilityId, productClass: 'chilled', override: { highDelayMs: 0, ignorePeriodMs: 0, recipients, ...(critical ? { severity: { TEMP_HIGH: 'critical' as const } } : {}) }, escalation: [] }, null);
}

export async function warmShipment(o: { apiUrl: string; pub: MqttClient; dispatcher: TestUser; celsius: number; critical?: boolean }) {
  const f = await facility();
  const s = await sku({ cls: 'chilled' });
  await stock(f.id, s.id, 5);
  const b = await box(f.id);
  const r = await rider(f.id);
  await hotProfile(f.id, o.critical);
  expect((await call(o.apiUrl, 'POST', `/api/v1/boxes/${b.id}/pairing`, { token: o.dispatcher.token, body: { riderId: r.id } })).status).toBe(200);
  const riderUser = await makeUser('rider', { riderId: r.id });
  // 35 minutes in range from the box's buffer: it has pre-cooled.
  const now = Date.now();
  await o.pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, Array.from({ length: 36 }, (_, i) => ({ ts: now - (35 - i) * 60_000, t: [5], hist: true }))), { qos: 1 });
  await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1`, [b.id])).rows[0].n === 36);
  const order = await call(o.apiUrl, 'POST', '/api/v1/orders', { token: o.dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const shp: string = order.body.shipments[0].id;
  const act = (body: Record<string, unknown>, token = riderUser.token) => call(o.apiUrl, 'POST', `/api/v1/shipments/${shp}/events`, { token, body });
  const picked = await act({ action: 'pick_up', boxId: b.id, label: shp });
  expect(picked.status, JSON.stringify(picked.body)).toBe(200);
  const t0 = Date.now() + 1000;
  await o.pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, [{ ts: t0 - 500, t: [5] }]), { qos: 1 });
  await o.pub.publishAsync(topicOf(b.id), telemetryPayload(b.id, [{ ts: t0, t: [o.celsius] }]), { qos: 1 });
  const alarm = await waitFor(async () => (await appDb().query(`SELECT id, severity FROM telemetry.alarms WHERE box_id = $1 AND type = 'TEMP_HIGH'`, [b.id])).rows[0]);
  return {
    shp, orderId: order.body.id as string, boxId: b.id, riderId: r.id, facilityId: f.id, facilityName: f.name,
    alarmId: alarm.id as string, severity: alarm.severity as string, act, t0,
    code: () => currentDeliveryCode(appDb(), shp),
  };
}
