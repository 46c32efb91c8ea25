/**
 * The console's admin and partner-store pages in Debian's Chromium against the real stack (the
 * `api` process serving the built console): an admin creates a user, unlocks a locked one,
 * registers a box and sees its MQTT password once (and it connects), and edits a service-area
 * radius on the map; a partner sees its store and only its store: every API request its pages
 * make names no other facility, and another store's page says so without asking for it.
 * Screenshots in zh-CN and English in .stack/screenshots/console/; look at them.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, requireStack, uniq, type TestUser } from '../platform/testing/harness';
import { ROOT, launchChromium, settled, startServedApi, type ServedApi } from '../platform/testing/browser';
import { axeViolations, type AxeFinding } from './testing/axe';
import { connectMqtt } from '../platform/mqtt/client';

const SHOTS = path.join(ROOT, '.stack/screenshots/console');
// Away from the points other test files use, inside the test city's road network.
const STORE_A = { lat: 23.1182, lng: 113.3105 };
const STORE_B = { lat: 23.1212, lng: 113.3141 };
const WAIT = { timeout: 15_000 };

let api: ServedApi;
let base: string;
let browser: Browser;
let admin: TestUser, dispatcher: TestUser, partner: TestUser;
const storeA = uniq('fac_'), storeB = uniq('fac_');
const nameA = `越秀合作药店 ${storeA.slice(-4)}`, nameB = `海珠合作药店 ${storeB.slice(-4)}`;
const riderA = uniq('rdr_'), boxA = uniq('box_'), skuId = uniq('sku_');
let orderId: string;

async function post(p: string, body: unknown, token = admin.token) {
  const r = await call(base, 'POST', `/api/v1${p}`, { token, body });
  expect(r.status, `POST ${p}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

/** A page that records every API request's path and query. */
async function newPage(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ page: Page; requests: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, timezoneId: 'Asia/Shanghai' });
  await ctx.addInitScript((l) => { localStorage.setItem('coldchain.locale', l); }, locale);
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  const requests: string[] = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/v1/')) requests.push(u.pathname + u.search); });
  return { page, requests };
}

const accessibility = new Map<string, AxeFinding[]>();

