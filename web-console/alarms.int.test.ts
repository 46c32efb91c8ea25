/**
 * The alarm panel in Debian's Chromium against the real processes as `npm start` runs them
 * (api serving the built console, ingest, worker), with a queue prefix of their own so no other
 * test file's jobs or excursion states are theirs. A chilled shipment is picked up with a
 * pre-cooled box; the box then reports 12.5 °C over MQTT: the alarm appears with its tier and
 * when the next tier fires, its curve grows as readings arrive, it is acknowledged with a note,
 * and "show on map" centres the box. axe-core finds no critical or serious violation.
 * Screenshots in .stack/screenshots/console/; look at them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';
import type { MqttClient } from 'mqtt';
import { connectService } from '../platform/mqtt/client';
import { call, makeUser, requireStack, uniq, type TestUser } from '../platform/testing/harness';
import { axeViolations } from './testing/axe';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = path.join(ROOT, '.stack/screenshots/console');
// The test city's south-west corner: away from the live-map test's clusters and other files' orders.
const HOME = { lat: 23.1150, lng: 113.3015 };
const WAIT = { timeout: 30_000 };

let procs: ChildProcess[] = [];
let base: string;
let browser: Browser;
let pub: MqttClient;
let admin: TestUser, dispatcher: TestUser, qa: TestUser;
let seq = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function post(p: string, body: unknown, token = admin.token, method = 'POST') {
  const r = await call(base, method, `/api/v1${p}`, { token, body });
  expect(r.status, `${method} ${p}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

async function readings(boxId: string, rs: Array<{ ts: number; t: number; hist?: boolean }>): Promise<void> {
  const payload = JSON.stringify({
    schema: 'coldbox.telemetry/1', boxId, fw: '1.4.2', seq: ++seq + Math.floor(Date.now() / 1000), sentAt: Date.now(),
    readings: rs.map((r) => ({ ts: r.ts, t: [r.t, r.t - 0.4], door: false, batt: 86, hist: r.hist ?? false })),
  });
  await pub.publishAsync(`dt/coldchain/box/${boxId}/telemetry`, payload, { qos: 1 });
}

async function shot(page: Page, name: string) {
  await page.locator('.el-loading-mask').waitFor({ state: 'detached' });
  await page.waitForTimeout(300); // Element Plus transitions
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function expectAccessible(page: Page, what: string) {
  const found = await axeViolations(page);
  expect(found, `${what}: ${JSON.stringify(found, null, 1)}`).toEqual([]);
}

/** A chilled shipment picked up with a pre-cooled box, alarms at once, one escalation tier after 30 min. */
async function carried() {
  const facilityId = uniq('fac_');
  await post('/facilities', {
    id: facilityId, name: `告警测试仓 ${uniq('')}`, tier: 'forward', location: HOME, address: '天河路 20 号', openingHours: { alwaysOpen: true },
    coldCapabilities: ['ambient', 'chilled'], serviceArea: { kind: 'radius', radiusM: 3000 },
  });
  const riderId = uniq('rdr_');
  await post('/riders', { id: riderId, name: '赵骑手', homeFacilityId: facilityId, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status: 'online' });
  const skuId = uniq('sku_');
  await post('/skus', { id: skuId, name: '门冬胰岛素注射液', genericName: 'insulin aspart', temperatureClass: 'chilled', rx: false, volumeUnits: 1, stabilityBudgetMin: 30 });
  await post(`/facilities/${facilityId}/lots`, { skuId, lotNumber: uniq('L'), expiry: '2099-12-31', quantity: 20 });
  const boxId = uniq('box_');
  await post('/boxes', {
    id: boxId, facilityId, kind: 'active', holdoverMinutes: { summer: 240, winter: 300 }, calibrationDue: '2099-01-01', batteryPct: 90, sampleIntervalS: 60, probes: 2,
    compartments: [{ temperatureClass: 'ambient', capacityUnits: 10 }, { temperatureClass: 'chilled', capacityUnits: 10 }],
  });
  await post(`/boxes/${boxId}/pairing`, { riderId }, dispatcher.token);
  const contacts: string[] = [];
  for (let i = 0; i < 3; i++) contacts.push((await post('/telemetry/contacts', { label: 'QA duty', phone: '+8613800000000', reason: 'console alarm test' }, qa.token)).id);
  await post(`/telemetry/alarm-profiles/${facilityId}/chilled`, {
    override: { highDelayMs: 0, ignorePeriodMs: 0 }, recipients: contacts.map((contactId) => ({ channel: 'sms', contactId })),
    escalation: [{ afterMin: 30, recipients: [{ channel: 'sms', contactId: contacts[0] }] }], reason: 'console alarm test',
  }, admin.token, 'PUT');
  // 35 minutes in range from the box's buffer: pre-cooled.
  const now = Date.now();
  await readings(boxId, Array.from({ length: 36 }, (_, i) => ({ ts: now - (35 - i) * 60_000, t: 5, hist: i < 35 })));
  for (let i = 0; i < 100 && (await call(base, 'GET', `/api/v1/telemetry/readings?boxId=${boxId}`, { token: dispatcher.token })).body.readings?.length < 36; i++) await new Promise((r) => setTimeout(r, 200));
  const o = await post('/orders', {
    channel: 'app', items: [{ skuId, quantity: 1 }],
    customer: { name: '张三丰', phone: '13812345678', address: '广州市天河区体育西路 101 号', location: { lat: HOME.lat + 0.003, lng: HOME.lng + 0.002 } },
    delivery: { mode: 'instant', promiseMinutes: 90 },
  }, dispatcher.token);
  const shp = o.shipments[0].id as string;
  const rider = await makeUser('rider', { riderId });
  await post(`/shipments/${shp}/events`, { action: 'pick_up', boxId, label: shp }, rider.token);
  return { facilityId, riderId, boxId, shp };
}

