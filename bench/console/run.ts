/**
 * `npm run bench:console`: the console's live map at scale in headless Debian Chromium
 * (playwright-core) on this machine, against a real `api` process on the demo network:
 * 2,000 open orders, 300 riders moving (a position each per second through the real-time feed:
 * Redis pub/sub → the api's SSE stream → the page), their planned routes (the re-plans' riders
 * with stops; printed as bench_routes) and 500 boxes (300 of them paired, so they move too).
 *   console_first_load_ms        a logged-in dispatcher opens /console/map, nothing cached, until
 *                                every open order is indexed and drawn and the riders are drawn
 *   map_frame_ms_p95             time between animation frames while the positions stream in
 *                                (BENCH_SECONDS, default 20 s)
 *   feed_event_to_paint_ms_p99   from the event's publishedAt (set where it is published) to
 *                                the frame after the page applied it, the one its canvas redraws in
 *   js_gzip_kb                   JavaScript the page loaded to show the map (gzip -9 of the files)
 * Prints `name: value unit` lines; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { appDb, closeAppDb } from '../../platform/db/pool';
import { publishEvents, closeFeedPublisher, type FeedEnvelope } from '../../platform/feed';
import { call, makeUser, uniq } from '../../platform/testing/harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist/web');
const ORDERS = Number(process.env.BENCH_ORDERS ?? 2000);
const RIDERS = Number(process.env.BENCH_RIDERS ?? 300);
const BOXES = Number(process.env.BENCH_BOXES ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const print = (name: string, value: number, unit: string) => console.log(`${name}: ${value} ${unit}`);
const note = (s: string) => process.stderr.write(`bench:console: ${s}\n`);
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN; };

function rng(seed: number) {
  return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); }).on('error', reject);
  });
}

/** Runs `f` over `items`, `n` at a time. */
async function pool<T>(items: T[], n: number, f: (x: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => { while (next < items.length) { const i = next++; await f(items[i], i); } }));
}

/**
 * Installed in the page before its own scripts: frame times, and event → paint per rider position.
 * A string, not a function: tsx's transform would put helpers into a function's source that the
 * page does not have.
 */
const PROBE = `(() => {
  const b = window.__bench = { frames: [], paint: [], on: false };
  let last = 0;
  const tick = (t) => { if (b.on && last) b.frames.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const add = EventSource.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (type, listener, opts) {
    if (type !== 'rider.position' || typeof listener !== 'function') return add.call(this, type, listener, opts);
    add.call(this, type, (ev) => {
      listener.call(this, ev);
      if (!b.on) return;
      const at = Number(/"publishedAt":(\\d+)/.exec(ev.data)?.[1]);
      // The page applies positions in its next frame and Leaflet redraws the canvas in the one after.
      requestAnimationFrame(() => requestAnimationFrame(() => { b.paint.push(Date.now() - at); }));
    }, opts);
  };
})();`;

