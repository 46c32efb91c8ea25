/**
 * The dispatch board in Debian's Chromium against the real stack: a dispatcher opens a facility
 * with two riders and a plan, drags a shipment onto the other rider, sees the preview (new ETAs,
 * the promise it breaks in red), confirms with a reason and sees the new order of stops; moves a
 * stop with the keyboard fallback in English; and is told what moved when a re-plan came between
 * the preview and the confirmation. Screenshots in .stack/screenshots/console/ (dispatch-*).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, requireStack, uniq, type TestUser } from '../platform/testing/harness';
import { ROOT, launchChromium, startServedApi, type ServedApi } from '../platform/testing/browser';
import { appDb } from '../platform/db/pool';

const SHOTS = path.join(ROOT, '.stack/screenshots/console');
// Its own corner of the test city (other files use the centre and 23.1237/113.3262).
const CITY = { lat: 23.1345, lng: 113.3105 };
const WAIT = { timeout: 20_000 };

let api: ServedApi;
let base: string;
let browser: Browser;
let admin: TestUser;
let dispatcher: TestUser;
let facilityId: string;
const riders: string[] = [];
const shipments: string[] = [];

async function post(p: string, body: unknown, token = admin.token) {
  const r = await call(base, 'POST', `/api/v1${p}`, { token, body });
  expect(r.status, `POST ${p}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}
const getPlan = async () => (await call(base, 'GET', `/api/v1/facilities/${facilityId}/plan`, { token: dispatcher.token })).body;
const deliveries = (plan: any, riderId: string) => (plan.routes.find((r: any) => r.riderId === riderId)?.stops ?? []).filter((s: any) => s.step === 'delivery').map((s: any) => s.shipmentId);

async function newPage(locale = 'zh-CN'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 860 }, locale, timezoneId: 'Asia/Shanghai' });
  await ctx.addInitScript((l) => localStorage.setItem('coldchain.locale', l), locale);
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function shot(page: Page, name: string) {
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.road-layer')].every((l) => l.dataset.state === 'loaded')), WAIT).toBe(true);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function logIn(page: Page, u: { username: string; password: string }) {
  await page.goto(`${base}/console/`);
  await page.getByTestId('username').fill(u.username);
  await page.getByTestId('password').fill(u.password);
  await page.getByTestId('submit').click();
  await page.waitForURL(/\/console\/map$/);
}

const column = (page: Page, riderId: string) => page.locator(`[data-column="${riderId}"]`);
const columnOrder = (page: Page, riderId: string) => column(page, riderId).locator('[data-shipment]').evaluateAll((els) => els.map((e) => e.getAttribute('data-shipment')));

beforeAll(async () => {
  requireStack();
  mkdirSync(SHOTS, { recursive: true });
  api = await startServedApi();
  base = api.base;
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  facilityId = uniq('fac_');
  await post('/facilities', {
    id: facilityId, name: `体育西前置仓 ${uniq('')}`, tier: 'forward', location: CITY, address: '体育西路 1 号', openingHours: { alwaysOpen: true },
    coldCapabilities: ['ambient', 'chilled'], serviceArea: { kind: 'radius', radiusM: 3000 },
  });
  for (const name of ['王骑手', '赵骑手']) {
    const id = uniq('rdr_');
    await post('/riders', { id, name, homeFacilityId: facilityId, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status: 'online' });
    riders.push(id);
  }
  riders.sort();
  const skuId = uniq('sku_');
  await post('/skus', { id: skuId, name: '布洛芬缓释胶囊', genericName: 'ibuprofen', temperatureClass: 'ambient', rx: false, volumeUnits: 1 });
  await post(`/facilities/${facilityId}/lots`, { skuId, lotNumber: uniq('L'), expiry: '2099-12-31', quantity: 20 });
  const doors = [[0.006, 0.004], [-0.005, 0.006], [0.004, -0.006]];
  for (const [dLat, dLng] of doors) {
    const order = await post('/orders', {
      channel: 'app', items: [{ skuId, quantity: 1 }],
      customer: { name: '张三丰', phone: '13812345678', address: '广州市天河区体育西路 101 号', location: { lat: CITY.lat + dLat, lng: CITY.lng + dLng } },
      delivery: { mode: 'instant', promiseMinutes: 60 },
    }, dispatcher.token);
    shipments.push(order.shipments[0].id);
  }
  // The first shipment is already waiting: due in 6 minutes, so putting it last breaks its promise.
  await appDb().query(`UPDATE dispatch.shipments SET due_at = now() + interval '6 minutes' WHERE id = $1`, [shipments[0]]);
  // A known start: shipments 0 and 1 with rider 0, shipment 2 with rider 1 (edits through the API).
  let plan = await post(`/facilities/${facilityId}/plan`, undefined, dispatcher.token);
  const want: Array<[string, string]> = [[shipments[0], riders[0]], [shipments[1], riders[0]], [shipments[2], riders[1]]];
  for (const [s, r] of want) {
    plan = await getPlan();
    if (deliveries(plan, r).includes(s)) continue;
    await post(`/facilities/${facilityId}/plan/edits`, { basePlanId: plan.planId, edit: { type: 'assign', shipmentId: s, riderId: r }, reason: 'test set-up' }, dispatcher.token);
  }
  plan = await getPlan();
  if (deliveries(plan, riders[0])[0] !== shipments[0]) {
    await post(`/facilities/${facilityId}/plan/edits`, { basePlanId: plan.planId, edit: { type: 'reorder', riderId: riders[0], shipmentIds: [shipments[0], shipments[1]] }, reason: 'test set-up' }, dispatcher.token);
  }
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('dispatch board', { timeout: 90_000 }, () => {
  it('a dispatcher drags a shipment to another rider, sees the preview with the broken promise, confirms, and sees the new order', async () => {
    const page = await newPage('zh-CN');
    await logIn(page, dispatcher);
    await page.getByTestId('nav-dispatch').click();
    await page.goto(`${base}/console/dispatch?facility=${facilityId}`);
    await expect.poll(() => columnOrder(page, riders[0]), WAIT).toEqual([shipments[0], shipments[1]]);
    expect(await columnOrder(page, riders[1])).toEqual([shipments[2]]);
    // Routes on the roads in the side map.
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-test="dispatch-map"] path.leaflet-interactive, [data-test="dispatch-map"] canvas').length), WAIT).toBeGreaterThan(0);
    await shot(page, 'dispatch-1-board-zh');
    // Drag the urgent shipment onto the other rider, below their stop.
    const card = column(page, riders[0]).locator(`[data-shipment="${shipments[0]}"]`);
    const target = column(page, riders[1]).locator(`[data-shipment="${shipments[2]}"]`);
    const box = (await target.boundingBox())!;
    await card.dragTo(target, { targetPosition: { x: 20, y: box.height - 4 } });
    const dialog = page.locator('.el-dialog');
    await dialog.getByTestId('breaches').waitFor();
    await expect.poll(() => dialog.locator(`[data-rider="${riders[1]}"] [data-stop]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-stop'))), WAIT)
      .toEqual([`${shipments[2]}/pickup`, `${shipments[0]}/pickup`, `${shipments[2]}/delivery`, `${shipments[0]}/delivery`]);
    expect(await dialog.locator('[data-rule="late"]').first().textContent()).toMatch(/比承诺时间晚 [\d.]+ 分钟/);
    expect(await dialog.locator(`tr.late[data-stop="${shipments[0]}/delivery"]`).count()).toBe(1);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'dispatch-2-preview-zh.png') });
    await dialog.getByTestId('edit-reason').fill('王骑手电量不足，改由赵骑手顺路送');
    await dialog.getByTestId('confirm-edit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => columnOrder(page, riders[1]), WAIT).toEqual([shipments[2], shipments[0]]);
    expect(await columnOrder(page, riders[0])).toEqual([shipments[1]]);
    expect(await column(page, riders[1]).locator(`[data-shipment="${shipments[0]}"] [data-test="pinned"]`).count()).toBe(1);
    // The server has it too: the new plan, the shipment pinned to its new rider.
    const plan = await getPlan();
    expect(deliveries(plan, riders[1])).toEqual([shipments[2], shipments[0]]);
    expect(plan.shipments.find((s: any) => s.id === shipments[0]).pinnedRiderId).toBe(riders[1]);
    await shot(page, 'dispatch-3-after-zh');
    // The live map draws the planned routes on the roads too.
    await page.getByTestId('nav-map').click();
    await expect.poll(() => page.getByTestId('map').getAttribute('data-route-lines'), WAIT).not.toBe('0');
    await page.getByTestId('facility-list').getByText(/体育西前置仓/).click();
    await shot(page, 'dispatch-6-live-map-routes-zh');
    await page.context().close();
  });

  it('in English: moves a stop up with the keyboard fallback, and explains a re-plan that came first', async () => {
    const page = await newPage('en');
    await logIn(page, dispatcher);
    await page.goto(`${base}/console/dispatch?facility=${facilityId}`);
    await expect.poll(() => columnOrder(page, riders[1]), WAIT).toEqual([shipments[2], shipments[0]]);
    expect(await page.getByTestId('nav-dispatch').textContent()).toBe('Dispatch');
    // Keyboard only: focus the card, select it with Enter, "Move up".
    await column(page, riders[1]).locator(`[data-shipment="${shipments[0]}"]`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('move-up').click();
    const dialog = page.locator('.el-dialog');
    await dialog.locator(`[data-rider="${riders[1]}"]`).waitFor();
    await expect.poll(() => dialog.locator(`[data-rider="${riders[1]}"] [data-stop$="/delivery"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-stop'))), WAIT)
      .toEqual([`${shipments[0]}/delivery`, `${shipments[2]}/delivery`]);
    expect(await dialog.textContent()).toContain('Check the change before it is made');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'dispatch-4-preview-en.png') });
    // Someone re-optimises before this dispatcher confirms.
    await post(`/facilities/${facilityId}/plan`, undefined, admin.token);
    await dialog.getByTestId('edit-reason').fill('customer called: urgent');
    await dialog.getByTestId('confirm-edit').click();
    const conflict = page.getByTestId('plan-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Your change was not saved');
    await expect.poll(async () => (await getPlan()).planId, WAIT).toBeTruthy();
    await shot(page, 'dispatch-5-conflict-en');
    await page.context().close();
  });
});
