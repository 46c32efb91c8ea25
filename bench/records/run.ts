/**
 * bench:records — the per-shipment temperature record at scale.
 *
 * 1. Builds RECORDS_BENCH_SHIPMENTS (10,000) sealed records of RECORDS_BENCH_READINGS (500)
 *    readings each straight into the tables (readings, entries, heads, seals: multi-row INSERTs
 *    from arrays, chains computed with the production functions), then anchors them all with
 *    the anchor job's function (one Merkle tree, one signature).
 * 2. verify_record_ms_*: RECORDS_BENCH_SAMPLE (500) records verified one after another as the
 *    verify route does (export from the database + recompute chain, seal, Merkle path,
 *    signatures); verify_all_records_per_s: every record, two at a time (two cores).
 * 3. chain_append_overhead_us: the ingest's front stages (decode … persist, + record) fed from
 *    memory for boxes in custody, with the record stage and without it, in alternating rounds
 *    of INGEST_BATCH_MAX messages; this process's CPU (user + system) per reading, on − off.
 * 4. pdf_report_ms_*: RECORDS_BENCH_PDFS (50) records' PDF reports, one after another, as the
 *    PDF route makes them (assemble the report from the database, verification included, then
 *    render with pdfkit); the subject dispatch would give is built from the seal (these records
 *    have no order).
 * 5. export_archive_mb_per_s: the regulator's archive of RECORDS_BENCH_ARCHIVE (200) records
 *    streamed to nothing, as the export route streams it; the archive is then verified offline
 *    once (export_archive_verify_ms), which also checks what was written.
 * No CSV export bench yet, so no csv_export_mb_per_s. Benchmarks are not tests: nothing asserted.
 */
import { loadavg } from 'node:os';
import { appDb, closeAppDb } from '../../platform/db/pool';
import { getKey } from '../../platform/config/registry';
import { telemetryKeys as k } from '../../telemetry/config';
import { LOG_FORMAT, type LogReading } from '../../telemetry/log/canonical';
import { appendToChain, genesisHash } from '../../telemetry/log/hash-chain';
import { anchorPendingSeals } from '../../telemetry/record/anchor';
import { recordKey } from '../../telemetry/record/keys';
import { gapSummary } from '../../telemetry/record/seal';
import { sealDigest, type SealFacts } from '../../telemetry/record/statements';
import { verifyStoredRecord } from '../../telemetry/record/service';
import { recordArchive } from '../../telemetry/record/archive';
import { verifyRecordArchive } from '../../telemetry/record/archive-verify';
import { assembleReport, type ReportSubject } from '../../telemetry/report/model';
import { reportPdf } from '../../telemetry/report/pdf';
import { BoxCache, CustodyCache } from '../../telemetry/ingest/caches';
import { newBatch, runStages, splitStages } from '../../telemetry/ingest/pipeline';
import type { PipelineEnv } from '../../telemetry/ingest/types';
import { benchPorts, boxIds, livePayload } from '../telemetry/common';

const SHIPMENTS = Number(process.env.RECORDS_BENCH_SHIPMENTS ?? 10_000);
const READINGS = Number(process.env.RECORDS_BENCH_READINGS ?? 500);
const SAMPLE = Number(process.env.RECORDS_BENCH_SAMPLE ?? 500);
const CHAIN_ROUNDS = Number(process.env.RECORDS_BENCH_CHAIN_ROUNDS ?? 15);
const PDFS = Number(process.env.RECORDS_BENCH_PDFS ?? 50);
const ARCHIVE = Number(process.env.RECORDS_BENCH_ARCHIVE ?? 200);
const CHUNK = Math.max(1, Math.floor(50_000 / READINGS)); // shipments per INSERT round
const log = (s: string) => process.stderr.write(`[bench:records] ${s}\n`);
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const MIN = 60_000;
const GAP_LIMIT = 300_000;

