/**
 * bench:telemetry (run by platform/stack/bench.sh on the bench stack). Two phases:
 *
 * 1. Sustained: BENCH_BOXES (5 000) boxes, each with its own broker credentials, publish one
 *    live reading per message from a separate generator process at BENCH_RATE msg/s for
 *    BENCH_SECONDS (60 s) through Mosquitto into a separate ingest process. Each box sends one
 *    9.5 °C reading; its TEMP_HIGH alarm is timed from the reading's device ts (= publish time)
 *    to its arrival on the real-time feed (SSE, through an in-process API).
 * 2. Fault: BENCH_FAULT_SECONDS (30 s) at BENCH_FAULT_RATE; the ingest process is killed
 *    (SIGKILL) and restarted, then the broker is restarted, during the run. What the restarted
 *    broker drops before the ingest resubscribes comes back through gap repair: the boxes
 *    answer the ingest's resend requests from their buffers.
 *
 * Prints `name: value unit` lines. Nothing here asserts a timing. With the argument `floor`
 * (`npm run bench:telemetry-floor`) it runs ./floor.ts instead.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appDb, closeAppDb } from '../../platform/db/pool';
import { connectService } from '../../platform/mqtt/client';
import { createUser } from '../../platform/auth/users';
import { createSession } from '../../platform/auth/sessions';
import { startApi } from '../../app/api';
import { telemetryModule, closeTelemetryHttp, closeFeed } from '../../telemetry';
import { saveProfile } from '../../telemetry/alarms/profiles';
import { benchCredentials, boxIds, FACILITY, runGenerator } from './common';
import { cpuMeter, stackGroups } from '../cpu';

const BOXES = Number(process.env.BENCH_BOXES ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const FAULT_SECONDS = Number(process.env.BENCH_FAULT_SECONDS ?? 30);
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 4000);
const STACK_DIR = process.env.STACK_DIR ?? '.stack/bench';
process.env.BENCH_RUN ??= Date.now().toString(36);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const log = (s: string) => process.stderr.write(`[bench:telemetry] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const childEnv = {
  ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', BENCH_BOXES: String(BOXES), PROCESS_NAME: 'ingest',
  // Notification delivery is the worker's job, not under test here; alarms still reach the feed.
  ALARM_NOTIFY_MIN_SEVERITY: 'critical',
};

let ingest: ChildProcess | undefined;
let metricsUrl = '';
async function startIngestProc(pairedAt: number): Promise<void> {
  const child = fork(path.join(HERE, 'ingest-proc.ts'), [], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [])], env: { ...childEnv, BENCH_PAIRED_AT: String(pairedAt), INGEST_CLIENT_ID: 'ingest-bench-0' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  ingest = child;
  metricsUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: any) => resolve(m.metricsUrl));
    child.once('exit', (code) => reject(new Error(`ingest exited early (${code})`)));
  });
}

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => { let b = ''; res.on('data', (c) => { b += c; }); res.on('end', () => resolve(b)); }).on('error', reject);
  });
}

/** Readings the current ingest process has stored (its Prometheus counter). */
async function storedByIngest(): Promise<number> {
  try {
    const text = await get(metricsUrl);
    return text.split('\n').filter((l) => l.startsWith('telemetry_readings_total{outcome="stored"')).reduce((a, l) => a + Number(l.split(' ').pop()), 0);
  } catch { return NaN; }
}

