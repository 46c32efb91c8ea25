/**
 * Single-event excursion rules (COMPLIANCE D.41): an alarm once a violation has lasted
 * continuously for ≥ delay; the counter resets as soon as a reading is back in range. Shaped
 * after Traccar's OverspeedProcessor: the state remembers when the violation began.
 */
import { makeEvent } from './events';
import type { AlarmProfile } from './profile';
import type { EvalReading, RuleCtx, RuleResult } from './types';
import { coldest, warmest } from './types';

export interface SingleEventState {
  /** ts of the first reading of the current continuous violation, null when in range */
  since: number | null;
  raised: boolean;
  /** worst value seen during the current violation, °C */
  peak: number | null;
}

export const emptySingleEvent = (): SingleEventState => ({ since: null, raised: false, peak: null });

interface SingleEventRule {
  type: 'TEMP_HIGH' | 'TEMP_LOW' | 'FREEZE';
  /** limit, or null when the profile switches the rule off */
  limit(p: AlarmProfile): number | null;
  delayMs(p: AlarmProfile): number;
  value(r: EvalReading): number;
  violates(value: number, limit: number): boolean;
  worse(a: number, b: number): number;
}

/** Above high: the warmest probe, strictly above (the range 2–8 °C includes 8.0). */
export const TEMP_HIGH_RULE: SingleEventRule = {
  type: 'TEMP_HIGH', limit: (p) => p.high, delayMs: (p) => p.highDelayMs, value: warmest,
  violates: (v, l) => v > l, worse: Math.max,
};
/** Below low: the coldest probe, strictly below. */
export const TEMP_LOW_RULE: SingleEventRule = {
  type: 'TEMP_LOW', limit: (p) => p.low, delayMs: (p) => p.lowDelayMs, value: coldest,
  violates: (v, l) => v < l, worse: Math.min,
};
/** At or below the freeze limit (≤ 0 °C for chilled), the coldest probe. */
export const FREEZE_RULE: SingleEventRule = {
  type: 'FREEZE', limit: (p) => p.freezeLimit, delayMs: (p) => p.freezeDelayMs, value: coldest,
  violates: (v, l) => v <= l, worse: Math.min,
};

/**
 * Advances one single-event rule by one reading (readings must come in ts order).
 * During the ignore period the violation is tracked but not raised; the delay then counts from
 * the end of the ignore period, so a box still warm after start-up alarms `delay` later.
 */
export function updateSingleEvent(
  rule: SingleEventRule,
  state: SingleEventState,
  r: EvalReading,
  p: AlarmProfile,
  ctx: RuleCtx,
): RuleResult<SingleEventState> {
  const limit = rule.limit(p);
  if (limit === null) return { state, events: [] };
  const v = rule.value(r);
  if (!rule.violates(v, limit)) {
    if (!state.raised) return { state: emptySingleEvent(), events: [] };
    const details = { since: state.since, durationMs: r.ts - (state.since ?? r.ts), peak: state.peak, value: v, limit };
    return { state: emptySingleEvent(), events: [makeEvent(rule.type, 'clear', r.ts, p, details)] };
  }
  const since = state.since ?? r.ts;
  const peak = state.peak === null ? v : rule.worse(state.peak, v);
  const next: SingleEventState = { since, raised: state.raised, peak };
  if (state.raised || r.ts < ctx.mutedUntil) return { state: next, events: [] };
  const countFrom = Math.max(since, ctx.mutedUntil);
  if (r.ts - countFrom < rule.delayMs(p)) return { state: next, events: [] };
  next.raised = true;
  const details = { since, durationMs: r.ts - since, delayMs: rule.delayMs(p), value: v, peak, limit };
  return { state: next, events: [makeEvent(rule.type, 'raise', r.ts, p, details)] };
}

export const updateTempHigh = (s: SingleEventState, r: EvalReading, p: AlarmProfile, c: RuleCtx) => updateSingleEvent(TEMP_HIGH_RULE, s, r, p, c);
export const updateTempLow = (s: SingleEventState, r: EvalReading, p: AlarmProfile, c: RuleCtx) => updateSingleEvent(TEMP_LOW_RULE, s, r, p, c);
export const updateFreeze = (s: SingleEventState, r: EvalReading, p: AlarmProfile, c: RuleCtx) => updateSingleEvent(FREEZE_RULE, s, r, p, c);
