/**
 * The live map at scale, in Debian's Chromium against the real stack: open orders clustered at
 * low zoom (the count, ringed in the worst urgency's colour), a cluster expanding when clicked,
 * the side list filtered and picked (the map goes to the order) and the map clicked (the list
 * scrolls to the order). Screenshots in .stack/screenshots/console/map-*.png, zh-CN and English.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, requireStack, uniq, type TestUser } from '../platform/testing/harness';
import { ROOT, launchChromium, startServedApi, type ServedApi } from '../platform/testing/browser';

const SHOTS = path.join(ROOT, '.stack/screenshots/console');
// The test city's north-west corner: at zoom 13 a cluster takes in ~700 m around it, and other
// test files place open orders within that of the centre and the west (the dispatch board's doors).
const CITY = { lat: 23.1440, lng: 113.2990 };
const WAIT = { timeout: 20_000 };
/** Orders on a grid: COLS × ROWS, STEP degrees apart (~85 m). */
const COLS = 8, ROWS = 5, STEP = 0.0008;
/** Where the test's orders are one cluster. */
const LOW_ZOOM = 13;
const OK_GREEN = [0x16, 0xa3, 0x4a, 255];
/** Rank of 'soon' (under 30 min left): the worst urgency among this test's orders. */
const SOON_RANK = '2';

let api: ServedApi;
let base: string;
let browser: Browser;
let admin: TestUser;
let dispatcher: TestUser;
const facilityName = `五山前置仓 ${uniq('')}`;
/** Order ids by grid cell, `${col},${row}`. */
const orderAt = new Map<string, string>();

