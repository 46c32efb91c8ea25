/**
 * bench:dispatch — 50 concurrent clients post orders to a real `api` process on the demo
 * network for BENCH_SECONDS (default 60 s), then the database is checked for oversold units.
 * Closed loop by default (each client posts again as soon as answered); BENCH_RATE paces them.
 * Prints: orders_per_s, order_latency_p50_ms, order_latency_p99_ms, oversold_units and the mix
 * of answers. Orders that no facility can serve (stock run out, stores closed) are valid
 * answers (422) and counted separately.
 */
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Client, Pool } from 'undici';
import pg from 'pg';
import { appDb, closeAppDb } from '../../platform/db/pool';
import { cpuMeter, stackGroups } from '../cpu';
import { apiWorkerCount } from '../../app/api-cluster';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
/** Orders per second offered in all (paced clients); 0 = closed loop, as fast as answered. */
const RATE = Number(process.env.BENCH_RATE ?? 0);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const PORT = 28080;
// undici's Pool, not node:http: the clients share the machine being measured, and node:http's
// client costs more CPU per request (README, "Dependencies and why").
const pool = new Pool(`http://127.0.0.1:${PORT}`, { connections: CLIENTS, pipelining: 1 });

/**
 * One HTTP request. The answer's body is read but not parsed (the clients look only at the status;
 * parsing each answer would take CPU from the machine being measured); the first unexpected
 * answer's body is kept for the report.
 */
