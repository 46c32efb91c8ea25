import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isValidTimeZone,
  localDateOf,
  localToInstant,
  offsetAt,
  parseLocalDate,
  weekdayOf,
} from './zoned-time';

describe('zoned-time', () => {
  it('Shanghai is UTC+8 all year', () => {
    expect(offsetAt(Date.parse('2026-01-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(offsetAt(Date.parse('2026-07-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(localToInstant('2026-11-23', 0, 'Asia/Shanghai')).toBe(Date.parse('2026-11-22T16:00:00Z'));
  });

  it('local date differs from the UTC date around midnight', () => {
    expect(localDateOf(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(localDateOf(new Date('2026-11-22T16:30:00Z'), 'UTC')).toBe('2026-11-22');
  });

  it('resolves DST gaps forward and overlaps to the earlier instant (America/New_York)', () => {
    // 2026-03-08 02:30 does not exist → 03:30 EDT = 07:30Z
    expect(new Date(localToInstant('2026-03-08', 150, 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 2026-11-01 01:30 happens twice → first (EDT) = 05:30Z
    expect(new Date(localToInstant('2026-11-01', 90, 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // minute 1440 = next midnight
    expect(localToInstant('2026-11-01', 1440, 'America/New_York')).toBe(localToInstant('2026-11-02', 0, 'America/New_York'));
  });

  it('date arithmetic and validation', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-11-23', '2027-11-23')).toBe(365);
    expect(daysBetween('2026-11-23', '2026-11-20')).toBe(-3);
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(() => parseLocalDate('2026-02-29')).toThrow(RangeError);
    expect(() => parseLocalDate('2026-1-1')).toThrow(RangeError);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Asia/Atlantis')).toBe(false);
  });
});
