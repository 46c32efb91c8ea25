import { describe, expect, it } from 'vitest';
import type { LogReading } from '../log/canonical';
import { recordFigures } from './figures';

const T0 = Date.UTC(2026, 11, 5, 8, 0, 0);
const MIN = 60_000;
const LIMITS = { low: 2, high: 8, freezeLimit: 0, sampleIntervalMs: MIN, maxHoldMs: 60 * MIN };
const at = (min: number, t: number, boxId = 'box_a'): LogReading => ({
  boxId, fw: '1.0.0', seq: min, readingIndex: 0, ts: T0 + min * MIN, receivedAt: T0 + min * MIN + 500, probes: [t], rh: null, door: false, batt: null, hist: false,
});

describe('record figures', () => {
  it('USP 1079.2 worked example 1 (5, 6, 12, 5 °C at equal intervals) gives MKT 7.56 °C on the record', () => {
    // hourly samples: each holds one hour, the last one its sampling interval
    const f = recordFigures([at(0, 5), at(60, 6), at(120, 12), at(180, 5)], { ...LIMITS, sampleIntervalMs: 60 * MIN }, { gapLimitMs: 120 * MIN, stabilityBudgetMs: null });
    expect(f.mktC).toBeCloseTo(7.56, 2);
    expect([f.minC, f.maxC]).toEqual([5, 12]);
  });

  it('single-event longest and cumulative out-of-range time: two excursions of 3 and 5 min', () => {
    const temps = [5, 9, 9, 9, 5, 5, 10, 10, 10, 10, 10, 5];
    const f = recordFigures(temps.map((t, i) => at(i, t)), LIMITS, { gapLimitMs: 5 * MIN, stabilityBudgetMs: 6 * MIN });
    expect(f.timeOutOfRangeMs).toBe(8 * MIN);
    expect(f.longestExcursionMs).toBe(5 * MIN);
    expect(f.stabilityBudget).toEqual({ budgetMs: 6 * MIN, usedMs: 8 * MIN, remainingMs: -2 * MIN });
  });

  it('the budget is spent across legs: readings of two boxes (a handover) count together, in event-time order', () => {
    const leg1 = [at(0, 5), at(1, 9), at(2, 5)];
    const leg2 = [at(3, 5, 'box_b'), at(4, 9, 'box_b'), at(5, 9, 'box_b'), at(6, 5, 'box_b')];
    // chain order (arrival) is not event order: the second box's buffer arrived first
    const f = recordFigures([...leg2, ...leg1], LIMITS, { gapLimitMs: 5 * MIN, stabilityBudgetMs: 10 * MIN });
    expect(f.timeOutOfRangeMs).toBe(3 * MIN);
    expect(f.stabilityBudget?.remainingMs).toBe(7 * MIN);
    expect(f.longestExcursionMs).toBe(2 * MIN);
  });

  it('largest gap and gaps over the limit include the custody edges', () => {
    const f = recordFigures([at(2, 5), at(3, 5), at(12, 5)], LIMITS, { from: T0, to: T0 + 20 * MIN, gapLimitMs: 5 * MIN, stabilityBudgetMs: null });
    expect(f.largestGapMs).toBe(9 * MIN);
    expect(f.gapsOverLimit).toBe(2); // 3→12 min and 12→20 min
    expect(f.stabilityBudget).toBeNull();
  });

  it('an open excursion lasts until the custody end (or now)', () => {
    const f = recordFigures([at(0, 5), at(1, 11)], LIMITS, { to: T0 + 10 * MIN, gapLimitMs: 60 * MIN, stabilityBudgetMs: null });
    expect(f.longestExcursionMs).toBe(9 * MIN);
    expect(f.timeOutOfRangeMs).toBe(9 * MIN);
  });
});
