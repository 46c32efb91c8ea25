/**
 * Every rule on timestamped sequences (minutes from T0, one reading per minute unless stated),
 * fed through the engine one message at a time, as ingest would.
 */
import { describe, expect, it } from 'vitest';
import { summarize } from './engine';
import { linearTrend } from './predictive';
import { updateBattery } from './battery';
import { updateTempHigh, emptySingleEvent } from './single-event';
import { resolveProfile } from './profile';
import { at, chilled, hold, only, reading, run, MIN, RECIPIENTS } from './testing';
import type { Step } from './testing';

describe('single-event rules: fire only after the delay, clear on return, reset on a dip', () => {
  const cases: Array<[name: string, steps: Step[], types: Parameters<typeof only>[1][], expected: string[]]> = [
    ['TEMP_HIGH after 15 min continuously above 8 °C', [{ m: 0, t: 5 }, ...hold(1, 16, 9), { m: 17, t: 5 }], ['TEMP_HIGH'], ['16 TEMP_HIGH raise', '17 TEMP_HIGH clear']],
    ['14 min above 8 °C (m1..m15) is not enough', [{ m: 0, t: 5 }, ...hold(1, 15, 9), { m: 16, t: 5 }], ['TEMP_HIGH'], []],
    ['a single in-range reading resets the counter', [...hold(1, 14, 9), { m: 15, t: 7.9 }, ...hold(16, 31, 9)], ['TEMP_HIGH'], ['31 TEMP_HIGH raise']],
    ['8.0 °C is inside 2–8 °C', hold(0, 40, 8), ['TEMP_HIGH', 'CUMULATIVE'], []],
    ['warmest probe decides the high side', hold(0, 15, [5, 8.5]), ['TEMP_HIGH'], ['15 TEMP_HIGH raise']],
    ['TEMP_LOW after 10 min below 2 °C', [{ m: 0, t: 3 }, ...hold(1, 12, 1.5), { m: 13, t: 3 }], ['TEMP_LOW'], ['11 TEMP_LOW raise', '13 TEMP_LOW clear']],
    ['coldest probe decides the low side', hold(0, 10, [1.9, 6]), ['TEMP_LOW'], ['10 TEMP_LOW raise']],
    ['FREEZE at ≤0 °C after 5 min, before TEMP_LOW', [{ m: 0, t: 3 }, ...hold(1, 12, -0.5), { m: 13, t: 3 }], ['FREEZE', 'TEMP_LOW'], ['6 FREEZE raise', '11 TEMP_LOW raise', '13 FREEZE clear', '13 TEMP_LOW clear']],
    ['exactly 0.0 °C is freezing', hold(0, 5, 0), ['FREEZE'], ['5 FREEZE raise']],
    ['0.1 °C is not freezing', hold(0, 9, 0.1), ['FREEZE'], []],
    ['FREEZE clears as soon as above 0 °C, TEMP_LOW stays', [...hold(0, 6, -1), ...hold(7, 12, 1)], ['FREEZE', 'TEMP_LOW'], ['5 FREEZE raise', '7 FREEZE clear', '10 TEMP_LOW raise']],
  ];
  it.each(cases)('%s', (_n, steps, types, expected) => {
    expect(only(run(steps, chilled()).events, ...types)).toEqual(expected);
  });

  it('frozen class: −25..−15 °C, no freeze rule, TEMP_HIGH after 15 min above −15 °C', () => {
    const res = resolveProfile('frozen', { facility: { recipients: [...RECIPIENTS], ignorePeriodMs: 0, prediction: { enabled: false } } });
    if (!res.ok) throw new Error(res.issues.join());
    const ev = only(run([...hold(0, 5, -20), ...hold(6, 21, -14), { m: 22, t: -30 }], res.profile).events, 'TEMP_HIGH', 'TEMP_LOW', 'FREEZE', 'WARN_HIGH');
    expect(ev).toEqual(['6 WARN_HIGH raise', '21 TEMP_HIGH raise', '22 WARN_HIGH clear', '22 TEMP_HIGH clear']);
  });

  it('severity comes from the profile (per-SKU override)', () => {
    const ev = run([{ m: 0, t: 5 }, { m: 1, t: 9 }], chilled({ highDelayMs: 0, severity: { TEMP_HIGH: 'critical' } })).events;
    expect(ev.find((e) => e.type === 'TEMP_HIGH')?.severity).toBe('critical');
    expect(ev.find((e) => e.type === 'WARN_HIGH')?.severity).toBe('warning');
  });

  it('delay 0 fires on the first violating reading', () => {
    expect(only(run([{ m: 0, t: 5 }, { m: 1, t: 8.1 }], chilled({ highDelayMs: 0 })).events, 'TEMP_HIGH')).toEqual(['1 TEMP_HIGH raise']);
  });

  it('raise carries since, duration and peak', () => {
    const ev = run([{ m: 0, t: 5 }, ...hold(1, 10, 9), ...hold(11, 16, 10)], chilled()).events.find((e) => e.type === 'TEMP_HIGH');
    expect(ev).toMatchObject({ action: 'raise', severity: 'major', at: at(16), details: { since: at(1), durationMs: 15 * MIN, peak: 10, limit: 8 } });
  });

  it('the rule function is pure: the input state is not modified', () => {
    const s = emptySingleEvent();
    const frozen = JSON.stringify(s);
    updateTempHigh(s, reading({ m: 0, t: 9 }), chilled(), { mutedUntil: 0 });
    expect(JSON.stringify(s)).toBe(frozen);
  });
});