let unexpected: string | undefined;
async function request(method: 'GET' | 'POST', path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number }> {
  const res = await pool.request({ method, path, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const status = res.statusCode;
  if (method === 'POST' && unexpected === undefined && status >= 400 && status !== 422) unexpected = `${status} ${(await res.body.text()).slice(0, 300)}`;
  else await res.body.dump({ limit: Infinity });
  return { status };
}

function rng(seed: number) {
  return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
}

async function main() {
  const db = appDb();
  // Orderable SKUs: non-Rx, stocked somewhere; customers anywhere in the demo bbox.
  const skus = (await db.query(`SELECT DISTINCT s.id FROM dispatch.skus s JOIN dispatch.lots l ON l.sku_id = s.id WHERE NOT s.rx ORDER BY s.id`)).rows.map((r) => r.id as string);
  const admin = await (await import('../../platform/auth/users')).createUser(db, { username: `bench-${Date.now()}`, displayName: 'bench', role: 'dispatcher', password: 'bench-password-123' });
  const { token } = await (await import('../../platform/auth/sessions')).createSession(db, admin.id, 3600, {});

  // `serve api` as `npm start` runs it: API_WORKERS processes (platform/config/keys.ts) on one port.
  const workers = apiWorkerCount();
  // Node flags as platform/stack/start.sh gives the api (one file for both).
  const apiFlags = readFileSync(new URL('../../platform/stack/api.node-flags', import.meta.url), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const api = spawn(process.execPath, [...apiFlags, ...(process.env.BENCH_API_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_API_PROFILE_DIR}`] : []), '--import', 'tsx', 'app/cli.ts', 'serve', 'api'],
    { env: { ...process.env, HTTP_PORT: String(PORT), PROCESS_NAME: 'api', LOG_LEVEL: 'warn', DB_POOL_MAX: String(Math.ceil(40 / workers)) }, stdio: ['ignore', 'inherit', 'inherit'] });
  const started = Date.now();
  // Ready = database, Redis and broker reachable, road graph and pool warmed up, in every worker:
  // each new connection goes to the next worker, so several in a row must all say ready.
  for (let readyInARow = 0; readyInARow < 3 * workers;) {
    let ok = false;
    // A connection of its own each time (then closed), so that the next probe reaches the next worker.
    const probe = new Client(`http://127.0.0.1:${PORT}`);
    try { const r = await probe.request({ method: 'GET', path: '/readyz' }); await r.body.dump(); ok = r.statusCode === 200; } catch { /* not up yet */ }
    await probe.close().catch(() => undefined);
    readyInARow = ok ? readyInARow + 1 : 0;
    if (!ok && Date.now() - started > 180_000) throw new Error('api not ready after 180 s');
    if (!ok) await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write(`bench:dispatch: api (${workers} worker process(es)) ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  // Warm-up: the first orders fill the caches of the API process.
  const rand = rng(42);
  const body = () => ({
    channel: 'app',
    items: Array.from({ length: 1 + Math.floor(rand() * 2) }, () => ({ skuId: skus[Math.floor(rand() * skus.length)], quantity: 1 + Math.floor(rand() * 2) }))
      .filter((x, i, a) => a.findIndex((y) => y.skuId === x.skuId) === i),
    customer: { name: '测试客户', phone: '13800138000', address: '天河区测试路 1 号', location: { lat: 23.105 + rand() * 0.05, lng: 113.285 + rand() * 0.07 } },
    delivery: { mode: 'instant', promiseMinutes: 120 },
  });
  for (let i = 0; i < 20 * workers; i++) await request('POST', '/api/v1/orders', body(), { authorization: `Bearer ${token}` });
  // Then every client at once for BENCH_WARMUP_SECONDS, not measured: the API opens its pool's
  // connections (each a SCRAM login) and prepares its statements on each, and the JIT settles,
  // so a paced run does not begin with a backlog from a cold start.
  const warmEnd = Date.now() + WARMUP_SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < warmEnd) await request('POST', '/api/v1/orders', body(), { authorization: `Bearer ${token}` });
  }));

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const meter = cpuMeter(stackGroups({ api: () => api.pid, bench_clients: () => process.pid }));
  const t0 = Date.now();
  const end = t0 + SECONDS * 1000;
  // Closed loop (default): each client posts its next order as soon as the last one is answered,
  // so throughput is the system's capacity and latency includes the queue in front of it.
  // Paced (BENCH_RATE orders/s): client c posts at fixed times, RATE/CLIENTS per second each,
  // and latency counts from the planned time, so an order held up behind a slow one counts
  // its wait too (no coordinated omission).
  const interval = RATE > 0 ? (CLIENTS / RATE) * 1000 : 0;
  const t0p = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async (_c, c) => {
    for (let k = 0; Date.now() < end; k++) {
      let s = performance.now();
      if (interval) {
        s = t0p + (k + c / CLIENTS) * interval;
        if (s > performance.now()) await new Promise((r) => setTimeout(r, s - performance.now()));
        if (Date.now() >= end) break;
      }
      const r = await request('POST', '/api/v1/orders', body(), { authorization: `Bearer ${token}` });
      latencies.push(performance.now() - s);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
  }));
  const elapsed = (Date.now() - t0) / 1000;
  const cpu = meter.stop();
  await pool.close();
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));

  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  // Oversold: any lot whose reservations exceed what is on hand, or whose reserved count
  // disagrees with the live reservation rows (both must be 0).
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  const over = (await owner.query(`SELECT coalesce(sum(greatest(reserved - on_hand, 0)), 0) AS n FROM dispatch.lots`)).rows[0].n;
  const drift = (await owner.query(
    `SELECT coalesce(sum(abs(l.reserved - coalesce(r.q, 0))), 0) AS n FROM dispatch.lots l
       LEFT JOIN (SELECT lot_id, sum(quantity) AS q FROM dispatch.reservations WHERE status IN ('held','confirmed') GROUP BY lot_id) r ON r.lot_id = l.id`)).rows[0].n;
  await owner.end();
  const created = statuses.get(201) ?? 0;
  console.log(`orders_per_s: ${(created / elapsed).toFixed(1)} orders/s`);
  console.log(`requests_per_s: ${(latencies.length / elapsed).toFixed(1)} requests/s`);
  console.log(`order_latency_p50_ms: ${q(0.5).toFixed(1)} ms`);
  console.log(`order_latency_p99_ms: ${q(0.99).toFixed(1)} ms`);
  console.log(`oversold_units: ${Number(over) + Number(drift)} units`);
  console.log(`orders_created: ${created} count`);
  console.log(`orders_unservable_422: ${statuses.get(422) ?? 0} count`);
  console.log(`orders_other: ${latencies.length - created - (statuses.get(422) ?? 0)} count (${[...statuses].filter(([s]) => s !== 201 && s !== 422).map(([s, n]) => `${s}×${n}`).join(' ') || 'none'})`);
  if (unexpected) process.stderr.write(`bench:dispatch: first unexpected answer: ${unexpected}\n`);
  console.log(`bench_seconds: ${elapsed.toFixed(1)} s`);
  console.log(`api_workers: ${workers} count`);
  if (RATE > 0) console.log(`offered_orders_per_s: ${RATE} orders/s`);
  // Share of the machine (2 cores = 200 %) during the timed part.
  for (const [g, pctOfCore] of Object.entries(cpu)) if (g !== 'mosquitto') console.log(`cpu_${g}: ${pctOfCore} %`);
  await closeAppDb();
}

main().catch((e) => { console.error(e); process.exit(1); });
