/**
 * The checks every rider fix goes through, as a pure function (no clock, no database): the
 * caller gives the server time, the network's extent and the rider's previous accepted fix.
 * A flagged fix is stored with its flag and otherwise ignored: it never moves the latest
 * position, an ETA or `arriving`.
 */
import { haversineM, insideExtent, type NetworkExtent } from '../../geo';

export const POSITION_FLAGS = ['future_time', 'impossible_jump', 'outside_network', 'low_accuracy'] as const;
export type PositionFlag = (typeof POSITION_FLAGS)[number];

/** A fix as checked: WGS-84, device time in epoch ms; accuracy null when the client did not say. */
export interface Fix { at: number; lat: number; lng: number; accuracyM: number | null }

export interface CheckLimits {
  /** Device time may run this far ahead of the server clock (ms). */
  maxFutureMs: number;
  /** Fastest believable movement between two fixes (m/s). */
  maxSpeedMps: number;
  /** Worst accepted accuracy (m). */
  maxAccuracyM: number;
}

export interface CheckResult {
  /** Per fix, in the order given: null = accepted. */
  flags: Array<PositionFlag | null>;
  /** Index of the accepted fix that becomes the rider's latest (newer than `prev`), if any. */
  latest: number | null;
}

/**
 * Checks a batch against the rider's previous accepted fix. The batch is walked in device-time
 * order (an offline stretch may arrive shuffled), each fix against the accepted fix before it.
 * A jump is impossible when the distance exceeds what `maxSpeedMps` covers in the time between
 * plus both fixes' accuracy radii (two honest fixes may each be off by their accuracy).
 * One flag per fix, the first that applies in the order: future_time, low_accuracy,
 * outside_network, impossible_jump — a fix already known bad is not used to judge a jump.
 */
export function checkFixes(prev: Fix | null, fixes: readonly Fix[], ctx: { now: number; extent: NetworkExtent | null; limits: CheckLimits }): CheckResult {
  const { now, extent, limits } = ctx;
  const flags: Array<PositionFlag | null> = new Array(fixes.length).fill(null);
  const order = fixes.map((_, i) => i).sort((a, b) => fixes[a].at - fixes[b].at || a - b);
  let last = prev;
  let latest: number | null = null;
  for (const i of order) {
    const f = fixes[i];
    let flag: PositionFlag | null = null;
    if (f.at - now > limits.maxFutureMs) flag = 'future_time';
    else if (f.accuracyM !== null && f.accuracyM > limits.maxAccuracyM) flag = 'low_accuracy';
    // No network imported: nothing to compare with, so no fix is called outside it.
    else if (extent && !insideExtent(extent, f)) flag = 'outside_network';
    else if (last) {
      const dt = Math.abs(f.at - last.at) / 1000;
      const slack = (f.accuracyM ?? 0) + (last.accuracyM ?? 0);
      if (haversineM(last, f) > limits.maxSpeedMps * dt + slack) flag = 'impossible_jump';
    }
    flags[i] = flag;
    if (flag) continue;
    if (!last || f.at >= last.at) { last = f; if (!prev || f.at > prev.at) latest = i; }
  }
  return { flags, latest };
}