async function build(): Promise<string[]> {
  const db = appDb();
  const day0 = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 86_400_000; // yesterday, 00:00 UTC
  const ids = Array.from({ length: SHIPMENTS }, (_, i) => `shp_rb${String(i).padStart(6, '0')}`);
  const t0 = Date.now();
  let chainMs = 0;
  const chunk = async (from: number) => {
    const R = { box: [] as string[], ts: [] as number[], rx: [] as number[], seq: [] as number[], t: [] as string[] };
    const E = { shp: [] as string[], idx: [] as number[], box: [] as string[], ts: [] as number[], hash: [] as string[] };
    const S: Array<SealFacts & { digest: string }> = [];
    for (let i = from; i < Math.min(from + CHUNK, SHIPMENTS); i++) {
      const shipmentId = ids[i];
      const boxId = `box_rb${String(i).padStart(6, '0')}`;
      const start = day0 + (i % 48) * 15 * MIN;
      const rs: LogReading[] = Array.from({ length: READINGS }, (_, j) => ({
        boxId, fw: '1.4.2', seq: j, readingIndex: 0, ts: start + j * MIN, receivedAt: start + j * MIN + 800,
        probes: [4 + ((i + j) % 32) / 16, 5.0625], rh: null, door: false, batt: 80, hist: false,
      }));
      const c0 = performance.now();
      const chain = appendToChain({ index: 0, hash: genesisHash(shipmentId) }, rs);
      chainMs += performance.now() - c0;
      for (let j = 0; j < READINGS; j++) {
        const r = rs[j];
        R.box.push(boxId); R.ts.push(r.ts); R.rx.push(r.receivedAt); R.seq.push(r.seq); R.t.push(`{${r.probes.join(',')}}`);
        E.shp.push(shipmentId); E.idx.push(j + 1); E.box.push(boxId); E.ts.push(r.ts); E.hash.push(chain[j].hash);
      }
      const ts = rs.map((r) => r.ts);
      const facts: SealFacts = {
        shipmentId, count: READINGS, head: chain[READINGS - 1].hash, firstTs: ts[0], lastTs: ts[READINGS - 1], custodyFrom: start - 30_000, custodyTo: ts[READINGS - 1] + 30_000,
        ...gapSummary([start - 30_000, ...ts, ts[READINGS - 1] + 30_000], GAP_LIMIT), gapLimitMs: GAP_LIMIT, outcome: 'delivered', endedAt: ts[READINGS - 1] + 30_000,
      };
      S.push({ ...facts, digest: sealDigest(facts) });
    }
    await db.query(
      `INSERT INTO telemetry.readings (box_id, ts, received_at, sent_at, seq, reading_index, fw, t, rh, door, batt, hist, drift_ms, drift_flag, shipment_ids)
       SELECT u.b, to_timestamp(u.ts / 1000), to_timestamp(u.rx / 1000), to_timestamp(u.rx / 1000), u.s, 0, '1.4.2', u.t::float8[], NULL, false, 80, false, -800, false, ARRAY[u.shp]
         FROM unnest($1::text[], $2::float8[], $3::float8[], $4::int8[], $5::text[], $6::text[]) AS u(b, ts, rx, s, t, shp)`, [R.box, R.ts, R.rx, R.seq, R.t, E.shp]);
    await db.query(
      `INSERT INTO telemetry.record_entries (shipment_id, idx, box_id, ts, hash)
       SELECT u.s, u.i, u.b, to_timestamp(u.t / 1000), decode(u.h, 'hex') FROM unnest($1::text[], $2::int[], $3::text[], $4::float8[], $5::text[]) AS u(s, i, b, t, h)`,
      [E.shp, E.idx, E.box, E.ts, E.hash]);
    const d = (x: number | null) => (x === null ? null : new Date(x));
    await db.query(
      `INSERT INTO telemetry.record_seals (shipment_id, count, head, first_ts, last_ts, custody_from, custody_to, largest_gap_ms, gaps_over_limit, gap_limit_ms, outcome, ended_at, digest)
       SELECT u.s, u.n, decode(u.h, 'hex'), u.f, u.l, u.cf, u.ct, u.g, u.go, $10, 'delivered', u.ct, decode(u.dg, 'hex')
         FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::int8[], $9::int[], $11::text[]) AS u(s, n, h, f, l, cf, ct, g, go, dg)`,
      [S.map((s) => s.shipmentId), S.map((s) => s.count), S.map((s) => s.head), S.map((s) => d(s.firstTs)), S.map((s) => d(s.lastTs)), S.map((s) => d(s.custodyFrom)),
        S.map((s) => d(s.custodyTo)), S.map((s) => s.largestGapMs), S.map((s) => s.gapsOverLimit), GAP_LIMIT, S.map((s) => s.digest)]);
    await db.query(
      `INSERT INTO telemetry.record_heads (shipment_id, idx, head, sealed) SELECT u.s, u.n, decode(u.h, 'hex'), true FROM unnest($1::text[], $2::int[], $3::text[]) AS u(s, n, h)`,
      [S.map((s) => s.shipmentId), S.map((s) => s.count), S.map((s) => s.head)]);
  };
  const starts = Array.from({ length: Math.ceil(SHIPMENTS / CHUNK) }, (_, i) => i * CHUNK);
  for (let i = 0; i < starts.length; i += 2) {
    await Promise.all(starts.slice(i, i + 2).map(chunk));
    if ((i / 2) % 10 === 0) log(`  ${Math.min(SHIPMENTS, (i + 2) * CHUNK)} / ${SHIPMENTS} records written`);
  }
  log(`built ${SHIPMENTS} records × ${READINGS} readings in ${((Date.now() - t0) / 1000).toFixed(1)} s (chains: ${(chainMs / 1000).toFixed(1)} s)`);
  // What one chain step (canonical form + SHA-256) cost here: scales every other figure to the machine's load.
  console.log(`chain_step_us: ${((chainMs * 1000) / (SHIPMENTS * READINGS)).toFixed(2)} µs (1-min load average ${loadavg()[0].toFixed(1)})`);
  await db.query('ANALYZE telemetry.record_entries; ANALYZE telemetry.readings; ANALYZE telemetry.record_seals');
  const a0 = Date.now();
  const a = await anchorPendingSeals(db, recordKey());
  log(`anchored ${a?.leafCount} seals in one signed root in ${Date.now() - a0} ms`);
  return ids;
}

