/**
 * Facility opening hours: a weekly schedule in the facility's IANA time zone
 * (default Asia/Shanghai) with several intervals per day, overnight intervals
 * (22:00–02:00), 24-hour operation and per-date exceptions (holiday closures or
 * special hours).
 *
 * Semantics, chosen to match how pharmacies publish hours:
 * - An interval belongs to the day on which it **opens**. `close <= open` means
 *   it closes on the following day; `close = "24:00"` means midnight at the end
 *   of the day. `open == close` is rejected (write 00:00–24:00 for a full day).
 * - An exception for a date replaces the intervals that *open* on that date. An
 *   overnight interval opened the evening before still runs into the holiday
 *   until its close time (the night shift that started on 30 Sep ends at 02:00
 *   on 1 Oct even if 1 Oct is closed).
 * - Intervals are half-open `[open, close)`: at 22:00 a store that closes at
 *   22:00 is closed.
 * - Wall times are converted with `localToInstant`, so in a DST zone a 01:00–03:00
 *   interval on spring-forward day lasts one real hour and on fall-back day three.
 */
import { z } from 'zod';
import { BoundedMemo } from './memo';
import {
  DEFAULT_TIME_ZONE,
  addDays,
  dateOfDayNumber,
  isValidTimeZone,
  localDateOf,
  localDayNumberOf,
  localToInstant,
  weekdayOf,
} from './zoned-time';

/** Keys of the weekly schedule, indexed like `Date#getUTCDay()` (0 = Sunday). */
export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

const OPEN_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOSE_TIME = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const OpeningIntervalSchema = z
  .strictObject({
    open: z.string().regex(OPEN_TIME, 'open must be HH:MM (00:00–23:59)'),
    close: z.string().regex(CLOSE_TIME, 'close must be HH:MM (00:00–23:59) or 24:00'),
  })
  .refine((i) => i.open !== i.close, {
    message: 'open and close are equal; use 00:00–24:00 for a full day',
  });
export type OpeningInterval = z.output<typeof OpeningIntervalSchema>;

const dayIntervals = z.array(OpeningIntervalSchema).max(12).default([]);

export const WeeklyScheduleSchema = z.strictObject({
  mon: dayIntervals,
  tue: dayIntervals,
  wed: dayIntervals,
  thu: dayIntervals,
  fri: dayIntervals,
  sat: dayIntervals,
  sun: dayIntervals,
});

const isoDate = z.iso.date();

export const OpeningExceptionSchema = z.union([
  z.strictObject({
    date: isoDate,
    closed: z.literal(true),
    note: z.string().max(200).optional(),
  }),
  z.strictObject({
    date: isoDate,
    intervals: z.array(OpeningIntervalSchema).min(1).max(12),
    note: z.string().max(200).optional(),
  }),
]);
export type OpeningException = z.output<typeof OpeningExceptionSchema>;

