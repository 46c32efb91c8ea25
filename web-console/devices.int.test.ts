/**
 * The console's device models and box certificates in Debian's Chromium against the real stack:
 * an admin sees which models meet GSP accuracy, is told what is wrong with a bad model and adds a
 * good one; opens a box's model and certificates, is refused a file that is not a certificate and
 * uploads one, after which the box's due date follows it. Screenshots in zh-CN and English in
 * .stack/screenshots/console/; look at them.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, requireStack, uniq, type TestUser } from '../platform/testing/harness';
import { ROOT, launchChromium, startServedApi, type ServedApi } from '../platform/testing/browser';
import { axeViolations, type AxeFinding } from './testing/axe';

const SHOTS = path.join(ROOT, '.stack/screenshots/console');
const WAIT = { timeout: 15_000 };
// South-east of the test city, away from the other browser tests' points.
const STORE = { lat: 23.1105, lng: 113.3335 };

let api: ServedApi;
let base: string;
let browser: Browser;
let admin: TestUser;
const store = uniq('fac_'), boxGood = uniq('box_'), boxCoarse = uniq('box_');
const storeName = `天河冷链药房 ${store.slice(-4)}`;
const coarseName = uniq('TL-');
// The server counts days in the facility's zone.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (n: number) => new Date(Date.parse(today + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);

async function req(method: string, p: string, body?: unknown) {
  const r = await call(base, method, `/api/v1${p}`, { token: admin.token, body });
  expect(r.status, `${method} ${p}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

async function newPage(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  await ctx.addInitScript((l) => { localStorage.setItem('coldchain.locale', l); }, locale);
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const accessibility = new Map<string, AxeFinding[]>();
async function shot(page: Page, name: string) {
  await page.locator('.el-loading-mask').waitFor({ state: 'detached' });
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  accessibility.set(name, await axeViolations(page));
}

async function logIn(page: Page) {
  await page.goto(`${base}/console/`);
  await page.getByTestId('username').fill(admin.username);
  await page.getByTestId('password').fill(admin.password);
  await page.getByTestId('submit').click();
  await page.waitForURL(/\/console\/map$/);
}

/** Types a date into an Element Plus date picker and confirms it. */
async function date(page: Page, label: string, value: string) {
  const input = page.getByTestId('box-device-drawer').getByLabel(label, { exact: true }).first();
  await input.fill(value);
  await input.press('Enter');
}

