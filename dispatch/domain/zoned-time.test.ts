import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOfDayNumber,
  dayNumberOfDate,
  daysBetween,
  isValidTimeZone,
  localDateOf,
  localDayNumberOf,
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

describe('zoned-time fast paths agree with Intl', () => {
  // Zones with DST (whole hour, Lord Howe's 30 minutes, Chatham's :45 offsets), fixed odd offsets
  // and no DST; windows of ±36 h around each 2026 transition (or an ordinary day), 5-minute steps.
  const windows: Array<[string, string[]]> = [
    ['America/New_York', ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z']],
    ['Europe/London', ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']],
    ['Australia/Lord_Howe', ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z']],
    ['Pacific/Chatham', ['2026-04-04T14:00:00Z', '2026-09-26T14:00:00Z']],
    ['America/St_Johns', ['2026-03-08T05:30:00Z', '2026-11-01T04:30:00Z']],
    ['Asia/Kathmandu', ['2026-06-30T18:15:00Z']],
    ['Asia/Shanghai', ['2026-11-22T16:00:00Z']],
    ['UTC', ['2026-12-31T23:59:59Z']],
  ];

  it('localDateOf and localDayNumberOf match a fresh formatter at every step', () => {
    let checked = 0;
    for (const [zone, centres] of windows) {
      const ref = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      for (const c of centres) {
        const mid = Date.parse(c);
        for (let t = mid - 36 * 3_600_000; t <= mid + 36 * 3_600_000; t += 5 * 60_000 - 1) {
          for (const x of [t, t + 1, t - 1]) {
            const want = ref.format(new Date(x));
            expect(localDateOf(x, zone), `${zone} ${new Date(x).toISOString()}`).toBe(want);
            expect(dateOfDayNumber(localDayNumberOf(x, zone))).toBe(want);
            expect(dayNumberOfDate(want)).toBe(localDayNumberOf(x, zone));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(30_000);
  });

  it('day numbers round-trip and step like addDays, also for years before 1970 and leap days', () => {
    for (const d of ['1969-12-31', '1970-01-01', '2028-02-29', '2026-12-31', '1900-03-01', '0099-06-15']) {
      expect(dateOfDayNumber(dayNumberOfDate(d))).toBe(d);
    }
    for (const d of ['2026-12-31', '2028-02-28', '2026-03-08']) {
      for (const k of [-400, -1, 0, 1, 366]) expect(dateOfDayNumber(dayNumberOfDate(d) + k)).toBe(addDays(d, k));
    }
    expect(() => dayNumberOfDate('2026-02-30')).toThrow(RangeError);
    expect(() => localDayNumberOf(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => localDateOf(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => localDateOf(0, 'Asia/Atlantis')).toThrow(RangeError);
    // Outside the fast path's range: the formatter answers, as before.
    expect(localDateOf(Date.parse('1901-06-01T00:00:00Z'), 'Asia/Shanghai')).toBe('1901-06-01');
  });
});