describe('warning band: no delay, WARN before ALARM', () => {
  it('on a slow drift from 5 to 9.5 °C WARN_HIGH fires at 7.5 °C, TEMP_HIGH 15 min after 8 °C', () => {
    // +0.25 °C/min: 7.5 °C at m10, first >8 °C at m13 (8.25), alarm at m28
    const steps = Array.from({ length: 31 }, (_, m) => ({ m, t: Math.min(9.5, 5 + 0.25 * m) }));
    const ev = only(run(steps, chilled()).events, 'WARN_HIGH', 'TEMP_HIGH');
    expect(ev).toEqual(['10 WARN_HIGH raise', '28 TEMP_HIGH raise']);
  });
  it('a jump straight past both thresholds still emits WARN first (delay 0 alarm)', () => {
    const ev = only(run([{ m: 0, t: 5 }, { m: 1, t: 12 }], chilled({ highDelayMs: 0 })).events, 'WARN_HIGH', 'TEMP_HIGH');
    expect(ev).toEqual(['1 WARN_HIGH raise', '1 TEMP_HIGH raise']);
  });
  const cases: Array<[string, Step[], string[]]> = [
    ['7.5 reached → raise, 7.4 → clear', [{ m: 0, t: 7.4 }, { m: 1, t: 7.5 }, { m: 2, t: 7.4 }], ['1 WARN_HIGH raise', '2 WARN_HIGH clear']],
    ['2.5 reached → WARN_LOW', [{ m: 0, t: 3 }, { m: 1, t: 2.5 }, { m: 2, t: 2.6 }], ['1 WARN_LOW raise', '2 WARN_LOW clear']],
    ['stays raised while in band, no repeats', hold(0, 5, 7.8), ['0 WARN_HIGH raise']],
  ];
  it.each(cases)('%s', (_n, steps, expected) => expect(only(run(steps, chilled()).events, 'WARN_HIGH', 'WARN_LOW')).toEqual(expected));
});

describe('cumulative time out of range: accumulates across violations, never resets', () => {
  it('three 11-min excursions (each below the 15-min single delay) trip the 30-min cumulative limit', () => {
    const steps = [
      ...hold(0, 0, 5), ...hold(1, 11, 9), ...hold(12, 19, 5), // out m1→m12: 11 min
      ...hold(20, 30, 9), ...hold(31, 39, 5), // 11 min → 22
      ...hold(40, 50, 9), ...hold(51, 60, 5), // 22 + 8 = 30 at m48
    ];
    const { events, state } = run(steps, chilled());
    expect(only(events, 'TEMP_HIGH', 'CUMULATIVE')).toEqual(['48 CUMULATIVE raise']);
    expect(summarize(state, chilled()).outOfRangeMs).toBe(33 * MIN);
  });
  it('counts low and high time together', () => {
    const steps = [...hold(0, 10, 1.5), ...hold(11, 11, 5), ...hold(12, 35, 8.5), { m: 36, t: 5 }];
    // low: m0→m11 = 11 min (TEMP_LOW at m10), high from m12: 19 more at m31
    expect(only(run(steps, chilled()).events, 'CUMULATIVE', 'TEMP_LOW')).toEqual(['10 TEMP_LOW raise', '11 TEMP_LOW clear', '31 CUMULATIVE raise']);
  });
  it('after an out-of-range reading a gap is charged as out of range; after an in-range one it is unmonitored', () => {
    const { state } = run([{ m: 0, t: 9 }, { m: 20, t: 5 }, { m: 40, t: 5 }], chilled());
    expect(summarize(state, chilled())).toMatchObject({ outOfRangeMs: 20 * MIN, unmonitoredMs: 15 * MIN });
  });
  it('stability budget: prior legs count, BUDGET_EXCEEDED once remaining < 0', () => {
    const p = chilled({ stabilityBudgetMs: 20 * MIN });
    const { events, state } = run([{ m: 0, t: 5 }, ...hold(1, 8, 9)], p, { priorBudgetUsedMs: 15 * MIN });
    // out from m1: 5 min at m6 → remaining 0 (not yet), 6 min at m7 → −1 min
    expect(only(events, 'BUDGET_EXCEEDED')).toEqual(['7 BUDGET_EXCEEDED raise']);
    expect(events.find((e) => e.type === 'BUDGET_EXCEEDED')?.severity).toBe('critical');
    expect(summarize(state, p).budgetRemainingMs).toBe(-2 * MIN);
  });
});

