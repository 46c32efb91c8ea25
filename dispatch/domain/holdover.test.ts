import { describe, expect, it } from 'vitest';
import { holdoverAt } from './holdover';

const table = [{ ambientC: 10, minutes: 480 }, { ambientC: 25, minutes: 360 }, { ambientC: 35, minutes: 240 }];

describe('holdoverAt', () => {
  it('returns a qualified point exactly', () => {
    expect(holdoverAt(table, 25)).toEqual({ minutes: 360, beyondQualification: false });
    expect(holdoverAt(table, 35)).toEqual({ minutes: 240, beyondQualification: false });
  });
  it('interpolates linearly between points, rounding down', () => {
    expect(holdoverAt(table, 30)).toEqual({ minutes: 300, beyondQualification: false });
    // 25 → 35 loses 12 min per °C: 28.5 °C → 360 − 42 = 318
    expect(holdoverAt(table, 28.5)).toEqual({ minutes: 318, beyondQualification: false });
    // 10 → 25 loses 8 min per °C: 11.1 °C → 471.2 → 471
    expect(holdoverAt(table, 11.1).minutes).toBe(471);
  });
  it('uses the lowest point below the table', () => {
    expect(holdoverAt(table, -5)).toEqual({ minutes: 480, beyondQualification: false });
  });
  it('clamps above the table and flags beyond_qualification instead of extrapolating', () => {
    expect(holdoverAt(table, 38)).toEqual({ minutes: 240, beyondQualification: true });
  });
  it('works with a one-point table', () => {
    expect(holdoverAt([{ ambientC: 25, minutes: 200 }], 20)).toEqual({ minutes: 200, beyondQualification: false });
    expect(holdoverAt([{ ambientC: 25, minutes: 200 }], 26)).toEqual({ minutes: 200, beyondQualification: true });
  });
  it('refuses an empty table or a non-number ambient', () => {
    expect(() => holdoverAt([], 20)).toThrow(/empty/);
    expect(() => holdoverAt(table, Number.NaN)).toThrow(/not a number/);
  });
});