async function main(): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, ['--import', 'tsx', 'app/cli.ts', 'serve', 'api'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', API_WORKERS: '1', PROCESS_NAME: 'api', DISPATCH_PLAN_TIME_BUDGET_MS: process.env.DISPATCH_PLAN_TIME_BUDGET_MS ?? '1000' },
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    for (let i = 0; i < 600 && !(await fetch(`${base}/readyz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
    const admin = await makeUser('admin');
    const dispatcher = await makeUser('dispatcher');
    const req = async (method: string, p: string, body?: unknown) => call(base, method, `/api/v1${p}`, { token: admin.token, body });
    const must = async (method: string, p: string, body?: unknown) => {
      const r = await req(method, p, body);
      if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      return r.body;
    };
    const db = appDb();
    const rand = rng(7);
    const facilities = (await must('GET', '/facilities')).facilities as Array<{ id: string; tier: string; location: { lat: number; lng: number } }>;
    const near = facilities.filter((f) => f.tier !== 'central');

    // Riders: the demo's, topped up to RIDERS at the forward warehouses and stores, all online at a position.
    let riders = (await must('GET', '/riders')).riders as Array<{ id: string; homeFacilityId: string; status: string }>;
    const extra = Math.max(0, RIDERS - riders.length);
    await pool(Array.from({ length: extra }, (_, i) => i), 8, async (i) => {
      await must('POST', '/riders', { id: uniq('rdr_'), name: `基准骑手 ${i + 1}`, homeFacilityId: near[i % near.length].id, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status: 'online' });
    });
    riders = ((await must('GET', '/riders')).riders as typeof riders).slice(0, RIDERS);
    const home = new Map(facilities.map((f) => [f.id, f.location]));
    const pos = new Map<string, { lat: number; lng: number }>();
    await pool(riders, 8, async (r) => {
      if (r.status !== 'online') await must('POST', `/riders/${r.id}/status`, { status: 'online' });
      const h = home.get(r.homeFacilityId)!;
      const p = { lat: h.lat + (rand() - 0.5) * 0.01, lng: h.lng + (rand() - 0.5) * 0.01 };
      pos.set(r.id, p);
      const a = await req('POST', `/riders/${r.id}/position`, { location: p });
      if (a.status !== 204) throw new Error(`position: ${a.status}`);
    });

    // Boxes: the demo's, topped up to BOXES; every rider without a box gets one.
    let boxes = (await must('GET', '/boxes')).boxes as Array<{ id: string; facilityId: string; riderId: string | null }>;
    await pool(Array.from({ length: Math.max(0, BOXES - boxes.length) }, (_, i) => i), 8, async (i) => {
      await must('POST', '/boxes', { id: uniq('box_'), facilityId: near[i % near.length].id, kind: 'active', holdoverMinutes: { summer: 240, winter: 300 }, calibrationDue: '2099-01-01', sampleIntervalS: 60, probes: 1, compartments: [{ temperatureClass: 'chilled', capacityUnits: 20 }] });
    });
    boxes = (await must('GET', '/boxes')).boxes;
    const paired = new Set(boxes.map((b) => b.riderId).filter(Boolean));
    const free = boxes.filter((b) => !b.riderId);
    await pool(riders.filter((r) => !paired.has(r.id)), 8, async (r) => {
      const b = free.shift();
      if (b) await must('POST', `/boxes/${b.id}/pairing`, { riderId: r.id });
    });

    // Orders: non-Rx SKUs anywhere in the demo city, until ORDERS are open.
    const skus = (await db.query(`SELECT DISTINCT s.id FROM dispatch.skus s JOIN dispatch.lots l ON l.sku_id = s.id WHERE NOT s.rx ORDER BY s.id`)).rows.map((r) => r.id as string);
    let placed = 0, tries = 0;
    const t0 = Date.now();
    await pool(Array.from({ length: 16 }, (_, i) => i), 16, async () => {
      while (placed < ORDERS && tries < ORDERS * 3) {
        tries++;
        const r = await call(base, 'POST', '/api/v1/orders', { token: dispatcher.token, body: {
          channel: 'app', items: [{ skuId: skus[Math.floor(rand() * skus.length)], quantity: 1 }],
          customer: { name: '测试客户', phone: '13800138000', address: '天河区测试路 1 号', location: { lat: 23.105 + rand() * 0.05, lng: 113.285 + rand() * 0.07 } },
          delivery: { mode: 'instant', promiseMinutes: 30 + Math.floor(rand() * 90) },
        } });
        if (r.status < 300) placed++;
      }
    });
    note(`${placed} orders placed in ${((Date.now() - t0) / 1000).toFixed(0)} s (${tries} tries)`);

    // Routes: every facility with open shipments re-planned now.
    const busy = (await db.query(`SELECT DISTINCT facility_id FROM dispatch.shipments WHERE status IN ('held','ready','assigned')`)).rows.map((r) => r.facility_id as string);
    let routes = 0;
    await pool(busy, 2, async (f) => {
      const r = await req('POST', `/facilities/${f}/plan`);
      if (r.status < 300) routes += (r.body.routes ?? []).filter((x: { stops?: unknown[] }) => (x.stops?.length ?? 0) > 0).length;
    });
    const open = (await must('GET', '/map/orders')).orders.length as number;
    print('bench_open_orders', open, 'count');
    print('bench_riders', riders.length, 'count');
    print('bench_routes', routes, 'count');
    print('bench_boxes', boxes.length, 'count');

    // What each snapshot read costs the api on its own (stderr), to tell a slow page from a slow answer.
    const reads: string[] = [];
    for (const p of ['/map/orders', '/riders', '/boxes', '/telemetry/boxes/latest?limit=10000', '/telemetry/alarms?open=true&limit=500', '/geo/service-areas', '/facilities']) {
      const s = performance.now();
      await must('GET', p);
      reads.push(`${p} ${Math.round(performance.now() - s)}`);
    }
    note(`snapshot reads (ms): ${reads.join(', ')}`);

    // First load: nothing cached, logged in.
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const login = await ctx.request.post(`${base}/api/v1/auth/login`, { data: { username: dispatcher.username, password: dispatcher.password } });
    if (!login.ok()) throw new Error(`login: ${login.status()}`);
    await ctx.addInitScript({ content: PROBE });
    const page = await ctx.newPage();
    const js = new Set<string>();
    page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.endsWith('.js')) js.add(u.pathname); });
    const slow: Array<[number, string]> = [];
    page.on('requestfinished', (r) => { const t = r.timing(); slow.push([Math.round(t.responseEnd), new URL(r.url()).pathname]); });
    const t1 = performance.now();
    await page.goto(`${base}/console/map`);
    await page.waitForFunction((n) => {
      const m = document.querySelector<HTMLElement>('[data-test="map"]');
      return !!m && Number(m.dataset.orders) >= n && Number(m.dataset.orderPoints) + Number(m.dataset.orderClusters) > 0
        && document.querySelectorAll('.leaflet-overlay-pane canvas').length > 0;
    }, open, { timeout: 120_000, polling: 'raf' });
    print('console_first_load_ms', Math.round(performance.now() - t1), 'ms');
    note(`slowest requests during first load (ms from request start): ${slow.sort((a, b) => b[0] - a[0]).slice(0, 6).map(([ms, p]) => `${p} ${ms}`).join(', ')}`);
    const gz = [...js].filter((p) => p.startsWith('/ui/')).reduce((n, p) => n + gzipSync(readFileSync(path.join(DIST, p.replace(/^\/ui\//, ''))), { level: 9 }).length, 0);
    print('js_gzip_kb', Math.round(gz / 102.4) / 10, 'kB');
    await page.locator('[data-test="feed-state"].open').waitFor({ timeout: 30_000 });

    // Moving: each rider a step per second, spread over the second in 10 batches, through the feed.
    await page.evaluate(() => { (window as unknown as { __bench: { on: boolean } }).__bench.on = true; });
    const ids = riders.map((r) => r.id);
    const byFacility = new Map(riders.map((r) => [r.id, r.homeFacilityId]));
    const end = Date.now() + SECONDS * 1000;
    for (let k = 0; Date.now() < end; k++) {
      const slice = ids.filter((_, i) => i % 10 === k % 10);
      const at = new Date().toISOString();
      const events: FeedEnvelope[] = slice.map((id) => {
        const p = pos.get(id)!;
        p.lat += (rand() - 0.5) * 0.0004; p.lng += (rand() - 0.5) * 0.0004;
        return { type: 'rider.position', scope: { facilityIds: [byFacility.get(id)!], riderIds: [id] }, publishedAt: Date.now(), riderId: id, lat: p.lat, lng: p.lng, at };
      });
      await publishEvents(events);
      const wait = 100 - (Date.now() % 100);
      await new Promise((r) => setTimeout(r, wait));
    }
    await page.waitForTimeout(1000);
    const m = await page.evaluate(() => (window as unknown as { __bench: { frames: number[]; paint: number[] } }).__bench);
    note(`${m.frames.length} frames, ${m.paint.length} positions painted`);
    print('map_frame_ms_p95', Math.round(pct(m.frames, 95) * 10) / 10, 'ms');
    print('feed_event_to_paint_ms_p99', Math.round(pct(m.paint, 99)), 'ms');
    await ctx.close();
  } finally {
    await browser.close();
    api.kill('SIGTERM');
    await closeFeedPublisher();
    await closeAppDb();
  }
}

await main();
process.exit(0);
