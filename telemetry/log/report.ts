/**
 * Per-shipment temperature report (COMPLIANCE B.22/B.24, A.1, C.38): min/max/mean/MKT, time out
 * of range, completeness (largest gap, gaps > 5 min flagged per GSP App.3) and PASS/FAIL. Pure:
 * the caller passes the readings of the custody interval and, if known, the chain verification.
 *
 * Time accounting matches the excursion engine: a reading holds until the next one; after an
 * out-of-range reading the whole interval counts as out of range. Max, mean and MKT use the
 * warmest probe of each reading, min the coldest (the worst case on each side).
 */
import { DEFAULT_DELTA_H_OVER_R, holdWeights, meanKineticTemperature } from '../excursion/mkt';
import type { LogReading } from './canonical';

export interface ReportLimits {
  low: number;
  high: number;
  freezeLimit: number | null;
  sampleIntervalMs: number;
  maxHoldMs: number;
  deltaHOverRK?: number;
}

export interface ReportOptions {
  /** custody start, Unix ms; a late first reading counts as a gap from here */
  from?: number;
  /** custody end, Unix ms; the last reading holds until here and the tail counts as a gap */
  to?: number;
  /** GSP App.3 transport recording interval: gaps longer than this are flagged. Default 300 000 ms. */
  maxGapMs?: number;
  /** Out-of-range time still reported as PASS. Default 0 (any excursion goes to QA). */
  allowedOutOfRangeMs?: number;
  /** Result of verifyChain, if run; false forces FAIL */
  chainVerified?: boolean;
}

export type FailReason = 'no_readings' | 'out_of_range' | 'freeze' | 'gap' | 'chain_broken';

export interface ShipmentReport {
  readings: number;
  firstTs: number | null;
  lastTs: number | null;
  minC: number | null;
  maxC: number | null;
  /** time-weighted mean of the warmest probe, °C */
  meanC: number | null;
  /** information only (USP <1079.2>); never decides PASS/FAIL */
  mktC: number | null;
  timeOutOfRangeMs: number;
  largestGapMs: number;
  gaps: Array<{ from: number; to: number; durationMs: number }>;
  result: 'PASS' | 'FAIL';
  reasons: FailReason[];
}

/**
 * Builds the report. Readings may come in chain (append) order; they are sorted by ts and
 * duplicates on ts dropped first.
 */
export function shipmentReport(readings: Array<Pick<LogReading, 'ts' | 'probes'>>, limits: ReportLimits, opts: ReportOptions = {}): ShipmentReport {
  const maxGapMs = opts.maxGapMs ?? 5 * 60_000;
  const sorted = [...readings].sort((a, b) => a.ts - b.ts).filter((r, i, a) => i === 0 || r.ts !== a[i - 1].ts);
  const reasons: FailReason[] = [];
  const gaps: ShipmentReport['gaps'] = [];
  const noteGap = (from: number, to: number) => {
    if (to - from > maxGapMs) gaps.push({ from, to, durationMs: to - from });
  };

  if (sorted.length === 0) {
    if (opts.from !== undefined && opts.to !== undefined) noteGap(opts.from, opts.to);
    return {
      readings: 0, firstTs: null, lastTs: null, minC: null, maxC: null, meanC: null, mktC: null, timeOutOfRangeMs: 0,
      largestGapMs: opts.from !== undefined && opts.to !== undefined ? opts.to - opts.from : 0, gaps,
      result: 'FAIL', reasons: opts.chainVerified === false ? ['no_readings', 'chain_broken'] : ['no_readings'],
    };
  }

  const hi = sorted.map((r) => Math.max(...r.probes));
  const lo = sorted.map((r) => Math.min(...r.probes));
  const out = sorted.map((_, i) => hi[i] > limits.high || lo[i] < limits.low);
  let largestGapMs = 0;
  let timeOutOfRangeMs = 0;
  const edges = [
    ...(opts.from !== undefined ? [[opts.from, sorted[0].ts, false] as const] : []),
    ...sorted.slice(1).map((r, i) => [sorted[i].ts, r.ts, out[i]] as const),
    ...(opts.to !== undefined ? [[sorted[sorted.length - 1].ts, opts.to, out[out.length - 1]] as const] : []),
  ];
  for (const [a, b, wasOut] of edges) {
    const d = Math.max(0, b - a);
    largestGapMs = Math.max(largestGapMs, d);
    noteGap(a, b);
    if (wasOut) timeOutOfRangeMs += d;
  }

  const ts = sorted.map((r) => r.ts);
  const w = holdWeights(ts, limits.sampleIntervalMs, limits.maxHoldMs);
  const wSum = w.reduce((s, x) => s + x, 0);
  const meanC = hi.reduce((s, t, i) => s + t * w[i], 0) / wSum;
  const mktC = meanKineticTemperature(hi.map((tC, i) => ({ tC, w: w[i] })), limits.deltaHOverRK ?? DEFAULT_DELTA_H_OVER_R);
  const minC = Math.min(...lo);

  if (timeOutOfRangeMs > (opts.allowedOutOfRangeMs ?? 0)) reasons.push('out_of_range');
  if (limits.freezeLimit !== null && minC <= limits.freezeLimit) reasons.push('freeze');
  if (gaps.length > 0) reasons.push('gap');
  if (opts.chainVerified === false) reasons.push('chain_broken');
  return {
    readings: sorted.length, firstTs: ts[0], lastTs: ts[ts.length - 1], minC, maxC: Math.max(...hi), meanC, mktC,
    timeOutOfRangeMs, largestGapMs, gaps, result: reasons.length ? 'FAIL' : 'PASS', reasons,
  };
}
