/**
 * bench:availability — the public `GET /api/v1/availability` on the demo network, through a real
 * `api` process (`serve api`, as `npm start` runs it).
 *
 * Offers BENCH_RATE requests/s (default 500) for BENCH_SECONDS (default 20 s), after
 * BENCH_WARMUP_SECONDS (default 5 s) of the same load unmeasured, from BENCH_CLIENTS connections
 * (default 64). Each request asks for 1–5 SKUs stocked somewhere (mostly ambient, some cold) at a
 * random point in the demo area. Latency counts from each request's planned time, so a request
 * held up behind a slow one counts its wait too (no coordinated omission).
 * BENCH_API_PROFILE_DIR: the api process writes a CPU profile there.
 * Prints `availability_p99_ms`, `availability_requests_per_s` (answered per second) and the details.
 */
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Client, Pool } from 'undici';
import { appDb, closeAppDb } from '../../platform/db/pool';
import { cpuMeter, stackGroups } from '../cpu';
import { apiWorkerCount } from '../../app/api-cluster';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 64);
const PORT = Number(process.env.HTTP_PORT ?? 28080);
const pool = new Pool(`http://127.0.0.1:${PORT}`, { connections: CLIENTS, pipelining: 1 });

let unexpected: string | undefined;
/** One request; the body is read, not parsed (the client shares the machine being measured). */
async function request(path: string): Promise<number> {
  const res = await pool.request({ method: 'GET', path });
  if (res.statusCode !== 200 && unexpected === undefined) unexpected = `${res.statusCode} ${(await res.body.text()).slice(0, 300)}`;
  else await res.body.dump({ limit: Infinity });
  return res.statusCode;
}

function rng(seed: number) {
  return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
}

async function main() {
  const db = appDb();
  const skus = (await db.query(`SELECT DISTINCT s.id FROM dispatch.skus s JOIN dispatch.lots l ON l.sku_id = s.id ORDER BY s.id`)).rows.map((r) => r.id as string);
  const rand = rng(23);
  const path = () => {
    const n = 1 + Math.floor(rand() * 5);
    const ids = new Set<string>();
    while (ids.size < n) ids.add(skus[Math.floor(rand() * skus.length)]);
    return `/api/v1/availability?lat=${(23.105 + rand() * 0.05).toFixed(5)}&lng=${(113.285 + rand() * 0.07).toFixed(5)}&sku=${[...ids].join(',')}`;
  };

  const workers = apiWorkerCount();
  const apiFlags = readFileSync(new URL('../../platform/stack/api.node-flags', import.meta.url), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  // Every request comes from this one address, which the per-address limit would refuse after the
  // first minute's 60. The limiter still counts each request in Redis, so its cost is measured.
  const api = spawn(process.execPath, [...apiFlags, ...(process.env.BENCH_API_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_API_PROFILE_DIR}`] : []), '--import', 'tsx', 'app/cli.ts', 'serve', 'api'],
    { env: { ...process.env, HTTP_PORT: String(PORT), PROCESS_NAME: 'api', LOG_LEVEL: 'warn', DISPATCH_AVAILABILITY_RATE_PER_MIN: '100000000' }, stdio: ['ignore', 'inherit', 'inherit'] });
  const started = Date.now();
  for (let readyInARow = 0; readyInARow < 3 * workers;) {
    let ok = false;
    const probe = new Client(`http://127.0.0.1:${PORT}`);
    try { const r = await probe.request({ method: 'GET', path: '/readyz' }); await r.body.dump(); ok = r.statusCode === 200; } catch { /* not up yet */ }
    await probe.close().catch(() => undefined);
    readyInARow = ok ? readyInARow + 1 : 0;
    if (!ok && Date.now() - started > 180_000) throw new Error('api not ready after 180 s');
    if (!ok) await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write(`bench:availability: api (${workers} worker process(es)) ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  /** Paced: client c sends at fixed times, RATE/CLIENTS per second each; latency from the planned time. */
  const run = async (seconds: number, latencies: number[] | null, statuses: Map<number, number>) => {
    const interval = (CLIENTS / RATE) * 1000;
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    await Promise.all(Array.from({ length: CLIENTS }, async (_c, c) => {
      for (let k = 0; ; k++) {
        const at = t0 + (k + c / CLIENTS) * interval;
        if (at >= end) break;
        if (at > performance.now()) await new Promise((r) => setTimeout(r, at - performance.now()));
        const status = await request(path());
        latencies?.push(performance.now() - at);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }));
    return (performance.now() - t0) / 1000;
  };
  await run(WARMUP_SECONDS, null, new Map());

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const meter = cpuMeter(stackGroups({ api: () => api.pid, bench_clients: () => process.pid }));
  const elapsed = await run(SECONDS, latencies, statuses);
  const cpu = meter.stop();
  await pool.close();
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));

  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  console.log(`availability_p99_ms: ${q(0.99).toFixed(1)} ms`);
  console.log(`availability_requests_per_s: ${((statuses.get(200) ?? 0) / elapsed).toFixed(1)} requests/s`);
  console.log(`availability_p50_ms: ${q(0.5).toFixed(1)} ms`);
  console.log(`offered_requests_per_s: ${RATE} requests/s`);
  console.log(`answers_other: ${latencies.length - (statuses.get(200) ?? 0)} count (${[...statuses].filter(([s]) => s !== 200).map(([s, n]) => `${s}×${n}`).join(' ') || 'none'})`);
  if (unexpected) process.stderr.write(`bench:availability: first unexpected answer: ${unexpected}\n`);
  console.log(`bench_seconds: ${elapsed.toFixed(1)} s`);
  console.log(`api_workers: ${workers} count`);
  for (const [g, pctOfCore] of Object.entries(cpu)) if (g !== 'mosquitto') console.log(`cpu_${g}: ${pctOfCore} %`);
  await closeAppDb();
}

main().catch((e) => { console.error(e); process.exit(1); });
