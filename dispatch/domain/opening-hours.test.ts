import { describe, expect, it } from 'vitest';
import {
  isOpenAt,
  nextClosing,
  nextOpening,
  opensInTime,
  OpeningHoursSchema,
  parseOpeningHours,
  spansOpeningOn,
  type OpeningHours,
} from './opening-hours';
import { addDays } from './zoned-time';

const at = (iso: string) => new Date(iso);

// 2026-11-23 is a Monday.
const standardStore = parseOpeningHours({
  weekly: {
    mon: [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '22:00' }],
    tue: [{ open: '08:00', close: '22:00' }],
    wed: [{ open: '08:00', close: '22:00' }],
    thu: [{ open: '08:00', close: '22:00' }],
    fri: [{ open: '08:00', close: '22:00' }],
    sat: [{ open: '09:00', close: '02:00' }], // overnight into Sunday
    sun: [],
  },
  exceptions: [{ date: '2026-11-25', closed: true, note: 'stocktake' }],
});

describe('opening hours schema', () => {
  it('defaults the zone to Asia/Shanghai and empty days', () => {
    const h = parseOpeningHours({});
    expect(h.timeZone).toBe('Asia/Shanghai');
    expect(h.weekly.mon).toEqual([]);
    expect(h.alwaysOpen).toBe(false);
  });

  it('rejects bad times, equal open/close, unknown zones, duplicate exceptions and unknown keys', () => {
    expect(OpeningHoursSchema.safeParse({ weekly: { mon: [{ open: '8:00', close: '12:00' }] } }).success).toBe(false);
    expect(OpeningHoursSchema.safeParse({ weekly: { mon: [{ open: '24:00', close: '12:00' }] } }).success).toBe(false);
    expect(OpeningHoursSchema.safeParse({ weekly: { mon: [{ open: '09:00', close: '09:00' }] } }).success).toBe(false);
    expect(OpeningHoursSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(
      OpeningHoursSchema.safeParse({
        exceptions: [
          { date: '2026-10-01', closed: true },
          { date: '2026-10-01', intervals: [{ open: '10:00', close: '12:00' }] },
        ],
      }).success,
    ).toBe(false);
    expect(OpeningHoursSchema.safeParse({ weekly: { monday: [] } }).success).toBe(false);
    expect(OpeningHoursSchema.safeParse({ exceptions: [{ date: '2026-02-30', closed: true }] }).success).toBe(false);
  });
});

describe('isOpenAt (Asia/Shanghai, UTC+8)', () => {
  it('handles several intervals on one day, half-open at the close', () => {
    // Monday 2026-11-23, local = UTC+8
    expect(isOpenAt(standardStore, at('2026-11-23T07:59:00+08:00'))).toBe(false);
    expect(isOpenAt(standardStore, at('2026-11-23T08:00:00+08:00'))).toBe(true);
    expect(isOpenAt(standardStore, at('2026-11-23T12:00:00+08:00'))).toBe(false); // lunch break
    expect(isOpenAt(standardStore, at('2026-11-23T14:30:00+08:00'))).toBe(true);
    expect(isOpenAt(standardStore, at('2026-11-23T22:00:00+08:00'))).toBe(false);
  });

  it('an overnight Saturday interval runs into Sunday, which has no own hours', () => {
    expect(isOpenAt(standardStore, at('2026-11-28T23:30:00+08:00'))).toBe(true);
    expect(isOpenAt(standardStore, at('2026-11-29T01:59:00+08:00'))).toBe(true);
    expect(isOpenAt(standardStore, at('2026-11-29T02:00:00+08:00'))).toBe(false);
    expect(isOpenAt(standardStore, at('2026-11-29T10:00:00+08:00'))).toBe(false);
  });

  it('a closed exception date overrides the weekly schedule', () => {
    expect(isOpenAt(standardStore, at('2026-11-25T10:00:00+08:00'))).toBe(false);
    expect(isOpenAt(standardStore, at('2026-11-26T10:00:00+08:00'))).toBe(true);
  });

  it('a holiday still lets the previous night’s overnight shift finish', () => {
    const h = parseOpeningHours({
      alwaysOpen: false,
      weekly: { wed: [{ open: '20:00', close: '03:00' }] },
      exceptions: [{ date: '2026-10-01', closed: true }], // a Thursday, National Day
    });
    expect(isOpenAt(h, at('2026-10-01T02:00:00+08:00'))).toBe(true);
    expect(isOpenAt(h, at('2026-10-01T03:00:00+08:00'))).toBe(false);
  });

  it('special hours on an exception date', () => {
    const h = parseOpeningHours({
      alwaysOpen: true,
      exceptions: [{ date: '2027-02-06', intervals: [{ open: '10:00', close: '16:00' }] }],
    });
    expect(isOpenAt(h, at('2027-02-05T23:59:00+08:00'))).toBe(true);
    expect(isOpenAt(h, at('2027-02-06T09:00:00+08:00'))).toBe(false);
    expect(isOpenAt(h, at('2027-02-06T15:59:00+08:00'))).toBe(true);
    expect(isOpenAt(h, at('2027-02-06T16:00:00+08:00'))).toBe(false);
    expect(isOpenAt(h, at('2027-02-07T00:00:00+08:00'))).toBe(true);
  });

  it('24h store is open at every minute of an ordinary day', () => {
    const h = parseOpeningHours({ alwaysOpen: true });
    for (let m = 0; m < 24 * 60; m += 37) {
      expect(isOpenAt(h, new Date(Date.parse('2026-11-23T00:00:00+08:00') + m * 60_000))).toBe(true);
    }
  });
});

describe('nextOpening / nextClosing / opensInTime', () => {
  it('returns the instant itself when open', () => {
    const t = at('2026-11-23T09:00:00+08:00');
    expect(nextOpening(standardStore, t)?.toISOString()).toBe(t.toISOString());
  });

  it('finds the afternoon interval after the lunch break', () => {
    expect(nextOpening(standardStore, at('2026-11-23T12:30:00+08:00'))?.toISOString()).toBe(
      at('2026-11-23T14:00:00+08:00').toISOString(),
    );
  });

  it('skips the closed exception day', () => {
    // Tuesday 22:30 → Wednesday is closed → Thursday 08:00
    expect(nextOpening(standardStore, at('2026-11-24T22:30:00+08:00'))?.toISOString()).toBe(
      at('2026-11-26T08:00:00+08:00').toISOString(),
    );
  });

  it('returns null when never open within the horizon', () => {
    expect(nextOpening(parseOpeningHours({}), at('2026-11-23T00:00:00Z'))).toBeNull();
  });

  it('nextClosing merges back-to-back spans across midnight', () => {
    const h = parseOpeningHours({
      weekly: { mon: [{ open: '18:00', close: '24:00' }], tue: [{ open: '00:00', close: '02:00' }] },
    });
    expect(nextClosing(h, at('2026-11-23T19:00:00+08:00'))?.toISOString()).toBe(
      at('2026-11-24T02:00:00+08:00').toISOString(),
    );
    expect(nextClosing(h, at('2026-11-23T17:00:00+08:00'))).toBeNull();
    expect(nextClosing(parseOpeningHours({ alwaysOpen: true }), at('2026-11-23T17:00:00+08:00'), { horizonDays: 5 })).toBeNull();
  });

  it('opensInTime compares the next opening with the deadline', () => {
    const now = at('2026-11-23T12:30:00+08:00');
    expect(opensInTime(standardStore, now, at('2026-11-23T13:59:00+08:00'))).toBe(false);
    expect(opensInTime(standardStore, now, at('2026-11-23T14:00:00+08:00'))).toBe(true);
    expect(opensInTime(standardStore, now, at('2026-11-23T12:00:00+08:00'))).toBe(false);
  });
});

describe('DST zone (America/New_York)', () => {
  const ny = parseOpeningHours({
    timeZone: 'America/New_York',
    alwaysOpen: false,
    weekly: {
      sun: [{ open: '01:00', close: '03:00' }, { open: '09:00', close: '17:00' }],
      sat: [{ open: '22:00', close: '02:00' }],
    },
  });

  it('keeps local 09:00 across the spring-forward change (EST→EDT)', () => {
    // 2026-03-08: clocks jump 02:00 → 03:00. 09:00 EDT = 13:00Z (not 14:00Z).
    expect(isOpenAt(ny, at('2026-03-08T12:59:00Z'))).toBe(false);
    expect(isOpenAt(ny, at('2026-03-08T13:00:00Z'))).toBe(true);
    // 01:00–03:00 lasts one real hour that night: 06:00Z–07:00Z.
    expect(isOpenAt(ny, at('2026-03-08T06:30:00Z'))).toBe(true);
    expect(isOpenAt(ny, at('2026-03-08T07:00:00Z'))).toBe(false);
  });

  it('fall-back day (EDT→EST): an overnight shift to 02:00 lasts an extra real hour', () => {
    const h = parseOpeningHours({
      timeZone: 'America/New_York',
      weekly: { sat: [{ open: '22:00', close: '02:00' }], sun: [{ open: '09:00', close: '17:00' }] },
    });
    // 2026-11-01: 02:00 EDT → 01:00 EST. Saturday 22:00 EDT = 02:00Z; Sunday 02:00 EST = 07:00Z.
    expect(isOpenAt(h, at('2026-11-01T01:59:00Z'))).toBe(false);
    expect(isOpenAt(h, at('2026-11-01T02:00:00Z'))).toBe(true);
    expect(isOpenAt(h, at('2026-11-01T06:59:00Z'))).toBe(true);
    expect(isOpenAt(h, at('2026-11-01T07:00:00Z'))).toBe(false);
    // Winter: 09:00 EST = 14:00Z.
    expect(nextOpening(h, at('2026-11-01T08:00:00Z'))?.toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('an ambiguous open time (01:00 on fall-back day) resolves to the earlier instant', () => {
    // Sunday 01:00–03:00: opens 01:00 EDT = 05:00Z, closes 03:00 EST = 08:00Z (three real hours).
    const h = parseOpeningHours({ timeZone: 'America/New_York', weekly: { sun: [{ open: '01:00', close: '03:00' }] } });
    expect(isOpenAt(h, at('2026-11-01T04:59:00Z'))).toBe(false);
    expect(isOpenAt(h, at('2026-11-01T05:00:00Z'))).toBe(true);
    expect(isOpenAt(h, at('2026-11-01T07:59:00Z'))).toBe(true);
    expect(isOpenAt(h, at('2026-11-01T08:00:00Z'))).toBe(false);
  });
});

describe('memoised spans give what spansOpeningOn gives', () => {
  // Reference: the day-by-day definitions on top of spansOpeningOn with string dates, and the
  // local date from a fresh Intl formatter.
  const fmts = new Map<string, Intl.DateTimeFormat>();
  const localDateOf = (t: number, timeZone: string) => {
    if (!fmts.has(timeZone)) fmts.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
    return fmts.get(timeZone)!.format(new Date(t));
  };
  const refIsOpen = (h: OpeningHours, t: number) => {
    const today = localDateOf(t, h.timeZone);
    return [addDays(today, -1), today].some((d) => spansOpeningOn(h, d).some((s) => s.start <= t && t < s.end));
  };
  const refNext = (h: OpeningHours, t: number, horizon: number) => {
    const today = localDateOf(t, h.timeZone);
    for (let d = -1; d <= horizon; d++) for (const s of spansOpeningOn(h, addDays(today, d))) if (s.end > t) return Math.max(s.start, t);
    return null;
  };
  const zones = ['America/New_York', 'Australia/Lord_Howe', 'Europe/London', 'Asia/Shanghai'];
  const schedule = (timeZone: string) => parseOpeningHours({
    timeZone,
    weekly: {
      sun: [{ open: '01:00', close: '03:00' }, { open: '09:00', close: '17:00' }],
      mon: [{ open: '02:00', close: '02:30' }, { open: '08:00', close: '12:00' }, { open: '14:00', close: '20:00' }],
      fri: [{ open: '22:00', close: '24:00' }],
      sat: [{ open: '00:00', close: '02:00' }, { open: '22:00', close: '02:30' }],
    },
    exceptions: [{ date: '2026-10-05', closed: true }, { date: '2026-11-02', intervals: [{ open: '01:30', close: '04:00' }] }],
  });

  it('isOpenAt and nextOpening agree at every 10 minutes around DST changes', () => {
    for (const zone of zones) {
      const h = schedule(zone);
      for (const centre of ['2026-03-08T07:00:00Z', '2026-03-29T01:00:00Z', '2026-10-04T15:30:00Z', '2026-11-01T06:00:00Z']) {
        const mid = Date.parse(centre);
        for (let t = mid - 4 * 86_400_000; t <= mid + 4 * 86_400_000; t += 10 * 60_000 + 7) {
          const what = `${zone} ${new Date(t).toISOString()}`;
          expect(isOpenAt(h, new Date(t)), what).toBe(refIsOpen(h, t));
          expect(nextOpening(h, new Date(t), { horizonDays: 3 })?.getTime() ?? null, what).toBe(refNext(h, t, 3));
        }
      }
    }
  });

  it('a different hours object (changed facility) is not answered from the old one\'s spans', () => {
    const t = at('2026-11-23T10:00:00+08:00');
    const closedToday = parseOpeningHours({ weekly: { mon: [] }, alwaysOpen: false });
    const open = parseOpeningHours({ weekly: { mon: [{ open: '09:00', close: '18:00' }] } });
    expect(isOpenAt(closedToday, t)).toBe(false);
    expect(isOpenAt(open, t)).toBe(true);
    expect(isOpenAt(closedToday, t)).toBe(false);
    expect(nextOpening(closedToday, t, { horizonDays: 10 })).toBeNull();
  });
});
