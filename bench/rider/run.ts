/**
 * `npm run bench:rider`: the rider app's weight and speed on a phone-like profile.
 *   rider_js_gzip_kb        JavaScript the page loads at start (entry + static imports), gzip -9
 *   rider_js_lazy_gzip_kb   what the camera scan loads when opened (@zxing)
 *   rider_first_load_ms     a logged-in rider opens /rider/ with nothing cached until the route shows,
 *                           CPU ×4 slower and "fast 3G" (562.5 ms latency, 180 KB/s down, 84 KB/s up)
 *   rider_repeat_load_ms    the same page again, offline: the service worker's shell and the phone's route
 *   outbox_replay_ms        100 queued lifecycle actions (20 shipments × 5 steps) sent once the network is back,
 *                           from the reload until the outbox is empty (no throttling)
 * Prints `name: value unit` lines; asserts nothing. RIDER_BENCH_WATERFALL=1 also prints each load's
 * requests (start and end in ms from navigation start, as the page's Resource Timing saw them).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { closeAppDb } from '../../platform/db/pool';
import { call, makeUser, uniq, type TestUser } from '../../platform/testing/harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist/web');
const print = (name: string, value: number, unit: string) => console.log(`${name}: ${value} ${unit}`);

const gz = (rel: string) => gzipSync(readFileSync(path.join(DIST, rel.replace(/^\/ui\//, ''))), { level: 9 }).length;

function weights(): void {
  const html = readFileSync(path.join(DIST, 'rider-app/index.html'), 'utf8');
  const start = [...html.matchAll(/(?:src|href)="(\/ui\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  print('rider_js_gzip_kb', Math.round(start.reduce((n, f) => n + gz(f), 0) / 102.4) / 10, 'kB');
  // Lazy chunks: every rider JS file the service worker precaches that the page does not load at start.
  const sw = readFileSync(path.join(DIST, 'rider-sw.js'), 'utf8');
  const all = [...new Set([...sw.matchAll(/url:"(\/ui\/assets\/[^"]+\.js)"/g)].map((m) => m[1]))];
  print('rider_js_lazy_gzip_kb', Math.round(all.filter((f) => !start.includes(f)).reduce((n, f) => n + gz(f), 0) / 102.4) / 10, 'kB');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); }).on('error', reject);
  });
}

async function throttle(page: Page, on: boolean): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: on ? 4 : 1 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', on
    ? { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 }
    : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/** With RIDER_BENCH_WATERFALL=1: the load's requests, paints and marks as the page timed them. */
async function waterfall(page: Page): Promise<void> {
  if (process.env.RIDER_BENCH_WATERFALL !== '1') return;
  const rows = await page.evaluate(() => [
    ...performance.getEntriesByType('mark'),
    ...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource'), ...performance.getEntriesByType('paint'),
  ].map((e) => `${Math.round(e.startTime)}\t${Math.round(e.startTime + e.duration)}\t${e.name.replace(location.origin, '')}`));
  for (const r of rows) console.log(`  waterfall ${r}`);
}

