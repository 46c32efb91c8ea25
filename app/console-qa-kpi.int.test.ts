/**
 * The console's QA and KPI pages in Debian's Chromium against the real stack. A box's real
 * readings over MQTT raise an excursion that quarantines the shipment it carries; a QA user finds
 * it in the queue, sees its curve, figures and a verified chain, acknowledges, investigates, and
 * signs the release — a wrong password is refused with what to do, the right one re-authenticates —
 * and the signature then verifies. The KPI page's tiles for that facility and day are the API's
 * figures. The QA page's Lanes tab puts that shipment's rider first, driven by excursions, and
 * downloads the same lanes as CSV. Screenshots in zh-CN and English in .stack/screenshots/console/; look at them.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, requireStack, uniq, type TestUser } from '../platform/testing/harness';
import { ROOT, consoleLogIn, consolePage, launchChromium, settledShot, startServedApi, type ServedApi } from '../platform/testing/browser';
import { connectService } from '../platform/mqtt/client';
import { startIngestService, type RunningIngest } from '../telemetry/ingest';
import { waitFor } from '../telemetry/testing/fakes';
import { telemetryPorts } from './telemetry-ports';
import { warmShipment } from './testing/warm-shipment';

const SHOTS = path.join(ROOT, '.stack/screenshots/console');
const WAIT = { timeout: 20_000 };
process.env.TELEMETRY_CACHE_TTL_MS = '0';

let api: ServedApi;
let ingest: RunningIngest;
let pub: MqttClient;
let browser: Browser;
let dispatcher: TestUser, qa: TestUser;
let warm: Awaited<ReturnType<typeof warmShipment>>;

const newPage = (locale: 'zh-CN' | 'en') => consolePage(browser, locale);
const logIn = (page: Page, u: TestUser, landing: RegExp) => consoleLogIn(page, api.base, u, landing);
const shot = (page: Page, name: string) => settledShot(page, path.join(SHOTS, `${name}.png`));

beforeAll(async () => {
  requireStack();
  mkdirSync(SHOTS, { recursive: true });
  api = await startServedApi({ TELEMETRY_CACHE_TTL_MS: '0' });
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-cqa-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  pub = await connectService({ clientId: uniq('pub-cqa-') });
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
  warm = await warmShipment({ apiUrl: api.base, pub, dispatcher, celsius: 9.5 });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pub?.endAsync();
  await ingest?.close();
  await api?.stop();
});

describe('console QA page', { timeout: 150_000 }, () => {
  it('takes a quarantined shipment from the queue to a signed release: curve, figures, chain, acknowledge, investigate, e-signature', async () => {
    await waitFor(async () => (await call(api.base, 'GET', '/api/v1/qa/quarantine?limit=500', { token: qa.token })).body.cases.some((c: { shipmentId: string }) => c.shipmentId === warm.shp));
    const page = await newPage('zh-CN');
    await logIn(page, qa, /\/console\/(map|qa)/);
    await page.getByTestId('nav-qa').click();
    await page.waitForURL(/\/console\/qa/);
    await page.getByTestId(`open-case-${warm.shp}`).click();
    const box = page.getByTestId('qa-case');
    await expect.poll(() => box.getByTestId('case-status').textContent(), WAIT).toBe('待处理');
    // The curve has the box's readings while it carried the shipment; the figures and the chain are the record's.
    await expect.poll(async () => Number(await page.getByTestId('temp-curve').getAttribute('data-points')), WAIT).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('fig-mkt').textContent(), WAIT).toMatch(/^\d+\.\d\d °C$/);
    await expect.poll(() => page.getByTestId('chain-status').getAttribute('data-ok'), WAIT).toBe('true');
    await shot(page, 'qa-01-case-zh');

    await page.getByTestId('ack-note').fill('箱子已检查，盖子未关严');
    await page.getByTestId('acknowledge').click();
    await expect.poll(() => box.getByTestId('case-status').textContent(), WAIT).toBe('已确认');
    await page.getByTestId('root-cause').fill('取货时箱盖未关严');
    await page.getByTestId('capa').fill('取货扫码时增加箱盖检查');
    await page.getByTestId('investigate').click();
    await expect.poll(() => box.getByTestId('case-status').textContent(), WAIT).toBe('已调查');

    // Signing re-authenticates: a wrong password is refused and says what to do.
    await page.getByTestId('disp-release').click();
    await page.getByTestId('sign-disposition').click();
    const dialog = page.getByTestId('sign-dialog');
    await expect.poll(() => dialog.getByTestId('sign-meaning').textContent(), WAIT).toContain('放行');
    await dialog.getByTestId('sign-username').fill(qa.username);
    await dialog.getByTestId('sign-password').fill('not-the-password');
    await dialog.getByTestId('sign-submit').click();
    await expect.poll(() => dialog.getByTestId('sign-error').textContent(), WAIT).toMatch(/密码|password/i);
    await shot(page, 'qa-02-sign-refused-zh');
    expect((await call(api.base, 'GET', `/api/v1/qa/quarantine?limit=500`, { token: qa.token })).body.cases.find((c: { shipmentId: string }) => c.shipmentId === warm.shp).status).toBe('investigated');
    await dialog.getByTestId('sign-password').fill(qa.password);
    await dialog.getByTestId('sign-submit').click();
    await expect.poll(() => box.getByTestId('case-status').textContent(), WAIT).toBe('已处置');
    await expect.poll(() => page.getByTestId('sig-check').getAttribute('data-valid'), WAIT).toBe('true');
    expect(await page.getByTestId('sig-valid-true').count()).toBe(1);
    await shot(page, 'qa-03-released-zh');

    // What the page did is what the API holds.
    const c = (await call(api.base, 'GET', `/api/v1/qa/quarantine?limit=500&status=disposed`, { token: qa.token })).body.cases.find((x: { shipmentId: string }) => x.shipmentId === warm.shp);
    const full = (await call(api.base, 'GET', `/api/v1/qa/quarantine/${c.id}`, { token: qa.token })).body;
    expect(full).toMatchObject({ status: 'disposed', disposition: 'release', ackNote: '箱子已检查，盖子未关严', rootCause: '取货时箱盖未关严', capa: '取货扫码时增加箱盖检查' });
    expect(full.signatures).toEqual([expect.objectContaining({ signerId: qa.id, meaning: 'qa_release' })]);

    // The report link downloads the shipment's PDF.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test^="report-pdf-"]').first().click()]);
    const pdf = await download.path();
    expect(pdf).toBeTruthy();
    await page.context().close();
  });

  it('is not offered to a dispatcher, and its API refuses one', async () => {
    const page = await newPage('en');
    await logIn(page, dispatcher, /\/console\/map/);
    expect(await page.getByTestId('nav-qa').count()).toBe(0);
    expect((await call(api.base, 'GET', '/api/v1/qa/quarantine', { token: dispatcher.token })).status).toBe(403);
    await page.context().close();
  });
});

describe('console KPI page', { timeout: 90_000 }, () => {
  it("shows the facility's figures for the day as the API computes them, in English", async () => {
    const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const page = await newPage('en');
    await logIn(page, dispatcher, /\/console\/map/);
    await page.getByTestId('nav-kpi').click();
    await page.waitForURL(/\/console\/kpi/);
    await page.getByTestId('kpi-facility').click();
    await page.keyboard.type(warm.facilityName);
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: warm.facilityName }).click();
    const k = (await call(api.base, 'GET', `/api/v1/kpis?date=${date}&facilityId=${warm.facilityId}`, { token: dispatcher.token })).body;
    expect(k.totals.orders).toBe(1);
    const num = (v: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(v);
    const want: Record<string, string> = {
      within30: k.totals.within30MinRate === null ? '—' : `${num(k.totals.within30MinRate * 100)} %`,
      fulfilment: k.totals.fulfilmentRate === null ? '—' : `${num(k.totals.fulfilmentRate * 100)} %`,
      excursions: k.totals.excursionsPer1000Cold === null ? '—' : `${num(k.totals.excursionsPer1000Cold)} per 1,000`,
      ack5: k.alarms.within5MinRate === null ? '—' : `${num(k.alarms.within5MinRate * 100)} %`,
    };
    expect(want.excursions).toBe('1,000 per 1,000'); // one cold shipment, one excursion
    for (const [key, text] of Object.entries(want)) {
      await expect.poll(async () => (await page.getByTestId(`tile-${key}`).getByTestId('value').textContent())?.trim(), WAIT).toBe(text);
    }
    await expect.poll(() => page.getByTestId('kpi-chart').locator('canvas').count(), WAIT).toBeGreaterThan(0);
    await shot(page, 'kpi-01-facility-en');
    // The CSV is the same figures.
    const csv = await call(api.base, 'GET', `/api/v1/kpis.csv?date=${date}&facilityId=${warm.facilityId}`, { token: dispatcher.token });
    expect(csv.status).toBe(200);

    // Tomorrow's forecast and roster for that facility: today's one order is its only history.
    const roster = (await call(api.base, 'GET', `/api/v1/facilities/${warm.facilityId}/roster?target=0.9&promise=30`, { token: dispatcher.token })).body;
    expect(roster.totals.orders).toBe(1);
    const panel = page.getByTestId('roster-panel');
    await panel.scrollIntoViewIfNeeded();
    const hour = `${String(roster.totals.peakHour).padStart(2, '0')}:00`;
    await expect.poll(() => panel.getByTestId('roster-summary').innerText(), WAIT).toBe(
      `${roster.date}: forecast deliveries ≈ 1. Busiest hour ${hour}: riders on duty needed, ${roster.totals.peakRiders}. Rider-hours in all: ${roster.totals.riderHours} (riders based here: ${roster.ridersHome}).`);
    expect(await panel.innerText()).toContain('Fewer than two weeks of history');
    await expect.poll(() => panel.getByTestId('roster-chart').locator('canvas').count(), WAIT).toBeGreaterThan(0);
    await shot(page, 'kpi-02-roster-en');
    await page.context().close();
  });
});

describe('console QA lanes', { timeout: 90_000 }, () => {
  it("ranks the warm shipment's rider first with excursions as the driver, by facility and by rider, and downloads the CSV", async () => {
    const page = await newPage('zh-CN');
    await logIn(page, qa, /\/console\/(map|qa)/);
    await page.goto(`${api.base}/console/qa/lanes`);
    const table = page.getByTestId('lanes-table');
    await expect.poll(() => table.locator('.el-table__row').count(), WAIT).toBeGreaterThan(0);
    await page.getByTestId('lanes-facility').click();
    await page.keyboard.type(warm.facilityName);
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: warm.facilityName }).click();
    await expect.poll(() => table.getByTestId(`lane-${warm.facilityId}`).count(), WAIT).toBe(1);
    await page.getByTestId('lanes-by-rider').click();
    await expect.poll(() => table.getByTestId(`lane-${warm.riderId}`).count(), WAIT).toBe(1);
    const first = table.locator('.el-table__row').first();
    await expect.poll(() => first.getByTestId('lane-driver').getAttribute('data-cause'), WAIT).toBe('excursions');
    expect(await first.getByTestId('lane-driver').textContent()).toContain('温度偏离');
    expect(await first.getByTestId('lane-driver-ids').textContent()).toContain(warm.shp);
    const api1 = (await call(api.base, 'GET', `/api/v1/lanes?by=rider&facilityId=${warm.facilityId}`, { token: qa.token })).body;
    expect(await first.getByTestId('lane-score').textContent()).toBe(String(api1.lanes[0].score));
    await shot(page, 'qa-04-lanes-rider-zh');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lanes-csv').click()]);
    const csv = readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain(`${warm.riderId},`);
    await page.context().close();

    const en = await newPage('en');
    await logIn(en, qa, /\/console\/(map|qa)/);
    await en.goto(`${api.base}/console/qa/lanes`);
    await en.getByTestId('lanes-by-hour').click();
    await expect.poll(() => en.getByTestId('lanes-table').locator('.el-table__row').count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => en.getByTestId('lanes-table').getByTestId('lane-driver').first().textContent(), WAIT).toMatch(/Excursions|Late|Thin/);
    await shot(en, 'qa-05-lanes-hour-en');
    await en.context().close();
  });
});
