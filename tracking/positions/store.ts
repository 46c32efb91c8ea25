/**
 * The database writes of positions, each through a Batcher (platform/db/batch.ts): at 5,000
 * fixes/s from ~1,000 calls/s, the calls that arrive in one turn of the event loop share one
 * INSERT (or one UPDATE), instead of one statement — and one backend wake-up — each.
 */
import { appDb } from '../../platform/db/pool';
import { Batcher } from '../../platform/db/batch';
import { getKey } from '../../platform/config/registry';
import { logger } from '../../platform/logger';
import { recordRiderPositions } from '../../dispatch';
import { positionKeys } from './config';
import type { PositionFlag } from './checks';

export interface PositionRow {
  riderId: string; at: number; receivedAt: number; lat: number; lng: number; crs: string;
  accuracyM: number | null; speedMps: number | null; headingDeg: number | null; flag: PositionFlag | null;
}

/** Creates the daily partitions of tracking.rider_positions around today (SECURITY DEFINER function). */
export async function ensurePositionPartitions(daysAhead = getKey(positionKeys.partitionDaysAhead)): Promise<number> {
  const { rows } = await appDb().query('SELECT tracking.ensure_position_partitions($1, 1) AS n', [daysAhead]);
  return rows[0].n;
}

// Once per process before the first insert, so a fresh database does not fill the default
// partition with today's fixes (a day found there can no longer get its own partition).
let partitionsReady: Promise<unknown> | undefined;
function partitionsOnce(): Promise<unknown> {
  partitionsReady ??= ensurePositionPartitions().catch((err) => {
    logger.warn({ err }, 'rider position partitions not ensured; fixes go to the default partition');
    partitionsReady = undefined;
  });
  return partitionsReady;
}

const insertPositions = new Batcher<PositionRow[], number>(async (calls) => {
  await partitionsOnce();
  const rows = calls.flat();
  const col = <K extends keyof PositionRow>(k: K) => rows.map((r) => r[k]);
  const r = await appDb().query(
    `INSERT INTO tracking.rider_positions (rider_id, at, received_at, lat, lng, crs, accuracy_m, speed_mps, heading_deg, flag)
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::float8[], $5::float8[], $6::text[], $7::float8[], $8::float8[], $9::float8[], $10::text[])
     ON CONFLICT DO NOTHING`,
    [col('riderId'), rows.map((x) => new Date(x.at)), rows.map((x) => new Date(x.receivedAt)), col('lat'), col('lng'), col('crs'), col('accuracyM'), col('speedMps'), col('headingDeg'), col('flag')]);
  // The statement reports only the total stored; each call learns it (duplicates are not errors).
  return calls.map(() => r.rowCount ?? 0);
}, { maxBatch: 100, maxInFlight: 4 });

/** Stores fixes (accepted and flagged alike); a fix already stored (same rider, same device time) is skipped. */
export function storePositions(rows: PositionRow[]): Promise<number> {
  return rows.length ? insertPositions.call(rows) : Promise.resolve(0);
}

type WriteThrough = { riderId: string; lat: number; lng: number; at: Date };
const writeThrough = new Batcher<WriteThrough, void>(async (calls) => {
  // One row per rider: UPDATE … FROM would pick an arbitrary one of two.
  const newest = new Map<string, WriteThrough>();
  for (const c of calls) if ((newest.get(c.riderId)?.at ?? 0) <= c.at) newest.set(c.riderId, c);
  await recordRiderPositions(appDb(), [...newest.values()]);
  return calls.map(() => undefined);
}, { maxBatch: 200, maxInFlight: 1 });

/** Writes a rider's latest position onto dispatch.riders (planning starts routes there). */
export function writeRiderPosition(p: WriteThrough): Promise<void> {
  return writeThrough.call(p);
}
