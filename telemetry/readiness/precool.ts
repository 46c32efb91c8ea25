/**
 * Is a box ready to carry a cold shipment? GSP wants a refrigerated box pre-cooled before goods
 * go in (COMPLIANCE 11): its own readings must have stayed inside the class's limits for its
 * pre-cool minutes, up to now, with no gap longer than twice the sample interval (a box that
 * was silent for a while has not shown it was cold). The rule is pure; `precoolOf` reads the
 * readings.
 */
import type { Queryable } from '../../platform/db/pool';
import { BASE_PROFILES, type ProductClass } from '../excursion/profile';

export interface PrecoolReading { ts: number; t: number[] }
export type Precool =
  | { ready: true; since: string }
  | { ready: false; reason: 'no_readings' | 'not_long_enough' | 'out_of_range' | 'gap' | 'stale'; message: string };

/** The class limits a box must hold: the base profile's (2–8 °C chilled, −25…−15 °C frozen). */
export function classLimits(cls: ProductClass): { low: number; high: number } {
  return { low: BASE_PROFILES[cls].low, high: BASE_PROFILES[cls].high };
}

export function precoolRule(readings: readonly PrecoolReading[], opts: { now: number; minutes: number; sampleIntervalS: number; low: number; high: number }): Precool {
  const { now, minutes, low, high } = opts;
  const gapMs = 2 * opts.sampleIntervalS * 1000;
  const from = now - minutes * 60_000;
  const sorted = [...readings].sort((a, b) => a.ts - b.ts);
  if (!sorted.length) return { ready: false, reason: 'no_readings', message: `The box has sent no temperature in the last ${minutes} minutes: switch it on and let it pre-cool for ${minutes} minutes.` };
  const last = sorted[sorted.length - 1];
  if (now - last.ts > gapMs) return { ready: false, reason: 'stale', message: `The box's last temperature is ${Math.round((now - last.ts) / 60_000)} minutes old: check that it is on and connected.` };
  // Walk back from now: the run of in-range readings must reach `from` without a gap.
  let runStart = now;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const r = sorted[i];
    const inRange = r.t.length > 0 && r.t.every((x) => x >= low && x <= high);
    if (!inRange) {
      if (r.ts >= from) return { ready: false, reason: 'out_of_range', message: `The box was at ${r.t.join('/')} °C ${Math.round((now - r.ts) / 60_000)} minutes ago, outside ${low}–${high} °C: let it pre-cool ${minutes} minutes in range before loading.` };
      break;
    }
    if (runStart - r.ts > gapMs) return { ready: false, reason: 'gap', message: `The box's readings have a gap of ${Math.round((runStart - r.ts) / 60_000)} minutes in its pre-cool time: it has not shown it stayed cold. Wait until it has ${minutes} minutes of readings in range.` };
    runStart = r.ts;
    if (r.ts <= from) return { ready: true, since: new Date(r.ts).toISOString() };
  }
  return { ready: false, reason: 'not_long_enough', message: `The box has been in ${low}–${high} °C for ${Math.max(0, Math.round((now - runStart) / 60_000))} of the ${minutes} minutes it needs: wait, then pick up.` };
}

/** The pre-cool state of a box from its stored readings. */
export async function precoolOf(q: Queryable, boxId: string, cls: ProductClass, opts: { now: Date; minutes: number; sampleIntervalS: number }): Promise<Precool> {
  const { low, high } = classLimits(cls);
  if (opts.minutes === 0) return { ready: true, since: opts.now.toISOString() };
  // One reading before the window shows whether the in-range run started before it.
  const { rows } = await q.query(
    `(SELECT ts, t FROM telemetry.readings WHERE box_id = $1 AND ts > $2::timestamptz AND ts <= $3::timestamptz + interval '1 minute')
     UNION ALL
     (SELECT ts, t FROM telemetry.readings WHERE box_id = $1 AND ts <= $2::timestamptz ORDER BY ts DESC LIMIT 1)`,
    [boxId, new Date(opts.now.getTime() - opts.minutes * 60_000), opts.now]);
  const readings = rows.map((r) => ({ ts: r.ts.getTime(), t: r.t as number[] }));
  return precoolRule(readings, { now: opts.now.getTime(), minutes: opts.minutes, sampleIntervalS: opts.sampleIntervalS, low, high });
}