async function shot(page: Page, name: string) {
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.road-layer')].every((l) => l.dataset.state === 'loaded')), WAIT).toBe(true);
  await page.locator('.el-loading-mask').waitFor({ state: 'detached' });
  await settled(page);
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

/** Answers the "reason for the change" prompt. */
async function giveReason(page: Page, reason: string) {
  const box = page.locator('.reason-box');
  await box.locator('textarea').fill(reason);
  await box.locator('.el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  requireStack();
  mkdirSync(SHOTS, { recursive: true });
  api = await startServedApi();
  base = api.base;
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  partner = await makeUser('partner', { facilityId: storeA });
  for (const [id, name, location] of [[storeA, nameA, STORE_A], [storeB, nameB, STORE_B]] as const) {
    await post('/facilities', { id, name, tier: 'store', location, address: '中山五路 8 号', openingHours: { alwaysOpen: true }, coldCapabilities: ['ambient', 'chilled'], serviceArea: { kind: 'radius', radiusM: 3000 } });
  }
  await post('/riders', { id: riderA, name: '陈骑手', homeFacilityId: storeA, vehicleType: 'e_bike', status: 'online' });
  await post('/boxes', { id: boxA, facilityId: storeA, kind: 'passive', holdoverMinutes: { summer: 240, winter: 360 }, calibrationDue: '2099-01-01', compartments: [{ temperatureClass: 'chilled', capacityUnits: 10 }] });
  await post('/skus', { id: skuId, name: '阿莫西林胶囊', genericName: 'amoxicillin', temperatureClass: 'ambient', rx: false, volumeUnits: 1 });
  await post(`/facilities/${storeA}/lots`, { skuId, lotNumber: uniq('L'), expiry: '2099-06-30', quantity: 30 });
  // Only store A holds this SKU, so the order is prepared there.
  const order = await post('/orders', {
    channel: 'app', items: [{ skuId, quantity: 2 }],
    customer: { name: '赵六', phone: '13900001111', address: '越秀区中山五路 10 号', location: { lat: STORE_A.lat + 0.003, lng: STORE_A.lng + 0.002 } },
    delivery: { mode: 'instant', promiseMinutes: 60 },
  }, dispatcher.token);
  orderId = order.id;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('console admin', { timeout: 90_000 }, () => {
  it('creates a user, refuses a bad one with what to do, and unlocks a locked account', async () => {
    const { page } = await newPage();
    await logIn(page, admin);
    await page.waitForURL(/\/console\/map$/);
    await page.getByTestId('nav-admin').click();
    await page.waitForURL(/\/console\/admin/);
    await page.getByTestId('users-table').waitFor();

    // A bad username: the API's refusal, with what to correct.
    const username = uniq('disp').replace(/_/g, '.');
    await page.getByTestId('user-create').click();
    await page.getByTestId('new-username').fill('No Caps');
    await page.getByTestId('new-displayname').fill('钱调度');
    await page.getByTestId('new-password').fill('correct-horse-battery');
    await page.getByTestId('user-create-save').click();
    await expect.poll(() => page.getByTestId('create-error').textContent(), WAIT).toContain('请更正后再保存');
    expect(await page.getByTestId('create-error').textContent()).toContain('username');
    await shot(page, 'admin-0-user-refused');
    await page.getByTestId('new-username').fill(username);
    await page.getByTestId('user-create-save').click();
    await page.locator('.el-dialog', { has: page.getByTestId('new-username') }).waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('users-table').textContent(), WAIT).toContain(username);
    const users = (await call(base, 'GET', '/api/v1/users', { token: admin.token })).body.users as Array<{ username: string; role: string; displayName: string }>;
    expect(users.find((u) => u.username === username)).toMatchObject({ role: 'dispatcher', displayName: '钱调度' });
    await shot(page, 'admin-1-users');

    // A locked account: five wrong passwords, then an admin unlocks it with a reason.
    const locked = await makeUser('qa', { password: 'the-right-password-1' });
    for (let i = 0; i < 5; i++) await call(base, 'POST', '/api/v1/auth/login', { body: { username: locked.username, password: 'wrong-password' } });
    const refused = await call(base, 'POST', '/api/v1/auth/login', { body: { username: locked.username, password: 'the-right-password-1' } });
    expect(refused.body.error.code).toBe('account_locked');
    await page.getByRole('button', { name: '刷新' }).click();
    const row = page.locator(`[data-user="${locked.username}"]`);
    await row.waitFor();
    await row.getByTestId('user-unlock').focus();
    await page.keyboard.press('Enter');
    await giveReason(page, '本人来电核实身份，确认为输错密码');
    await expect.poll(() => page.locator('.el-message').last().textContent(), WAIT).toContain(locked.username);
    const ok = await call(base, 'POST', '/api/v1/auth/login', { body: { username: locked.username, password: 'the-right-password-1' } });
    expect(ok.status).toBe(200);
    await shot(page, 'admin-2-unlocked');
    await expect.poll(() => page.locator('.el-message').count(), WAIT).toBe(0);
    await page.getByTestId('locale').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.locator('.el-select__popper').first().waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent(), WAIT).toBe('Users & roles');
    await expect.poll(() => page.getByTestId('users-table').textContent(), WAIT).toContain(username);
    await shot(page, 'admin-2-users-en');
    await page.context().close();
  });

  it('registers a box, shows its MQTT password once with a warning, and the password connects', async () => {
    const { page } = await newPage();
    await logIn(page, admin);
    await page.waitForURL(/\/console\/map$/);
    await page.goto(`${base}/console/admin/boxes`);
    await page.getByTestId('boxes-table').waitFor();
    const box = uniq('box_');
    await page.getByTestId('box-register').click();
    await page.getByTestId('box-id').fill(box);
    await page.getByTestId('box-facility').click();
    await page.getByRole('option', { name: nameA }).click();
    await page.getByTestId('box-register-save').click();
    await page.locator('.el-dialog', { has: page.getByTestId('box-id') }).waitFor({ state: 'hidden' });
    const row = page.locator(`[data-box="${box}"]`);
    await row.waitFor();
    await row.getByTestId('box-issue').click();
    await giveReason(page, '新箱上线，首次签发凭据');
    // The dialog, or the error the page shows instead (which then fails the test with its text).
    const dialog = page.locator('.el-dialog', { has: page.getByTestId('creds-password') });
    await expect.poll(async () => ((await dialog.count()) ? 'shown' : (await page.getByTestId('boxes-error').textContent().catch(() => null)) ?? 'waiting'), WAIT).toBe('shown');
    expect(await dialog.textContent()).toContain('密码仅显示这一次');
    const password = (await page.getByTestId('creds-password').textContent())!.trim();
    expect(password.length).toBeGreaterThan(15);
    expect(await page.getByTestId('creds-username').textContent()).toBe(box);
    await shot(page, 'admin-3-box-credentials');
    // The password the page showed is the box's: it connects to the broker.
    const client = await connectMqtt({ username: box, clientId: box, password, reconnectPeriod: 0 });
    await client.endAsync();
    await page.getByTestId('creds-close').click();
    await dialog.waitFor({ state: 'hidden' });
    // Shown once: gone from the page once closed.
    expect(await page.content()).not.toContain(password);
    await page.context().close();
  });

  it('edits a service-area radius on the offline map (zh-CN and English)', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { page } = await newPage(locale);
      await logIn(page, admin);
      await page.waitForURL(/\/console\/map$/);
      await page.goto(`${base}/console/admin/facilities`);
      const edit = page.locator(`[data-test="area-edit"][data-facility="${storeB}"]`);
      await edit.click();
      const panel = page.getByTestId('area-panel');
      await panel.waitFor();
      // A click on the map puts the circle's edge there.
      const radius = page.getByTestId('area-radius').locator('input');
      const mapBox = (await page.getByTestId('admin-map').boundingBox())!;
      await page.mouse.click(mapBox.x + mapBox.width / 2 + 60, mapBox.y + mapBox.height / 2);
      await expect.poll(async () => Number(await radius.inputValue()), WAIT).not.toBe(3000);
      const want = locale === 'en' ? 2200 : 1800;
      await radius.fill(String(want));
      await radius.press('Tab');
      await page.getByTestId('area-save').click();
      await giveReason(page, locale === 'en' ? 'Rider pool shrank for the evening' : '晚班骑手减少，缩小服务范围');
      await expect.poll(async () => (await call(base, 'GET', `/api/v1/geo/service-areas?facility=${storeB}`, { token: admin.token })).body.features[0]?.properties.radiusM, WAIT).toBe(want);
      await expect.poll(() => page.locator(`[data-area="${storeB}"]`).textContent(), WAIT).toContain(locale === 'en' ? '2.2 km' : '1.8 公里');
      await shot(page, `admin-4-service-area-${locale}`);
      await page.context().close();
    }
  });
});

