/**
 * The console's cold-chain operations in Debian's Chromium against the real stack (issue 23).
 * Weather: a dispatcher's board shows the facility's hourly forecast from a fixture file (36 °C,
 * a storm over the next hours), the severe-weather warning, and the holdover the plan gave its
 * cold trip at that heat; the dispatcher pauses instant cold delivery (a too-short reason is
 * refused with what to do), sourcing then refuses instant cold lines there, and the pause is
 * lifted. Boxes: an admin takes a box from idle through pre-cooling (its own readings over MQTT
 * make it ready), the packing checklist and a one-time seal (a malformed seal number is refused
 * with what to do). Screenshots in zh-CN and English in .stack/screenshots/console/ (cold-ops-*).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, requireStack, uniq, type TestUser } from '../platform/testing/harness';
import { ROOT, consoleLogIn, consolePage, launchChromium, settledShot, startServedApi, type ServedApi } from '../platform/testing/browser';
import { connectService } from '../platform/mqtt/client';
import { appDb } from '../platform/db/pool';
import { startIngestService, type RunningIngest } from '../telemetry/ingest';
import { box, facility, orderBody, rider, sku, stock } from '../dispatch/testing/fixtures';
import { telemetryPorts } from './telemetry-ports';
import { boxReadings } from './testing/carry';

const SHOTS = path.join(ROOT, '.stack/screenshots/console');
const WAIT = { timeout: 20_000 };
const HOUR = 3_600_000;
process.env.TELEMETRY_CACHE_TTL_MS = '0';

let api: ServedApi;
let ingest: RunningIngest;
let pub: MqttClient;
let browser: Browser;
let admin: TestUser, dispatcher: TestUser;
let fac: { id: string; name: string };
let coldSku: string;
let boxId: string;

const newPage = (locale: 'zh-CN' | 'en') => consolePage(browser, locale, { width: 1440, height: 900 });
const logIn = (page: Page, u: TestUser) => consoleLogIn(page, api.base, u, /\/console\/map$/);
const shot = (page: Page, name: string) => settledShot(page, path.join(SHOTS, `${name}.png`));

beforeAll(async () => {
  requireStack();
  mkdirSync(SHOTS, { recursive: true });
  // The facility's weather: 36 °C all day and a storm from half an hour ago to three hours on.
  const weatherFile = path.join(ROOT, '.stack/test', `${uniq('weather-')}.json`);
  const now = Date.now();
  writeFileSync(weatherFile, JSON.stringify({
    timeZone: 'Asia/Shanghai',
    districts: [{ id: 'storm', name: '天河区 Tianhe', center: { lat: 23.13, lng: 113.32 }, hourlyC: Array(24).fill(36), severe: [{ from: new Date(now - HOUR / 2).toISOString(), to: new Date(now + 3 * HOUR).toISOString() }] }],
  }));
  api = await startServedApi({ TELEMETRY_CACHE_TTL_MS: '0', DISPATCH_WEATHER_FIXTURE: weatherFile });
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-cold-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  pub = await connectService({ clientId: uniq('pub-cold-') });
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');

  // A forward facility with a cold order waiting and a rider with a box: its plan has a cold trip.
  const f = await facility({ tier: 'forward', riders: 0 });
  fac = { id: f.id, name: f.name };
  coldSku = (await sku({ cls: 'chilled' })).id;
  await stock(f.id, coldSku, 20);
  const r = await rider(f.id);
  boxId = (await box(f.id)).id;
  const spare = await box(f.id);
  const paired = await call(api.base, 'POST', `/api/v1/boxes/${spare.id}/pairing`, { token: dispatcher.token, body: { riderId: r.id } });
  expect(paired.status, JSON.stringify(paired.body)).toBe(200);
  const order = await call(api.base, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: coldSku, quantity: 1 }]) });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const plan = await call(api.base, 'POST', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token });
  expect(plan.status, JSON.stringify(plan.body)).toBeLessThan(300);
  expect(plan.body.holdover).toMatchObject({ basis: 'ambient', ambientC: 36, severe: true });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pub?.endAsync();
  await ingest?.close();
  await api?.stop();
});

describe('console cold-chain operations', { timeout: 120_000 }, () => {
  it('a dispatcher sees the heat and the storm at a facility, pauses instant cold delivery with a reason, and lifts it', async () => {
    const page = await newPage('zh-CN');
    await logIn(page, dispatcher);
    await page.goto(`${api.base}/console/dispatch?facility=${fac.id}`);
    const bar = page.getByTestId('weather-bar');
    await expect.poll(() => bar.getByTestId('weather-hour').count(), WAIT).toBeGreaterThanOrEqual(12);
    expect(await bar.getByTestId('weather-hour').first().innerText()).toContain('36°');
    await expect.poll(() => page.getByTestId('severe-warning').innerText(), WAIT).toContain('天河区 Tianhe 当前有恶劣天气');
    // The plan's cold trip was limited by the 36 °C forecast, hotter than the default model's table reaches.
    await expect.poll(() => page.getByTestId('plan-holdover').innerText(), WAIT).toMatch(/冷链行程按离开冷藏 \d+ 分钟规划（\d\d:\d\d 预报 36 °C）/);
    await shot(page, 'cold-ops-1-weather-zh');

    await page.getByTestId('cold-pause').click();
    const dialog = page.getByTestId('cold-pause-dialog');
    await dialog.getByTestId('cold-pause-reason').fill('台');
    await dialog.getByTestId('cold-pause-save').click();
    expect(await dialog.getByTestId('cold-pause-error').innerText()).toContain('请填写至少 3 个字的原因');
    await dialog.getByTestId('cold-pause-reason').fill('天河区八号台风信号');
    await dialog.getByTestId('cold-pause-save').click();
    await expect.poll(() => page.getByTestId('cold-pause-running').innerText(), WAIT).toContain('即时冷链配送已暂停');
    expect(await page.getByTestId('cold-pause-running').innerText()).toContain('天河区八号台风信号');
    expect(await page.getByTestId('severe-warning').count()).toBe(0);
    await shot(page, 'cold-ops-2-paused-zh');

    // What the pause does: sourcing no longer sends an instant cold line from here.
    const pauses = (await call(api.base, 'GET', `/api/v1/facilities/${fac.id}/cold-pauses`, { token: dispatcher.token })).body.pauses;
    expect(pauses).toEqual([expect.objectContaining({ active: true, reason: '天河区八号台风信号', createdBy: dispatcher.id })]);
    const refused = await call(api.base, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: coldSku, quantity: 1 }]) });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error.details.candidates).toEqual(expect.arrayContaining([expect.objectContaining({ facilityId: fac.id, reasons: [expect.objectContaining({ code: 'cold_paused' })] })]));

    await page.getByTestId('cold-pause-lift').click();
    await page.locator('.el-message-box input').fill('台风信号已解除');
    await page.locator('.el-message-box .el-button--primary').click();
    await expect.poll(() => page.getByTestId('cold-pause-running').count(), WAIT).toBe(0);
    await expect.poll(() => page.getByTestId('severe-warning').count(), WAIT).toBe(1);
    const lifted = (await call(api.base, 'GET', `/api/v1/facilities/${fac.id}/cold-pauses`, { token: dispatcher.token })).body.pauses;
    expect(lifted[0]).toMatchObject({ active: false, liftedBy: dispatcher.id });
    const audit = (await appDb().query(`SELECT action, reason FROM platform.audit_log WHERE entity_type = 'facility' AND entity_id = $1 AND action LIKE 'facility.cold_pause%' ORDER BY id`, [fac.id])).rows;
    expect(audit).toEqual([{ action: 'facility.cold_pause', reason: '天河区八号台风信号' }, { action: 'facility.cold_pause_lift', reason: '台风信号已解除' }]);
  });

  it('an admin pre-cools a box on its own readings, packs it with the checklist and seals it; a bad seal number says what to do', async () => {
    const page = await newPage('en');
    await logIn(page, admin);
    await page.goto(`${api.base}/console/admin/boxes`);
    const row = page.locator(`[data-box="${boxId}"]`);
    const tableRow = page.locator('.el-table__row', { has: row });
    await row.getByTestId('box-device').click();
    const life = page.getByTestId('box-lifecycle');
    await expect.poll(() => life.getByTestId('box-life-state').innerText(), WAIT).toBe('Idle');
    await life.getByTestId('box-life-start_precool').click();
    await expect.poll(() => life.getByTestId('box-life-state').innerText(), WAIT).toBe('Pre-cooling');
    expect(await life.getByTestId('box-life-readiness').innerText()).toContain('Not pre-cooled yet');

    // 35 minutes of readings in range from the box's buffer: its own record says it has pre-cooled.
    await boxReadings(pub, boxId, 35);
    await life.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => life.getByTestId('box-life-state').innerText(), WAIT).toBe('Ready');
    expect(await life.getByTestId('box-life-pack').isDisabled()).toBe(true);
    await life.getByTestId('check-coolant').click();
    await life.getByTestId('check-product').click();
    await shot(page, 'cold-ops-3-checklist-en');
    expect(await life.getByTestId('box-life-pack').isDisabled()).toBe(true);
    await life.getByTestId('check-probe').click();
    await life.getByTestId('box-life-pack').click();
    await expect.poll(() => life.getByTestId('box-life-state').innerText(), WAIT).toBe('Packed');

    await life.getByTestId('box-life-seal-input').fill('GZ-001');
    await life.getByTestId('box-life-seal').click();
    await expect.poll(() => life.getByTestId('box-life-error').innerText(), WAIT).toContain('6 to 20 letters and digits');
    const seal = uniq('GZ').replace(/[^A-Za-z0-9]/g, '').slice(0, 16).toUpperCase();
    await life.getByTestId('box-life-seal-input').fill(seal);
    await life.getByTestId('box-life-seal').click();
    await expect.poll(() => life.getByTestId('box-life-state').innerText(), WAIT).toBe('Sealed');
    expect(await life.getByTestId('box-life-seal-on').innerText()).toContain(seal);
    const steps = await life.getByTestId('box-life-events').locator('tbody tr').allInnerTexts();
    expect(steps[0]).toContain('Seal');
    expect(steps.some((s) => s.includes('Pre-cooled (readings)') && s.includes('System'))).toBe(true);
    await shot(page, 'cold-ops-4-sealed-en');
    await page.keyboard.press('Escape');
    await expect.poll(() => tableRow.innerText(), WAIT).toContain(seal);
    expect(await tableRow.getByTestId('box-row-state').innerText()).toBe('Sealed');
    const stored = (await call(api.base, 'GET', `/api/v1/boxes/${boxId}/lifecycle`, { token: admin.token })).body;
    expect(stored).toMatchObject({ state: 'sealed', sealNumber: seal });
    expect(stored.events.map((e: { action: string }) => e.action)).toEqual(['start_precool', 'became_ready', 'pack', 'seal']);
  });
});
