/**
 * Minimal time-zone arithmetic on top of `Intl` (no dependency). Instants are
 * UTC epoch milliseconds; local dates are ISO `YYYY-MM-DD` strings in a named
 * IANA zone. Kept separate so opening hours, FEFO (local "today") and the demo
 * generator agree on what "a day in Shanghai" is.
 */
import { BoundedMemo, PairMemo } from './memo';

/** Default zone: the first users are pharmacies in mainland China (UTC+8, no DST since 1991). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

// Building a DateTimeFormat costs far more than using one; cache one per zone. The cache
// only memoises a pure computation, so it does not make callers impure.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of an instant in a zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock fields of `instantMs` in `timeZone`. */
export function toLocal(instantMs: number, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

// Offsets only change at transition instants, and every modern IANA
// transition falls on a 15-minute boundary in UTC (offsets are multiples of
// 15 min and switches happen on the local hour or half hour), so the offset is
// constant within a 15-minute bucket. formatToParts costs microseconds and
// opening-hours arithmetic calls it thousands of times per sourcing decision.
const BUCKET_MS = 15 * 60_000;
const OFFSET_CACHE_MAX = 50_000;
// Per (zone, bucket number): no key string is built on the hot path.
const offsets = new PairMemo<number>(OFFSET_CACHE_MAX);
const bucketOffset = (timeZone: string, bucket: number) => offsetOfInstant(bucket * BUCKET_MS, timeZone);

/** UTC offset (local − UTC) of `timeZone` at `instantMs`, in milliseconds. */
export function offsetAt(instantMs: number, timeZone: string): number {
  return offsets.get(timeZone, Math.floor(instantMs / BUCKET_MS), bucketOffset);
}

// localDateOf runs several times per candidate facility per order. Within a 15-minute bucket
// whose offset is the same at its first and last millisecond the wall clock is instant +
// offset, so the local day is plain arithmetic; any other bucket (a transition inside it, or
// instants outside 1970–9999 where Date.UTC and the formatter may disagree) asks Intl.
const FAST_MIN_MS = 0;
const FAST_MAX_MS = Date.UTC(9999, 0, 1);
const uniformBuckets = new PairMemo<boolean>(OFFSET_CACHE_MAX);
const bucketIsUniform = (timeZone: string, bucket: number) =>
  offsetAt(bucket * BUCKET_MS, timeZone) === offsetOfInstant((bucket + 1) * BUCKET_MS - 1, timeZone);

/**
 * Epoch day number (days since 1970-01-01) of the local date of `instantMs` in `timeZone`, from
 * the cached offset; null when the fast path does not apply (then ask the formatter).
 */
function fastLocalDayNumber(instantMs: number, timeZone: string): number | null {
  if (!(instantMs >= FAST_MIN_MS && instantMs < FAST_MAX_MS)) return null;
  if (!uniformBuckets.get(timeZone, Math.floor(instantMs / BUCKET_MS), bucketIsUniform)) return null;
  return Math.floor((instantMs + offsetAt(instantMs, timeZone)) / MS_PER_DAY);
}

/** Offset at exactly `instantMs` (not its bucket), from the formatter (which has whole seconds). */
function offsetOfInstant(instantMs: number, timeZone: string): number {
  const l = toLocal(instantMs, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - Math.floor(instantMs / 1000) * 1000;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; throws RangeError on anything else (including 2026-02-30). */
export function parseLocalDate(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`no such calendar date: ${date}`);
  }
  return { year, month, day };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The local calendar date (`YYYY-MM-DD`) of `instant` in `timeZone` (default Asia/Shanghai). */
export function localDateOf(instant: Date | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const day = fastLocalDayNumber(t, timeZone);
  if (day !== null) return dateOfDayNumber(day);
  const l = toLocal(t, timeZone);
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}`;
}

/**
 * Local day as an epoch day number (days since 1970-01-01), for callers that step through days
 * (opening hours): numbers instead of `YYYY-MM-DD` strings that would be parsed again each step.
 * {@link dateOfDayNumber} turns it back into the string {@link localDateOf} gives.
 */
export function localDayNumberOf(instantMs: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  const day = fastLocalDayNumber(instantMs, timeZone);
  if (day !== null) return day;
  const l = toLocal(instantMs, timeZone); // throws RangeError on an invalid instant or zone
  return epochDay(l.year, l.month, l.day);
}

/** Days since 1970-01-01 of a calendar date (setUTCFullYear: years 0–99 are not 1900–1999 here). */
function epochDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / MS_PER_DAY);
}

// Day number → `YYYY-MM-DD`, memoised (bounded) since the same few days recur all day long.
const dates = new BoundedMemo<number, string>(20_000);
const formatDayNumber = (dayNumber: number) => {
  const d = new Date(dayNumber * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** `YYYY-MM-DD` of an epoch day number (see {@link localDayNumberOf}). */
export function dateOfDayNumber(dayNumber: number): string {
  return dates.get(dayNumber, formatDayNumber);
}

/** Epoch day number of a local date `YYYY-MM-DD`; throws RangeError like {@link parseLocalDate}. */
export function dayNumberOfDate(date: string): number {
  const { year, month, day } = parseLocalDate(date);
  return epochDay(year, month, day);
}

/** Calendar arithmetic on a local date (no zone needed: dates have no DST). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseLocalDate(date);
  const d = new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / MS_PER_DAY,
  );
}

/** Day of week of a local date: 0 = Sunday … 6 = Saturday (like `Date#getUTCDay`). */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `minuteOfDay`
 * (`minuteOfDay` may be 1440 = midnight at the end of the day).
 *
 * DST edge cases follow RFC 5545 / java.time "lenient" resolution:
 * - a wall time that does not exist (spring-forward gap, e.g. 02:30 in New York
 *   on the second Sunday of March) is shifted forward by the gap length (→ 03:30);
 * - an ambiguous wall time (fall-back overlap) resolves to the earlier instant.
 * Assumes at most one offset transition within ±1 day, true for every IANA zone today.
 */
export function localToInstant(date: string, minuteOfDay: number, timeZone: string): number {
  const { year, month, day } = parseLocalDate(date);
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * MS_PER_MINUTE;
  const before = offsetAt(wall - MS_PER_DAY, timeZone);
  const after = offsetAt(wall + MS_PER_DAY, timeZone);
  const valid: number[] = [];
  for (const o of before === after ? [before] : [before, after]) {
    const t = wall - o;
    if (offsetAt(t, timeZone) === o) valid.push(t);
  }
  if (valid.length > 0) return Math.min(...valid);
  // Gap: interpret with the pre-transition offset, which lands after the gap.
  return wall - before;
}