describe('console partner store', { timeout: 90_000 }, () => {
  it('shows a partner its store and only its store; another store\'s page says so without asking for it', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { page, requests } = await newPage(locale);
      await logIn(page, partner);
      await page.waitForURL(new RegExp(`/console/partner/${storeA}$`));
      await expect.poll(() => page.getByTestId('store-name').textContent(), WAIT).toBe(nameA);
      await expect.poll(() => page.getByTestId('partner-orders').textContent(), WAIT).toContain(orderId);
      await shot(page, `partner-1-orders-${locale}`);
      await page.getByRole('tab', { name: locale === 'en' ? /Stock/ : /库存/ }).click();
      await expect.poll(() => page.getByTestId('partner-stock').textContent(), WAIT).toContain('阿莫西林胶囊');
      await shot(page, `partner-1b-stock-${locale}`);
      await page.getByRole('tab', { name: locale === 'en' ? /Cold boxes/ : /冷藏箱/ }).click();
      await expect.poll(() => page.getByTestId('partner-boxes').textContent(), WAIT).toContain(boxA);
      await page.getByRole('tab', { name: locale === 'en' ? /Riders/ : /骑手/ }).click();
      await expect.poll(() => page.getByTestId('partner-riders').textContent(), WAIT).toContain('陈骑手');
      await shot(page, `partner-2-riders-${locale}`);
      expect(await page.locator('[data-test="nav-admin"], [data-test="nav-map"]').count()).toBe(0);

      // Straight to another store's page: a clear state, and nothing asked about that store.
      const before = requests.length;
      await page.goto(`${base}/console/partner/${storeB}`);
      await page.getByTestId('not-your-store').waitFor();
      expect(await page.getByTestId('not-your-store').textContent()).toContain(locale === 'en' ? 'Not your store' : '不是您的门店');
      await shot(page, `partner-3-not-your-store-${locale}`);
      expect(requests.slice(before).filter((r) => !r.startsWith('/api/v1/auth/'))).toEqual([]);
      await page.getByTestId('go-mine').click();
      await page.waitForURL(new RegExp(`/console/partner/${storeA}$`));
      await expect.poll(() => page.getByTestId('store-name').textContent(), WAIT).toBe(nameA);

      // Every store-data request named its own facility, and none named another.
      const storeData = requests.filter((r) => !r.startsWith('/api/v1/auth/') && !r.startsWith('/api/v1/skus'));
      expect(storeData.length).toBeGreaterThanOrEqual(5);
      for (const r of storeData) expect(r, r).toContain(storeA);
      for (const r of requests) expect(r.match(/fac_[a-z0-9]+/g)?.filter((f) => f !== storeA) ?? [], r).toEqual([]);
      await page.context().close();
    }
  });

  it('has no critical or serious accessibility violation (axe-core, WCAG 2.1 A/AA) on any screen photographed', () => {
    expect(accessibility.size).toBeGreaterThan(3);
    const found = [...accessibility].filter(([, v]) => v.length);
    expect(found, JSON.stringify(found, null, 1)).toEqual([]);
  });
});