async function verifyPhase(ids: string[]): Promise<void> {
  const db = appDb();
  let seed = 11;
  const rand = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
  const times: number[] = [];
  for (let i = 0; i < Math.min(20, ids.length); i++) await verifyStoredRecord(db, ids[Math.floor(rand() * ids.length)]); // warm-up
  let failed = 0;
  for (let i = 0; i < SAMPLE; i++) {
    const id = ids[Math.floor(rand() * ids.length)];
    const t = performance.now();
    const v = await verifyStoredRecord(db, id);
    times.push(performance.now() - t);
    if (!v?.ok) failed++;
  }
  times.sort((a, b) => a - b);
  console.log(`verify_record_ms_p50: ${q(times, 0.5).toFixed(2)} ms`);
  console.log(`verify_record_ms_p99: ${q(times, 0.99).toFixed(2)} ms`);
  let next = 0;
  const t0 = performance.now();
  const worker = async () => { while (next < ids.length) { const id = ids[next++]; if (!(await verifyStoredRecord(db, id))?.ok) failed++; } };
  await Promise.all([worker(), worker()]);
  console.log(`verify_all_records_per_s: ${(ids.length / ((performance.now() - t0) / 1000)).toFixed(0)} records/s`);
  console.log(`verify_failures: ${failed} count`);
}

async function pdfPhase(ids: string[]): Promise<void> {
  const db = appDb();
  const sample = ids.slice(0, Math.min(PDFS, ids.length));
  const { rows } = await db.query(
    `SELECT s.shipment_id, s.custody_from, s.custody_to, e.box_id FROM telemetry.record_seals s
       JOIN telemetry.record_entries e ON e.shipment_id = s.shipment_id AND e.idx = 1 WHERE s.shipment_id = ANY($1)`, [sample]);
  const subjects: ReportSubject[] = rows.map((r) => ({
    shipmentId: r.shipment_id, orderToken: `tok_${r.shipment_id.slice(4)}`, facility: { id: 'fac_rbench', name: 'Bench store 基准门店', timeZone: 'Asia/Shanghai' },
    state: 'delivered', temperatureClass: 'chilled', stabilityBudgetMin: 60,
    legs: [{ boxId: r.box_id, holder: 'rider', from: r.custody_from, to: r.custody_to }],
    boxes: [{ id: r.box_id, probes: 2, sampleIntervalS: 60, calibrationDue: '2099-01-01', calibrationState: 'ok' }],
  }));
  for (const s of subjects.slice(0, 3)) await reportPdf(await assembleReport(db, s), 'zh-CN'); // warm-up (fonts, statements)
  const times: number[] = [];
  let bytes = 0;
  for (const [i, s] of subjects.entries()) {
    const t = performance.now();
    const pdf = await reportPdf(await assembleReport(db, s), i % 2 ? 'en' : 'zh-CN');
    times.push(performance.now() - t);
    bytes += pdf.length;
  }
  times.sort((a, b) => a - b);
  console.log(`pdf_report_ms_p50: ${q(times, 0.5).toFixed(0)} ms (${times.length} reports of ${READINGS} readings, zh-CN and en alternating, ${(bytes / times.length / 1024).toFixed(0)} KiB each)`);
  console.log(`pdf_report_ms_p99: ${q(times, 0.99).toFixed(0)} ms`);
}