/** Config schema for a facility's opening hours. Omitted fields: zone Asia/Shanghai, closed every day, no exceptions. */
export const OpeningHoursSchema = z
  .strictObject({
    timeZone: z
      .string()
      .default(DEFAULT_TIME_ZONE)
      .refine(isValidTimeZone, { message: 'unknown IANA time zone' }),
    /** 24-hour facility: every day 00:00–24:00; exceptions still apply. */
    alwaysOpen: z.boolean().default(false),
    weekly: WeeklyScheduleSchema.prefault({}),
    exceptions: z.array(OpeningExceptionSchema).max(1000).default([]),
  })
  .superRefine((h, ctx) => {
    const seen = new Set<string>();
    h.exceptions.forEach((e, i) => {
      if (seen.has(e.date)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate exception for ${e.date}`,
          path: ['exceptions', i, 'date'],
        });
      }
      seen.add(e.date);
    });
  });

export type OpeningHoursInput = z.input<typeof OpeningHoursSchema>;
export type OpeningHours = z.output<typeof OpeningHoursSchema>;

/** Parses and defaults an opening-hours config; throws `ZodError` when invalid. */
export function parseOpeningHours(input: OpeningHoursInput): OpeningHours {
  return OpeningHoursSchema.parse(input);
}

const FULL_DAY: OpeningInterval = { open: '00:00', close: '24:00' };

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Intervals that open on local `date`, after applying exceptions and `alwaysOpen`. */
export function intervalsOpeningOn(hours: OpeningHours, date: string): OpeningInterval[] {
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception) return 'closed' in exception ? [] : exception.intervals;
  if (hours.alwaysOpen) return [FULL_DAY];
  return hours.weekly[WEEKDAY_KEYS[weekdayOf(date)]];
}

/** A concrete opening as UTC epoch ms, `[start, end)`. */
export interface OpenSpan {
  start: number;
  end: number;
}

/** Concrete spans of the intervals opening on local `date`, sorted by start. */
export function spansOpeningOn(hours: OpeningHours, date: string): OpenSpan[] {
  const tz = hours.timeZone;
  const spans: OpenSpan[] = [];
  for (const i of intervalsOpeningOn(hours, date)) {
    const open = minutes(i.open);
    const close = i.close === '24:00' ? 1440 : minutes(i.close);
    const start = localToInstant(date, open, tz);
    const end = close > open ? localToInstant(date, close, tz) : localToInstant(addDays(date, 1), close, tz);
    // A span can collapse only inside a DST gap (e.g. 02:00–02:30 on spring-forward day).
    if (end > start) spans.push({ start, end });
  }
  return spans.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * spansOpeningOn per facility and local day, memoised: sourcing asks the same few days of the
 * same facilities for every order. Keyed by the hours object (a WeakMap: hours dropped by the
 * facility cache go with it), so it assumes what every caller does: parsed hours are not
 * mutated afterwards. The arrays are shared and must not be modified by callers.
 */
const SPANS_PER_HOURS_MAX = 2_000;
const spansCache = new WeakMap<OpeningHours, BoundedMemo<number, readonly OpenSpan[]>>();

function spansOnDay(hours: OpeningHours, dayNumber: number): readonly OpenSpan[] {
  let byDay = spansCache.get(hours);
  if (!byDay) {
    byDay = new BoundedMemo(SPANS_PER_HOURS_MAX);
    spansCache.set(hours, byDay);
  }
  return byDay.get(dayNumber, (day) => spansOpeningOn(hours, dateOfDayNumber(day)));
}

/** True when the facility is open at `instant`. */
export function isOpenAt(hours: OpeningHours, instant: Date): boolean {
  const t = instant.getTime();
  const today = localDayNumberOf(t, hours.timeZone);
  // Only yesterday's overnight intervals can reach into today.
  for (let day = today - 1; day <= today; day++) {
    for (const s of spansOnDay(hours, day)) {
      if (s.start <= t && t < s.end) return true;
    }
  }
  return false;
}

/** Options for {@link nextOpening}. */
export interface NextOpeningOptions {
  /** How many local days ahead to search. Default 366 (a store closed for renovation for months is still found). */
  horizonDays?: number;
}

/**
 * The earliest instant ≥ `instant` at which the facility is open: `instant`
 * itself when already open, otherwise the start of the next interval. `null`
 * when it does not open within `horizonDays` (default 366).
 */
export function nextOpening(hours: OpeningHours, instant: Date, options: NextOpeningOptions = {}): Date | null {
  const horizonDays = options.horizonDays ?? 366;
  const t = instant.getTime();
  const today = localDayNumberOf(t, hours.timeZone);
  for (let d = -1; d <= horizonDays; d++) {
    for (const s of spansOnDay(hours, today + d)) {
      // Days are visited in order and spans start on their own day, so the first
      // span still running after `t` gives the earliest open instant.
      if (s.end > t) return new Date(Math.max(s.start, t));
    }
  }
  return null;
}

/**
 * The end of the open period containing `instant` (merging back-to-back spans
 * such as 22:00–24:00 followed by 00:00–02:00); `null` when closed at `instant`
 * or open for the whole search horizon (default 366 days).
 */
export function nextClosing(hours: OpeningHours, instant: Date, options: NextOpeningOptions = {}): Date | null {
  const horizonDays = options.horizonDays ?? 366;
  const t = instant.getTime();
  if (!isOpenAt(hours, instant)) return null;
  const today = localDateOf(t, hours.timeZone);
  let end = t;
  for (let d = -1; d <= horizonDays; d++) {
    for (const s of spansOpeningOn(hours, addDays(today, d))) {
      if (s.start <= end && s.end > end) end = s.end;
    }
    // Anything that starts after the current end on a later day cannot bridge the gap.
    const nextDayStart = localToInstant(addDays(today, d + 1), 0, hours.timeZone);
    if (end < nextDayStart) return new Date(end);
  }
  return null;
}

/**
 * True when the facility is open at some instant in `[now, deadline]`, i.e.
 * work can start before the deadline. False when `deadline < now`.
 */
export function opensInTime(hours: OpeningHours, now: Date, deadline: Date): boolean {
  if (deadline.getTime() < now.getTime()) return false;
  const days = Math.ceil((deadline.getTime() - now.getTime()) / 86_400_000) + 1;
  const open = nextOpening(hours, now, { horizonDays: days });
  return open !== null && open.getTime() <= deadline.getTime();
}
