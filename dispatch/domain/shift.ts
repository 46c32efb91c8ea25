/**
 * A rider's working time left today, as the optimizer takes it: [earliest start, end] in seconds
 * from now. Shifts are per weekday in the facility's local time; one whose end is not after its
 * start runs past midnight (22:00–06:00) and is still on the next morning.
 */
import { localDateOf, toLocal, weekdayOf } from './zoned-time';

export interface WeeklyShift { day: string; start: string; end: string }

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * @param defaultSeconds what an online rider without a shift today is given (DISPATCH_DEFAULT_SHIFT_HOURS)
 */
export function shiftWindow(shifts: WeeklyShift[] | null, now: Date, timeZone: string, defaultSeconds: number): [number, number] {
  const weekday = weekdayOf(localDateOf(now, timeZone));
  const local = toLocal(now.getTime(), timeZone);
  const nowMin = local.hour * 60 + local.minute;
  // Last night's shift, if it runs past midnight and has not ended yet.
  const last = (shifts ?? []).find((x) => x.day === DAY_KEYS[(weekday + 6) % 7]);
  if (last && toMin(last.end) <= toMin(last.start) && nowMin < toMin(last.end)) return [0, (toMin(last.end) - nowMin) * 60];
  const s = (shifts ?? []).find((x) => x.day === DAY_KEYS[weekday]);
  if (!s) return [0, defaultSeconds];
  const start = toMin(s.start);
  const end = toMin(s.end) <= start ? toMin(s.end) + 24 * 60 : toMin(s.end);
  return [Math.max(0, (start - nowMin) * 60), Math.max(0, (end - nowMin) * 60)];
}
