/**
 * Telemetry's BullMQ workers (run in the `worker` process): alarm notification/escalation,
 * daily partitions ahead, and the liveness tick (DATA_GAP / MONITORING_LOST need a clock, not a
 * message: COMPLIANCE D.45).
 */
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import { getKey } from '../platform/config/registry';
import { keys } from '../platform/config/keys';
import { appDb } from '../platform/db/pool';
import { createQueue, createWorker, redisConnection } from '../platform/queue/queue';
import { logger } from '../platform/logger';
import { telemetryKeys as k } from './config';
import type { RecordPorts, TelemetryPorts } from './ports';
import { anchorPendingSeals } from './record/anchor';
import { recordKey } from './record/keys';
import { sealEndedRecords } from './record/service';
import { tick, type ExcursionEvent } from './excursion';
import { ProfileCache } from './alarms/profiles';
import { applyEvents, type EventScope } from './alarms/store';
import { notifyProcessor, scheduleNotification, shouldNotify } from './alarms/escalation';
import { defaultChannels } from './alarms/notify';
import { ExcursionStore } from './state/excursion-store';
import { publishFeed, type FeedEvent } from './feed/bus';
import type { Severity } from './excursion';
import type { Queue } from 'bullmq';

/** Creates today's and the next days' partitions (SECURITY DEFINER function, telemetry/sql/ensure_partitions.sql). */
export async function ensurePartitions(db: pg.Pool, daysAhead = getKey(k.partitionDaysAhead)): Promise<number> {
  const { rows } = await db.query('SELECT telemetry.ensure_partitions($1, 1) AS n', [daysAhead]);
  return rows[0].n;
}

export interface TickDeps { db: pg.Pool; redis: Redis; ports: TelemetryPorts; excursions: ExcursionStore; profiles: ProfileCache; alarmQueue: Queue; notifyMinSeverity: Severity }

/**
 * One liveness pass over every shipment in custody at server time `now`: raises DATA_GAP /
 * MONITORING_LOST for silent boxes, and retires states whose custody has ended.
 */
export async function runLivenessTick(d: TickDeps, now = Date.now()): Promise<{ checked: number; events: number; retired: number }> {
  const keyList = await d.excursions.activeKeys();
  const states = await d.excursions.load(keyList, true);
  const custody = new Map<string, Promise<Set<string>>>();
  const stillInCustody = (boxId: string) => {
    let p = custody.get(boxId);
    if (!p) { p = d.ports.custodyAt(boxId, new Date(now)).then((cs) => new Set(cs.map((c) => c.shipmentId))); custody.set(boxId, p); }
    return p;
  };
  const toApply: Array<{ scope: EventScope; event: ExcursionEvent }> = [];
  const writes: Parameters<ExcursionStore['save']>[0] = [];
  let retired = 0;
  for (const key of keyList) {
    const v = states.get(key);
    if (!v?.state) continue;
    const { meta } = v.state;
    const active = (await stillInCustody(meta.boxId)).has(meta.shipmentId);
    if (!active) { retired++; writes.push({ key, expectV: v.v, state: v.state, active: false, ttlMs: 7 * 24 * 3600_000 }); continue; }
    const { profile } = await d.profiles.get(meta.temperatureClass, meta.facilityId, meta.stabilityBudgetMin);
    const r = tick(v.state.exc, now, profile);
    if (!r.events.length) continue;
    const scope: EventScope = { boxId: meta.boxId, temperatureClass: meta.temperatureClass, shipmentIds: [meta.shipmentId], facilityIds: [meta.facilityId], riderIds: meta.riderId ? [meta.riderId] : [] };
    for (const event of r.events) toApply.push({ scope, event });
    writes.push({ key, expectV: v.v, state: { exc: r.state, meta }, active: true });
  }
  const changes = await applyEvents(d.db, toApply);
  // A lost compare-and-set means ingest just wrote the box: data arrived, so skipping is right.
  await d.excursions.save(writes);
  const feed: FeedEvent[] = changes.map(({ alarm, change }) => ({ type: 'alarm', change, alarm, scope: { facilityIds: alarm.facilityIds, riderIds: alarm.riderIds }, publishedAt: Date.now() }));
  await publishFeed(d.redis, feed);
  for (const c of changes) if (c.change === 'created' && shouldNotify(c.alarm.severity, d.notifyMinSeverity)) await scheduleNotification(d.alarmQueue, c.alarm.id);
  return { checked: keyList.length, events: toApply.length, retired };
}

