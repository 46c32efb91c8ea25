/**
 * Customer notifications on the real stack: orders placed through dispatch's HTTP API (as a
 * client would), notifications recorded in PostgreSQL and sent by the BullMQ worker to a local
 * HTTP receiver standing in for the SMS adapter and the sales channel's webhook.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { requireStack, startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../../platform/testing/harness';
import { appDb, withTx } from '../../platform/db/pool';
import { recordAudit } from '../../platform/audit/audit';
import { logger } from '../../platform/logger';
import { publishEvents, closeFeedPublisher } from '../../platform/feed';
import { bindShipment, dispatchModule } from '../../dispatch';
import { verifyWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../telemetry';
import { notifyCustomer, listCustomerNotifications, closeNotifyQueue } from './notify';
import { checkDelays, runSendJob, startCustomerNotifications } from './worker';

const SECRET = 'whsec-customer-0123456789';
const SKU_NAME = '胰岛素笔 Insulin glargine';
const CUSTOMER = '欧阳娜娜';

interface Sms { to: string; text: string; reference: string }
interface Hook { body: string; notification: { id: string; kind: string; shipmentId: string; text: string; trackingUrl: string }; signed: boolean }
const sms: Sms[] = [];
const hooks: Hook[] = [];
/** Per phone (SMS) or shipment (webhook): how many more requests to refuse with 503. */
const refuse = new Map<string, number>();
const refusing = (key: string) => {
  const n = refuse.get(key) ?? 0;
  if (n > 0) refuse.set(key, n - 1);
  return n > 0;
};

let receiver: http.Server;
let api: TestApi;
let admin: TestUser, dispatcher: TestUser;
let worker: { close(): Promise<void> };
let fixture: { facilityId: string; skuId: string; riderId: string; boxIds: string[] };
const logged: string[] = [];

beforeAll(async () => {
  requireStack();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const j = JSON.parse(body);
      if (req.url === '/sms') {
        if (refusing(j.to)) { res.statusCode = 503; res.end(); return; }
        sms.push(j);
      } else {
        if (refusing(j.notification.shipmentId)) { res.statusCode = 503; res.end(); return; }
        const signed = verifyWebhookSignature(SECRET, { timestamp: req.headers[TIMESTAMP_HEADER] as string, signature: req.headers[SIGNATURE_HEADER] as string }, body);
        hooks.push({ body, notification: j.notification, signed });
      }
      res.statusCode = 202;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as AddressInfo).port;
  Object.assign(process.env, {
    TRACKING_NOTIFY_QUEUE: uniq('cust-notify-t-'),
    TRACKING_NOTIFY_ATTEMPTS: '3',
    TRACKING_NOTIFY_BACKOFF_MS: '100',
    TRACKING_PUBLIC_BASE_URL: 'https://track.example.test',
    TRACKING_NOTIFY_SMS_URL: `http://127.0.0.1:${port}/sms`,
    TRACKING_NOTIFY_SMS_TOKEN: 'sms-token',
    TRACKING_NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
    TRACKING_NOTIFY_WEBHOOK_SECRET: SECRET,
  });
  // Everything the code logs, as the logger was called (before redaction: stricter).
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) {
    vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
      logged.push(JSON.stringify(args, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack, cause: String(v.cause) } : v)));
    }) as never);
  }
  worker = await startCustomerNotifications({ tick: false });
  api = await startTestApi([dispatchModule()]);
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  const at = { lat: 23.13, lng: 113.32 };
  const fac = await call(api.url, 'POST', '/api/v1/facilities', { token: admin.token, body: {
    name: `通知测试仓 ${uniq('')}`, tier: 'forward', location: at, address: '天河路 1 号', openingHours: { alwaysOpen: true },
    coldCapabilities: ['ambient', 'chilled', 'frozen'], serviceArea: { kind: 'radius', radiusM: 3000 },
  } });
  expect(fac.status, JSON.stringify(fac.body)).toBe(201);
  const sku = await call(api.url, 'POST', '/api/v1/skus', { token: admin.token, body: { name: SKU_NAME, genericName: 'insulin glargine', temperatureClass: 'chilled', stabilityBudgetMin: 30 } });
  expect(sku.status, JSON.stringify(sku.body)).toBe(201);
  const lot = await call(api.url, 'POST', `/api/v1/facilities/${fac.body.id}/lots`, { token: admin.token, body: { skuId: sku.body.id, lotNumber: uniq('L'), expiry: '2099-12-31', quantity: 100 } });
  expect(lot.status, JSON.stringify(lot.body)).toBeLessThan(300);
  const rider = await call(api.url, 'POST', '/api/v1/riders', { token: admin.token, body: { name: '骑手', homeFacilityId: fac.body.id, vehicleType: 'e_bike', status: 'online' } });
  expect(rider.status, JSON.stringify(rider.body)).toBe(201);
  // Sourcing wants a free chilled box for each cold order.
  const boxIds: string[] = [];
  for (let i = 0; i < 8; i++) {
    const box = await call(api.url, 'POST', '/api/v1/boxes', { token: admin.token, body: {
      facilityId: fac.body.id, kind: 'active', holdoverMinutes: { summer: 120, winter: 180 }, calibrationDue: '2099-01-01', probes: 1,
      compartments: [{ temperatureClass: 'chilled', capacityUnits: 10 }],
    } });
    expect(box.status, JSON.stringify(box.body)).toBe(201);
    boxIds.push(box.body.id);
  }
  fixture = { facilityId: fac.body.id, skuId: sku.body.id, riderId: rider.body.id, boxIds };
});

