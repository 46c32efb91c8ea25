/**
 * One batch of fixes from one rider, the single path of `POST /riders/me/positions` and the
 * older `POST /riders/:id/position`: check every fix, store them all (flagged ones with their
 * flag), and from the newest accepted fix: the latest position (Redis, at once), dispatch's
 * rider row (at most every TRACKING_POSITION_WRITE_THROUGH_S), one `rider.position` feed event
 * per batch, `arriving`, and an ETA pass at most every TRACKING_ETA_INTERVAL_S per rider.
 */
import { appDb } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { getKey } from '../../platform/config/registry';
import { logger } from '../../platform/logger';
import { feedChannel, type FeedEnvelope } from '../../platform/feed';
import { networkExtent } from '../../geo';
import { riderHomeFacility } from '../../dispatch';
import { positionKeys } from './config';
import { checkFixes, type Fix, type PositionFlag } from './checks';
import { liveKeys, liveRedis, parseLatest, SET_IF_NEWER, type LatestFix, type StopContext } from './live';
import { storePositions, writeRiderPosition } from './store';
import { fireArriving, type OnArriving } from './arriving';
import { recomputeEtas } from '../eta/recompute';

/** A fix as the routes hand it over: WGS-84 (converted from the device's datum), device time. */
export interface PositionFix {
  at: Date;
  lat: number;
  lng: number;
  /** The datum the device sent, kept with the row. */
  crs: 'wgs84' | 'gcj02' | 'bd09';
  /** null: the client did not say (the older single-position route). */
  accuracyM: number | null;
  speedMps?: number | null;
  headingDeg?: number | null;
}

export interface BatchAnswer {
  riderId: string;
  accepted: number;
  flagged: number;
  results: Array<{ index: number; accepted: boolean; flag?: PositionFlag }>;
}

// A rider's home facility (the feed scope) changes about never; asking the database on each
// of ~1,000 batches a second would be most of the work. Kept a minute per process.
const HOME_TTL_MS = 60_000;
const homes = new Map<string, { facilityId: string; at: number }>();
async function homeOf(riderId: string, now: number): Promise<string | null> {
  const h = homes.get(riderId);
  if (h && now - h.at < HOME_TTL_MS) return h.facilityId;
  const f = await riderHomeFacility(appDb(), riderId);
  if (f) {
    if (homes.size > 100_000) homes.clear();
    homes.set(riderId, { facilityId: f, at: now });
  }
  return f;
}

const limits = () => ({
  maxFutureMs: getKey(positionKeys.maxFutureS) * 1000,
  maxSpeedMps: getKey(positionKeys.maxSpeedKmh) / 3.6,
  maxAccuracyM: getKey(positionKeys.maxAccuracyM),
});

export type RecordPositions = (riderId: string, fixes: PositionFix[]) => Promise<BatchAnswer>;

/** The batch path with its `arriving` callback; what routes (and dispatch's older route) call. */
export function positionRecorder(onArriving: OnArriving): RecordPositions {
  return (riderId, fixes) => recordPositions(riderId, fixes, onArriving);
}

export async function recordPositions(riderId: string, fixes: PositionFix[], onArriving: OnArriving, receivedAt = Date.now()): Promise<BatchAnswer> {
  const facilityId = await homeOf(riderId, receivedAt);
  if (!facilityId) throw new AppError('not_found', 'rider_not_found', `No rider ${riderId}.`);
  const redis = liveRedis();
  const [[e1, prevRaw], [e2, ctxRaw]] = (await redis.pipeline().hget(liveKeys.latest(), riderId).get(liveKeys.stops(riderId)).exec())!;
  if (e1 || e2) throw e1 ?? e2;
  const prev = parseLatest(prevRaw as string | null);
  const checked: Fix[] = fixes.map((f) => ({ at: f.at.getTime(), lat: f.lat, lng: f.lng, accuracyM: f.accuracyM }));
  const { flags, latest } = checkFixes(prev, checked, { now: receivedAt, extent: await networkExtent(appDb()), limits: limits() });

  await storePositions(fixes.map((f, i) => ({
    riderId, at: checked[i].at, receivedAt, lat: f.lat, lng: f.lng, crs: f.crs, accuracyM: f.accuracyM,
    speedMps: f.speedMps ?? null, headingDeg: f.headingDeg ?? null, flag: flags[i],
  })));

  const answer: BatchAnswer = {
    riderId,
    accepted: flags.filter((f) => !f).length,
    flagged: flags.filter((f) => f).length,
    results: flags.map((flag, index) => (flag ? { index, accepted: false, flag } : { index, accepted: true })),
  };
  if (latest === null) return answer;

  const f = fixes[latest];
  const fix: LatestFix = { at: checked[latest].at, lat: f.lat, lng: f.lng, accuracyM: f.accuracyM, speedMps: f.speedMps ?? null, headingDeg: f.headingDeg ?? null, receivedAt };
  const ev: FeedEnvelope = {
    type: 'rider.position', scope: { facilityIds: [facilityId], riderIds: [riderId] }, publishedAt: Date.now(),
    riderId, facilityId, at: new Date(fix.at).toISOString(), lat: fix.lat, lng: fix.lng, accuracyM: fix.accuracyM, speedMps: fix.speedMps, headingDeg: fix.headingDeg,
  };
  const wtMs = getKey(positionKeys.writeThroughS) * 1000;
  const etaMs = getKey(positionKeys.etaIntervalS) * 1000;
  // One round trip: the latest position, the feed event and both "at most every N s" locks.
  const p = redis.pipeline()
    .eval(SET_IF_NEWER, 1, liveKeys.latest(), riderId, String(fix.at), JSON.stringify(fix))
    .publish(feedChannel(), JSON.stringify(ev));
  if (wtMs > 0) p.set(liveKeys.writeThrough(riderId), '1', 'PX', wtMs, 'NX');
  p.set(liveKeys.etaLock(riderId), '1', 'PX', etaMs, 'NX');
  const res = (await p.exec())!;
  const err = res.find(([e]) => e)?.[0];
  if (err) throw err;
  const writeThrough = wtMs <= 0 || res[2][1] === 'OK';
  const etaDue = res[res.length - 1][1] === 'OK';

  // The rider row: planning starts routes there. Throttled because 5,000 fixes/s would
  // otherwise be 1,000 row updates/s on a table planning reads; Redis holds the exact latest.
  if (writeThrough) {
    writeRiderPosition({ riderId, lat: fix.lat, lng: fix.lng, at: new Date(fix.at) })
      .catch((e) => logger.error({ err: e, riderId }, 'rider position write-through failed'));
  }
  const accepted = checked.filter((_, i) => !flags[i]);
  const ctx = ctxRaw ? (JSON.parse(ctxRaw as string) as StopContext) : null;
  const arrivingM = getKey(positionKeys.arrivingM);
  // After the answer: neither the rider app nor its next batch waits for these.
  setImmediate(() => {
    if (ctx) fireArriving(riderId, accepted, ctx, arrivingM, onArriving).catch((e) => logger.error({ err: e, riderId }, 'arriving check failed'));
    if (etaDue) recomputeEtas(riderId, fix, onArriving).catch((e) => logger.error({ err: e, riderId }, 'eta pass failed'));
  });
  return answer;
}

/** Test and bench helper: forget the per-process caches (home facilities). */
export function forgetRiderHomes(): void { homes.clear(); }
