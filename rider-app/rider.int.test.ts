/**
 * The rider app in Debian's Chromium on a phone-sized screen against the real stack: the `api`
 * and `ingest` processes as `npm start` runs them, records made through the public API, box
 * readings over real MQTT. A whole delivery with the fake camera reading the box's and the
 * label's QR codes, a pickup refused because the box has not pre-cooled, an alarm arriving
 * mid-route, a handover between two riders' phones, and an offline stretch with 30 queued actions
 * replayed exactly once. Each step saves
 * a screenshot in .stack/screenshots/rider/; look at them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, selectors, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { MqttClient } from 'mqtt';
import { appDb } from '../platform/db/pool';
import { connectService } from '../platform/mqtt/client';
import { call, makeUser, requireStack, uniq, type TestUser } from '../platform/testing/harness';
import { currentDeliveryCode } from '../tracking';
import { doorPhotoPng, writeQrVideo } from './testing/fake-camera';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = path.join(ROOT, '.stack/screenshots/rider');
const WAIT = { timeout: 20_000 };
// South-west of the city centre the other test files use: our own facility's riders only.
const HOME = { lat: 23.1262, lng: 113.3158 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DRUG = '门冬胰岛素注射液';

let api: ChildProcess, ingest: ChildProcess;
let base: string;
let admin: TestUser, dispatcher: TestUser, qa: TestUser;
let pub: MqttClient;
let seq = 0;
const browsers: Browser[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function post(p: string, body: unknown, token = admin.token, method = 'POST') {
  const r = await call(base, method, `/api/v1${p}`, { token, ...(body === undefined ? {} : { body }), headers: { 'x-change-reason': 'rider app browser test' } });
  expect(r.status, `${method} ${p}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

async function waitFor<T>(f: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Box readings over MQTT, as the box sends them (coldbox.telemetry/1). */
async function readings(boxId: string, rs: Array<{ ts: number; t: number; hist?: boolean }>): Promise<void> {
  const payload = JSON.stringify({
    schema: 'coldbox.telemetry/1', boxId, fw: '1.4.2', seq: ++seq + Math.floor(Date.now() / 1000), sentAt: Date.now(),
    readings: rs.map((r) => ({ ts: r.ts, t: [r.t, r.t], door: false, batt: 86, hist: r.hist ?? false })),
  });
  await pub.publishAsync(`dt/coldchain/box/${boxId}/telemetry`, payload, { qos: 1 });
}