afterAll(async () => {
  vi.restoreAllMocks();
  await worker?.close();
  await closeNotifyQueue();
  await closeFeedPublisher();
  await api?.close();
  if (receiver) await new Promise<void>((r) => receiver.close(() => r()));
});

async function waitFor<T>(fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 10_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v as T;
    if (Date.now() - t0 > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An order for a new customer (a phone of its own), placed through the API; its shipment. */
async function order(phone = `139${String(randomInt(0, 1e8)).padStart(8, '0')}`, language?: 'zh-CN' | 'en') {
  const res = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: {
    channel: 'app', items: [{ skuId: fixture.skuId, quantity: 1 }],
    customer: { name: CUSTOMER, phone, address: '广州市天河区体育西路 101 号 2 栋 1203 房', location: { lat: 23.134, lng: 113.323 }, ...(language ? { language } : {}) },
    delivery: { mode: 'instant', promiseMinutes: 60 },
  } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { orderId: res.body.id as string, token: res.body.token as string, shipmentId: res.body.shipments[0].id as string, dueAt: new Date(res.body.shipments[0].dueAt), phone };
}

const smsTo = (phone: string) => sms.filter((m) => m.to.endsWith(phone));
const hooksFor = (shipmentId: string) => hooks.filter((h) => h.notification.shipmentId === shipmentId);
const row = async (shipmentId: string, kind: string) => (await listCustomerNotifications(shipmentId)).find((n) => n.kind === kind);

describe('customer notifications', () => {
  it('picked_up: sent once by SMS to the customer\'s phone and by signed webhook, with the code and the link; a second call sends nothing', async () => {
    const o = await order();
    const first = await notifyCustomer({ shipmentId: o.shipmentId, kind: 'picked_up', code: '482913' });
    const again = await notifyCustomer({ shipmentId: o.shipmentId, kind: 'picked_up', code: '482913' });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, notificationId: first.notificationId });
    const n = await waitFor(async () => { const r = await row(o.shipmentId, 'picked_up'); return r?.status === 'sent' && r; });
    expect(n).toMatchObject({ language: 'zh-CN', channels: ['sms', 'webhook'], sentChannels: ['sms', 'webhook'], attempts: 1, error: null, toMasked: `${o.phone.slice(0, 3)}******${o.phone.slice(9)}` });
    expect(n.sentAt).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would have arrived by now
    const [m] = smsTo(o.phone);
    expect(smsTo(o.phone)).toHaveLength(1);
    expect(m.to.replace(/\D/g, '').slice(-11)).toBe(o.phone);
    expect(m.reference).toBe(`cn-${first.notificationId}`);
    expect(m.text).toContain('482913');
    expect(m.text).toContain(`https://track.example.test/t/${o.token}`);
    for (const w of ['胰岛素', 'insulin', 'glargine', CUSTOMER, '欧阳']) expect(m.text.toLowerCase()).not.toContain(w.toLowerCase());
    const [h] = hooksFor(o.shipmentId);
    expect(hooksFor(o.shipmentId)).toHaveLength(1);
    expect(h.signed).toBe(true);
    expect(h.notification).toMatchObject({ kind: 'picked_up', text: m.text, trackingUrl: `https://track.example.test/t/${o.token}` });
    // The webhook carries no phone; the table neither (only masked), nor the code.
    expect(h.body).not.toContain(o.phone.slice(3));
    const stored = await appDb().query(`SELECT to_jsonb(n)::text AS j FROM tracking.customer_notifications n WHERE shipment_id = $1`, [o.shipmentId]);
    expect(stored.rows[0].j).not.toContain(o.phone.slice(3));
    expect(stored.rows[0].j).not.toContain('482913');
  });

  it('speaks the language the order names: English for a customer who chose it, zh-CN when none was given', async () => {
    const o = await order(undefined, 'en');
    await notifyCustomer({ shipmentId: o.shipmentId, kind: 'picked_up', code: '314159' });
    const n = await waitFor(async () => { const r = await row(o.shipmentId, 'picked_up'); return r?.status === 'sent' && r; });
    expect(n.language).toBe('en');
    const [m] = smsTo(o.phone);
    expect(m.text).toContain('314159');
    expect(m.text).not.toMatch(/[\u4e00-\u9fff]/);
    const bad = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: {
      channel: 'app', items: [{ skuId: fixture.skuId, quantity: 1 }], delivery: { mode: 'instant', promiseMinutes: 60 },
      customer: { name: CUSTOMER, phone: '13900000000', address: '广州市天河区体育西路 101 号', location: { lat: 23.134, lng: 113.323 }, language: 'fr' },
    } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('customer.language');
  });

  it('every other kind is sent once, without the code; failed with its reason in words', async () => {
    const o = await order();
    await notifyCustomer({ shipmentId: o.shipmentId, kind: 'picked_up', code: '100200' });
    await notifyCustomer({ shipmentId: o.shipmentId, kind: 'arriving' });
    await notifyCustomer({ shipmentId: o.shipmentId, kind: 'failed', reason: 'customer_absent' });
    await notifyCustomer({ shipmentId: o.shipmentId, kind: 'failed', reason: 'refused' }); // the first one stands
    await notifyCustomer({ shipmentId: o.shipmentId, kind: 'delivered' });
    await waitFor(async () => (await listCustomerNotifications(o.shipmentId)).every((n) => n.status === 'sent') && smsTo(o.phone).length >= 4);
    const texts = smsTo(o.phone).map((m) => m.text);
    expect(texts).toHaveLength(4);
    expect(texts.filter((t) => t.includes('100200'))).toHaveLength(1);
    expect(texts.some((t) => t.includes('骑手到达时未能联系到您'))).toBe(true);
    expect(texts.some((t) => t.includes('拒收'))).toBe(false);
    await expect(notifyCustomer({ shipmentId: o.shipmentId, kind: 'picked_up' })).rejects.toThrow(/6-digit/);
  });

  it('a receiver that is down and comes back: retried with backoff, then sent; attempts recorded', async () => {
    const o = await order();
    refuse.set(o.phone, 2);
    refuse.set(o.shipmentId, 1);
    await notifyCustomer({ shipmentId: o.shipmentId, kind: 'arriving' });
    const n = await waitFor(async () => { const r = await row(o.shipmentId, 'arriving'); return r?.status === 'sent' && r; });
    expect(n.attempts).toBe(3);
    expect(n.error).toBeNull();
    // The webhook got through on the 2nd attempt and was not sent again on the 3rd.
    expect(hooksFor(o.shipmentId)).toHaveLength(1);
    expect(smsTo(o.phone)).toHaveLength(1);
  });

  it('a receiver down for good: after the last attempt the status is failed with the error', async () => {
    const o = await order();
    refuse.set(o.phone, 1000);
    refuse.set(o.shipmentId, 1000);
    await notifyCustomer({ shipmentId: o.shipmentId, kind: 'delivered' });
    const n = await waitFor(async () => { const r = await row(o.shipmentId, 'delivered'); return r?.status === 'failed' && r; });
    expect(n.attempts).toBe(3);
    expect(n.error).toMatch(/sms: SMS provider answered HTTP 503/);
    expect(n.error).toMatch(/webhook: webhook answered HTTP 503/);
    expect(n.sentAt).toBeNull();
    refuse.delete(o.phone);
    refuse.delete(o.shipmentId);
  });

  it('an unreachable receiver (connection refused) is recorded as such on the last attempt', async () => {
    const o = await order();
    const { notificationId } = await notifyCustomer({ shipmentId: o.shipmentId, kind: 'arriving' }, appDb());
    // Wait for the real worker to send it, then replay a last attempt against a closed port.
    await waitFor(async () => (await row(o.shipmentId, 'arriving'))?.status === 'sent');
    await appDb().query(`UPDATE tracking.customer_notifications SET status = 'retrying', sent_channels = '{}' WHERE id = $1`, [notificationId]);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(runSendJob({ data: { notificationId }, attemptsMade: 2, opts: { attempts: 3 } }, { db: appDb(), sms: { url: `http://127.0.0.1:${port}/sms`, token: '' }, webhook: null })).rejects.toThrow(/ECONNREFUSED/);
    expect(await row(o.shipmentId, 'arriving')).toMatchObject({ status: 'failed', error: expect.stringMatching(/^sms: fetch failed \(ECONNREFUSED\)/) });
  });

  it('a landline takes no SMS: the webhook alone carries the message', async () => {
    const o = await order(`020-8${String(randomInt(0, 1e7)).padStart(7, '0')}`);
    await notifyCustomer({ shipmentId: o.shipmentId, kind: 'arriving' });
    const n = await waitFor(async () => { const r = await row(o.shipmentId, 'arriving'); return r?.status === 'sent' && r; });
    expect(n).toMatchObject({ channels: ['webhook'], sentChannels: ['webhook'], toMasked: expect.stringMatching(/^020-\*{6}\d\d$/) });
    expect(hooksFor(o.shipmentId)).toHaveLength(1);
    expect(sms.filter((m) => m.to.includes(o.phone.slice(4)))).toHaveLength(0);
  });

  it('delayed: a shipment with a rider past its promised window is told once, however often the tick runs', async () => {
    const o = await order();
    // In a box with its rider (dispatch's custody write, which the lifecycle's pickup runs).
    await withTx(appDb(), (c) => bindShipment(c, { shipmentId: o.shipmentId, boxId: fixture.boxIds[0], riderId: fixture.riderId, audit: (q, e) => recordAudit(q, { ...e, actorId: 'test', actorRole: 'dispatcher' }) }));
    // Before the window ends: nothing for this shipment.
    await checkDelays(new Date(o.dueAt.getTime() - 60_000));
    expect(await row(o.shipmentId, 'delayed')).toBeUndefined();
    const late = new Date(o.dueAt.getTime() + 60_000);
    const first = await checkDelays(late);
    expect(first.queued).toBeGreaterThanOrEqual(1);
    await checkDelays(late);
    await checkDelays(new Date(late.getTime() + 600_000));
    await waitFor(async () => (await row(o.shipmentId, 'delayed'))?.status === 'sent');
    await new Promise((r) => setTimeout(r, 300));
    const texts = smsTo(o.phone).map((m) => m.text);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('晚于承诺时间');
  });

  it('excursion_review: an excursion alarm on the feed tells the customer QA reviews it, once; other alarms do not', async () => {
    const o = await order();
    const alarm = (type: string, change = 'created') => ({
      type: 'alarm', change, scope: { facilityIds: [fixture.facilityId], riderIds: [] }, publishedAt: Date.now(),
      alarm: { id: uniq('alm_'), type, status: 'active', shipmentIds: [o.shipmentId], boxId: 'box_x' },
    });
    await publishEvents([alarm('DOOR_OPEN'), alarm('TEMP_HIGH'), alarm('TEMP_HIGH', 'reactivated'), alarm('FREEZE')]);
    const n = await waitFor(async () => { const r = await row(o.shipmentId, 'excursion_review'); return r?.status === 'sent' && r; });
    expect(n.params.alarmId).toMatch(/^alm_/);
    expect((await listCustomerNotifications(o.shipmentId)).map((r) => r.kind)).toEqual(['excursion_review']);
    await new Promise((r) => setTimeout(r, 300));
    expect(smsTo(o.phone)).toHaveLength(1);
    expect(smsTo(o.phone)[0].text).toMatch(/质量人员正在评估.*不要使用/);
  });

  it('the phone number never reaches the logs', () => {
    expect(logged.length).toBeGreaterThan(0);
    const all = logged.join('\n');
    for (const m of sms) expect(all).not.toContain(m.to.replace(/\D/g, '').slice(-8));
    expect(all).toContain('customer notified');
  });
});
