/**
 * The tracking page in a real browser with JavaScript off (Chromium through playwright-core):
 * it renders, Chinese glyphs included, and the phone check works as a plain form. Screenshots go
 * to .stack/screenshots/ (git-ignored) for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startTestApi, uniq, type TestApi } from '../../platform/testing/harness';
import { publicTrackingModule, publicTrackingPage, type PublicTrackingOptions } from './index';
import { closeRateLimiter } from '../../platform/http/rate-limit';
import { CUSTOMER, seedOrder, testDeps } from './testing';

const SHOTS = path.resolve('.stack/screenshots');
const codes = new Map<string, string>();
const deps = testDeps(codes);
let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  const o: PublicTrackingOptions = { scope: uniq('b') };
  api = await startTestApi([publicTrackingModule(deps, o)], [publicTrackingPage(deps, o)]);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await closeRateLimiter();
});

describe('the tracking page in Chromium without JavaScript', () => {
  it('renders in Chinese and English, and the phone check shows the code', async () => {
    const s = await seedOrder({ temps: Array.from({ length: 90 }, (_, i) => (i > 60 && i < 66 ? 8.6 : 4.2 + Math.sin(i / 9) * 1.5)), excursion: true });
    codes.set(s.shipmentId, '604817');
    const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, extraHTTPHeaders: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    const external: string[] = [];
    ctx.on('request', (r) => { if (!r.url().startsWith(api.url)) external.push(r.url()); });
    const page = await ctx.newPage();
    const res = await page.goto(`${api.url}/t/${s.token}`);
    expect(res?.status()).toBe(200);
    await expect(page.locator('.status').first().textContent()).resolves.toBe('骑手正在配送');
    expect(await page.locator('svg.curve').count()).toBe(1);
    expect(await page.locator('svg.map path').count()).toBeGreaterThanOrEqual(1); // one per road tile
    await page.screenshot({ path: path.join(SHOTS, 'tracking-zh.png'), fullPage: true });

    await page.fill('#last4', CUSTOMER.phone.slice(-4));
    await page.click('button[type=submit]');
    await page.waitForURL(/\/t\/[^/]+\?lang=zh-CN$/);
    expect(await page.locator('.code').textContent()).toBe('604817');
    await page.screenshot({ path: path.join(SHOTS, 'tracking-zh-verified.png'), fullPage: true });

    await page.click('header a');
    await page.waitForURL(/lang=en/);
    expect(await page.locator('.status').first().textContent()).toBe('On its way to you');
    await page.screenshot({ path: path.join(SHOTS, 'tracking-en.png'), fullPage: true });
    expect(external).toEqual([]);
    await ctx.close();
  });

  it('parses the label QR as SVG (DOMParser) and prints the label', async () => {
    const s = await seedOrder();
    const { makeUser } = await import('../../platform/testing/harness');
    const admin = await makeUser('admin');
    const ctx = await browser.newContext({ javaScriptEnabled: true, extraHTTPHeaders: { authorization: `Bearer ${admin.token}` } });
    const page = await ctx.newPage();
    await page.goto(`${api.url}/api/v1/shipments/${s.shipmentId}/label?lang=zh-CN`);
    await page.screenshot({ path: path.join(SHOTS, 'label.png'), fullPage: true });
    const svg = await (await fetch(`${api.url}/api/v1/shipments/${s.shipmentId}/label?format=svg`, { headers: { authorization: `Bearer ${admin.token}` } })).text();
    const parsed = await page.evaluate((text) => {
      const d = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { root: d.documentElement.nodeName, error: d.getElementsByTagName('parsererror').length };
    }, svg);
    expect(parsed).toEqual({ root: 'svg', error: 0 });
    await ctx.close();
  });
});