function restartBroker(): void {
  const conf = path.join(STACK_DIR, 'mosquitto', 'mosquitto.conf');
  const pidFile = path.join(STACK_DIR, 'mosquitto', 'mosquitto.pid');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  // SIGTERM: Mosquitto writes its persistence file (sessions, queued messages) and exits.
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    try { process.kill(pid, 0); } catch { break; }
    spawnSync('sleep', ['0.1']);
  }
  const r = spawnSync('mosquitto', ['-c', conf, '-d']);
  if (r.status !== 0) throw new Error(`mosquitto did not restart: ${r.stderr}`);
}

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function main(): Promise<void> {
  const db = appDb();
  const ids = boxIds(BOXES);

  // Alarm profile of the bench facility: TEMP_HIGH at once (no delay) so one reading times it.
  // Prediction is off; its window is shortened too because the engine keeps the window's points
  // in its state even when off, and at the bench's 4 readings/s per box 15 min is 3 600 points.
  const contacts: string[] = [];
  for (let i = 0; i < 3; i++) {
    const id = `con_bench${i}${Date.now().toString(36)}`;
    await db.query(`INSERT INTO telemetry.contacts (id, label, phone) VALUES ($1, 'bench duty', '+8613800000000')`, [id]);
    contacts.push(id);
  }
  await saveProfile(db, { facilityId: FACILITY, productClass: 'chilled', override: { highDelayMs: 0, ignorePeriodMs: 0, prediction: { enabled: false, windowMs: 10_000, minSpanMs: 5_000 }, recipients: contacts.map((contactId) => ({ channel: 'sms' as const, contactId })) }, escalation: [] }, null);

  const runCreds = await benchCredentials(ids, STACK_DIR, log);

  // The real-time feed, as a dispatcher's console would see it.
  const api = await startApi({ port: 0, host: '127.0.0.1', modules: [telemetryModule] });
  const user = await createUser(db, { username: `bench-${Date.now()}`, displayName: 'bench', role: 'dispatcher', password: 'bench-password-123' });
  const { token } = await createSession(db, user.id, 3600, {});
  const latencies: number[] = [];
  const seenAlarm = new Set<string>();
  let feedEvents = 0;
  const feedReq = http.get(`${api.url}/api/v1/feed`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        feedEvents++;
        if (!block.includes('event: alarm')) continue;
        const now = Date.now();
        const data = JSON.parse(block.slice(block.indexOf('data: ') + 6));
        if (data.change === 'created' && data.alarm.type === 'TEMP_HIGH' && !seenAlarm.has(data.alarm.boxId)) {
          seenAlarm.add(data.alarm.boxId);
          latencies.push(now - Date.parse(data.alarm.raisedAt));
        }
      }
    });
  });

  // A previous run may have left messages queued in the ingest session: start from a clean one.
  const wipe = await connectService({ clientId: 'ingest-bench-0', clean: true, properties: { sessionExpiryInterval: 0 }, reconnectPeriod: 0 });
  await wipe.endAsync();
  await startIngestProc(Date.now());
  log(`phase 1: ${BOXES} boxes, ${RATE} msg/s for ${SECONDS} s`);
  let drainedAt = 0;
  let meter: ReturnType<typeof cpuMeter> | undefined;
  const g1 = await runGenerator(runCreds, RATE, SECONDS, true, (generatorPid) => {
    meter = cpuMeter(stackGroups({ ingest: () => ingest?.pid, generator: () => generatorPid, bench_feed_api: () => process.pid }));
  });
  log(`generator: sent ${g1.sent}, acked ${g1.acked}, failed ${g1.failed}`);
  for (let last = -1, still = 0; ; ) {
    const n = await storedByIngest();
    if (n >= g1.acked) { drainedAt = Date.now(); break; }
    still = n === last ? still + 1 : 0;
    last = n;
    if (still > 80) { drainedAt = Date.now(); log(`ingest stalled at ${n}`); break; }
    await sleep(250);
  }
  // Only this phase's readings (device ts from the generator's start on).
  const countSince = async (from: number, to = Number.MAX_SAFE_INTEGER) => (await db.query(
    `SELECT count(*)::int AS n FROM telemetry.readings WHERE ts >= to_timestamp($1 / 1000.0) AND ts < to_timestamp($2 / 1000.0)`, [from, Math.min(to, 8e15)])).rows[0].n as number;
  const cpu = meter?.stop() ?? {};
  const stored1 = await countSince(g1.startedAt - 1000, g1.endedAt + 5000);
  try {
    // Where the ingest process spends a batch: mean seconds per stage (Prometheus histogram).
    const text = await get(metricsUrl);
    const stat = (suffix: string) => new Map(text.split('\n').filter((l) => l.startsWith(`telemetry_batch_seconds_${suffix}{`)).map((l) => [/stage="([^"]+)"/.exec(l)![1], Number(l.split(' ').pop())]));
    const sum = stat('sum'), count = stat('count');
    log(`ingest stage means: ${[...sum].map(([k, v]) => `${k} ${((v / (count.get(k) || 1)) * 1000).toFixed(1)} ms`).join(', ')}; batches ${count.get('decode')}`);
  } catch { /* metrics are informational */ }
  await sleep(1500); // last alarms in flight to the feed
  const elapsedS = (drainedAt - g1.startedAt) / 1000;
  console.log(`ingest_msgs_per_s: ${(stored1 / elapsedS).toFixed(0)} msg/s`);
  console.log(`ingest_readings_per_s: ${(stored1 / elapsedS).toFixed(0)} readings/s`);
  console.log(`generator_msgs_per_s: ${(g1.sent / ((g1.endedAt - g1.startedAt) / 1000)).toFixed(0)} msg/s`);
  console.log(`sustained_s: ${elapsedS.toFixed(1)} s`);
  console.log(`readings_sent: ${g1.acked} count`);
  console.log(`readings_stored: ${stored1} count`);
  console.log(`buffered_backfill_readings: 0 count`);
  console.log(`alarms_expected: ${g1.violations} count`);
  console.log(`alarms_on_feed: ${latencies.length} count`);
  console.log(`alarm_latency_p50_ms: ${pct(latencies, 50)} ms`);
  console.log(`alarm_latency_p99_ms: ${pct(latencies, 99)} ms`);
  console.log(`feed_events: ${feedEvents} count`);
  // Share of the machine (2 cores = 200 %) from the generator's first message to the drain.
  for (const [g, pctOfCore] of Object.entries(cpu)) console.log(`cpu_${g}: ${pctOfCore} %`);

  if (FAULT_SECONDS <= 0) {
    ingest?.kill('SIGTERM');
    await new Promise((r) => ingest?.once('exit', r));
    feedReq.destroy();
    await api.close();
    await closeTelemetryHttp();
    await closeFeed();
    await closeAppDb();
    return;
  }
  log(`phase 2 (fault): ${FAULT_RATE} msg/s for ${FAULT_SECONDS} s; kill -9 ingest at 25 %, restart at 40 %, broker restart at 60 %`);
  let faults: Promise<void> = Promise.resolve();
  const startFaults = () => {
    faults = (async () => {
      const ms = FAULT_SECONDS * 1000;
      await sleep(ms * 0.25);
      log('killing ingest (SIGKILL)');
      ingest?.kill('SIGKILL');
      await sleep(ms * 0.15);
      log('restarting ingest');
      await startIngestProc(Date.now() - 3_600_000);
      await sleep(ms * 0.2);
      log('restarting the broker');
      restartBroker();
    })();
  };
  const g2 = await runGenerator(runCreds, FAULT_RATE, FAULT_SECONDS, false, startFaults);
  await faults;
  log(`generator: sent ${g2.sent}, acked ${g2.acked}, failed ${g2.failed}`);
  let stored2 = 0;
  for (let last = -1, still = 0; ; ) {
    stored2 = await countSince(g2.startedAt - 1000);
    if (stored2 >= g2.acked) break;
    still = stored2 === last ? still + 1 : 0;
    last = stored2;
    if (still > 60) break;
    await sleep(500);
  }
  const dupSamples = (await db.query(`SELECT count(*) - count(DISTINCT (box_id, sent_at, seq, reading_index)) AS n FROM telemetry.readings`)).rows[0].n;
  const dupAlarms = (await db.query(`SELECT count(*)::int AS n FROM (SELECT box_id FROM telemetry.alarms WHERE type = 'TEMP_HIGH' GROUP BY box_id HAVING count(*) > 1) x`)).rows[0].n;
  console.log(`fault_readings_sent: ${g2.acked} count`);
  console.log(`fault_readings_stored: ${stored2} count`);
  console.log(`fault_resend_requests: ${g2.resendRequests} count`);
  console.log(`fault_readings_resent: ${g2.resent} count`);
  console.log(`lost: ${Math.max(0, g2.acked - stored2) + Math.max(0, g1.acked - stored1)} count`);
  console.log(`duplicated: ${Math.max(0, stored2 - g2.acked) + Number(dupSamples) + dupAlarms} count`);

  feedReq.destroy();
  ingest?.kill('SIGTERM');
  await new Promise((r) => ingest?.once('exit', r));
  await api.close();
  await closeTelemetryHttp();
  await closeFeed();
  await closeAppDb();
}

// `bench:telemetry-floor` (./floor.ts): the machine's cost of the target rate before any evaluation.
(process.argv[2] === 'floor' ? import('./floor').then((f) => f.floor()) : main())
  .then(() => process.exit(0)).catch((e) => { console.error(e); ingest?.kill('SIGKILL'); process.exit(1); });
