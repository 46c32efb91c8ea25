/**
 * Orders per hour ahead and the riders they need (issue 20, "rider scheduling by predicted
 * peaks"), pure: the history comes in, figures go out.
 *
 * Forecast: seasonal, by local weekday and hour. Pharmacy O2O demand repeats by the hour of the
 * day (morning and evening peaks, night orders) and by the day of the week, and a chain has only
 * weeks of history per facility when it opens one: an average of the same weekday-hour over the
 * last weeks, the nearer weeks weighing more (halving per week back), needs no training, is read
 * off by a dispatcher ("last Mondays at 19:00 had 11, 9 and 14"), and is the base a Holt-Winters
 * model would start from. With fewer than two such weeks it falls back to the same hour over the
 * last 14 days, and says so.
 *
 * Riders: each hour is a queue whose servers are riders (Erlang C, M/M/s): orders arrive at λ per
 * minute, a rider is busy T minutes per order (out, back, handling), and an order is on time when
 * its wait for a free rider plus the ride out fits the promise. The roster is the fewest riders s
 * whose P(wait ≤ promise − ride) reaches the target rate. Riders carrying several orders per trip
 * (the optimizer batches) need fewer: this is the roster without batching, an upper bound.
 */

export interface HourCount { date: string; hour: number; orders: number }
export interface HourForecast { hour: number; orders: number; basis: 'same_weekday' | 'recent_days' | 'none'; weeks: number }

const DAY_MS = 86_400_000;
const daysBefore = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/**
 * The forecast for each local hour of `date` from `history` (orders per local date and hour, over
 * days before `date`; a day with no row counts as zero when it lies between `since` and `date`).
 * `since` is the first day the facility could have had orders: weeks before it are not zeros.
 */
export function forecastDay(history: HourCount[], date: string, since: string, weeks = 4): HourForecast[] {
  const byDayHour = new Map<string, number>();
  for (const h of history) byDayHour.set(`${h.date}|${h.hour}`, (byDayHour.get(`${h.date}|${h.hour}`) ?? 0) + h.orders);
  const count = (d: string, hour: number) => byDayHour.get(`${d}|${hour}`) ?? 0;
  const dayBack = (n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
  const known = (d: string) => daysBefore(since, d) >= 0;
  const sameWeekday = Array.from({ length: weeks }, (_, i) => dayBack(7 * (i + 1))).filter(known);
  const recent = Array.from({ length: 14 }, (_, i) => dayBack(i + 1)).filter(known);
  return Array.from({ length: 24 }, (_, hour): HourForecast => {
    if (sameWeekday.length >= 2) {
      let sum = 0, w = 0;
      sameWeekday.forEach((d, i) => { const wi = 0.5 ** i; sum += wi * count(d, hour); w += wi; });
      return { hour, orders: sum / w, basis: 'same_weekday', weeks: sameWeekday.length };
    }
    if (recent.length) return { hour, orders: recent.reduce((s, d) => s + count(d, hour), 0) / recent.length, basis: 'recent_days', weeks: 0 };
    return { hour, orders: 0, basis: 'none', weeks: 0 };
  });
}

/** Erlang C: the probability that an arriving order waits for a rider, with offered load `a` (Erlangs) and `s` riders. */
export function erlangC(s: number, a: number): number {
  if (a <= 0) return 0;
  if (s <= a) return 1;
  // Erlang B by its recurrence (stable for large s), then C from B.
  let b = 1;
  for (let k = 1; k <= s; k++) b = (a * b) / (k + a * b);
  return (s * b) / (s - a * (1 - b));
}

export interface RosterHour { hour: number; orders: number; riders: number; onTime: number }

/**
 * The fewest riders for each hour so that the share of orders delivered within `promiseMin`
 * reaches `target`: `busyMin` rider-minutes per order, `rideMin` from the facility to the door.
 * An hour with no orders needs no rider; a promise the ride alone cannot keep is met by no roster
 * (the hour says so with the best rate 60 riders reach).
 */
export function rosterFor(forecast: Array<{ hour: number; orders: number }>, o: { busyMin: number; rideMin: number; promiseMin: number; target: number; maxRiders?: number }): RosterHour[] {
  const slack = o.promiseMin - o.rideMin;
  const max = o.maxRiders ?? 60;
  return forecast.map(({ hour, orders }) => {
    if (orders <= 0) return { hour, orders, riders: 0, onTime: 1 };
    const lambda = orders / 60; // per minute
    const a = lambda * o.busyMin;
    const onTimeWith = (s: number) => (s <= a || slack <= 0 ? 0 : 1 - erlangC(s, a) * Math.exp(-(s - a) * slack / o.busyMin));
    let s = Math.max(1, Math.floor(a) + 1);
    while (s < max && onTimeWith(s) < o.target) s++;
    return { hour, orders, riders: s, onTime: onTimeWith(s) };
  });
}
