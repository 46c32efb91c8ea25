/**
 * bench:tracking — rider positions through the HTTP API with live ETAs.
 *
 * Seeds 2,000 online riders over the demo facilities, ~one planned shipment each (real orders
 * through the API, then a plan route per rider written like the planner writes it), starts an
 * `api` process (bench/tracking/api-proc.ts), warms up for BENCH_WARMUP_SECONDS (default 20 s) of the
 * paced load (positions and pages, not measured), and runs:
 *  1. paced (BENCH_SECONDS, default 60 s): every rider sends a batch of 5 fixes every 10 s
 *     (1,000 fixes/s), ETAs recomputed as they fall due, while the tracking page takes
 *     200 requests/s for real order tokens;
 *  2. closed loop (BENCH_CLOSED_SECONDS, default 20 s): BENCH_CLIENTS clients send batches as fast
 *     as answered, for the capacity.
 * ETA latency is position received (server clock, carried in the event) → `shipment.eta` seen on
 * the feed's Redis channel by this process (same machine, same clock).
 *  3. the tracking page alone (BENCH_PAGE_SECONDS, default 15 s) at the same rate, for its CPU per view.
 * Prints `positions_per_s` (closed-loop capacity), `eta_update_p99_ms`, `tracking_page_p99_ms`,
 * `cpu_ms_per_position`, `cpu_ms_per_page_view` and the details.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client, Pool } from 'undici';
import pg from 'pg';
import { appDb, closeAppDb } from '../../platform/db/pool';
import { redisConnection } from '../../platform/queue/queue';
import { feedChannel } from '../../platform/feed';
import { newId } from '../../platform/ids';
import { cpuMeter, stackGroups } from '../cpu';

const RIDERS = Number(process.env.BENCH_RIDERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLOSED_SECONDS = Number(process.env.BENCH_CLOSED_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 64);
const PAGE_RATE = Number(process.env.BENCH_PAGE_RATE ?? 200);
const PORT = Number(process.env.BENCH_API_PORT ?? 28081);
const pool = new Pool(`http://127.0.0.1:${PORT}`, { connections: CLIENTS, pipelining: 1 });

function rng(seed: number) { return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; }; }
const rand = rng(7);
const log = (s: string) => process.stderr.write(`bench:tracking: ${s}\n`);
const q = (xs: number[], p: number) => xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN;

let unexpected: string | undefined;
async function request(method: 'GET' | 'POST', path: string, token: string | null, body?: unknown): Promise<number> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await pool.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.statusCode >= 400 && res.statusCode !== 422 && unexpected === undefined) unexpected = `${method} ${path.slice(0, 60)} → ${res.statusCode} ${(await res.body.text()).slice(0, 300)}`;
  else await res.body.dump({ limit: Infinity });
  return res.statusCode;
}

interface SimRider { id: string; lat: number; lng: number; dLat: number; dLng: number }

async function main() {
  const db = appDb();
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  const users = await import('../../platform/auth/users');
  const sessions = await import('../../platform/auth/sessions');
  const mk = async (role: 'admin' | 'dispatcher') => {
    const u = await users.createUser(db, { username: `bench-${role}-${Date.now()}`, displayName: 'bench', role, password: 'bench-password-123' });
    return (await sessions.createSession(db, u.id, 7200, {})).token;
  };
  const admin = await mk('admin');

  // Riders: round robin over the facilities that deliver (forward warehouses and stores).
  const facs = (await db.query(`SELECT id, ST_Y(location) AS lat, ST_X(location) AS lng FROM dispatch.facilities WHERE tier <> 'central' ORDER BY id`)).rows;
  await owner.query(
    `INSERT INTO dispatch.riders (id, name, home_facility_id, vehicle_type, status)
     SELECT 'rdr_bench' || g, 'bench rider ' || g, ($2::text[])[1 + g % array_length($2::text[], 1)], 'e_bike', 'online' FROM generate_series(0, $1 - 1) g`,
    [RIDERS, facs.map((f) => f.id)]);

  const apiFlags = readFileSync(new URL('../../platform/stack/api.node-flags', import.meta.url), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const api = spawn(process.execPath, [...apiFlags, '--import', 'tsx', 'bench/tracking/api-proc.ts'],
    // Every page request comes from this one address, which the per-address limit (60/min by
    // default) would answer with 429 after the first second. The limiter still counts each view
    // in Redis, so its cost is measured; it only never refuses.
    { env: { ...process.env, HTTP_PORT: String(PORT), PROCESS_NAME: 'api', LOG_LEVEL: 'warn', DB_POOL_MAX: '30', TRACKING_PAGE_RATE_PER_MIN: '100000000' }, stdio: ['ignore', 'inherit', 'inherit'] });
  const started = Date.now();
  for (;;) {
    const probe = new Client(`http://127.0.0.1:${PORT}`);
    let ok = false;
    try { const r = await probe.request({ method: 'GET', path: '/readyz' }); await r.body.dump(); ok = r.statusCode === 200; } catch { /* not up */ }
    await probe.close().catch(() => undefined);
    if (ok) break;
    if (Date.now() - started > 180_000) throw new Error('api not ready after 180 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  log(`api ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Orders through the API (sourcing places them), ~one per rider.
  const skus = (await db.query(`SELECT DISTINCT s.id FROM dispatch.skus s JOIN dispatch.lots l ON l.sku_id = s.id WHERE NOT s.rx ORDER BY s.id`)).rows.map((r) => r.id as string);
  let created = 0, tries = 0;
  const t0o = Date.now();
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (created < RIDERS && tries < RIDERS * 2) {
      tries++;
      const status = await request('POST', '/api/v1/orders', admin, {
        channel: 'app', items: [{ skuId: skus[Math.floor(rand() * skus.length)], quantity: 1 }],
        customer: { name: '测试客户', phone: '13800138000', address: '天河区测试路 1 号', location: { lat: 23.105 + rand() * 0.05, lng: 113.285 + rand() * 0.07 } },
        delivery: { mode: 'instant', promiseMinutes: 120 },
      });
      if (status === 201) created++;
    }
  }));
  log(`${created} orders in ${((Date.now() - t0o) / 1000).toFixed(1)} s`);

  // Plans as the planner stores them: per facility one plan, per rider [pickup, delivery].
  const ships = (await owner.query(
    `WITH s AS (SELECT s.id, s.facility_id, ST_Y(o.location) AS lat, ST_X(o.location) AS lng, row_number() OVER (PARTITION BY s.facility_id ORDER BY s.id) - 1 AS k
                  FROM dispatch.shipments s JOIN dispatch.orders o ON o.id = s.order_id WHERE s.status IN ('ready','assigned')),
          r AS (SELECT id, home_facility_id, row_number() OVER (PARTITION BY home_facility_id ORDER BY id) - 1 AS k, count(*) OVER (PARTITION BY home_facility_id) AS n
                  FROM dispatch.riders WHERE id LIKE 'rdr_bench%')
     SELECT s.id, s.facility_id, s.lat, s.lng, r.id AS rider_id, ST_Y(f.location) AS flat, ST_X(f.location) AS flng
       FROM s JOIN r ON r.home_facility_id = s.facility_id AND r.k = s.k % r.n JOIN dispatch.facilities f ON f.id = s.facility_id`)).rows;
  const byFac = new Map<string, typeof ships>();
  for (const s of ships) byFac.set(s.facility_id, [...(byFac.get(s.facility_id) ?? []), s]);
  const now = Date.now();
  for (const [fac, list] of byFac) {
    const planId = newId('pln');
    await owner.query(`INSERT INTO dispatch.plans (id, facility_id, reason, summary) VALUES ($1, $2, 'bench:tracking', '{}')`, [planId, fac]);
    const byRider = new Map<string, typeof list>();
    for (const s of list) byRider.set(s.rider_id, [...(byRider.get(s.rider_id) ?? []), s]);
    for (const [rider, rs] of byRider) {
      const stops = [
        ...rs.map((s) => ({ shipmentId: s.id, step: 'pickup', eta: new Date(now + 300_000).toISOString(), lat: s.flat, lng: s.flng })),
        ...rs.map((s, i) => ({ shipmentId: s.id, step: 'delivery', eta: new Date(now + 900_000 + i * 300_000).toISOString(), lat: s.lat, lng: s.lng })),
      ];
      await owner.query(`INSERT INTO dispatch.plan_routes (plan_id, rider_id, stops, travel_s, distance_m) VALUES ($1, $2, $3, 0, 0)`, [planId, rider, JSON.stringify(stops)]);
    }
  }
  await owner.query(`UPDATE dispatch.shipments s SET status = 'picked_up', rider_id = v.r FROM unnest($1::text[], $2::text[]) v(id, r) WHERE s.id = v.id`, [ships.map((s) => s.id), ships.map((s) => s.rider_id)]);
  log(`${ships.length} shipments planned onto ${new Set(ships.map((s) => s.rider_id)).size} riders`);

  // Riders ride from their facility towards their first door at ~5 m/s (e-bike), 2 s between fixes.
  const firstDoor = new Map(ships.map((s) => [s.rider_id as string, s]));
  const facOf = (await db.query(`SELECT r.id, ST_Y(f.location) AS lat, ST_X(f.location) AS lng FROM dispatch.riders r JOIN dispatch.facilities f ON f.id = r.home_facility_id WHERE r.id LIKE 'rdr_bench%' ORDER BY r.id`)).rows;
  const sim: SimRider[] = facOf.map((r) => {
    const d = firstDoor.get(r.id);
    const toLat = d ? d.lat : r.lat + (rand() - 0.5) * 0.02, toLng = d ? d.lng : r.lng + (rand() - 0.5) * 0.02;
    const m = Math.hypot((toLat - r.lat) * 111_195, (toLng - r.lng) * 102_000) || 1;
    return { id: r.id, lat: r.lat, lng: r.lng, dLat: ((toLat - r.lat) / m) * 10, dLng: ((toLng - r.lng) / m) * 10 }; // per 2 s
  });
  const batch = (r: SimRider) => {
    const t = Date.now();
    const fixes = [];
    for (let i = 4; i >= 0; i--) {
      r.lat += r.dLat / 5; r.lng += r.dLng / 5; // a 5th of the step per fix keeps the track believable
      fixes.push({ at: new Date(t - i * 2000).toISOString(), lat: r.lat, lng: r.lng, accuracyM: 8, speedMps: 5, headingDeg: 45 });
    }
    return { positions: fixes };
  };

  // The feed: shipment.eta events carry the server time their position batch was received.
  const etaLat: number[] = [];
  const sub = redisConnection();
  await sub.subscribe(feedChannel());
  let measuring = false;
  sub.on('message', (_c: string, m: string) => {
    if (!measuring || !m.includes('"shipment.eta"')) return;
    const e = JSON.parse(m);
    if (e.type === 'shipment.eta' && typeof e.positionReceivedAt === 'number') etaLat.push(Date.now() - e.positionReceivedAt);
  });

  // The customers' tracking pages of the demo orders.
  const tokens = (await db.query(`SELECT token FROM dispatch.orders ORDER BY id LIMIT 2000`)).rows.map((r) => r.token as string);
  if (!tokens.length) throw new Error('no orders to track: the bench needs the demo data');

  // Warm-up, then the measured part, both paced: every rider's batches (and so their ETA
  // passes) spread evenly over the 10 s, as riders who did not all start in the same second.
  const post = (r: SimRider) => request('POST', `/api/v1/riders/me/positions?riderId=${r.id}`, admin, batch(r));
  const statuses = new Map<number, number>();
  const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
  const postLat: number[] = [];
  const pageLat: number[] = [];
  const pageStatuses = new Map<number, number>();
  let pacedFixes = 0;
  let t0 = 0;
  const paced = async (seconds: number, measure: boolean) => {
    t0 = performance.now();
    const end = t0 + seconds * 1000;
    const period = 10_000 / sim.length;
    const tasks: Promise<void>[] = [];
    const pace = async (interval: number, offset: number, fn: (k: number, planned: number) => Promise<void>) => {
      for (let k = 0; ; k++) {
        const at = t0 + offset + k * interval;
        if (at >= end) return;
        const wait = at - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await fn(k, at);
      }
    };
    // 64 lanes, each sending its share of the riders' batches at their planned times; latency
    // counts from the planned time (no coordinated omission).
    const lanes = 64;
    for (let l = 0; l < lanes; l++) {
      tasks.push(pace(period * lanes, l * period, async (k, planned) => {
        const s = await post(sim[(k * lanes + l) % sim.length]);
        if (!measure) return;
        count(s);
        postLat.push(performance.now() - planned);
        if (s === 200) pacedFixes += 5;
      }));
    }
    // The pages run in the warm-up too, so the measured minute starts from the steady state (the
    // road tiles around 2,000 doors in the api's cache) rather than from every door's first view.
    for (let l = 0; l < 16; l++) {
      tasks.push(pace((1000 / PAGE_RATE) * 16, l * (1000 / PAGE_RATE), async (k, planned) => {
        const st = await request('GET', `/t/${tokens[(k * 16 + l) % tokens.length]}`, null);
        if (!measure) return;
        pageLat.push(performance.now() - planned);
        pageStatuses.set(st, (pageStatuses.get(st) ?? 0) + 1);
      }));
    }
    await Promise.all(tasks);
  };
  await paced(Number(process.env.BENCH_WARMUP_SECONDS ?? 20), false);
  log('warm-up done');

  // 1. Paced, measured.
  measuring = true;
  let meter = cpuMeter(stackGroups({ api: () => api.pid, bench_clients: () => process.pid }));
  await paced(SECONDS, true);
  const pacedS = (performance.now() - t0) / 1000;
  const pacedCpu = meter.stop();
  await new Promise((r) => setTimeout(r, 1500)); // ETA passes still in flight
  measuring = false;
  const etaPaced = [...etaLat].sort((a, b) => a - b);
  etaLat.length = 0;

  // 2. Closed loop.
  measuring = true;
  meter = cpuMeter(stackGroups({ api: () => api.pid, bench_clients: () => process.pid }));
  t0 = performance.now();
  const endC = t0 + CLOSED_SECONDS * 1000;
  let closedFixes = 0, next = 0;
  const closedLat: number[] = [];
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < endC) {
      const r = sim[next++ % sim.length];
      const s0 = performance.now();
      const s = await post(r);
      closedLat.push(performance.now() - s0);
      count(s);
      if (s === 200) closedFixes += 5;
    }
  }));
  const closedS = (performance.now() - t0) / 1000;
  const closedCpu = meter.stop();
  await new Promise((r) => setTimeout(r, 1500));
  measuring = false;
  const etaClosed = [...etaLat].sort((a, b) => a - b);

  // 3. The tracking page alone, paced, for its CPU per view (api + database + Redis): a cost that
  // holds on a shared machine, where wall-clock latencies measure the neighbours too.
  const pageOnlyLat: number[] = [];
  meter = cpuMeter(stackGroups({ api: () => api.pid, bench_clients: () => process.pid }));
  t0 = performance.now();
  const PAGE_SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 15);
  await Promise.all(Array.from({ length: 16 }, async (_, l) => {
    for (let k = 0; ; k++) {
      const at = t0 + l * (1000 / PAGE_RATE) + k * (1000 / PAGE_RATE) * 16;
      if (at >= t0 + PAGE_SECONDS * 1000) return;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await request('GET', `/t/${tokens[(k * 16 + l) % tokens.length]}`, null);
      pageOnlyLat.push(performance.now() - at);
    }
  }));
  const pageOnlyS = (performance.now() - t0) / 1000;
  const pageCpu = meter.stop();
  pageOnlyLat.sort((a, b) => a - b);

  await pool.close();
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  await sub.quit();
  const stored = (await owner.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE flag IS NOT NULL)::int AS flagged FROM tracking.rider_positions`)).rows[0];
  const etaRows = (await owner.query(`SELECT count(*)::int AS n FROM tracking.eta_history`)).rows[0].n;
  await owner.end();

  postLat.sort((a, b) => a - b);
  pageLat.sort((a, b) => a - b);
  closedLat.sort((a, b) => a - b);
  const cpuMs = (cpu: Record<string, number>, s: number, fixes: number, groups: string[]) => (groups.reduce((a, g) => a + (cpu[g] ?? 0), 0) / 100 * s * 1000 / Math.max(1, fixes));
  console.log(`positions_per_s: ${(closedFixes / closedS).toFixed(0)} positions/s`);
  console.log(`eta_update_p99_ms: ${q(etaPaced, 0.99).toFixed(0)} ms`);
  console.log(`tracking_page_p99_ms: ${q(pageLat, 0.99).toFixed(1)} ms`);
  console.log(`tracking_page_alone_p99_ms: ${q(pageOnlyLat, 0.99).toFixed(1)} ms (${pageOnlyLat.length} views)`);
  console.log(`cpu_ms_per_page_view: ${cpuMs(pageCpu, pageOnlyS, pageOnlyLat.length, ['api', 'postgres', 'redis']).toFixed(2)} ms`);
  console.log(`cpu_ms_per_position: ${cpuMs(closedCpu, closedS, closedFixes, ['api']).toFixed(3)} ms`);
  console.log(`cpu_ms_per_position_with_db_redis: ${cpuMs(closedCpu, closedS, closedFixes, ['api', 'postgres', 'redis']).toFixed(3)} ms`);
  console.log(`paced_positions_per_s: ${(pacedFixes / pacedS).toFixed(0)} positions/s (offered ${(sim.length * 5 / 10).toFixed(0)})`);
  console.log(`paced_batch_p50_ms: ${q(postLat, 0.5).toFixed(1)} ms`);
  console.log(`paced_batch_p99_ms: ${q(postLat, 0.99).toFixed(1)} ms`);
  console.log(`paced_eta_updates: ${etaPaced.length} count`);
  console.log(`eta_update_p50_ms: ${q(etaPaced, 0.5).toFixed(0)} ms`);
  console.log(`closed_batch_p99_ms: ${q(closedLat, 0.99).toFixed(1)} ms`);
  console.log(`closed_eta_update_p99_ms: ${q(etaClosed, 0.99).toFixed(0)} ms (${etaClosed.length} updates)`);
  console.log(`positions_stored: ${stored.n} count (${stored.flagged} flagged)`);
  console.log(`eta_history_rows: ${etaRows} count`);
  console.log(`answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`);
  console.log(`page_answers: ${[...pageStatuses].map(([s, n]) => `${s}×${n}`).join(' ')}`);
  for (const [g, v] of Object.entries(pacedCpu)) if (g !== 'mosquitto') console.log(`cpu_paced_${g}: ${v} %`);
  for (const [g, v] of Object.entries(closedCpu)) if (g !== 'mosquitto') console.log(`cpu_closed_${g}: ${v} %`);
  if (unexpected) log(`first unexpected answer: ${unexpected}`);
  await closeAppDb();
}

main().catch((e) => { console.error(e); process.exit(1); });
