/**
 * The web console in Debian's Chromium against the real stack: the `api` process as `npm start`
 * runs it (serving the built console at /console/), records made through the public API, and a
 * dispatcher who logs in, sees the map drawn from our own roads with their facility and a rider
 * moving live, the orders with a masked customer and the order's events, and switches language.
 * Each step saves a screenshot in .stack/screenshots/console/; look at them.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { call, makeUser, requireStack, uniq, type TestUser } from '../platform/testing/harness';
import { ROOT, launchChromium, startServedApi, type ServedApi } from '../platform/testing/browser';
import { axeViolations, type AxeFinding } from './testing/axe';

const SHOTS = path.join(ROOT, '.stack/screenshots/console');
// Off the city centre the other test files use, so no one else's rider or facility is drawn
// where this test reads the map's pixels.
const CITY = { lat: 23.1237, lng: 113.3262 };
/** How long a page may take to show something: the machine is shared with other test files. */
const WAIT = { timeout: 15_000 };
const FORWARD_COLOR = [0x15, 0x65, 0xc0];
const RIDER_ONLINE_COLOR = [0xe7, 0x6f, 0x51];

let api: ServedApi;
let base: string;
let browser: Browser;
let admin: TestUser;
let dispatcher: TestUser;
const facilityName = `天河前置仓 ${uniq('')}`;
let facilityId: string, riderId: string, orderId: string, skuId: string;

