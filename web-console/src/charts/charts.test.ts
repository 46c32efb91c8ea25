import { describe, it, expect } from 'vitest';
import { timeAxis } from './time-axis';
import { outOfRange } from './temp-plot';

describe('temperature curve helpers', () => {
  it('shades each stretch out of range once, above and below apart, across probes', () => {
    const xs = [0, 60, 120, 180, 240, 300, 360];
    const ys = [[5, 9, 9.5, 5, 1, 1.5, 5], [5, 5, 5, 5, 5, 5, 8.5]];
    expect(outOfRange(xs, ys, { low: 2, high: 8 })).toEqual([[60, 120, 'hi'], [240, 300, 'lo'], [360, 360, 'hi']]);
    expect(outOfRange(xs, [[null, 5, null, 5, 5, 5, 5]], { low: 2, high: 8 })).toEqual([]);
  });

  it('writes ticks as 24-hour times in the given zone, seconds for short spans, and no tick twice', () => {
    const t0 = Date.UTC(2026, 11, 5, 18, 0, 0) / 1000; // 02:00 in Shanghai
    const long = timeAxis([t0, t0 + 3600], 'Asia/Shanghai');
    expect((long.values as (u: unknown, s: number[]) => string[])(null, [t0, t0 + 1800])).toEqual(['02:00', '02:30']);
    const short = timeAxis([t0, t0 + 4], 'Asia/Shanghai');
    expect((short.values as (u: unknown, s: number[]) => string[])(null, [t0, t0 + 0.5, t0 + 1, t0 + 1.5])).toEqual(['02:00:00', '', '02:00:01', '']);
    expect(long.legend(null as never, t0)).toBe('12/06 02:00:00');
  });
});