async function main(): Promise<void> {
  weights();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, ['--import', 'tsx', 'app/cli.ts', 'serve', 'api'], {
    cwd: ROOT, env: { ...process.env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', API_WORKERS: '1', PROCESS_NAME: 'api' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    for (let i = 0; i < 300 && !(await fetch(`${base}/healthz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
    const admin = await makeUser('admin');
    const post = async (p: string, body: unknown, token = admin.token) => {
      const r = await call(base, 'POST', `/api/v1${p}`, { token, body });
      if (r.status >= 300) throw new Error(`POST ${p}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    // A facility with a rider, a paired box with room for 20 ambient bags, 20 orders and a plan.
    const at = { lat: 23.1262, lng: 113.3158 };
    const facilityId = uniq('fac_');
    await post('/facilities', { id: facilityId, name: `骑手基准仓 ${uniq('')}`, tier: 'forward', location: at, address: '天河路 9 号', openingHours: { alwaysOpen: true }, coldCapabilities: ['ambient', 'chilled'], serviceArea: { kind: 'radius', radiusM: 3000 } });
    const riderId = uniq('rdr_');
    await post('/riders', { id: riderId, name: '基准骑手', homeFacilityId: facilityId, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status: 'online' });
    const skuId = uniq('sku_');
    await post('/skus', { id: skuId, name: 'bench ambient item', genericName: 'bench', temperatureClass: 'ambient', rx: false, volumeUnits: 1 });
    await post(`/facilities/${facilityId}/lots`, { skuId, lotNumber: uniq('L'), expiry: '2099-12-31', quantity: 100 });
    const boxId = uniq('box_');
    await post('/boxes', { id: boxId, facilityId, kind: 'active', holdoverMinutes: { summer: 240, winter: 300 }, calibrationDue: '2099-01-01', sampleIntervalS: 60, probes: 1, compartments: [{ temperatureClass: 'ambient', capacityUnits: 40 }] });
    await post(`/boxes/${boxId}/pairing`, { riderId });
    const shipments: string[] = [];
    for (let i = 0; i < 20; i++) {
      const o = await post('/orders', { channel: 'app', items: [{ skuId, quantity: 1 }], customer: { name: '张三', phone: '13812345678', address: '体育西路 1 号', location: { lat: at.lat + 0.002 + (i % 5) * 0.0006, lng: at.lng + 0.002 + Math.floor(i / 5) * 0.0006 } }, delivery: { mode: 'instant', promiseMinutes: 120 } });
      shipments.push(o.shipments[0].id);
    }
    await call(base, 'POST', `/api/v1/facilities/${facilityId}/plan`, { token: admin.token });
    const rider: TestUser = await makeUser('rider', { riderId });

    const fresh = async (): Promise<{ ctx: BrowserContext; page: Page }> => {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const r = await ctx.request.post(`${base}/api/v1/auth/login`, { data: { username: rider.username, password: rider.password } });
      if (!r.ok()) throw new Error(`login: ${r.status()}`);
      return { ctx, page: await ctx.newPage() };
    };

    // First and repeat load, throttled.
    {
      const { ctx, page } = await fresh();
      await throttle(page, true);
      // When the first stop appeared, by the page's own clock (a mark in the waterfall).
      await page.addInitScript(() => {
        const seen = new MutationObserver(() => { if (document.querySelector('[data-stop]')) { performance.mark('first-stop-shown'); seen.disconnect(); } });
        seen.observe(document, { childList: true, subtree: true });
      });
      let t0 = performance.now();
      await page.goto(`${base}/rider/`);
      await page.locator('[data-stop]').first().waitFor({ timeout: 120_000 });
      print('rider_first_load_ms', Math.round(performance.now() - t0), 'ms');
      await waterfall(page);
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 120_000 });
      await ctx.setOffline(true);
      t0 = performance.now();
      await page.reload();
      await page.locator('[data-stop]').first().waitFor({ timeout: 120_000 });
      print('rider_repeat_load_ms', Math.round(performance.now() - t0), 'ms');
      await waterfall(page);
      await ctx.close();
    }

    // Outbox replay: 100 actions put in the phone's outbox while offline, sent after a reload online.
    {
      const { ctx, page } = await fresh();
      await page.goto(`${base}/rider/`);
      await page.locator('[data-stop]').first().waitFor({ timeout: 60_000 });
      await ctx.setOffline(true);
      await page.evaluate(async ({ shipments, boxId }) => {
        const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open('coldchain-rider'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
        const tx = db.transaction('events', 'readwrite');
        let n = 0;
        for (const action of ['arrive_pickup', 'pick_up', 'depart', 'arriving', 'fail']) {
          for (const s of shipments) {
            const body: Record<string, unknown> = { action, clientEventId: `bench-${s}-${n++}`, deviceAt: new Date().toISOString() };
            if (action === 'pick_up') Object.assign(body, { boxId, label: s });
            if (action === 'fail') body.reason = 'customer_absent';
            tx.objectStore('events').add({ shipmentId: s, body, queuedAt: new Date().toISOString() });
          }
        }
        await new Promise((r) => { tx.oncomplete = r; });
      }, { shipments, boxId });
      await ctx.setOffline(false);
      const t0 = performance.now();
      await page.reload();
      await page.waitForFunction(async () => {
        const db = await new Promise<IDBDatabase>((res) => { const r = indexedDB.open('coldchain-rider'); r.onsuccess = () => res(r.result); });
        return new Promise<boolean>((res) => { const r = db.transaction('events').objectStore('events').count(); r.onsuccess = () => { db.close(); res(r.result === 0); }; });
      }, null, { timeout: 300_000, polling: 50 });
      print('outbox_replay_ms', Math.round(performance.now() - t0), 'ms');
      const conflicts = await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((res) => { const r = indexedDB.open('coldchain-rider'); r.onsuccess = () => res(r.result); });
        return new Promise<number>((res) => { const r = db.transaction('conflicts').objectStore('conflicts').count(); r.onsuccess = () => res(r.result); });
      });
      print('outbox_replay_conflicts', conflicts, 'count');
      await ctx.close();
    }
  } finally {
    await browser.close();
    api.kill('SIGTERM');
    await closeAppDb();
  }
}

await main();
process.exit(0);
