import { describe, expect, it } from 'vitest';
import { precoolRule } from './precool';

const MIN = 60_000;
const now = Date.parse('2026-07-01T10:00:00Z');
const opts = { now, minutes: 30, sampleIntervalS: 60, low: 2, high: 8 };
/** Readings every minute from `fromMin` minutes ago to `toMin` minutes ago at `t` °C. */
const series = (fromMin: number, toMin: number, t: number) => Array.from({ length: fromMin - toMin + 1 }, (_, i) => ({ ts: now - (fromMin - i) * MIN, t: [t] }));

describe('pre-cool rule', () => {
  it('is ready after its pre-cool minutes in range, up to now', () => {
    expect(precoolRule(series(40, 0, 5), opts)).toMatchObject({ ready: true });
  });
  it('says how long is left when the box has been cold for less than its minutes', () => {
    const r = precoolRule([...series(40, 21, 15), ...series(20, 0, 5)], opts);
    expect(r).toMatchObject({ ready: false, reason: 'out_of_range' });
    expect(precoolRule(series(20, 0, 5), opts)).toMatchObject({ ready: false, reason: 'not_long_enough' });
    expect(!precoolRule(series(20, 0, 5), opts).ready && (precoolRule(series(20, 0, 5), opts) as { message: string }).message).toContain('20 of the 30 minutes');
  });
  it('refuses a box with no readings, a silent box and a gap in its pre-cool time', () => {
    expect(precoolRule([], opts)).toMatchObject({ ready: false, reason: 'no_readings' });
    expect(precoolRule(series(60, 5, 5), opts)).toMatchObject({ ready: false, reason: 'stale' });
    expect(precoolRule([...series(60, 20, 5), ...series(10, 0, 5)], opts)).toMatchObject({ ready: false, reason: 'gap' });
  });
  it('counts every probe: one warm probe is out of range', () => {
    const rs = series(40, 0, 5).map((r, i) => (i === 30 ? { ...r, t: [5, 9.5] } : { ...r, t: [5, 5] }));
    expect(precoolRule(rs, opts)).toMatchObject({ ready: false, reason: 'out_of_range' });
  });
  it('ignores an excursion that ended before the window', () => {
    expect(precoolRule([...series(60, 35, 12), ...series(34, 0, 4)], opts)).toMatchObject({ ready: true });
  });
});
