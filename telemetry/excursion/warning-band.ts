/**
 * Warning band (COMPLIANCE A.4): thresholds inside the alarm limits, no delay, so on a drift the
 * warning always fires before the alarm. "Reached" counts: t ≥ warnHigh, t ≤ warnLow.
 */
import { makeEvent } from './events';
import type { AlarmProfile } from './profile';
import type { EvalReading, RuleCtx, RuleResult } from './types';
import { coldest, warmest } from './types';

export interface WarningBandState {
  high: boolean;
  low: boolean;
}

export const emptyWarningBand = (): WarningBandState => ({ high: false, low: false });

/** Advances WARN_HIGH / WARN_LOW by one reading; muted (not raised) during the ignore period. */
export function updateWarningBand(state: WarningBandState, r: EvalReading, p: AlarmProfile, ctx: RuleCtx): RuleResult<WarningBandState> {
  const events = [];
  const muted = r.ts < ctx.mutedUntil;
  const next = { ...state };
  const hi = warmest(r);
  const inHigh = p.warnHigh !== null && hi >= p.warnHigh;
  if (inHigh && !state.high && !muted) {
    next.high = true;
    events.push(makeEvent('WARN_HIGH', 'raise', r.ts, p, { value: hi, threshold: p.warnHigh }));
  } else if (!inHigh && state.high) {
    next.high = false;
    events.push(makeEvent('WARN_HIGH', 'clear', r.ts, p, { value: hi, threshold: p.warnHigh }));
  }
  const lo = coldest(r);
  const inLow = p.warnLow !== null && lo <= p.warnLow;
  if (inLow && !state.low && !muted) {
    next.low = true;
    events.push(makeEvent('WARN_LOW', 'raise', r.ts, p, { value: lo, threshold: p.warnLow }));
  } else if (!inLow && state.low) {
    next.low = false;
    events.push(makeEvent('WARN_LOW', 'clear', r.ts, p, { value: lo, threshold: p.warnLow }));
  }
  return { state: next, events };
}
