import { describe, expect, it } from 'vitest';
import { emptyMkt, holdWeights, meanKineticTemperature, mktAdd, mktMerge, mktValue } from './mkt';

const H = 3_600_000;

describe('meanKineticTemperature (USP <1079.2>)', () => {
  it('worked example 1: 5, 6, 12, 5 °C equal intervals → 7.56 °C (mean 7.00)', () => {
    const mkt = meanKineticTemperature([5, 6, 12, 5].map((tC) => ({ tC })));
    expect(mkt).toBeCloseTo(7.56, 2);
    // 280.714 K in the worked example
    expect(mkt + 273.15).toBeCloseTo(280.714, 2);
  });

  it.each([
    ['23 h at 5 °C + 1 h at 15 °C', [{ tC: 5, w: 23 * H }, { tC: 15, w: 1 * H }], 5.76],
    ['22 h at 5 °C + 2 h at 25 °C', [{ tC: 5, w: 22 * H }, { tC: 25, w: 2 * H }], 9.83],
  ])('worked example 2: %s → %s °C', (_n, samples, expected) => {
    expect(meanKineticTemperature(samples)).toBeCloseTo(expected, 2);
  });

  it('the 22 h/2 h case fails the 8 °C CCT rule although its arithmetic mean is 6.67 °C', () => {
    const mean = (22 * 5 + 2 * 25) / 24;
    expect(mean).toBeCloseTo(6.67, 2);
    expect(meanKineticTemperature([{ tC: 5, w: 22 }, { tC: 25, w: 2 }])).toBeGreaterThan(8);
  });

  it.each([-25, -0.5, 0, 4.2, 25, 40])('constant %s °C → itself', (t) => {
    expect(meanKineticTemperature(Array.from({ length: 50 }, () => ({ tC: t, w: 60_000 })))).toBeCloseTo(t, 9);
  });

  // Deterministic pseudo-random series (LCG) so the property tests are reproducible.
  const series = (seed: number, n: number) => {
    let x = seed;
    const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    return Array.from({ length: n }, () => ({ tC: -30 + 70 * next(), w: 1 + Math.floor(10 * next()) }));
  };

  it.each([1, 2, 3, 4, 5])('MKT ≥ weighted arithmetic mean (seed %s)', (seed) => {
    const s = series(seed, 200);
    const mean = s.reduce((a, v) => a + v.tC * v.w, 0) / s.reduce((a, v) => a + v.w, 0);
    expect(meanKineticTemperature(s)).toBeGreaterThanOrEqual(mean - 1e-9);
  });

  it.each([1, 2, 3])('order-independent and mergeable (seed %s)', (seed) => {
    const s = series(seed, 300);
    const a = meanKineticTemperature(s);
    expect(meanKineticTemperature([...s].reverse())).toBeCloseTo(a, 9);
    expect(meanKineticTemperature([...s].sort((p, q) => p.tC - q.tC))).toBeCloseTo(a, 9);
    let left = emptyMkt();
    let right = emptyMkt();
    s.forEach((v, i) => (i % 2 ? (left = mktAdd(left, v.tC, v.w)) : (right = mktAdd(right, v.tC, v.w))));
    expect(mktValue(mktMerge(right, left))).toBeCloseTo(a, 9);
  });

  it('does not underflow with huge ΔH/R where a naive sum of e^(−k/T) is 0', () => {
    const k = 300_000;
    expect(Math.exp(-k / 278.15)).toBe(0); // the naive formula would divide by −ln(0)
    expect(meanKineticTemperature([{ tC: 5 }, { tC: 6 }], k)).toBeGreaterThan(5);
    expect(meanKineticTemperature([{ tC: 5 }, { tC: 5 }], k)).toBeCloseTo(5, 9);
  });

  it('ΔH is configurable: a higher activation energy weights the peak more', () => {
    const s = [5, 6, 12, 5].map((tC) => ({ tC }));
    expect(meanKineticTemperature(s, 15_000)).toBeGreaterThan(meanKineticTemperature(s, 10_000));
  });

  it('empty series throws, zero weights are ignored', () => {
    expect(() => meanKineticTemperature([])).toThrow();
    expect(meanKineticTemperature([{ tC: 5, w: 1 }, { tC: 30, w: 0 }])).toBeCloseTo(5, 9);
  });

  it('holdWeights: hold until next reading, capped; last gets one interval', () => {
    expect(holdWeights([0, 60_000, 120_000, 720_000], 60_000, 300_000)).toEqual([60_000, 60_000, 300_000, 60_000]);
  });
});