async function post(p: string, body: unknown, token = admin.token) {
  const r = await call(base, 'POST', `/api/v1${p}`, { token, body });
  expect(r.status, `POST ${p}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

/** A page that records every request's host, so a test can say none left this machine. */
async function newPage(): Promise<{ page: Page; hosts: Set<string> }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  const hosts = new Set<string>();
  page.on('request', (r) => { hosts.add(new URL(r.url()).hostname); });
  return { page, hosts };
}

const accessibility = new Map<string, AxeFinding[]>();

async function shot(page: Page, name: string) {
  // Not mid-way: every road tile in view drawn, no loading mask fading out.
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.road-layer')].every((l) => l.dataset.state === 'loaded')), WAIT).toBe(true);
  // …and faded in (Leaflet fades new tiles in over the previous zoom's for 0.2 s).
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.road-layer .leaflet-tile')].every((t) => getComputedStyle(t).opacity === '1')), WAIT).toBe(true);
  await page.locator('.el-loading-mask').waitFor({ state: 'detached' });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  // Every screen photographed is also checked with axe-core; the last test reports what it found.
  accessibility.set(name, await axeViolations(page));
}

async function logIn(page: Page, u: { username: string; password: string }) {
  await page.goto(`${base}/console/`);
  await page.getByTestId('username').fill(u.username);
  await page.getByTestId('password').fill(u.password);
  await page.getByTestId('submit').click();
}

/** The colour drawn at the centre of the map by the canvas renderer (markers and areas). */
async function colourAtMapCentre(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const map = document.querySelector('[data-test="map"]')!.getBoundingClientRect();
    const x = map.left + map.width / 2, y = map.top + map.height / 2;
    for (const c of document.querySelectorAll<HTMLCanvasElement>('.leaflet-overlay-pane canvas')) {
      const r = c.getBoundingClientRect();
      if (x < r.left || x >= r.right || y < r.top || y >= r.bottom) continue;
      const px = c.getContext('2d')!.getImageData(Math.floor((x - r.left) * (c.width / r.width)), Math.floor((y - r.top) * (c.height / r.height)), 1, 1).data;
      return [px[0], px[1], px[2], px[3]];
    }
    return [];
  });
}

beforeAll(async () => {
  requireStack();
  mkdirSync(SHOTS, { recursive: true });
  api = await startServedApi();
  base = api.base;
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  // A forward warehouse at the centre of the test city with a rider and stock, and an order it serves.
  facilityId = uniq('fac_');
  await post('/facilities', {
    id: facilityId, name: facilityName, tier: 'forward', location: CITY, address: '天河路 1 号', openingHours: { alwaysOpen: true },
    coldCapabilities: ['ambient', 'chilled'], serviceArea: { kind: 'radius', radiusM: 2500 },
  });
  riderId = uniq('rdr_');
  await post('/riders', { id: riderId, name: '李骑手', homeFacilityId: facilityId, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status: 'online' });
  skuId = uniq('sku_');
  await post('/skus', { id: skuId, name: '布洛芬缓释胶囊', genericName: 'ibuprofen', temperatureClass: 'ambient', rx: false, volumeUnits: 1 });
  await post(`/facilities/${facilityId}/lots`, { skuId, lotNumber: uniq('L'), expiry: '2099-12-31', quantity: 20 });
  const order = await post('/orders', {
    channel: 'app', items: [{ skuId, quantity: 1 }],
    customer: { name: '张三丰', phone: '13812345678', address: '广州市天河区体育西路 101 号', location: { lat: CITY.lat + 0.004, lng: CITY.lng + 0.003 } },
    delivery: { mode: 'instant', promiseMinutes: 60 },
  }, dispatcher.token);
  orderId = order.id;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('web console', { timeout: 60_000 }, () => {
  it('serves the page with no-cache, hashed assets for good, and client routes as the page', async () => {
    const page = await fetch(`${base}/console/orders/ord_x`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(base + asset);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/ui/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/ui/..%2fpackage.json`)).status).toBe(404);
  });

  it('says what to do after a wrong password', async () => {
    const { page, hosts } = await newPage();
    await logIn(page, { username: dispatcher.username, password: 'not-the-password' });
    const err = page.getByTestId('login-error');
    await expect.poll(() => err.textContent(), WAIT).toContain('用户名或密码不正确');
    expect(await err.textContent()).toContain('请检查后重试');
    await shot(page, '1-login-wrong-password');
    expect([...hosts]).toEqual(['127.0.0.1']);
    await page.context().close();
  });

  it('shows a dispatcher the live map on our own roads, their facility, and a rider moving', async () => {
    const { page, hosts } = await newPage();
    await logIn(page, dispatcher);
    await page.waitForURL(/\/console\/map$/);
    await expect.poll(() => page.getByTestId('nav-map').textContent(), WAIT).toBe('实时地图');
    // The offline base map: road tiles drawn from PostGIS.
    await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('.road-layer canvas')].reduce((n, c) => n + Number(c.dataset.roads ?? 0), 0)), { timeout: 20_000 }).toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('feed-state').textContent(), WAIT).toBe('实时更新中');
    // Our facility in the list; chosen, the map centres on it and its marker is drawn there.
    await page.getByTestId('facility-list').getByText(facilityName).click();
    await expect.poll(() => colourAtMapCentre(page), WAIT).toEqual([...FORWARD_COLOR, 255]);
    // The side list shows orders first; the riders are the other tab (searched: the list draws only the rows in view).
    await page.getByTestId('list-tabs').getByText('骑手').click();
    await page.locator('input[data-test="map-search"], [data-test="map-search"] input').fill(riderId);
    const riderRow = page.locator(`[data-rider="${riderId}"]`);
    expect(await riderRow.textContent()).toContain('暂无位置');
    await shot(page, '2-map-facility');
    // The rider reports a position; the feed moves them on the open page, no reload.
    const r = await call(base, 'POST', `/api/v1/riders/${riderId}/position`, { token: admin.token, body: { location: { lat: CITY.lat + 0.002, lng: CITY.lng + 0.002 } } });
    expect(r.status).toBe(204);
    await expect.poll(() => riderRow.textContent(), WAIT).toContain('上报');
    await riderRow.locator('button').click();
    await expect.poll(() => colourAtMapCentre(page), WAIT).toEqual([...RIDER_ONLINE_COLOR, 255]);
    await shot(page, '3-map-rider-live');
    // The alarms page opens on the open alarms (what other test files raised, or none).
    await page.getByTestId('nav-alarms').click();
    await page.getByTestId('alarms-table').waitFor();
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('告警');
    await shot(page, '7-alarms');
    expect([...hosts]).toEqual(['127.0.0.1']);
    await page.context().close();
  });

  it('shows an order whose personal data was purged as 已清除, and purged in English', async () => {
    const o = await post('/orders', {
      channel: 'app', items: [{ skuId, quantity: 1 }],
      customer: { name: '王小明', phone: '13912345678', address: '广州市天河区天河路 385 号 1201 室', location: { lat: CITY.lat + 0.002, lng: CITY.lng + 0.002 } },
      delivery: { mode: 'instant', promiseMinutes: 60 },
    }, dispatcher.token);
    await post(`/orders/${o.id}/cancel`, { reason: 'customer request' }, dispatcher.token);
    // It was cancelled 91 days ago: past PRIVACY_PERSONAL_DATA_DAYS (90), so the operator's purge takes it.
    const db = new pg.Client({ connectionString: process.env.DATABASE_APP_URL });
    await db.connect();
    try {
      await db.query(`UPDATE dispatch.orders SET updated_at = now() - interval '91 days' WHERE id = $1`, [o.id]);
      await db.query(`UPDATE dispatch.shipments SET updated_at = now() - interval '91 days' WHERE order_id = $1`, [o.id]);
    } finally {
      await db.end();
    }
    const purge = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'app/cli.ts', 'purge'], { cwd: ROOT });
    expect(purge.stdout).toContain(o.id);
    const { page } = await newPage();
    await logIn(page, admin);
    await page.waitForURL(/\/console\/map$/);
    await page.goto(`${base}/console/orders/${o.id}`);
    const drawer = page.getByTestId('order-drawer');
    await expect.poll(() => drawer.getByTestId('customer-name').textContent(), WAIT).toBe('已清除');
    expect(await drawer.getByTestId('customer-phone').textContent()).toBe('已清除');
    expect(await drawer.getByTestId('customer-purged').textContent()).toContain('个人信息已清除');
    expect(await drawer.textContent()).not.toContain('王');
    // A cancel event does not repeat its status (取消 → 已取消 said the same twice).
    expect(await drawer.getByTestId('order-events').textContent()).not.toContain('→ 已取消');
    await expect.poll(async () => (await page.locator('.el-drawer').boundingBox())?.x, WAIT).toBe(1280 - 520);
    await shot(page, '8-order-purged');
    await page.evaluate(() => localStorage.setItem('coldchain.locale', 'en'));
    await page.reload();
    await expect.poll(() => page.getByTestId('order-drawer').getByTestId('customer-name').textContent(), WAIT).toBe('purged');
    expect(await page.getByTestId('order-drawer').getByTestId('customer-purged').textContent()).toContain('Personal data erased');
    await expect.poll(async () => (await page.locator('.el-drawer').boundingBox())?.x, WAIT).toBe(1280 - 520);
    await shot(page, '9-order-purged-english');
    await page.context().close();
  });

  it('lists orders, opens one with the customer masked and its events, switches to English, logs out', async () => {
    const { page, hosts } = await newPage();
    await logIn(page, dispatcher);
    await page.waitForURL(/\/console\/map$/);
    await page.getByTestId('nav-orders').click();
    const row = page.getByTestId('orders-table').getByText(orderId);
    await row.waitFor();
    await expect.poll(() => page.getByTestId('orders-table').textContent(), WAIT).toContain(facilityName);
    await shot(page, '4-orders');
    await row.click();
    await page.waitForURL(new RegExp(`/console/orders/${orderId}`));
    const drawer = page.getByTestId('order-drawer');
    await expect.poll(() => drawer.getByTestId('customer-name').textContent(), WAIT).toBe('张**');
    expect(await drawer.getByTestId('customer-phone').textContent()).toBe('138******78');
    expect(await drawer.getByTestId('order-item').textContent()).toBe(`布洛芬缓释胶囊 × 1 ${skuId}`);
    // The sourcing decision: the facility that got it, chosen, with the stored summary; the shipment's state.
    await expect.poll(() => drawer.getByTestId(`candidate-${facilityId}`).textContent(), WAIT).toBe('选中');
    expect(await drawer.getByTestId('sourcing-summary').textContent()).toMatch(/\S/);
    await expect.poll(() => drawer.getByTestId('shipment-state').first().textContent(), WAIT).toMatch(/^(待分配|已分配)$/);
    await expect.poll(() => drawer.getByTestId('order-events').locator('.el-timeline-item').count(), WAIT).toBeGreaterThan(0);
    // Slid in all the way (the drawer is 520 px wide, on the right).
    await expect.poll(async () => (await page.locator('.el-drawer').boundingBox())?.x, WAIT).toBe(1280 - 520);
    await shot(page, '5-order-drawer');
    // A reload of the order's own URL comes back to it.
    await page.reload();
    await expect.poll(() => page.getByTestId('order-drawer').getByTestId('customer-name').textContent(), WAIT).toBe('张**');
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/console\/orders(\?.*)?$/);
    await page.getByTestId('locale').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.locator('.el-select__popper').first().waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('nav-orders').textContent(), WAIT).toBe('Orders');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shot(page, '6-orders-english');
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/console\/login/);
    expect((await call(base, 'GET', '/api/v1/auth/me', { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).status).toBe(401);
    expect([...hosts]).toEqual(['127.0.0.1']);
    await page.context().close();
  });

  it('has no critical or serious accessibility violation (axe-core, WCAG 2.1 A/AA) on any screen photographed', () => {
    expect(accessibility.size).toBeGreaterThan(3);
    const found = [...accessibility].filter(([, v]) => v.length);
    expect(found, JSON.stringify(found, null, 1)).toEqual([]);
  });
});
