/**
 * Cumulative time out of range per shipment (COMPLIANCE D.41: never resets) and the SKU
 * stability budget shared across legs (D.50). Neither alarm ever clears within the shipment.
 *
 * Time accounting: a reading's value holds until the next reading. After an out-of-range
 * reading the whole interval to the next one counts as out of range, however long (the product
 * was last seen out of range, so a gap is charged conservatively); after an in-range reading the
 * part of the interval beyond maxHoldMs is counted as unmonitored instead.
 */
import { makeEvent } from './events';
import type { AlarmProfile } from './profile';
import type { EvalReading, RuleCtx, RuleResult } from './types';
import { coldest, warmest } from './types';

export interface CumulativeState {
  lastTs: number | null;
  lastOut: boolean;
  /** out-of-range time this shipment, ms */
  outMs: number;
  /** in-range time not covered by a reading (beyond maxHoldMs), ms */
  unmonitoredMs: number;
  /** budget already used by earlier legs (store, other boxes), ms */
  priorBudgetUsedMs: number;
  raised: boolean;
  budgetRaised: boolean;
}

export const emptyCumulative = (priorBudgetUsedMs = 0): CumulativeState => ({
  lastTs: null, lastOut: false, outMs: 0, unmonitoredMs: 0, priorBudgetUsedMs, raised: false, budgetRaised: false,
});

/** Out of [low, high] on any probe. */
export const isOutOfRange = (r: EvalReading, p: AlarmProfile): boolean => warmest(r) > p.high || coldest(r) < p.low;

/** Budget left, ms (negative = exceeded → quarantine), or null when the SKU has no budget. */
export function budgetRemainingMs(s: CumulativeState, p: AlarmProfile): number | null {
  return p.stabilityBudgetMs === null ? null : p.stabilityBudgetMs - s.priorBudgetUsedMs - s.outMs;
}

/** Advances the cumulative counter and the budget by one reading (ts order). */
export function updateCumulative(state: CumulativeState, r: EvalReading, p: AlarmProfile, ctx: RuleCtx): RuleResult<CumulativeState> {
  const next = { ...state };
  if (state.lastTs !== null) {
    const dt = Math.max(0, r.ts - state.lastTs);
    if (state.lastOut) next.outMs += dt;
    else next.unmonitoredMs += Math.max(0, dt - p.maxHoldMs);
  }
  next.lastTs = r.ts;
  next.lastOut = isOutOfRange(r, p);
  const events = [];
  const muted = r.ts < ctx.mutedUntil;
  if (!muted && !next.raised && p.cumulativeLimitMs !== null && next.outMs >= p.cumulativeLimitMs) {
    next.raised = true;
    events.push(makeEvent('CUMULATIVE', 'raise', r.ts, p, { outMs: next.outMs, limitMs: p.cumulativeLimitMs }));
  }
  const remaining = budgetRemainingMs(next, p);
  if (!muted && !next.budgetRaised && remaining !== null && remaining < 0) {
    next.budgetRaised = true;
    events.push(
      makeEvent('BUDGET_EXCEEDED', 'raise', r.ts, p, {
        outMs: next.outMs, priorBudgetUsedMs: next.priorBudgetUsedMs, budgetMs: p.stabilityBudgetMs, remainingMs: remaining,
      }),
    );
  }
  return { state: next, events };
}