/** 35 minutes in range from the box's buffer: pre-cooled. */
async function precool(boxId: string): Promise<void> {
  const now = Date.now();
  await readings(boxId, Array.from({ length: 36 }, (_, i) => ({ ts: now - (35 - i) * 60_000, t: 5, hist: i < 35 })));
  await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1`, [boxId])).rows[0].n >= 36);
}

/** A forward warehouse with a rider, a paired chilled box (pre-cooled unless told), `orders` paid orders, and a plan. */
async function world(opts: { orders?: number; precool?: boolean; hotProfile?: boolean } = {}) {
  const at = { lat: HOME.lat + (Math.random() - 0.5) * 0.004, lng: HOME.lng + (Math.random() - 0.5) * 0.004 };
  const facilityId = uniq('fac_');
  await post('/facilities', {
    id: facilityId, name: `骑手测试仓 ${uniq('')}`, tier: 'forward', location: at, address: '天河路 9 号', openingHours: { alwaysOpen: true },
    coldCapabilities: ['ambient', 'chilled'], serviceArea: { kind: 'radius', radiusM: 3000 },
  });
  const riderId = uniq('rdr_');
  await post('/riders', { id: riderId, name: '王骑手', homeFacilityId: facilityId, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status: 'online' });
  const skuId = uniq('sku_');
  await post('/skus', { id: skuId, name: DRUG, genericName: 'insulin aspart', temperatureClass: 'chilled', rx: false, volumeUnits: 1, stabilityBudgetMin: 30 });
  await post(`/facilities/${facilityId}/lots`, { skuId, lotNumber: uniq('L'), expiry: '2099-12-31', quantity: 50 });
  const boxId = uniq('box_');
  await post('/boxes', {
    id: boxId, facilityId, kind: 'active', holdoverMinutes: { summer: 240, winter: 300 }, calibrationDue: '2099-01-01', batteryPct: 90, sampleIntervalS: 60, probes: 2,
    compartments: [{ temperatureClass: 'ambient', capacityUnits: 10 }, { temperatureClass: 'chilled', capacityUnits: 10 }],
  });
  await post(`/boxes/${boxId}/pairing`, { riderId }, dispatcher.token);
  if (opts.hotProfile) {
    const contacts: string[] = [];
    for (let i = 0; i < 3; i++) contacts.push((await post('/telemetry/contacts', { label: 'QA duty', phone: '+8613800000000', reason: 'rider app browser test' }, qa.token)).id);
    // Alarms at once: no delay, no start-up ignore period.
    await post(`/telemetry/alarm-profiles/${facilityId}/chilled`, { override: { highDelayMs: 0, ignorePeriodMs: 0 }, recipients: contacts.map((contactId) => ({ channel: 'sms', contactId })), reason: 'rider app browser test' }, admin.token, 'PUT');
  }
  if (opts.precool !== false) await precool(boxId);
  const shipments: Array<{ id: string; orderId: string; token: string }> = [];
  for (let i = 0; i < (opts.orders ?? 1); i++) {
    const o = await post('/orders', {
      channel: 'app', items: [{ skuId, quantity: 1 }],
      customer: { name: '张三丰', phone: '13812345678', address: '广州市天河区体育西路 101 号 2 栋 1203 房', location: { lat: at.lat + 0.003 + i * 0.0007, lng: at.lng + 0.002 } },
      delivery: { mode: 'instant', promiseMinutes: 90 },
    }, dispatcher.token);
    shipments.push({ id: o.shipments[0].id, orderId: o.id, token: o.token });
  }
  await post(`/facilities/${facilityId}/plan`, undefined, dispatcher.token);
  const plan = (await call(base, 'GET', `/api/v1/riders/${riderId}/plan`, { token: dispatcher.token })).body;
  expect(plan.route?.stops.filter((s: { step: string }) => s.step === 'delivery').length, JSON.stringify(plan)).toBe(shipments.length);
  const rider = await makeUser('rider', { riderId });
  return { facilityId, riderId, skuId, boxId, shipments, rider, shp: shipments[0] };
}

async function phone(opts: { video?: string } = {}): Promise<{ ctx: BrowserContext; page: Page; hosts: Set<string> }> {
  const args = ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
  if (opts.video) args.push(`--use-file-for-fake-video-capture=${opts.video}`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
  browsers.push(browser);
  const ctx = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', geolocation: { latitude: HOME.lat, longitude: HOME.lng, accuracy: 8 }, permissions: ['geolocation', 'camera'] });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  const hosts = new Set<string>();
  page.on('request', (r) => { const u = new URL(r.url()); if (u.protocol.startsWith('http')) hosts.add(u.hostname); });
  if (process.env.RIDER_DEBUG) page.on('console', (m) => process.stderr.write(`[page] ${m.type()} ${m.text()}\n`));
  return { ctx, page, hosts };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250); // Vant's transitions
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function logIn(page: Page, u: TestUser): Promise<void> {
  await page.goto(`${base}/rider/`);
  await page.locator('[data-test=username] input').fill(u.username);
  await page.locator('[data-test=password] input').fill(u.password);
  await page.getByTestId('submit').click();
  await page.getByTestId('route').waitFor();
}

const stopState = (page: Page) => page.getByTestId('state').textContent();
async function step(page: Page, action: string, expected: string): Promise<void> {
  await page.getByTestId(`act-${action}`).click();
  await expect.poll(() => stopState(page), WAIT).toBe(expected);
}

async function lifecycle(shp: string) {
  return (await call(base, 'GET', `/api/v1/shipments/${shp}/lifecycle`, { token: dispatcher.token })).body;
}

beforeAll(async () => {
  requireStack();
  for (const f of ['rider-app/index.html', 'rider-sw.js', 'rider-manifest.webmanifest']) {
    if (!existsSync(path.join(ROOT, 'dist/web', f))) throw new Error(`dist/web/${f} missing: npm test builds the web apps (npm run build:web)`);
  }
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, TELEMETRY_CACHE_TTL_MS: '0' };
  api = spawn(process.execPath, ['--import', 'tsx', 'app/cli.ts', 'serve', 'api'], {
    cwd: ROOT, env: { ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', API_WORKERS: '1', PROCESS_NAME: 'api' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  ingest = spawn(process.execPath, ['--import', 'tsx', 'app/cli.ts', 'serve', 'ingest'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, PROCESS_NAME: 'ingest', INGEST_CLIENT_ID: uniq('ingest-rider-'), INGEST_SHARE_GROUP: uniq('rider'), INGEST_SESSION_EXPIRY_S: '60', INGEST_METRICS_PORT: '0', INGEST_BATCH_WAIT_MS: '5' },
  });
  for (let i = 0; i < 150; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  pub = await connectService({ clientId: uniq('pub-rider-') });
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
  selectors.setTestIdAttribute('data-test');
}, 120_000);

afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  await pub?.endAsync();
  for (const p of [api, ingest]) {
    if (p && p.exitCode === null) {
      p.kill('SIGTERM');
      await new Promise((r) => p.once('exit', r));
    }
  }
});

describe('rider app', { timeout: 180_000 }, () => {
  it('is an installable PWA: manifest, icons, a service worker scoped to /rider/ and served no-cache', async () => {
    const page = await fetch(`${base}/rider/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<link rel="manifest" href="/rider/manifest.webmanifest"');
    const sw = await fetch(`${base}/rider/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const swText = await sw.text();
    // The app shell is precached: the page and the rider's own entry; the console is not.
    expect(swText).toContain('/ui/rider-app/index.html');
    expect(swText).toMatch(/\/ui\/assets\/rider-[\w-]+\.js/);
    expect(swText).not.toMatch(/\/ui\/assets\/console-[\w-]+\.js/);
    expect(swText).not.toContain('importScripts');
    const m = await fetch(`${base}/rider/manifest.webmanifest`);
    expect(m.headers.get('content-type')).toMatch(/application\/manifest\+json/);
    const manifest = await m.json();
    expect(manifest).toMatchObject({ start_url: '/rider/', scope: '/rider/', display: 'standalone', name: expect.any(String), short_name: expect.any(String) });
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i: { sizes: string }) => i.sizes === size);
      const r = await fetch(base + icon.src);
      expect(r.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await r.arrayBuffer());
      expect(png.readUInt32BE(16)).toBe(Number(size.split('x')[0]));
    }
    // Nothing from a CDN: Vant's icon font is a file of our build (out of the CSS, which it would
    // make three times heavier), precached for offline use; its CDN copy is cut at build time.
    const css = /href="(\/ui\/assets\/rider-[\w-]+\.css)"/.exec(html)![1];
    const cssText = await (await fetch(base + css)).text();
    expect(cssText).not.toMatch(/url\((["']?)(https?:)?\/\//);
    const font = /url\((\/ui\/assets\/vant-icon-[0-9a-f]+\.woff2)\)/.exec(cssText)![1];
    expect(swText).toContain(font);
    expect((await fetch(base + font)).headers.get('content-type')).toMatch(/font\/woff2/);
    expect((await fetch(`${base}/rider/nope.js`)).headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('a whole delivery: route, shift on with GPS, pickup by camera scan, customer shown only while delivering, code + photo + signature', async () => {
    const w = await world();
    const label = `${base}/t/${w.shp.token}`;
    const video = path.join(tmpdir(), `${uniq('rider-qr-')}.y4m`);
    await writeQrVideo(video, [w.boxId, label]);
    const { page, hosts } = await phone({ video });
    await logIn(page, w.rider);
    await expect.poll(() => page.locator('[data-step]').count(), WAIT).toBe(2);
    await expect.poll(() => page.getByTestId('box-temp').textContent(), WAIT).toBe('5.0 °C');
    expect(await page.getByTestId('box-card').getAttribute('data-tone')).toBe('ok');
    await shot(page, '01-route-zh');

    // On duty: the status changes on the server and the phone's position arrives.
    await page.getByTestId('duty').click();
    await expect.poll(() => page.getByTestId('duty-state').textContent(), WAIT).toBe('在岗');
    expect((await appDb().query(`SELECT status FROM dispatch.riders WHERE id = $1`, [w.riderId])).rows[0].status).toBe('online');
    await waitFor(async () => (await appDb().query(`SELECT count(*)::int AS n FROM tracking.rider_positions WHERE rider_id = $1`, [w.riderId])).rows[0].n > 0);

    await page.locator(`[data-stop="${w.shp.id}"][data-step="delivery"]`).click();
    await expect.poll(() => stopState(page), WAIT).toBe('已派给您');
    // Before pickup the customer is masked; navigate links carry converted coordinates.
    expect(await page.getByTestId('customer-name').textContent()).toContain('张*');
    expect(await page.getByTestId('call').count()).toBe(0);
    expect(await page.locator('[data-app=baidu]').getAttribute('href')).toMatch(/^baidumap:\/\/map\/direction\?destination=latlng:[\d.]+,[\d.]+\|name:.*coord_type=bd09ll/);
    await shot(page, '02-stop-before-pickup');
    await step(page, 'arrive_pickup', '已到站');

    // The fake camera shows the box's QR, then the label's; the scanner takes each in turn.
    await page.getByTestId('act-pick_up').click();
    await page.getByTestId('scan-camera').click();
    await page.getByTestId('scan-video').waitFor();
    await shot(page, '03a-scanning');
    // A camera error ends the wait with what the page said.
    const scanned = (field: string) => async () => {
      const err = page.getByTestId('camera-error');
      if (await err.count()) return `camera error: ${await err.textContent()}`;
      const value = await page.locator(`[data-test=${field}] input`).inputValue();
      return value || `nothing read yet, ${await page.getByTestId('scan-video').getAttribute('data-frames') ?? 0} frames looked at`;
    };
    await expect.poll(scanned('box-id'), { timeout: 60_000 }).toBe(w.boxId);
    await expect.poll(scanned('label'), { timeout: 60_000 }).toBe(label);
    await shot(page, '03-scanned');
    await page.getByTestId('pickup-confirm').click();
    await expect.poll(() => stopState(page), WAIT).toBe('已取货');
    await step(page, 'depart', '配送中');
    await step(page, 'arriving', '即将送达');
    // While delivering, the rider sees the customer and can call them.
    await expect.poll(() => page.getByTestId('customer-name').textContent(), WAIT).toContain('张三丰');
    expect(await page.getByTestId('call').getAttribute('href')).toBe('tel:13812345678');
    await shot(page, '04-arriving-customer-shown');

    await page.getByTestId('act-deliver').click();
    await page.locator('[data-test=code] input').fill('12345');
    await page.getByTestId('handover-confirm').click();
    await expect.poll(() => page.locator('[data-test=handover]').textContent()).toContain('收货码为 6 位数字');
    const code = await currentDeliveryCode(appDb(), w.shp.id);
    await page.locator('[data-test=code] input').fill(code!);
    await page.getByTestId('photo').setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: doorPhotoPng() });
    await page.getByTestId('photo-preview').waitFor();
    const pad = (await page.getByTestId('signature').boundingBox())!;
    await page.mouse.move(pad.x + 20, pad.y + 100);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(pad.x + 20 + i * 22, pad.y + 100 - Math.sin(i / 2) * 40);
    await page.mouse.up();
    await shot(page, '05-handover-form');
    await page.getByTestId('handover-confirm').click();
    await expect.poll(() => stopState(page), WAIT).toBe('已送达');
    await expect.poll(() => page.getByTestId('pending').count(), WAIT).toBe(0);
    // After the delivery the customer is masked again, and nothing unmasked was kept on the phone.
    await expect.poll(() => page.getByTestId('customer-name').textContent(), WAIT).toContain('张*');
    await shot(page, '06-delivered');
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open('coldchain-rider'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      const all = await Promise.all([...db.objectStoreNames].map((s) => new Promise<unknown[]>((res) => { const r = db.transaction(s).objectStore(s).getAll(); r.onsuccess = () => res(r.result); })));
      return JSON.stringify(all);
    });
    expect(stored).toContain(w.boxId);
    expect(stored).not.toContain('13812345678');
    expect(stored).not.toContain('张三丰');
    expect(stored).not.toContain('体育西路');

    const l = await lifecycle(w.shp.id);
    // The rider's own steps (the planner's assignment is recorded too, as `assign`).
    const mine = l.events.filter((e: { actor: { role: string } }) => e.actor.role === 'rider');
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['arrive_pickup', 'pick_up', 'depart', 'arriving', 'deliver']);
    expect(mine.every((e: { clientEventId: string | null; deviceAt: string | null }) => e.clientEventId && e.deviceAt)).toBe(true);
    expect(mine[0].location).toMatchObject({ lat: expect.closeTo(HOME.lat, 4), lng: expect.closeTo(HOME.lng, 4) });
    const pod = (await call(base, 'GET', `/api/v1/shipments/${w.shp.id}/pod`, { token: dispatcher.token })).body;
    expect(pod.files.map((f: { kind: string; contentType: string }) => `${f.kind} ${f.contentType}`).sort()).toEqual(['photo image/jpeg', 'signature image/png']);

    // No drug names anywhere on the rider's screens.
    expect(await page.locator('body').textContent()).not.toContain(DRUG);
    await page.getByTestId('back').click();
    expect(await page.locator('body').textContent()).not.toContain(DRUG);
    await page.getByTestId('lang').click();
    await expect.poll(() => page.getByTestId('route').textContent(), WAIT).toContain('Today\'s route');
    await shot(page, '07-route-en');
    expect([...hosts]).toEqual(['127.0.0.1']);
  });

  it('today\'s route on the base map: stops numbered in route order, the rider\'s own position, a tap opens the stop', async () => {
    const w = await world({ orders: 3 });
    const { page } = await phone();
    await logIn(page, w.rider);
    await expect.poll(() => page.locator('[data-step]').count(), WAIT).toBe(6);
    const listOrder = await page.locator('[data-stop]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-stop')}/${e.getAttribute('data-step')}`));
    await page.getByTestId('view-map').click();
    await page.locator('.road-layer[data-state=loaded]').waitFor({ state: 'attached', timeout: 30_000 });
    await expect.poll(() => page.locator('[data-map-stop]').count(), WAIT).toBe(6);
    // The same stops as the list, numbered 1…6 in the list's order; the phone's position (geolocation) is on the map.
    const pins = await page.locator('[data-map-stop]').evaluateAll((els) => els.map((e) => ({ id: `${e.getAttribute('data-map-stop')}/${e.getAttribute('data-step')}`, n: e.textContent })));
    expect(pins.map((p) => p.id)).toEqual(listOrder);
    expect(pins.map((p) => p.n)).toEqual(['1', '2', '3', '4', '5', '6']);
    await page.locator('[data-map-me]').waitFor(WAIT);
    // Each pin sits where its stop is (the default base map is WGS-84: no shift).
    const plan = (await call(base, 'GET', `/api/v1/riders/${w.riderId}/plan`, { token: dispatcher.token })).body;
    const placed = await page.evaluate(() => {
      const map = document.querySelector('.route-map')!.getBoundingClientRect();
      return [...document.querySelectorAll('[data-map-stop]')].map((e) => { const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2 - map.x, y: r.y + r.height / 2 - map.y }; });
    });
    const first = plan.route.stops[0], last = plan.route.stops[5];
    // North is up and east is right: the order of the pins on screen follows their coordinates.
    if (first.lat !== last.lat) expect(Math.sign(placed[0].y - placed[5].y)).toBe(Math.sign(last.lat - first.lat));
    if (first.lng !== last.lng) expect(Math.sign(placed[5].x - placed[0].x)).toBe(Math.sign(last.lng - first.lng));
    expect(await page.locator('body').textContent()).not.toContain(DRUG);
    await shot(page, '16-route-map-zh');
    await page.getByTestId('lang').click();
    await expect.poll(() => page.getByTestId('route-map').textContent(), WAIT).toContain('Deliver to the customer');
    await shot(page, '17-route-map-en');
    // A tap on the last pin (a delivery: the pickups share the facility's spot) opens that stop.
    const [id] = listOrder[5].split('/');
    await page.locator('[data-map-stop]').nth(5).click();
    await expect.poll(() => stopState(page), WAIT).toBe('Assigned to you');
    expect(await page.getByTestId('stop').getAttribute('data-shipment')).toBe(id);
    await page.getByTestId('back').click();
    await page.locator('[data-map-stop]').first().waitFor(WAIT);
  });

  it('hands a shipment over to another rider on two phones: the giver offers, the receiver scans the label and their own box, both see it', async () => {
    const w = await world();
    // Rider B of the same facility, with their own paired, pre-cooled box.
    const riderB = uniq('rdr_');
    await post('/riders', { id: riderB, name: '李骑手', homeFacilityId: w.facilityId, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status: 'online' });
    const boxB = uniq('box_');
    await post('/boxes', {
      id: boxB, facilityId: w.facilityId, kind: 'active', holdoverMinutes: { summer: 240, winter: 300 }, calibrationDue: '2099-01-01', batteryPct: 90, sampleIntervalS: 60, probes: 2,
      compartments: [{ temperatureClass: 'ambient', capacityUnits: 10 }, { temperatureClass: 'chilled', capacityUnits: 10 }],
    });
    await post(`/boxes/${boxB}/pairing`, { riderId: riderB }, dispatcher.token);
    await precool(boxB);
    const userB = await makeUser('rider', { riderId: riderB });

    // Rider A picks up (typed in) and sets off.
    const a = await phone();
    await logIn(a.page, w.rider);
    await a.page.locator(`[data-stop="${w.shp.id}"][data-step="delivery"]`).click();
    await a.page.getByTestId('act-pick_up').click();
    await a.page.locator('[data-test=box-id] input').fill(w.boxId);
    await a.page.locator('[data-test=label] input').fill(w.shp.id);
    await a.page.getByTestId('pickup-confirm').click();
    await expect.poll(() => stopState(a.page), WAIT).toBe('已取货');
    await step(a.page, 'depart', '配送中');

    // Rider B opens the app: their own id is on screen for rider A to type.
    const b = await phone();
    await logIn(b.page, userB);
    await expect.poll(() => b.page.getByTestId('my-rider-id').textContent(), WAIT).toContain(riderB);
    expect(await b.page.getByTestId('incoming-offer').count()).toBe(0);

    // A wrong id first: refused in plain words, nothing offered.
    await a.page.getByTestId('act-hand_over').click();
    await a.page.locator('[data-test=to-rider] input').fill('rdr_nosuchrider');
    await a.page.getByTestId('offer-confirm').click();
    await expect.poll(() => a.page.getByTestId('offer-error').textContent(), WAIT).toContain('没有此骑手');
    await shot(a.page, '18-handover-offer-wrong-rider');
    await a.page.locator('[data-test=to-rider] input').fill(riderB);
    await a.page.getByTestId('offer-confirm').click();
    await expect.poll(() => a.page.getByTestId('offer-status').getAttribute('data-status'), WAIT).toBe('open');
    expect(await a.page.getByTestId('offer-status').textContent()).toContain(riderB);
    await shot(a.page, '19-handover-offered');

    // B's phone hears of the offer over the feed.
    const incoming = b.page.locator(`[data-test=incoming-offer][data-shipment="${w.shp.id}"]`);
    await incoming.waitFor(WAIT);
    expect(await incoming.textContent()).toContain(w.riderId);
    await shot(b.page, '20-handover-inbox');
    // B first scans rider A's box (paired with A): refused, the offer stays.
    await b.page.getByTestId('take-over').click();
    await b.page.locator('[data-test=box-id] input').fill(w.boxId);
    await b.page.locator('[data-test=label] input').fill(`${base}/t/${w.shp.token}`);
    await b.page.getByTestId('pickup-confirm').click();
    await expect.poll(() => b.page.getByTestId('conflict').getAttribute('data-code'), WAIT).toBe('box_not_paired');
    await shot(b.page, '21-handover-wrong-box');
    await b.page.getByTestId('conflict-dismiss').click();
    // Then their own box: taken over.
    await b.page.getByTestId('take-over').click();
    await b.page.locator('[data-test=box-id] input').fill(boxB);
    await b.page.locator('[data-test=label] input').fill(`${base}/t/${w.shp.token}`);
    await b.page.getByTestId('pickup-confirm').click();
    const taken = b.page.locator(`[data-test=offer-taken][data-shipment="${w.shp.id}"]`);
    await taken.waitFor(WAIT);
    expect(await taken.textContent()).toContain(boxB);
    await expect.poll(() => b.page.getByTestId('pending').count(), WAIT).toBe(0);
    await shot(b.page, '22-handover-taken');
    // The shipment is B's to carry on with from the phone, before any new plan lists it.
    await taken.click();
    await expect.poll(() => stopState(b.page), WAIT).toBe('配送中');
    expect(await b.page.getByTestId('act-arriving').count()).toBe(1);
    await b.page.getByTestId('back').click();

    // A sees it taken over, and has nothing left to do with it.
    await expect.poll(() => a.page.getByTestId('offer-status').getAttribute('data-status'), WAIT).toBe('accepted');
    expect(await a.page.getByTestId('offer-status').textContent()).toContain(riderB);
    expect(await a.page.locator('[data-test^=act-]').count()).toBe(0);
    // No longer A's delivery: the customer's name, phone and address are gone from A's phone.
    await expect.poll(() => a.page.getByTestId('customer-name').count(), WAIT).toBe(0);
    expect(await a.page.locator('body').textContent()).not.toMatch(/张三丰|13812345678|体育西路/);
    await shot(a.page, '23-handover-giver-sees-taken');

    const l = await lifecycle(w.shp.id);
    expect(l.custody.map((k: { holder: { kind: string; id: string | null }; boxId: string | null }) => `${k.holder.kind}:${k.holder.id}:${k.boxId}`))
      .toEqual([`facility:${w.facilityId}:null`, `rider:${w.riderId}:${w.boxId}`, `rider:${riderB}:${boxB}`]);
    expect(l.events.filter((e: { action: string }) => e.action === 'hand_over')).toHaveLength(1);
    for (const p of [a.page, b.page]) expect(await p.locator('body').textContent()).not.toContain(DRUG);

    // Both in English.
    await b.page.getByTestId('lang').click();
    await expect.poll(() => b.page.getByTestId('transfer-inbox').textContent(), WAIT).toContain('Handovers for you');
    expect(await taken.textContent()).toContain('Took over');
    await shot(b.page, '24-handover-taken-en');
    await a.page.getByTestId('lang').click();
    await expect.poll(() => a.page.getByTestId('offer-status').textContent(), WAIT).toContain('took it over');
    await shot(a.page, '25-handover-giver-en');
  });

  it('says in plain words why a pickup is refused: the box has not pre-cooled (typed in by hand)', async () => {
    const w = await world({ precool: false });
    const { page } = await phone();
    await logIn(page, w.rider);
    await page.locator(`[data-stop="${w.shp.id}"][data-step="pickup"]`).click();
    await page.getByTestId('act-pick_up').click();
    await page.locator('[data-test=box-id] input').fill(w.boxId);
    await page.locator('[data-test=label] input').fill(w.shp.id);
    await page.getByTestId('pickup-confirm').click();
    const conflict = page.getByTestId('conflict');
    await expect.poll(() => conflict.getAttribute('data-code'), WAIT).toBe('box_not_precooled');
    expect(await page.getByTestId('conflict-message').textContent()).toContain('冷箱尚未预冷到位');
    await expect.poll(() => stopState(page), WAIT).toBe('已派给您');
    await shot(page, '08-pickup-refused-zh');
    await page.getByTestId('lang').click();
    await expect.poll(() => page.getByTestId('conflict-message').textContent(), WAIT).toContain('The box is not cold enough yet');
    await shot(page, '09-pickup-refused-en');
    await page.getByTestId('conflict-dismiss').click();
    await expect.poll(() => conflict.count(), WAIT).toBe(0);
    expect((await lifecycle(w.shp.id)).state).toBe('assigned');
  });

  it('an alarm mid-route interrupts with sound and says what to do; the rider acknowledges it', async () => {
    const w = await world({ hotProfile: true });
    const { page } = await phone();
    await logIn(page, w.rider);
    await page.locator(`[data-stop="${w.shp.id}"][data-step="delivery"]`).click();
    await page.getByTestId('act-pick_up').click();
    await page.locator('[data-test=box-id] input').fill(w.boxId);
    await page.locator('[data-test=label] input').fill(`${base}/t/${w.shp.token}`);
    await page.getByTestId('pickup-confirm').click();
    await expect.poll(() => stopState(page), WAIT).toBe('已取货');
    await step(page, 'depart', '配送中');
    // The box, now carrying the shipment, reports 12.5 °C over MQTT.
    const t0 = Date.now() + 1000;
    await readings(w.boxId, [{ ts: t0 - 500, t: 5 }]);
    await readings(w.boxId, [{ ts: t0, t: 12.5 }]);
    const alarm = page.getByTestId('alarm');
    await alarm.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('alarm-type').textContent()).toBe('温度过高');
    expect(await page.getByTestId('alarm-todo').textContent()).toContain('不要交付');
    await expect.poll(() => page.evaluate(() => (window as { __riderBeeps?: number }).__riderBeeps ?? 0), WAIT).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('box-temp').textContent(), WAIT).toBe('12.5 °C');
    await shot(page, '10-alarm-zh');
    const alarmId = await alarm.getAttribute('data-alarm');
    // One reading may raise more than one alarm (too warm, and heading further out): each is acknowledged in turn.
    for (let i = 0; i < 5 && await alarm.count(); i++) {
      await page.locator('[data-test=alarm-note] input').fill('箱门关闭，已联系调度');
      await page.getByTestId('alarm-ack').click();
      await page.waitForTimeout(500);
    }
    await expect.poll(() => alarm.count(), WAIT).toBe(0);
    const a = (await call(base, 'GET', `/api/v1/telemetry/alarms/${alarmId}`, { token: dispatcher.token })).body;
    expect(a).toMatchObject({ status: 'acknowledged', ackNote: '箱门关闭，已联系调度' });
    expect(await page.getByTestId('box-card').getAttribute('data-tone')).toBe('bad');
    // Everything the rider did reached the server (nothing left waiting while online).
    await expect.poll(() => page.getByTestId('pending').count(), WAIT).toBe(0);
    expect((await lifecycle(w.shp.id)).state).toBe('in_transit');
    await shot(page, '11-alarm-acknowledged');
    await page.getByTestId('lang').click();
    await shot(page, '12-after-alarm-en');
  });

  it('offline for 20 minutes of the phone\'s time: 30 actions queued survive a reload and are replayed exactly once when the network returns', async () => {
    const w = await world({ orders: 5 });
    const { ctx, page } = await phone();
    // The phone's clock (Playwright's fake clock: Date, timers) starts 20 minutes back and is moved
    // on 4 minutes after each shipment's six steps, so the stretch offline lasts 20 minutes of the
    // phone's time and the outbox's retries come due all along it; it ends about at the server's now.
    const STRETCH_MS = 20 * 60_000;
    await page.clock.install({ time: Date.now() - STRETCH_MS });
    await logIn(page, w.rider);
    await expect.poll(() => page.locator('[data-step=delivery]').count(), WAIT).toBe(5);
    // The app shell is in the service worker's cache before the network goes.
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), WAIT).toBe(true);
    await ctx.setOffline(true);
    await expect.poll(() => page.getByTestId('offline-banner').count(), WAIT).toBe(1);
    for (const s of w.shipments) {
      await page.locator(`[data-stop="${s.id}"][data-step="delivery"]`).click();
      await step(page, 'arrive_pickup', '已到站');
      await page.getByTestId('act-pick_up').click();
      await page.locator('[data-test=box-id] input').fill(w.boxId);
      await page.locator('[data-test=label] input').fill(s.id);
      await page.getByTestId('pickup-confirm').click();
      await expect.poll(() => stopState(page), WAIT).toBe('已取货');
      await step(page, 'depart', '配送中');
      await step(page, 'arriving', '即将送达');
      await page.getByTestId('act-fail').click();
      await page.getByTestId('reason-customer_absent').click();
      await page.getByTestId('fail-confirm').click();
      await expect.poll(() => stopState(page), WAIT).toBe('配送失败');
      await step(page, 'start_return', '返回途中');
      if (s === w.shipments[0]) {
        expect(await page.getByTestId('queued').count()).toBe(1);
        await shot(page, '13-offline-queued');
      }
      await page.getByTestId('back').click();
      await page.clock.fastForward(STRETCH_MS / w.shipments.length);
    }
    await expect.poll(() => page.getByTestId('pending').textContent(), WAIT).toContain('30');
    // Still offline after the 20 minutes (each retry that came due failed and was put off again).
    expect(await page.getByTestId('offline-banner').count()).toBe(1);
    const queuedAt = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open('coldchain-rider'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      return new Promise<string[]>((res) => { const r = db.transaction('events').objectStore('events').getAll(); r.onsuccess = () => { db.close(); res(r.result.map((e: { body: { deviceAt: string } }) => e.body.deviceAt)); }; });
    });
    expect(queuedAt).toHaveLength(30);
    const spanMs = (xs: Array<string | Date>) => Math.max(...xs.map((x) => +new Date(x))) - Math.min(...xs.map((x) => +new Date(x)));
    expect(spanMs(queuedAt)).toBeGreaterThanOrEqual(STRETCH_MS * 0.8 - 60_000);
    const riderEvents = `SELECT shipment_id, action, client_event_id, device_at FROM tracking.shipment_events WHERE shipment_id = ANY($1) AND actor_role = 'rider' ORDER BY shipment_id, seq`;
    expect((await appDb().query(riderEvents, [w.shipments.map((s) => s.id)])).rows).toHaveLength(0);

    // A reload with no network: the shell from the service worker, the route and the queue from IndexedDB.
    await page.reload();
    await page.getByTestId('route').waitFor();
    await expect.poll(() => page.getByTestId('pending').textContent(), WAIT).toContain('30');
    await expect.poll(() => page.getByTestId('route-cached').count(), WAIT).toBe(1);
    await expect.poll(() => page.locator('[data-test=stop-state]').allTextContents(), WAIT).toEqual(Array(w.shipments.length * 2).fill('返回途中'));
    await shot(page, '14-offline-after-reload');

    await ctx.setOffline(false);
    await expect.poll(() => page.getByTestId('pending').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('offline-banner').count(), WAIT).toBe(0);
    await shot(page, '15-back-online');
    const { rows } = await appDb().query(riderEvents, [w.shipments.map((s) => s.id)]);
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.client_event_id)).size).toBe(30);
    // Each step carries the phone's time when it was done, over the 20 minutes, not the time it was sent.
    expect(spanMs(rows.map((r) => r.device_at))).toBe(spanMs(queuedAt));
    for (const s of w.shipments) {
      expect(rows.filter((r) => r.shipment_id === s.id).map((r) => r.action)).toEqual(['arrive_pickup', 'pick_up', 'depart', 'arriving', 'fail', 'start_return']);
      expect((await lifecycle(s.id)).state).toBe('returning');
    }
    expect(await page.getByTestId('conflict').count()).toBe(0);
  });
});
