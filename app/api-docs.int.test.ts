/**
 * The docs page at /api/v1/docs, in Chromium: operations grouped by tag, schemas drawn as field
 * trees with $refs resolved, examples shown. Screenshots in .stack/screenshots/api-docs/; look at them.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApi, type TestApi } from '../platform/testing/harness';
import { routeModules } from './modules';

const SHOTS = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), '.stack/screenshots/api-docs');

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  api = await startTestApi(routeModules);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('API docs page', () => {
  it('lists every operation by tag and draws POST /orders with its body schema and example', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${api.url}/api/v1/docs#op-placeOrder`);
    const op = page.locator('#op-placeOrder');
    await op.waitFor();
    expect(await op.getAttribute('open')).not.toBeNull();
    const text = await op.innerText();
    // The OrderRequest $ref is expanded: the line fields and the customer's are in the tree.
    for (const field of ['channel', 'skuId', 'quantity', 'customer', 'promiseMinutes', 'paymentPending']) expect(text).toContain(field);
    expect(text).toContain('OrderRequest');
    expect(text).toContain('"externalRef": "APP-20261205-0042"');
    expect(text).toContain('no_facility_can_serve');
    expect(await page.locator('details.op[id^="op-"]').count()).toBeGreaterThan(60);
    expect(await page.locator('h2.tag').allInnerTexts()).toEqual(expect.arrayContaining(['orders', 'telemetry', 'tracking', 'Schemas']));
    await op.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'place-order.png') });
    // The whole operation: body tree, request example (Chinese text must render), answers.
    await op.screenshot({ path: path.join(SHOTS, 'place-order-whole.png') });
    expect(errors).toEqual([]);
  });

  it('opens a schema from its link, with its fields and example', async () => {
    await page.goto(`${api.url}/api/v1/docs#op-acknowledgeAlarm`);
    await page.locator('#op-acknowledgeAlarm').waitFor();
    await page.locator('#op-acknowledgeAlarm a.ref', { hasText: 'Alarm' }).first().click();
    const schema = page.locator('#schema-Alarm');
    await expect.poll(() => schema.getAttribute('open')).not.toBeNull();
    const text = await schema.innerText();
    for (const field of ['severity', 'escalationTier', 'ackNote']) expect(text).toContain(field);
    await page.screenshot({ path: path.join(SHOTS, 'alarm-schema.png') });
  });

  it('filters operations', async () => {
    await page.goto(`${api.url}/api/v1/docs`);
    await page.locator('#op-login').waitFor();
    const all = await page.locator('details.op[id^="op-"]').count();
    await page.fill('#q', 'shipments');
    await expect.poll(() => page.locator('details.op[id^="op-"]').count()).toBeLessThan(all);
    expect(await page.locator('#op-recordShipmentEvent').count()).toBe(1);
    expect(await page.locator('#op-login').count()).toBe(0);
    await page.locator('#op-recordShipmentEvent > summary').click();
    await page.screenshot({ path: path.join(SHOTS, 'filtered-shipments.png') });
  });
});