describe('start-up ignore period (10 min after pairing)', () => {
  const p = chilled({}, { ignorePeriodMs: 10 * MIN });
  it('mutes alarms, the delay counts from the end of the period, cumulative counts from pairing', () => {
    const { events, state } = run(hold(0, 30, 12), p);
    expect(only(events, 'WARN_HIGH', 'TEMP_HIGH', 'CUMULATIVE')).toEqual(['10 WARN_HIGH raise', '25 TEMP_HIGH raise', '30 CUMULATIVE raise']);
    expect(summarize(state, p).outOfRangeMs).toBe(30 * MIN);
  });
  it('a box that cools down within the period raises nothing, but the time is recorded', () => {
    const { events, state } = run([...hold(0, 8, 12), ...hold(9, 30, 5)], p);
    expect(events.filter((e) => e.type !== 'DATA_GAP')).toEqual([]);
    expect(summarize(state, p).outOfRangeMs).toBe(9 * MIN);
  });
  it('does not mute door alarms', () => {
    expect(only(run([{ m: 2, t: 5, door: true }], p).events, 'DOOR_OPEN')).toEqual(['2 DOOR_OPEN raise']);
  });
});

describe('door', () => {
  const cases: Array<[string, Step[], string[]]> = [
    ['open mid-route → DOOR_OPEN at once, clear on close', [{ m: 0, t: 5, door: false }, { m: 5, t: 5, door: true }, { m: 6, t: 5, door: true }, { m: 7, t: 5, door: false }], ['5 DOOR_OPEN raise', '7 DOOR_OPEN clear']],
    ['open at pickup (expected) for 3 min → nothing', [0, 1, 2, 3].map((m) => ({ m, t: 5, door: true, ctx: { doorExpected: true } })).concat([{ m: 4, t: 5, door: false, ctx: { doorExpected: true } }]), []],
    ['open at handover for 6 min → raise at 5 min', hold(0, 6, 5, { door: true, ctx: { doorExpected: true } }), ['5 DOOR_OPEN raise']],
    ['opened at pickup, still open after leaving the geofence', [{ m: 0, t: 5, door: true, ctx: { doorExpected: true } }, { m: 1, t: 5, door: true, ctx: { doorExpected: false } }], ['1 DOOR_OPEN raise']],
    ['no door field → no opinion', [{ m: 0, t: 5, door: true }, { m: 1, t: 5 }, { m: 2, t: 5, door: false }], ['0 DOOR_OPEN raise', '2 DOOR_OPEN clear']],
  ];
  it.each(cases)('%s', (_n, steps, expected) => expect(only(run(steps, chilled()).events, 'DOOR_OPEN')).toEqual(expected));

  it('an open door never suppresses temperature evaluation', () => {
    const ev = only(run(hold(0, 15, 9, { door: true }), chilled()).events, 'DOOR_OPEN', 'TEMP_HIGH', 'WARN_HIGH');
    expect(ev).toEqual(['0 WARN_HIGH raise', '0 DOOR_OPEN raise', '15 TEMP_HIGH raise']);
  });
});

describe('low battery with hysteresis', () => {
  it.each([
    ['ok → low → critical → charging back', [25, 20, 22, 9, 14, 16, 26], ['1 raise minor', '3 clear minor', '3 raise major', '5 clear major', '5 raise minor', '6 clear minor']],
    ['hovering on 20 % does not flap', [21, 20, 21, 20, 24, 26], ['1 raise minor', '5 clear minor']],
    ['straight to critical', [50, 5], ['1 raise major']],
  ])('%s', (_n, levels, expected) => {
    const { events } = run(levels.map((batt, m) => ({ m, t: 5, batt })), chilled());
    expect(events.filter((e) => e.type === 'LOW_BATTERY').map((e) => `${(e.at - at(0)) / MIN} ${e.action} ${e.severity}`)).toEqual(expected);
  });
  it('no batt field changes nothing', () => {
    const s = { level: 'low' as const };
    expect(updateBattery(s, reading({ m: 0, t: 5 }), chilled()).state).toBe(s);
  });
});

