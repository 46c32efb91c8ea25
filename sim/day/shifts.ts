/**
 * Rider shifts for the simulated day: who is on duty when, shaped like the demand (more riders
 * at the peaks, a few overnight). Pure and deterministic from a seed.
 */
import { Rng } from './rng';
import { HOURLY_WEIGHTS } from './demand';

export interface Shift { riderId: string; facilityId: string; startMin: number; endMin: number }

/** Shift patterns, local minutes from midnight (end may pass midnight: 22:00–07:00 is 1320–1860). */
export const SHIFT_PATTERNS: ReadonlyArray<{ name: string; startMin: number; endMin: number }> = [
  { name: 'early', startMin: 7 * 60, endMin: 15 * 60 },
  { name: 'day', startMin: 10 * 60, endMin: 18 * 60 },
  { name: 'late', startMin: 15 * 60, endMin: 23 * 60 },
  { name: 'night', startMin: 22 * 60, endMin: 31 * 60 },
];

const demandOver = (startMin: number, endMin: number) => {
  let s = 0;
  for (let m = startMin; m < endMin; m += 60) s += HOURLY_WEIGHTS[Math.floor(m / 60) % 24];
  return s;
};

/**
 * One shift per rider: riders of each facility spread over the patterns in proportion to the
 * demand the pattern covers, so the night has fewer riders than the evening peak.
 */
export function planShifts(seed: string | number, riders: Array<{ id: string; facilityId: string }>): Shift[] {
  const rng = new Rng(`${seed}/shifts`);
  const weights = SHIFT_PATTERNS.map((p) => demandOver(p.startMin, p.endMin));
  return riders.map((r) => {
    const p = SHIFT_PATTERNS[rng.weighted(weights)];
    const jitter = rng.int(-2, 2) * 15;
    return { riderId: r.id, facilityId: r.facilityId, startMin: p.startMin + jitter, endMin: p.endMin + jitter };
  });
}

/** Is the shift on at `minute` (0–1439 local)? Shifts past midnight cover the next morning too. */
export function onDuty(s: Shift, minute: number): boolean {
  return (minute >= s.startMin && minute < s.endMin) || (minute + 1440 >= s.startMin && minute + 1440 < s.endMin);
}