async function archivePhase(ids: string[]): Promise<void> {
  const db = appDb();
  const key = recordKey();
  const shipmentIds = ids.slice(0, Math.min(ARCHIVE, ids.length));
  const period = { from: new Date(Date.now() - 2 * 86_400_000), to: new Date() };
  const parts: Buffer[] = [];
  let bytes = 0;
  const t0 = performance.now();
  for await (const b of recordArchive(db, { facilityId: 'fac_rbench', period, shipmentIds }, key)) { bytes += b.length; parts.push(b); }
  const s = (performance.now() - t0) / 1000;
  console.log(`export_archive_mb_per_s: ${(bytes / 1e6 / s).toFixed(1)} MB/s (${shipmentIds.length} records, ${(bytes / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s)`);
  const v0 = performance.now();
  const v = verifyRecordArchive(Buffer.concat(parts), key.publicKey);
  console.log(`export_archive_verify_ms: ${(performance.now() - v0).toFixed(0)} ms (${v.recordsOk} records verified, ${v.recordsFailed} failed${v.ok ? '' : ': NOT VERIFIED'})`);
}

async function chainOverhead(): Promise<void> {
  const db = appDb();
  await db.query('SELECT telemetry.ensure_partitions($1, 1)', [getKey(k.partitionDaysAhead)]);
  const BOXES = 2000;
  const ids = boxIds(BOXES);
  const ports = benchPorts(BOXES, new Date(Date.now() - 3_600_000));
  const env = {
    db, ports, now: () => Date.now(),
    boxes: new BoxCache(ports, 60_000), custody: new CustodyCache(ports, 60_000),
    decode: { maxFutureMs: getKey(k.maxFutureMs), driftFlagMs: getKey(k.driftFlagMs) },
  } as unknown as PipelineEnv; // the front stages use nothing else
  const on = splitStages().front;
  const off = on.filter((s) => s.name !== 'record');
  const batchMax = getKey(k.ingestBatchMax);
  const seq = new Array<number>(BOXES).fill(0);
  const lastTs = new Array<number>(BOXES).fill(0);
  let next = 0;
  const batch = () => newBatch(Array.from({ length: batchMax }, () => {
    const i = next; next = (next + 1) % BOXES;
    const now = Date.now();
    const ts = Math.max(now - 1000, lastTs[i] + 1); lastTs[i] = ts;
    return { topic: `dt/coldchain/box/${ids[i]}/telemetry`, receivedAt: now, payload: Buffer.from(livePayload(ids[i], ++seq[i], now, ts, 4.5 + (i % 150) / 100)) };
  }));
  // Per round: this process's CPU per stored reading. Rounds alternate so drift (GC, caches,
  // the table growing) falls on both sides; medians, because one GC pause moves a mean.
  const per = { on: [] as number[], off: [] as number[] };
  const stage: number[] = [];
  const recordStage = on.find((s) => s.name === 'record')!;
  const timed = { ...recordStage, async run(b: Parameters<typeof recordStage.run>[0], e: PipelineEnv) {
    const c0 = process.cpuUsage();
    await recordStage.run(b, e);
    const c = process.cpuUsage(c0);
    stage.push((c.user + c.system) / Math.max(1, b.stats.readingsNew));
  } };
  const withTimed = on.map((s) => (s === recordStage ? timed : s));
  const round = async (which: 'on' | 'off') => {
    const b = batch();
    const c0 = process.cpuUsage();
    await runStages(b, env, which === 'on' ? withTimed : off);
    const c = process.cpuUsage(c0);
    per[which].push((c.user + c.system) / Math.max(1, b.stats.readingsNew));
  };
  for (let i = 0; i < 3; i++) { await round('off'); await round('on'); } // warm-up
  per.on.length = per.off.length = stage.length = 0;
  for (let i = 0; i < CHAIN_ROUNDS; i++) { await round('off'); await round('on'); await round('on'); await round('off'); }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`ingest_front_cpu_us_per_reading_chain_off: ${med(per.off).toFixed(2)} µs (median of ${per.off.length} batches of ${batchMax})`);
  console.log(`ingest_front_cpu_us_per_reading_chain_on: ${med(per.on).toFixed(2)} µs`);
  console.log(`record_stage_cpu_us_per_reading: ${med(stage).toFixed(2)} µs`);
  console.log(`chain_append_overhead_us: ${(med(per.on) - med(per.off)).toFixed(2)} µs`);
  console.log(`load_average_1min: ${loadavg()[0].toFixed(1)} (2 cores)`);
}

async function main() {
  log(`${SHIPMENTS} records × ${READINGS} readings (RECORDS_BENCH_SHIPMENTS / RECORDS_BENCH_READINGS); format ${LOG_FORMAT}`);
  const ids = await build();
  await verifyPhase(ids);
  await pdfPhase(ids);
  await archivePhase(ids);
  await chainOverhead();
  await closeAppDb();
}

main().catch(async (e) => { console.error(e); await closeAppDb().catch(() => undefined); process.exit(1); });
