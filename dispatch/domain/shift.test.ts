import { describe, it, expect } from 'vitest';
import { shiftWindow, type WeeklyShift } from './shift';

const TZ = 'Asia/Shanghai';
/** 2026-12-03 is a Thursday; `at('thu', '02:45')` is that Thursday's 02:45 in Shanghai. */
const at = (hhmm: string, date = '2026-12-03') => new Date(`${date}T${hhmm}:00+08:00`);
const every = (start: string, end: string): WeeklyShift[] => ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => ({ day, start, end }));
const DEFAULT = 8 * 3600;

describe('shift window', () => {
  it('a day shift: before it, during it, after it', () => {
    const day = every('10:00', '18:00');
    expect(shiftWindow(day, at('08:00'), TZ, DEFAULT)).toEqual([2 * 3600, 10 * 3600]);
    expect(shiftWindow(day, at('12:30'), TZ, DEFAULT)).toEqual([0, 5.5 * 3600]);
    expect(shiftWindow(day, at('19:00'), TZ, DEFAULT)).toEqual([0, 0]);
  });

  it('a night shift (22:00–06:00) runs past midnight: start never after end', () => {
    const night = every('22:00', '06:00');
    // 02:45: still on last night's shift, 3 h 15 min left.
    expect(shiftWindow(night, at('02:45'), TZ, DEFAULT)).toEqual([0, 3.25 * 3600]);
    // 21:00: tonight's shift starts in 1 h and ends at 06:00 tomorrow.
    expect(shiftWindow(night, at('21:00'), TZ, DEFAULT)).toEqual([3600, 9 * 3600]);
    // 23:00: on it, 7 h left.
    expect(shiftWindow(night, at('23:00'), TZ, DEFAULT)).toEqual([0, 7 * 3600]);
    // 07:00: last night's is over, tonight's starts at 22:00.
    expect(shiftWindow(night, at('07:00'), TZ, DEFAULT)).toEqual([15 * 3600, 23 * 3600]);
    for (const h of ['00:00', '02:45', '05:59', '06:00', '12:00', '21:59', '22:00', '23:59']) {
      const [s, e] = shiftWindow(night, at(h), TZ, DEFAULT);
      expect(s, h).toBeLessThanOrEqual(e);
    }
  });

  it('last night’s shift counts only on the morning after its own day', () => {
    // Wednesday night only: on at Thursday 02:45, not at Friday 02:45 (no shift: the default).
    const wed: WeeklyShift[] = [{ day: 'wed', start: '22:00', end: '06:00' }];
    expect(shiftWindow(wed, at('02:45'), TZ, DEFAULT)).toEqual([0, 3.25 * 3600]);
    expect(shiftWindow(wed, at('02:45', '2026-12-04'), TZ, DEFAULT)).toEqual([0, DEFAULT]);
  });

  it('no shift today: the default', () => {
    expect(shiftWindow([], at('12:00'), TZ, DEFAULT)).toEqual([0, DEFAULT]);
    expect(shiftWindow(null, at('12:00'), TZ, DEFAULT)).toEqual([0, DEFAULT]);
  });
});
