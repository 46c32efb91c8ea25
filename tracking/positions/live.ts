/**
 * What every API process must see about a rider at once, kept in Redis: the latest accepted
 * fix (one hash, field = rider id), the "at most every N seconds" locks (SET NX PX: the first
 * process to set the key does the work; the key expiring re-opens it), the rider's remaining
 * delivery stops as of the last ETA pass (for `arriving`), and the once-per-shipment marks.
 */
import type { Redis } from 'ioredis';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';
import { redisConnection } from '../../platform/queue/queue';

/** The latest accepted fix of a rider (WGS-84; `at` device time, epoch ms). */
export interface LatestFix {
  at: number;
  lat: number;
  lng: number;
  accuracyM: number | null;
  speedMps: number | null;
  headingDeg: number | null;
  /** When the API received the batch (epoch ms). */
  receivedAt: number;
}

/** A remaining delivery stop as the last ETA pass saw it. */
export interface StopContext { planId: string | null; stops: Array<{ shipmentId: string; lat: number; lng: number; inTransit: boolean }> }

let conn: Redis | undefined;
export function liveRedis(): Redis {
  conn ??= redisConnection();
  return conn;
}
export async function closeLive(): Promise<void> {
  const c = conn;
  conn = undefined;
  await c?.quit().catch(() => undefined);
}

const prefix = () => `${getKey(keys.queuePrefix)}:tracking`;
export const liveKeys = {
  latest: () => `${prefix()}:latest`,
  stops: (riderId: string) => `${prefix()}:stops:${riderId}`,
  etaLock: (riderId: string) => `${prefix()}:eta-lock:${riderId}`,
  writeThrough: (riderId: string) => `${prefix()}:wt-lock:${riderId}`,
  arriving: (shipmentId: string) => `${prefix()}:arriving:${shipmentId}`,
};

/**
 * Sets a rider's latest fix unless Redis already holds a newer one (two API processes may
 * handle the same rider's batches at once; the older must not win). ARGV: rider, at, json.
 */
export const SET_IF_NEWER = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur then
  local ok, c = pcall(cjson.decode, cur)
  if ok and tonumber(c.at) >= tonumber(ARGV[2]) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`;

export function parseLatest(raw: string | null | undefined): LatestFix | null {
  if (!raw) return null;
  try { return JSON.parse(raw) as LatestFix; } catch { return null; }
}

/** The latest accepted position of a rider, from any process; null when none was received. */
export async function latestPosition(riderId: string): Promise<LatestFix | null> {
  return parseLatest(await liveRedis().hget(liveKeys.latest(), riderId));
}

/** Rounding of the customer's view: 0.001° is 111 m of latitude and ~100 m of longitude here. */
const COARSE_DEG = 0.001;

/**
 * The rider's latest position rounded to a ~100 m grid, for the customer's tracking page
 * (the page calls it only while the shipment is in transit). No speed, heading or accuracy.
 */
export async function coarsePosition(riderId: string): Promise<{ lat: number; lng: number; at: string } | null> {
  const p = await latestPosition(riderId);
  if (!p) return null;
  const round = (v: number) => Number((Math.round(v / COARSE_DEG) * COARSE_DEG).toFixed(3));
  return { lat: round(p.lat), lng: round(p.lng), at: new Date(p.at).toISOString() };
}
