/**
 * Telemetry workers against the real stack: partitions created ahead by the app role through
 * the SECURITY DEFINER function only, and the liveness tick (no data → DATA_GAP then
 * MONITORING_LOST; custody over → the shipment leaves the tick set).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Redis } from 'ioredis';
import { requireStack, uniq } from '../platform/testing/harness';
import { appDb } from '../platform/db/pool';
import { createQueue, redisConnection } from '../platform/queue/queue';
import { getKey } from '../platform/config/registry';
import { keys } from '../platform/config/keys';
import { ensurePartitions, runLivenessTick, type TickDeps } from './workers';
import { ExcursionStore } from './state/excursion-store';
import { ProfileCache } from './alarms/profiles';
import { initExcursionState, evaluateSeries, BASE_PROFILES } from './excursion';
import { FakeDispatch } from './testing/fakes';
import type { Queue } from 'bullmq';

let redis: Redis;
let queue: Queue;
const dispatch = new FakeDispatch();

beforeAll(() => {
  requireStack();
  redis = redisConnection();
  queue = createQueue(uniq('tick-alarms-'));
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
});

describe('partitions', () => {
  it('daily partitions exist ahead; the app role creates them only through the definer function', async () => {
    await ensurePartitions(appDb(), 10);
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const { rows } = await appDb().query(`SELECT relname FROM pg_class WHERE relnamespace = 'telemetry'::regnamespace AND relname = ANY($1::text[])`,
      [[`readings_${day(0)}`, `readings_${day(10)}`, `messages_${day(10)}`]]);
    expect(rows.map((r) => r.relname).sort()).toEqual([`messages_${day(10)}`, `readings_${day(0)}`, `readings_${day(10)}`].sort());
    expect(await ensurePartitions(appDb(), 10)).toBe(0); // idempotent
    await expect(appDb().query(`CREATE TABLE telemetry.readings_x PARTITION OF telemetry.readings FOR VALUES FROM ('2099-01-01') TO ('2099-01-02')`)).rejects.toThrow(/permission denied|must be owner/);
    await expect(appDb().query(`SELECT telemetry.ensure_partitions(5000, 0)`)).rejects.toThrow(/out of range/);
  });
});

describe('liveness tick', () => {
  it('a silent box in custody raises DATA_GAP then MONITORING_LOST; custody over retires it', async () => {
    const boxId = uniq('box_');
    dispatch.addBox(boxId, 'fac_tick0001', 'rdr_tick0001');
    const pairedAt = Date.now() - 60_000;
    const c = dispatch.pair(boxId, { shipmentId: uniq('shp_'), from: new Date(pairedAt) });
    const store = new ExcursionStore(redis, getKey(keys.queuePrefix));
    const key = store.key(boxId, c.shipmentId);
    const exc = initExcursionState({ boxId, shipmentId: c.shipmentId, pairedAt }, BASE_PROFILES.chilled);
    expect(await store.save([{ key, expectV: 0, state: { exc, meta: { boxId, shipmentId: c.shipmentId, facilityId: 'fac_tick0001', riderId: 'rdr_tick0001', temperatureClass: 'chilled', stabilityBudgetMin: null } }, active: true }])).toEqual([]);
    const deps: TickDeps = { db: appDb(), redis, ports: dispatch, excursions: store, profiles: new ProfileCache(appDb(), 0), alarmQueue: queue, notifyMinSeverity: 'minor' };
    const types = async () => (await appDb().query(`SELECT type, severity, condition FROM telemetry.alarms WHERE box_id = $1 ORDER BY type`, [boxId])).rows;

    await runLivenessTick(deps, pairedAt + 60_000); // 1 min of silence: nothing yet
    expect(await types()).toEqual([]);
    await runLivenessTick(deps, pairedAt + 2 * 60_000 + 1000); // > 2 × 1 min sample period
    expect(await types()).toEqual([{ type: 'DATA_GAP', severity: 'warning', condition: 'active' }]);
    await runLivenessTick(deps, pairedAt + 5 * 60_000 + 1000); // > 5 min
    expect((await types()).map((t) => t.type)).toEqual(['DATA_GAP', 'MONITORING_LOST']);
    await runLivenessTick(deps, pairedAt + 6 * 60_000); // already raised: idempotent
    expect(await types()).toHaveLength(2);
    // MONITORING_LOST (major) was queued for notification; DATA_GAP is a warning, below the default.
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.map((j) => j.data.alarmId)).toHaveLength(1);

    expect(await redis.sismember(`${getKey(keys.queuePrefix)}:exc:active`, key)).toBe(1);
    c.to = new Date(Date.now() - 1000);
    const r = await runLivenessTick(deps, Date.now());
    expect(r.retired).toBeGreaterThanOrEqual(1);
    expect(await redis.sismember(`${getKey(keys.queuePrefix)}:exc:active`, key)).toBe(0);
  });

  it('state round-trips through Redis (head, base, history and checkpoint lists), with trimming and late-data re-evaluation', async () => {
    const store = new ExcursionStore(redis, getKey(keys.queuePrefix));
    const boxId = uniq('box_');
    const key = store.key(boxId, 'shp_rt000001');
    const meta = { boxId, shipmentId: 'shp_rt000001', facilityId: 'fac_x0001', riderId: null, temperatureClass: 'chilled' as const, stabilityBudgetMin: null };
    const p = { ...BASE_PROFILES.chilled, ignorePeriodMs: 0 };
    let exc = initExcursionState({ boxId, shipmentId: 'shp_rt000001', pairedAt: 0 }, p);
    let v = 0;
    const t0 = 1_700_000_000_000;
    const step = async (ts: number, t: number, hist = false) => {
      exc = evaluateSeries(exc, [{ ts, seq: ts / 1000, readingIndex: 0, receivedAt: 0, probes: [t], door: false, batt: 80, hist }], p, { maxHistory: 70, checkpointEvery: 20 }).state;
      expect(await store.save([{ key, expectV: v, state: { exc, meta }, active: true }])).toEqual([]);
      v++;
      const fresh = (await new ExcursionStore(redis, getKey(keys.queuePrefix)).load([key], true)).get(key)!;
      expect(fresh.v).toBe(v);
      expect(fresh.state).toEqual(JSON.parse(JSON.stringify({ exc, meta })));
    };
    for (let i = 0; i < 130; i++) await step(t0 + i * 60_000, i % 30 === 0 ? 9 : 5); // history trimmed past 70
    expect(await redis.llen(`${key}:h`)).toBe(exc.history.length);
    // Checkpoints and base live apart from the head, which a message rewrites.
    expect(exc.checkpoints.length).toBeGreaterThan(1);
    expect(await redis.llen(`${key}:c`)).toBe(exc.checkpoints.length);
    expect(await redis.hget(key, 's')).not.toMatch(/"checkpoints"|"history"|"base"/);
    await step(t0 + 125 * 60_000 + 30_000, 1, true); // late: re-evaluated, list replaced
    await step(t0 + 131 * 60_000, 5);
    // Still in the tick set, without expiry, after writes that skipped re-adding it.
    expect(await redis.sismember(`${getKey(keys.queuePrefix)}:exc:active`, key)).toBe(1);
    expect(await redis.pttl(key)).toBe(-1);
  });

  it('optimistic locking: a stale version is refused and the caller must reload', async () => {
    const store = new ExcursionStore(redis, getKey(keys.queuePrefix));
    const other = new ExcursionStore(redis, getKey(keys.queuePrefix)); // another process
    const boxId = uniq('box_');
    const key = store.key(boxId, 'shp_lock0001');
    const exc = initExcursionState({ boxId, shipmentId: 'shp_lock0001', pairedAt: Date.now() }, BASE_PROFILES.chilled);
    const meta = { boxId, shipmentId: 'shp_lock0001', facilityId: 'fac_x0001', riderId: null, temperatureClass: 'chilled' as const, stabilityBudgetMin: null };
    expect(await store.save([{ key, expectV: 0, state: { exc, meta }, active: true }])).toEqual([]);
    const seen = (await other.load([key])).get(key)!;
    expect(seen.v).toBe(1);
    expect(await other.save([{ key, expectV: 1, state: { exc: { ...exc, epoch: 5 }, meta }, active: true }])).toEqual([]);
    // `store` still believes version 1: its write loses and its cache entry is dropped.
    expect(await store.save([{ key, expectV: 1, state: { exc, meta }, active: true }])).toEqual([key]);
    const fresh = (await store.load([key])).get(key)!;
    expect(fresh).toMatchObject({ v: 2, state: { exc: { epoch: 5 } } });
  });
});