describe('predictive pre-alarm', () => {
  const p = chilled({}, { prediction: { enabled: true, windowMs: 15 * MIN, minPoints: 5, minSpanMs: 5 * MIN, horizonMs: 30 * MIN } });
  it('a steady rise of 0.2 °C/min is predicted to cross 8 °C in 10 min at m5, clears when the trend recovers', () => {
    const steps = [...Array.from({ length: 6 }, (_, m) => ({ m, t: 5 + 0.2 * m })), ...hold(6, 25, 5)];
    const { events } = run(steps, p);
    // m6 (one reading back at 5 °C): slope 0.071 °C/min, 33 min to cross, inside the 37.5 min hysteresis;
    // m7: slope 0.0375 °C/min, 66 min → clear.
    expect(only(events, 'PREDICTED_EXCURSION')).toEqual(['5 PREDICTED_EXCURSION raise', '7 PREDICTED_EXCURSION clear']);
    expect(events.find((e) => e.type === 'PREDICTED_EXCURSION')?.details).toMatchObject({ side: 'high', minutesLeft: 10, slopeCPerMin: 0.2 });
  });
  it('respects the remaining ETA: delivered in 5 min → only once the crossing is <5 min away', () => {
    const steps = Array.from({ length: 15 }, (_, m) => ({ m, t: 5 + 0.2 * m, ctx: { remainingEtaMs: 5 * MIN } }));
    expect(only(run(steps, p).events, 'PREDICTED_EXCURSION')).toEqual(['11 PREDICTED_EXCURSION raise']);
  });
  it('says when the delivery is due next to when the limit will be passed: ETA 25 min ahead, crossing in 10', () => {
    const steps = Array.from({ length: 6 }, (_, m) => ({ m, t: 5 + 0.2 * m, ctx: { remainingEtaMs: (30 - m) * MIN } }));
    const raised = run(steps, p).events.find((e) => e.type === 'PREDICTED_EXCURSION');
    expect(raised?.details).toMatchObject({ side: 'high', minutesLeft: 10, dueInMinutes: 25, horizonMs: 25 * MIN });
    // Without an ETA the default horizon applies and no due time is claimed.
    expect(run(steps.map(({ m, t }) => ({ m, t })), p).events.find((e) => e.type === 'PREDICTED_EXCURSION')?.details).toMatchObject({ dueInMinutes: null, horizonMs: 30 * MIN });
  });
  it('hands over to the real rules once the limit is crossed', () => {
    const steps = Array.from({ length: 20 }, (_, m) => ({ m, t: 5 + 0.2 * m }));
    expect(only(run(steps, p).events, 'PREDICTED_EXCURSION')).toEqual(['5 PREDICTED_EXCURSION raise', '16 PREDICTED_EXCURSION clear']);
  });
  it('predicts the low side too', () => {
    const steps = Array.from({ length: 8 }, (_, m) => ({ m, t: 5 - 0.3 * m }));
    const ev = run(steps, p).events.filter((e) => e.type === 'PREDICTED_EXCURSION');
    expect(ev.map((e) => [(e.at - at(0)) / MIN, e.action, e.details.side])).toEqual([[5, 'raise', 'low']]);
  });
  it('flat or noisy-flat temperatures predict nothing', () => {
    const steps = Array.from({ length: 30 }, (_, m) => ({ m, t: 5 + (m % 2 ? 0.3 : -0.3) }));
    expect(only(run(steps, p).events, 'PREDICTED_EXCURSION')).toEqual([]);
  });
});

describe('linearTrend (least squares)', () => {
  it.each([
    ['exact line 0.2 °C/min', [[0, 5], [MIN, 5.2], [2 * MIN, 5.4], [3 * MIN, 5.6]], 0.2, 5.6],
    ['falling line', [[0, 5], [5 * MIN, 4]], -0.2, 4],
    ['noise around a flat line', [[0, 5.1], [MIN, 4.9], [2 * MIN, 5.1], [3 * MIN, 4.9], [4 * MIN, 5]], -0.02, 4.96],
  ] as Array<[string, Array<[number, number]>, number, number]>)('%s', (_n, pts, slope, now) => {
    const fit = linearTrend(pts)!;
    expect(fit.slopePerMin).toBeCloseTo(slope, 9);
    expect(fit.fittedNow).toBeCloseTo(now, 9);
  });
  it('needs two distinct times', () => {
    expect(linearTrend([[0, 5]])).toBeNull();
    expect(linearTrend([[0, 5], [0, 6]])).toBeNull();
  });
});
