/**
 * bench:telemetry-floor — what the target rate costs this machine before any ingest logic runs.
 * Two parts, one after the other, each at BENCH_RATE msg/s (20 000) for BENCH_SECONDS (30 s):
 *
 * 1. Transport: the generator's BENCH_BOXES (5 000) boxes publish one reading per message (QoS 1,
 *    own credentials, as in bench:telemetry) through Mosquitto to a consumer that does nothing but
 *    acknowledge: MQTT.js on the ingest's shared subscription, as the ingest process uses it.
 * 2. Storage: the front half of the ingest pipeline (decode, validate, dedupe, attach custody,
 *    persist: the same stage code) fed from memory, no broker, in batches of INGEST_BATCH_MAX
 *    with two in flight, as the ingest's consumer runs them. Evaluation, excursion state, alarms
 *    and the feed are not run.
 *
 * Prints the rate each part reached and `cpu_<process>: N %` per part (2 cores = 200 %), then
 * the sum: what the whole bench:telemetry would need at this rate before evaluating anything.
 */
import { appDb, closeAppDb } from '../../platform/db/pool';
import { connectService } from '../../platform/mqtt/client';
import { getKey } from '../../platform/config/registry';
import { telemetryKeys as k } from '../../telemetry/config';
import { subscriptionFilter } from '../../telemetry/contract';
import { BoxCache, CustodyCache } from '../../telemetry/ingest/caches';
import { newBatch, runStages, splitStages } from '../../telemetry/ingest/pipeline';
import type { PipelineEnv } from '../../telemetry/ingest/types';
import { benchCredentials, benchPorts, boxIds, livePayload, runGenerator } from './common';
import { cpuMeter, stackGroups } from '../cpu';

const BOXES = Number(process.env.BENCH_BOXES ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const STACK_DIR = process.env.STACK_DIR ?? '.stack/bench';
const log = (s: string) => process.stderr.write(`[bench:telemetry-floor] ${s}\n`);

export async function floor(): Promise<void> {
  const ids = boxIds(BOXES);
  const creds = await benchCredentials(ids, STACK_DIR, log);

  // 1. Transport.
  log(`transport: ${BOXES} boxes, ${RATE} msg/s for ${SECONDS} s into a consumer that only acknowledges`);
  const sub = await connectService({ clientId: `floor-${Date.now()}`, clean: true, properties: { receiveMaximum: getKey(k.ingestReceiveMax) } });
  let received = 0;
  sub.on('message', () => { received++; });
  await sub.subscribeAsync(subscriptionFilter('telemetry', 'floor'), { qos: 1 });
  let meter: ReturnType<typeof cpuMeter> | undefined;
  let t0 = 0, r0 = 0;
  const g = await runGenerator(creds, RATE, SECONDS, false, (pid) => {
    t0 = Date.now(); r0 = received;
    meter = cpuMeter(stackGroups({ generator: () => pid, null_consumer: () => process.pid }));
  });
  for (let i = 0; i < 100 && received - r0 < g.acked; i++) await new Promise((r) => setTimeout(r, 100));
  const transportS = (Date.now() - t0) / 1000;
  const transport = meter!.stop();
  await sub.endAsync();
  console.log(`transport_msgs_per_s: ${((received - r0) / transportS).toFixed(0)} msg/s`);
  console.log(`transport_received: ${received - r0} count (of ${g.acked} acknowledged to the boxes)`);
  for (const name of ['mosquitto', 'generator', 'null_consumer'] as const) console.log(`transport_cpu_${name}: ${transport[name]} %`);

  // 2. Storage: the ingest's own stages, fed from memory.
  const db = appDb();
  await db.query('SELECT telemetry.ensure_partitions($1, 1)', [getKey(k.partitionDaysAhead)]);
  const ports = benchPorts(BOXES, new Date(Date.now() - 3_600_000));
  const env = {
    db, ports, now: () => Date.now(),
    boxes: new BoxCache(ports, getKey(k.cacheTtlMs)), custody: new CustodyCache(ports, getKey(k.cacheTtlMs)),
    decode: { maxFutureMs: getKey(k.maxFutureMs), driftFlagMs: getKey(k.driftFlagMs) },
  } as unknown as PipelineEnv; // the front stages use nothing else
  const stages = splitStages().front; // decode … persist: the stages the ingest runs before evaluation
  const batchMax = getKey(k.ingestBatchMax);
  const seq = new Array<number>(BOXES).fill(0);
  const lastTs = new Array<number>(BOXES).fill(0);
  let next = 0, made = 0, stored = 0;
  const makeBatch = (n: number) => newBatch(Array.from({ length: n }, () => {
    const i = next; next = (next + 1) % BOXES;
    const now = Date.now();
    const ts = Math.max(now, lastTs[i] + 1); lastTs[i] = ts;
    made++;
    return {
      topic: `dt/coldchain/box/${ids[i]}/telemetry`, receivedAt: now,
      payload: Buffer.from(livePayload(ids[i], ++seq[i], now, ts, 4.5 + (made % 150) / 100)),
    };
  }));
  log(`storage: ${stages.map((x) => x.name).join(' → ')} at ${RATE} msg/s for ${SECONDS} s (batches of ≤ ${batchMax}, two in flight)`);
  const storeMeter = cpuMeter(stackGroups({ ingest_front: () => process.pid }));
  const s0 = Date.now();
  const end = s0 + SECONDS * 1000;
  const inFlight = new Set<Promise<void>>();
  while (Date.now() < end) {
    const due = Math.round(((Date.now() - s0) / 1000) * RATE) - made;
    if (due <= 0 || inFlight.size >= 2) {
      await (inFlight.size >= 2 ? Promise.race(inFlight) : new Promise((r) => setTimeout(r, 5)));
      continue;
    }
    const b = makeBatch(Math.min(due, batchMax));
    const p: Promise<void> = runStages(b, env, stages).then(() => { stored += b.stats.readingsNew; inFlight.delete(p); });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const storeS = (Date.now() - s0) / 1000;
  const storage = storeMeter.stop();
  console.log(`storage_msgs_per_s: ${(stored / storeS).toFixed(0)} msg/s`);
  console.log(`storage_readings_stored: ${stored} count (of ${made} offered)`);
  for (const name of ['ingest_front', 'postgres', 'redis'] as const) console.log(`storage_cpu_${name}: ${storage[name]} %`);

  // Both parts at once would need at least the sum (the machine has 200 %).
  const sum = transport.mosquitto + transport.generator + transport.null_consumer + storage.ingest_front + storage.postgres + storage.redis;
  console.log(`floor_cpu_total: ${sum} %`);
  console.log(`floor_cpu_left_for_evaluation: ${200 - sum} %`);
  await closeAppDb();
}
