/**
 * The demand forecast and the rider roster, as pure functions over hand-made histories: which
 * weeks count and how much, the fall-back with little history, and Erlang C against values
 * computed by hand.
 */
import { describe, expect, it } from 'vitest';
import { erlangC, forecastDay, rosterFor, type HourCount } from './model';

const mondays = ['2026-11-30', '2026-11-23', '2026-11-16', '2026-11-09']; // before Monday 2026-12-07

describe('forecastDay', () => {
  it('weighs the same weekday-hour of the last weeks, each week back half as much', () => {
    const h: HourCount[] = [
      { date: mondays[0], hour: 19, orders: 12 }, { date: mondays[1], hour: 19, orders: 8 }, { date: mondays[2], hour: 19, orders: 4 }, { date: mondays[3], hour: 19, orders: 0 },
      { date: '2026-12-06', hour: 19, orders: 100 }, // a Sunday: not the same weekday
    ];
    const f = forecastDay(h, '2026-12-07', '2026-01-01');
    expect(f).toHaveLength(24);
    expect(f[19]).toEqual({ hour: 19, orders: (12 + 0.5 * 8 + 0.25 * 4 + 0.125 * 0) / 1.875, basis: 'same_weekday', weeks: 4 });
    expect(f[3]).toMatchObject({ orders: 0, basis: 'same_weekday' });
  });

  it('does not count weeks before the facility could have had orders as zeros', () => {
    const h: HourCount[] = [{ date: mondays[0], hour: 9, orders: 6 }, { date: mondays[1], hour: 9, orders: 10 }];
    const f = forecastDay(h, '2026-12-07', mondays[1]);
    expect(f[9]).toEqual({ hour: 9, orders: (6 + 0.5 * 10) / 1.5, basis: 'same_weekday', weeks: 2 });
  });

  it('with under two same weekdays, takes the same hour over the recent days; with no history, nothing', () => {
    const h: HourCount[] = [{ date: '2026-12-06', hour: 10, orders: 3 }, { date: '2026-12-05', hour: 10, orders: 5 }];
    const f = forecastDay(h, '2026-12-07', '2026-12-03');
    expect(f[10]).toEqual({ hour: 10, orders: 8 / 4, basis: 'recent_days', weeks: 0 });
    expect(forecastDay([], '2026-12-07', '2026-12-07')[10]).toEqual({ hour: 10, orders: 0, basis: 'none', weeks: 0 });
  });
});

describe('erlangC and rosterFor', () => {
  it('matches Erlang C computed by hand', () => {
    // s = 2, a = 1: C = (a²/2!·s/(s−a)) / (1 + a + a²/2!·s/(s−a)) = 1 / 3
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // s = 3, a = 2: a³/3!·s/(s−a) = 4, so C = 4 / (1 + 2 + 2 + 4) = 4/9
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    expect(erlangC(1, 1)).toBe(1);
    expect(erlangC(5, 0)).toBe(0);
  });

  it('gives each hour the fewest riders that reach the target on-time rate, none for an empty hour', () => {
    const r = rosterFor([{ hour: 8, orders: 0 }, { hour: 9, orders: 6 }, { hour: 19, orders: 30 }], { busyMin: 30, rideMin: 12, promiseMin: 30, target: 0.9 });
    expect(r[0]).toEqual({ hour: 8, orders: 0, riders: 0, onTime: 1 });
    for (const h of r.slice(1)) {
      expect(h.onTime).toBeGreaterThanOrEqual(0.9);
      const fewer = rosterFor([{ hour: h.hour, orders: h.orders }], { busyMin: 30, rideMin: 12, promiseMin: 30, target: 0.9, maxRiders: h.riders - 1 })[0];
      expect(fewer.onTime).toBeLessThan(0.9);
    }
    // 30 orders an hour × 30 busy minutes = 15 Erlangs: more than 15 riders.
    expect(r[2].riders).toBeGreaterThan(15);
    expect(r[2].riders).toBeGreaterThan(r[1].riders);
  });

  it('says when no roster keeps a promise the ride alone breaks', () => {
    const [h] = rosterFor([{ hour: 12, orders: 4 }], { busyMin: 80, rideMin: 40, promiseMin: 30, target: 0.9, maxRiders: 10 });
    expect(h).toMatchObject({ riders: 10, onTime: 0 });
  });
});