/**
 * Starts telemetry's workers.
 * @param ports what telemetry asks of dispatch (app/ builds them from dispatch's public face)
 * @param recordPorts shipment facts for the temperature record's seal sweep; without them the
 *   sweep is not scheduled (the daily anchor is)
 * @returns close() stops the workers and their connections (not the shared DB pool)
 */
export async function startTelemetryWorkers(ports: TelemetryPorts, recordPorts?: RecordPorts): Promise<{ close(): Promise<void> }> {
  const db = appDb();
  const redis = redisConnection();
  const alarmQueue = createQueue(getKey(k.escalationQueue));
  const maintQueue = createQueue(getKey(k.maintenanceQueue));
  const channels = defaultChannels();
  const deps: TickDeps = {
    db, redis, ports, excursions: new ExcursionStore(redis, getKey(keys.queuePrefix)), profiles: new ProfileCache(db, getKey(k.cacheTtlMs)),
    alarmQueue, notifyMinSeverity: getKey(k.notifyMinSeverity) as Severity,
  };
  await ensurePartitions(db);
  await maintQueue.upsertJobScheduler('telemetry-partitions', { every: 6 * 3600_000 }, { name: 'partitions' });
  // The daily anchor, just after midnight UTC: the previous day's seals (and any a missed run left).
  await maintQueue.upsertJobScheduler('telemetry-record-anchor', { pattern: '5 0 * * *', tz: 'UTC' }, { name: 'record-anchor' });
  if (recordPorts) await maintQueue.upsertJobScheduler('telemetry-record-seal-sweep', { every: getKey(k.recordSealSweepMs) }, { name: 'record-seal-sweep', opts: { attempts: 1 } });
  await maintQueue.upsertJobScheduler('telemetry-liveness', { every: getKey(k.tickIntervalMs) }, { name: 'liveness', opts: { attempts: 1 } });
  const workers: Worker[] = [
    createWorker(getKey(k.escalationQueue), notifyProcessor({
      db, queue: alarmQueue, channels, afterMinDefault: getKey(k.escalationAfterMin), maxSteps: getKey(k.escalationMaxSteps),
      publish: (alarm) => publishFeed(redis, [{ type: 'alarm', change: 'escalated', alarm, scope: { facilityIds: alarm.facilityIds, riderIds: alarm.riderIds }, publishedAt: Date.now() }]),
    }), { concurrency: 8 }),
    createWorker(getKey(k.maintenanceQueue), async (job) => {
      if (job.name === 'partitions') return { created: await ensurePartitions(db) };
      if (job.name === 'liveness') return runLivenessTick(deps);
      if (job.name === 'record-anchor') return (await anchorPendingSeals(db, recordKey())) ?? { anchored: 0 };
      if (job.name === 'record-seal-sweep' && recordPorts) return sealEndedRecords(db, recordPorts);
      throw new Error(`unknown telemetry maintenance job ${job.name}`);
    }, { concurrency: 1 }),
  ];
  for (const w of workers) w.on('failed', (job, err) => logger.error({ queue: w.name, job: job?.id, err }, 'telemetry job failed'));
  logger.info({ queues: workers.map((w) => w.name) }, 'telemetry workers started');
  return {
    async close() {
      await Promise.allSettled(workers.map((w) => w.close()));
      await Promise.allSettled([alarmQueue.close(), maintQueue.close(), redis.quit(), ...channels.map((c) => c.close?.())]);
    },
  };
}
