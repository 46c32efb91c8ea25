/**
 * Live figures of a shipment's temperature record (issue 17, COMPLIANCE A.1–2, D.41, D.49,
 * D.50): time out of range (the longest single excursion and the cumulative sum), stability
 * budget left across every leg the record covers, MKT (USP <1079.2>, information only),
 * min/max and the largest gap. Pure; the readings are the record's, in any order.
 *
 * Time accounting is the report's (telemetry/log/report.ts) and the engine's: a reading holds
 * until the next one, and after an out-of-range reading the whole interval is out of range.
 */
import type { LogReading } from '../log/canonical';
import { shipmentReport, type ReportLimits } from '../log/report';

export interface FigureOptions {
  /** custody start and end (or now while it lasts), Unix ms */
  from?: number;
  to?: number;
  /** monitoring limit for gaps, ms */
  gapLimitMs: number;
  /** SKU stability budget over all legs, ms; null = none set */
  stabilityBudgetMs: number | null;
}

export interface RecordFigures {
  readings: number;
  firstTs: number | null;
  lastTs: number | null;
  minC: number | null;
  maxC: number | null;
  mktC: number | null;
  timeOutOfRangeMs: number;
  longestExcursionMs: number;
  stabilityBudget: { budgetMs: number; usedMs: number; remainingMs: number } | null;
  largestGapMs: number;
  gapsOverLimit: number;
}

export function recordFigures(readings: LogReading[], limits: ReportLimits, o: FigureOptions): RecordFigures {
  const rep = shipmentReport(readings, limits, { from: o.from, to: o.to, maxGapMs: o.gapLimitMs });
  const sorted = [...readings].sort((a, b) => a.ts - b.ts).filter((r, i, a) => i === 0 || r.ts !== a[i - 1].ts);
  const end = o.to;
  let longest = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i];
    const out = Math.max(...r.probes) > limits.high || Math.min(...r.probes) < limits.low;
    const next = i + 1 < sorted.length ? sorted[i + 1].ts : end ?? r.ts;
    if (out) { run += Math.max(0, next - r.ts); longest = Math.max(longest, run); } else run = 0;
  }
  return {
    readings: rep.readings, firstTs: rep.firstTs, lastTs: rep.lastTs, minC: rep.minC, maxC: rep.maxC, mktC: rep.mktC,
    timeOutOfRangeMs: rep.timeOutOfRangeMs, longestExcursionMs: longest,
    stabilityBudget: o.stabilityBudgetMs === null ? null
      : { budgetMs: o.stabilityBudgetMs, usedMs: rep.timeOutOfRangeMs, remainingMs: o.stabilityBudgetMs - rep.timeOutOfRangeMs },
    largestGapMs: rep.largestGapMs, gapsOverLimit: rep.gaps.length,
  };
}
