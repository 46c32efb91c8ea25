/**
 * Mean kinetic temperature, USP <1079.2> (COMPLIANCE "Mean Kinetic Temperature", D.49):
 *   T_MKT = (ΔH/R) / ( −ln( Σ wᵢ·e^(−ΔH/(R·Tᵢ)) / Σ wᵢ ) ),  Tᵢ in kelvin.
 * Accumulated as a log-sum-exp (m = max xᵢ, xᵢ = −k/Tᵢ): e^(−10000/278 K) ≈ 2e−16, and sums of
 * such terms over a long shipment stay exact only when scaled. Information only: MKT never
 * justifies a freeze and never clears an alarm.
 */

/** ΔH/R in kelvin: ΔH 83.144 kJ/mol / R 8.3144 J/(mol·K). */
export const DEFAULT_DELTA_H_OVER_R = 10_000;
const KELVIN = 273.15;

/** Running log-sum-exp accumulator; JSON-serialisable (m is null while empty). */
export interface MktAcc {
  /** max of xᵢ = −k/Tᵢ seen so far */
  m: number | null;
  /** Σ wᵢ·e^(xᵢ − m) */
  s: number;
  /** Σ wᵢ (weight unit is the caller's: ms, or 1 per reading) */
  w: number;
}

export const emptyMkt = (): MktAcc => ({ m: null, s: 0, w: 0 });

/** Adds one temperature (°C) with weight w (≥0) at activation ΔH/R = k (K). */
export function mktAdd(acc: MktAcc, tC: number, w: number, k = DEFAULT_DELTA_H_OVER_R): MktAcc {
  if (!(w > 0)) return acc;
  const x = -k / (tC + KELVIN);
  if (acc.m === null) return { m: x, s: w, w };
  if (x > acc.m) return { m: x, s: acc.s * Math.exp(acc.m - x) + w, w: acc.w + w };
  return { m: acc.m, s: acc.s + w * Math.exp(x - acc.m), w: acc.w + w };
}

/** Merges two accumulators (so partial sums can be combined in any order). */
export function mktMerge(a: MktAcc, b: MktAcc): MktAcc {
  if (a.m === null) return b;
  if (b.m === null) return a;
  const m = Math.max(a.m, b.m);
  return { m, s: a.s * Math.exp(a.m - m) + b.s * Math.exp(b.m - m), w: a.w + b.w };
}

/** MKT in °C of an accumulator, or null when it holds no weight. */
export function mktValue(acc: MktAcc, k = DEFAULT_DELTA_H_OVER_R): number | null {
  if (acc.m === null || !(acc.w > 0)) return null;
  return k / -(acc.m + Math.log(acc.s / acc.w)) - KELVIN;
}

/**
 * MKT in °C of weighted samples. Weights default to 1 (equal intervals, COMPLIANCE example 1);
 * for unequal intervals pass the duration each temperature held (example 2).
 * @param k ΔH/R in kelvin, default 10 000 K (configurable per product)
 */
export function meanKineticTemperature(samples: Array<{ tC: number; w?: number }>, k = DEFAULT_DELTA_H_OVER_R): number {
  let acc = emptyMkt();
  for (const s of samples) acc = mktAdd(acc, s.tC, s.w ?? 1, k);
  const v = mktValue(acc, k);
  if (v === null) throw new Error('MKT of an empty series');
  return v;
}

/**
 * Time weights for a timestamped series: each reading holds until the next one, capped at
 * maxHoldMs (time beyond that is unmonitored and not extrapolated); the last reading holds one
 * nominal sample interval. Equal-interval series therefore get equal weights.
 */
export function holdWeights(tsAscending: number[], sampleIntervalMs: number, maxHoldMs: number): number[] {
  return tsAscending.map((ts, i) => (i + 1 < tsAscending.length ? Math.min(tsAscending[i + 1] - ts, maxHoldMs) : Math.min(sampleIntervalMs, maxHoldMs)));
}