beforeAll(async () => {
  requireStack();
  if (!existsSync(path.join(ROOT, 'dist/web/web-console/index.html'))) throw new Error('the console is not built: npm test builds it (npm run build:web)');
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, TELEMETRY_CACHE_TTL_MS: '0', QUEUE_PREFIX: uniq('alarmui') };
  const serve = (which: string, extra: Record<string, string>) => spawn(process.execPath, ['--import', 'tsx', 'app/cli.ts', 'serve', which], {
    cwd: ROOT, env: { ...env, PROCESS_NAME: which, ...extra }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  procs = [
    serve('api', { HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', API_WORKERS: '1' }),
    serve('ingest', { INGEST_CLIENT_ID: uniq('ingest-alarmui-'), INGEST_SHARE_GROUP: uniq('alarmui'), INGEST_SESSION_EXPIRY_S: '60', INGEST_METRICS_PORT: '0', INGEST_BATCH_WAIT_MS: '5' }),
    serve('worker', {}),
  ];
  for (let i = 0; i < 150; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  pub = await connectService({ clientId: uniq('pub-alarmui-') });
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
  selectors.setTestIdAttribute('data-test');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pub?.endAsync();
  for (const p of procs) {
    if (p.exitCode === null) {
      p.kill('SIGTERM');
      await new Promise((r) => p.once('exit', r));
    }
  }
});

describe('alarm panel', { timeout: 180_000 }, () => {
  it('shows an alarm raised by a real MQTT reading with its tier and next fire time, a live curve, acknowledges it, and finds the box on the map', async () => {
    const w = await carried();
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    const hosts = new Set<string>();
    page.on('request', (r) => { hosts.add(new URL(r.url()).hostname); });
    await page.goto(`${base}/console/`);
    await page.getByTestId('username').fill(dispatcher.username);
    await page.getByTestId('password').fill(dispatcher.password);
    await page.getByTestId('submit').click();
    await page.waitForURL(/\/console\/map/);
    await page.getByTestId('nav-alarms').click();
    await page.getByTestId('alarms-table').waitFor();
    const before = await page.evaluate(() => document.title);

    // The box, carrying the shipment, reports 12.5 °C.
    const t0 = Date.now();
    await readings(w.boxId, [{ ts: t0 - 500, t: 5 }]);
    await readings(w.boxId, [{ ts: t0, t: 12.5 }]);
    const alarm = await (async () => {
      for (let i = 0; i < 150; i++) {
        const a = (await call(base, 'GET', `/api/v1/telemetry/alarms?boxId=${w.boxId}&type=TEMP_HIGH`, { token: dispatcher.token })).body.alarms?.[0];
        if (a) return a;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('no TEMP_HIGH alarm');
    })();
    // It arrives on the open page through the feed: in the list, counted in the nav and the title.
    const link = page.getByTestId(`open-${alarm.id}`);
    await link.waitFor(WAIT);
    expect(await link.textContent()).toBe('温度过高');
    // Other test files' open alarms may be counted too: this one adds at least one.
    const counted = (title: string) => Number(/^\((\d+)\)/.exec(title)?.[1] ?? 0);
    await expect.poll(() => page.getByTestId('alarm-count').textContent(), WAIT).toMatch(/^\d+$/);
    await expect.poll(() => page.evaluate(() => document.title), WAIT).toMatch(/^\(\d+\) 冷链/);
    expect(counted(await page.evaluate(() => document.title))).toBeGreaterThan(counted(before));

    await link.click();
    await page.waitForURL(new RegExp(`/console/alarms/${alarm.id}$`));
    const detail = page.getByTestId('alarm-detail');
    // The worker notified tier 0 and scheduled tier 1 30 minutes on.
    await expect.poll(() => detail.getByTestId('alarm-tier').textContent(), WAIT).toBe('第 0 级');
    await expect.poll(() => detail.getByTestId('alarm-next').textContent(), WAIT).toMatch(/升至第 1 级 · 剩余 (29|30):\d\d/);
    const api = (await call(base, 'GET', `/api/v1/telemetry/alarms/${alarm.id}`, { token: dispatcher.token })).body;
    expect(Date.parse(api.nextEscalationAt) - Date.now()).toBeGreaterThan(28 * 60_000);
    expect(api.limits).toMatchObject({ low: 2, high: 8 });

    // The curve: the readings so far, then one more appended live from the feed.
    const curve = detail.getByTestId('alarm-curve');
    await expect.poll(async () => Number(await curve.getAttribute('data-points')), WAIT).toBeGreaterThanOrEqual(30);
    const n = Number(await curve.getAttribute('data-points'));
    await readings(w.boxId, [{ ts: Date.now(), t: 13.1 }]);
    await expect.poll(async () => Number(await curve.getAttribute('data-points')), WAIT).toBe(n + 1);
    await shot(page, '8-alarm-detail');
    await expectAccessible(page, 'alarm detail');

    // Acknowledge with a note: escalation stops, the note is kept.
    const ack = page.getByTestId('alarm-ack');
    expect(await ack.isDisabled()).toBe(true);
    await page.locator('textarea[data-test=alarm-note], [data-test=alarm-note] textarea').fill('已联系骑手，冰排已更换');
    await ack.click();
    await expect.poll(() => detail.getByTestId('alarm-status').textContent(), WAIT).toBe('已确认');
    expect(await detail.getByTestId('alarm-next').textContent()).toBe('已确认，不再升级');
    expect(await detail.getByTestId('alarm-ack-note').textContent()).toBe('已联系骑手，冰排已更换');
    const acked = (await call(base, 'GET', `/api/v1/telemetry/alarms/${alarm.id}`, { token: dispatcher.token })).body;
    expect(acked).toMatchObject({ status: 'acknowledged', ackNote: '已联系骑手，冰排已更换', acknowledgedBy: expect.stringMatching(/^usr_/), nextEscalationAt: null });
    await shot(page, '9-alarm-acknowledged');

    // English.
    await page.getByTestId('locale').click();
    await page.getByRole('option', { name: 'English' }).click();
    await expect.poll(() => detail.getByTestId('alarm-next').textContent(), WAIT).toBe('Acknowledged: escalation stopped');
    expect(await page.getByTestId(`open-${alarm.id}`).textContent()).toBe('Too warm');
    await shot(page, '10-alarm-acknowledged-en');
    await expectAccessible(page, 'alarm detail (en)');

    // Show on map: the box, with its rider who has no position yet, is at its facility, centred.
    await detail.getByTestId('alarm-on-map').click();
    await page.waitForURL(new RegExp(`/console/map\\?box=${w.boxId}$`));
    const selected = page.getByTestId('selected-box');
    await expect.poll(() => selected.getAttribute('data-box'), WAIT).toBe(w.boxId);
    expect(await selected.textContent()).toContain('at 告警测试仓');
    await expect.poll(() => page.getByTestId('map').getAttribute('data-center'), WAIT).toBe(`${HOME.lat.toFixed(5)},${HOME.lng.toFixed(5)}`);
    await shot(page, '11-alarm-box-on-map-en');
    await expectAccessible(page, 'map with the box');
    expect([...hosts]).toEqual(['127.0.0.1']);
    await ctx.close();
  });
});