async function post(p: string, body: unknown, token = admin.token) {
  const r = await call(base, 'POST', `/api/v1${p}`, { token, body });
  expect(r.status, `POST ${p}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

async function shot(page: Page, name: string) {
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.road-layer')].every((l) => l.dataset.state === 'loaded')), WAIT).toBe(true);
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.road-layer .leaflet-tile')].every((t) => getComputedStyle(t).opacity === '1')), WAIT).toBe(true);
  await page.waitForTimeout(300); // Leaflet's zoom animation (0.25 s)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function zoomOutTo(page: Page, zoom: number) {
  for (let z = await mapAttr(page, 'zoom'); z > zoom; z--) {
    await page.locator('.leaflet-control-zoom-out').click();
    await expect.poll(() => mapAttr(page, 'zoom'), WAIT).toBe(z - 1);
  }
}

const mapAttr = async (page: Page, name: string) => Number(await page.getByTestId('map').getAttribute(`data-${name}`));

/** The colour the canvas renderer drew at a point of the map, relative to its centre. */
async function colourAt(page: Page, dx = 0, dy = 0): Promise<number[]> {
  return page.evaluate(([dx, dy]) => {
    const map = document.querySelector('[data-test="map"]')!.getBoundingClientRect();
    const x = map.left + map.width / 2 + dx, y = map.top + map.height / 2 + dy;
    for (const c of document.querySelectorAll<HTMLCanvasElement>('.leaflet-overlay-pane canvas')) {
      const r = c.getBoundingClientRect();
      if (x < r.left || x >= r.right || y < r.top || y >= r.bottom) continue;
      const px = c.getContext('2d')!.getImageData(Math.floor((x - r.left) * (c.width / r.width)), Math.floor((y - r.top) * (c.height / r.height)), 1, 1).data;
      return [px[0], px[1], px[2], px[3]];
    }
    return [];
  }, [dx, dy]);
}

beforeAll(async () => {
  requireStack();
  mkdirSync(SHOTS, { recursive: true });
  api = await startServedApi();
  base = api.base;
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  const facilityId = uniq('fac_');
  await post('/facilities', {
    id: facilityId, name: facilityName, tier: 'forward', location: CITY, address: '五山路 1 号', openingHours: { alwaysOpen: true },
    coldCapabilities: ['ambient', 'chilled'], serviceArea: { kind: 'radius', radiusM: 2500 },
  });
  await post('/riders', { id: uniq('rdr_'), name: '地图骑手', homeFacilityId: facilityId, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status: 'online' });
  const skuId = uniq('sku_');
  await post('/skus', { id: skuId, name: '地图测试药品', genericName: 'map test', temperatureClass: 'ambient', rx: false, volumeUnits: 1 });
  await post(`/facilities/${facilityId}/lots`, { skuId, lotNumber: uniq('L'), expiry: '2099-12-31', quantity: 100 });
  for (let c = 0; c < COLS; c++) {
    for (let r = 0; r < ROWS; r++) {
      // One order in the far corner is due in 20 minutes: the cluster holding it shows 'soon'.
      const soon = c === COLS - 1 && r === ROWS - 1;
      const o = await post('/orders', {
        channel: 'app', items: [{ skuId, quantity: 1 }],
        customer: { name: '王五', phone: '13900001111', address: '五山路 8 号', location: { lat: CITY.lat + 0.002 + r * STEP, lng: CITY.lng + 0.002 + c * STEP } },
        delivery: { mode: 'instant', promiseMinutes: soon ? 20 : 90 },
      }, dispatcher.token);
      orderAt.set(`${c},${r}`, o.id);
    }
  }
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('live map at scale', { timeout: 120_000 }, () => {
  it('gives the map open orders without personal data, and refuses a bad filter', async () => {
    const r = await call(base, 'GET', '/api/v1/map/orders', { token: dispatcher.token });
    expect(r.status).toBe(200);
    const mine = r.body.orders.filter((o: { id: string }) => [...orderAt.values()].includes(o.id));
    expect(mine).toHaveLength(COLS * ROWS);
    expect(Object.keys(mine[0]).sort()).toEqual(['cold', 'dueAt', 'facilityId', 'holdoverEndsAt', 'id', 'location', 'riderId', 'shipmentStatus', 'status']);
    expect(JSON.stringify(r.body)).not.toContain('王五');
    const bad = await call(base, 'GET', '/api/v1/map/orders?colour=red', { token: dispatcher.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await call(base, 'GET', '/api/v1/map/orders', {})).status).toBe(401);
  });

  it('clusters orders at low zoom, expands them on zoom, and keeps the list and the map in step', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/console/`);
    await page.getByTestId('username').fill(dispatcher.username);
    await page.getByTestId('password').fill(dispatcher.password);
    await page.getByTestId('submit').click();
    await page.waitForURL(/\/console\/map$/);
    await expect.poll(() => mapAttr(page, 'orders'), WAIT).toBeGreaterThanOrEqual(COLS * ROWS);

    // Our facility, then three steps out: the 40 orders (~600 × 350 m) are one cluster.
    await page.getByTestId('facility-list').getByText(facilityName).click();
    await expect.poll(() => mapAttr(page, 'zoom'), WAIT).toBe(16);
    await zoomOutTo(page, LOW_ZOOM);
    const big = page.locator('.map-cluster-orders span[data-count]').filter({ hasText: /^\d+$/ });
    await expect.poll(async () => Math.max(0, ...(await big.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count')))))), WAIT).toBeGreaterThanOrEqual(COLS * ROWS);
    const ours = page.locator(`.map-cluster-orders span[data-count="${COLS * ROWS}"]`).first();
    // Ringed in the worst colour it holds: the order due in 20 minutes.
    expect(await ours.getAttribute('data-rank')).toBe(SOON_RANK);
    expect(await ours.evaluate((e) => getComputedStyle(e).borderTopColor)).toBe('rgb(245, 158, 11)');
    await shot(page, 'map-1-clusters-zh');

    // Clicked, the cluster zooms in to where it splits: more, smaller pieces.
    await ours.click();
    await expect.poll(() => mapAttr(page, 'zoom'), WAIT).toBeGreaterThan(LOW_ZOOM);
    await expect.poll(async () => (await page.locator('.map-cluster-orders span').count()) + (await mapAttr(page, 'order-points')), WAIT).toBeGreaterThan(1);
    await expect.poll(() => page.locator(`.map-cluster-orders span[data-count="${COLS * ROWS}"]`).count(), WAIT).toBe(0);
    await shot(page, 'map-2-expanded-zh');

    // The list, filtered to one order and picked: the map goes past the clustering zoom to it.
    const target = orderAt.get('2,2')!;
    await page.locator('input[data-test="map-search"], [data-test="map-search"] input').fill(target);
    await expect.poll(() => page.getByTestId('order-list').locator('[data-order]').count(), WAIT).toBe(1);
    await page.getByTestId('order-list').locator(`[data-order="${target}"]`).click();
    await expect.poll(() => mapAttr(page, 'zoom'), WAIT).toBe(17);
    await expect.poll(() => colourAt(page), WAIT).toEqual(OK_GREEN);
    expect(await page.getByTestId('selected-order').textContent()).toContain(target);
    await expect.poll(() => page.locator(`.vrow.selected [data-order="${target}"]`).count(), WAIT).toBe(1);
    await shot(page, 'map-3-list-picked-zh');

    // The map clicked on the order one step east: the list (filter cleared) scrolls to it.
    const east = orderAt.get('3,2')!;
    await page.locator('input[data-test="map-search"], [data-test="map-search"] input').fill('');
    await page.getByTestId('order-list').evaluate((e) => { e.scrollTop = 0; });
    const dx = (STEP / 360) * 256 * 2 ** 17;
    await expect.poll(() => colourAt(page, dx, 0), WAIT).toEqual(OK_GREEN);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('selected-order').textContent(), WAIT).toContain(east);
    const row = page.locator(`.vrow.selected [data-order="${east}"]`);
    await expect.poll(() => row.count(), WAIT).toBe(1);
    // Scrolled into the list's view, not just rendered.
    const [r, l] = [(await row.boundingBox())!, (await page.getByTestId('order-list').boundingBox())!];
    expect(r.y).toBeGreaterThanOrEqual(l.y);
    expect(r.y + r.height).toBeLessThanOrEqual(l.y + l.height + 1);
    await shot(page, 'map-4-map-picked-zh');

    // English, zoomed back out to the clusters.
    await page.getByTestId('locale').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.locator('.el-select__popper').first().waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('feed-state').textContent(), WAIT).toBe('Live');
    await zoomOutTo(page, LOW_ZOOM);
    await expect.poll(() => page.locator(`.map-cluster-orders span[data-count="${COLS * ROWS}"]`).count(), WAIT).toBe(1);
    await shot(page, 'map-5-clusters-en');
    await ctx.close();
  });
});
