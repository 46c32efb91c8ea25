import { describe, expect, it } from 'vitest';
import type { LogReading } from './canonical';
import { shipmentReport } from './report';
import type { FailReason } from './report';

const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);
const MIN = 60_000;
const LIMITS = { low: 2, high: 8, freezeLimit: 0, sampleIntervalMs: MIN, maxHoldMs: 5 * MIN };
const r = (m: number, t: number | number[]): LogReading => ({
  boxId: 'box_0042', fw: '1.4.2', seq: m, readingIndex: 0, ts: T0 + m * MIN, receivedAt: T0 + m * MIN, probes: Array.isArray(t) ? t : [t],
  rh: null, door: null, batt: null, hist: false,
});
const series = (temps: Array<number | number[]>, start = 0) => temps.map((t, i) => r(start + i, t));

describe('shipmentReport', () => {
  const cases: Array<[string, LogReading[], Parameters<typeof shipmentReport>[2], 'PASS' | 'FAIL', FailReason[]]> = [
    ['steady 5 °C for 30 min', series(Array(31).fill(5)), { from: T0, to: T0 + 30 * MIN }, 'PASS', []],
    ['a 2-min excursion to 9 °C', series([5, 5, 9, 9, 5, 5]), {}, 'FAIL', ['out_of_range']],
    ['a 2-min excursion within an allowance of 2 min', series([5, 5, 9, 9, 5, 5]), { allowedOutOfRangeMs: 2 * MIN }, 'PASS', []],
    ['0 °C once', series([5, 5, 0, 5]), { allowedOutOfRangeMs: 60 * MIN }, 'FAIL', ['freeze']],
    ['a 6-min hole in the record', [...series([5, 5, 5]), ...series([5, 5], 8)], {}, 'FAIL', ['gap']],
    ['a 5-min hole is still allowed (GSP ≤5 min)', [...series([5, 5, 5]), ...series([5, 5], 7)], {}, 'PASS', []],
    ['first reading 7 min after custody start', series([5, 5], 7), { from: T0 }, 'FAIL', ['gap']],
    ['no reading for the last 6 min of custody', series([5, 5, 5]), { to: T0 + 8 * MIN }, 'FAIL', ['gap']],
    ['chain does not verify', series([5, 5, 5]), { chainVerified: false }, 'FAIL', ['chain_broken']],
    ['no readings at all', [], { from: T0, to: T0 + 30 * MIN }, 'FAIL', ['no_readings']],
  ];
  it.each(cases)('%s → %s', (_n, readings, opts, result, reasons) => {
    const rep = shipmentReport(readings, LIMITS, opts);
    expect([rep.result, rep.reasons]).toEqual([result, reasons]);
  });

  it('figures: min of the coldest probe, max/mean/MKT of the warmest, gaps listed', () => {
    const readings = [...series([[4, 5], [4, 6], [3.5, 12]]), ...series([[4, 5]], 9)];
    const rep = shipmentReport(readings, LIMITS, { from: T0, to: T0 + 10 * MIN });
    expect(rep).toMatchObject({ readings: 4, minC: 3.5, maxC: 12, firstTs: T0, lastTs: T0 + 9 * MIN, largestGapMs: 7 * MIN });
    // reading at m2 (12 °C) is out of range until the next reading at m9: 7 min
    expect(rep.timeOutOfRangeMs).toBe(7 * MIN);
    expect(rep.gaps).toEqual([{ from: T0 + 2 * MIN, to: T0 + 9 * MIN, durationMs: 7 * MIN }]);
    // weights 1, 1, 5 (capped hold), 1 min
    expect(rep.meanC).toBeCloseTo((5 + 6 + 12 * 5 + 5) / 8, 9);
    expect(rep.mktC!).toBeGreaterThan(rep.meanC!);
  });

  it('equal-interval readings reproduce the USP worked example (7.56 °C)', () => {
    expect(shipmentReport(series([5, 6, 12, 5]), LIMITS).mktC).toBeCloseTo(7.56, 2);
  });

  it('append order and duplicates do not change the report', () => {
    const base = series([5, 6, 9, 7, 5, 4]);
    const shuffled = [base[3], base[0], base[5], base[1], base[4], base[2], base[2]];
    expect(shipmentReport(shuffled, LIMITS)).toEqual(shipmentReport(base, LIMITS));
  });
});