beforeAll(async () => {
  requireStack();
  mkdirSync(SHOTS, { recursive: true });
  api = await startServedApi();
  base = api.base;
  admin = await makeUser('admin');
  await req('POST', '/facilities', { id: store, name: storeName, tier: 'store', location: STORE, address: '天河北路 9 号', openingHours: { alwaysOpen: true }, coldCapabilities: ['ambient', 'chilled'], serviceArea: { kind: 'radius', radiusM: 3000 } });
  const coarse = await req('POST', '/device-models', { maker: '通用', name: coarseName, probeAccuracy: [{ fromC: -20, toC: 60, accuracyC: 1 }], sampleIntervalS: 300, bufferReadings: 2000, holdover: [{ ambientC: 25, minutes: 180 }] });
  for (const [id, extra] of [[boxGood, { calibrationDue: addDays(20) }], [boxCoarse, { modelId: coarse.id, calibrationDue: '2099-01-01' }]] as const) {
    await req('POST', '/boxes', { id, facilityId: store, kind: 'active', holdoverMinutes: { summer: 240, winter: 360 }, compartments: [{ temperatureClass: 'chilled', capacityUnits: 10 }], ...extra });
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('console: device models and certificates', { timeout: 90_000 }, () => {
  it('lists models with their GSP verdict, explains a bad model and adds a good one', async () => {
    const page = await newPage();
    await logIn(page);
    await page.goto(`${base}/console/admin/models`);
    const table = page.getByTestId('models-table');
    await expect.poll(() => table.textContent(), WAIT).toContain(coarseName);
    expect(await table.textContent()).toContain('GSP cold box logger');
    const coarseRow = page.locator('.el-table__row', { hasText: coarseName });
    expect(await coarseRow.textContent()).toContain('不符合 GSP 精度');
    expect(await coarseRow.textContent()).toContain('-20 至 60 °C：±1 °C');
    expect(await page.locator('.el-table__row', { hasText: 'GSP cold box logger' }).textContent()).toContain('符合 GSP');
    await shot(page, 'devices-0-models');

    const name = uniq('RC-');
    await page.getByTestId('model-create').click();
    await page.getByTestId('model-maker').fill('精创');
    await page.getByTestId('model-name').fill(name);
    // An inverted range: the server's refusal says which range and what to change.
    const from = page.getByRole('spinbutton', { name: '起始温度（°C），温度段 1' });
    await from.fill('50');
    await from.press('Tab');
    await page.getByTestId('model-save').click();
    await expect.poll(() => page.getByTestId('model-error').textContent(), WAIT).toContain('fromC must be below toC');
    expect(await page.getByTestId('model-error').textContent()).toContain('请更正后再保存');
    await shot(page, 'devices-1-model-refused');
    await from.fill('0');
    await from.press('Tab');
    await page.getByTestId('model-save').click();
    await page.getByTestId('model-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => table.textContent(), WAIT).toContain(name);
    const made = (await req('GET', '/device-models')).models.find((m: { name: string }) => m.name === name);
    expect(made).toMatchObject({ maker: '精创', probeAccuracy: [{ fromC: 0, toC: 40, accuracyC: 0.5 }], gsp: { accurate: true } });
  });

  it('shows a box\'s model and certificates, refuses a file that is not a certificate, and uploads one', async () => {
    const page = await newPage();
    await logIn(page);
    await page.goto(`${base}/console/admin/boxes`);
    const row = page.locator(`[data-box="${boxGood}"]`);
    await row.waitFor();
    const tableRow = page.locator('.el-table__row', { has: row });
    expect(await tableRow.textContent()).toContain('登记时填写，无证书文件');
    expect(await tableRow.textContent()).toContain('20 天后到期');
    expect(await page.locator('.el-table__row', { has: page.locator(`[data-box="${boxCoarse}"]`) }).textContent()).toContain('不符合 GSP 精度');
    await shot(page, 'devices-1b-boxes');
    await row.getByTestId('box-device').click();
    const drawer = page.getByTestId('box-device-drawer');
    await expect.poll(() => page.getByTestId('cert-table').textContent(), WAIT).toContain(addDays(20));
    expect(await page.getByTestId('cert-missing').textContent()).toContain('请上传校准证书');

    const number = uniq('GZJL-').toUpperCase();
    await page.getByTestId('cert-number').fill(number);
    await page.getByTestId('cert-issuer').fill('广州市计量检测技术研究院');
    await date(page, '校准日期', addDays(-5));
    await date(page, '到期日期', addDays(360));
    await page.getByTestId('cert-file').setInputFiles({ name: 'cert.png', mimeType: 'image/png', buffer: Buffer.from('not really a picture') });
    await page.getByTestId('cert-upload').click();
    await expect.poll(() => page.getByTestId('cert-error').textContent(), WAIT).toContain('not a PDF, PNG or JPEG');
    await shot(page, 'devices-2-certificate-refused');

    const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% certificate ${number}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
    await page.getByTestId('cert-file').setInputFiles({ name: 'cert.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('cert-upload').click();
    await expect.poll(() => page.getByTestId('cert-table').textContent(), WAIT).toContain(number);
    await expect.poll(() => tableRow.textContent(), WAIT).toContain(addDays(360));
    expect(await tableRow.textContent()).not.toContain('登记时填写');
    expect(await drawer.locator('.el-tag', { hasText: '正常' }).count()).toBeGreaterThan(0);
    await shot(page, 'devices-3-certificate-uploaded');
    const download = page.waitForEvent('download');
    await page.getByTestId('cert-download').first().click();
    expect(await (await download).suggestedFilename()).toBe(`${boxGood}-${number}.pdf`);
  });

  it('in English: a box of a model that is not GSP-accurate says it cannot be paired', async () => {
    const page = await newPage('en');
    await logIn(page);
    await page.goto(`${base}/console/admin/boxes`);
    const row = page.locator(`[data-box="${boxCoarse}"]`);
    await row.waitFor();
    expect(await page.locator('.el-table__row', { has: row }).textContent()).toContain('Not GSP-accurate');
    await row.getByTestId('box-device').click();
    await expect.poll(() => page.getByTestId('box-device-drawer').textContent(), WAIT).toContain('Boxes of this model cannot be paired or carry shipments');
    await shot(page, 'devices-4-en-not-gsp');
    await page.goto(`${base}/console/admin/models`);
    await expect.poll(() => page.getByTestId('models-table').textContent(), WAIT).toContain('-20 to 60 °C: ±1 °C');
    await shot(page, 'devices-5-en-models');
  });

  it('has no critical or serious accessibility violation (axe-core, WCAG 2.1 A/AA) on any screen photographed', () => {
    expect(accessibility.size).toBeGreaterThan(4);
    const found = [...accessibility].filter(([, v]) => v.length);
    expect(found, JSON.stringify(found, null, 1)).toEqual([]);
  });
});
