/**
 * A box's validated holdover as a function of ambient temperature, from its model's
 * qualification table ([{ambientC, minutes}], ascending ambientC; dispatch/devices.ts). Between
 * two qualified points the minutes are interpolated linearly; below the lowest point its minutes
 * hold (colder never shortens a passive box's hold in this table's sense, and we do not claim
 * more than was qualified). Above the highest point nothing was qualified: the highest point's
 * minutes are used and the answer is flagged `beyondQualification`, never extrapolated.
 */
export interface HoldoverPoint { ambientC: number; minutes: number }

export interface HoldoverAtResult {
  /** Whole minutes, rounded down (a budget may only err short). */
  minutes: number;
  /** The ambient is hotter than the hottest qualified point. */
  beyondQualification: boolean;
}

export function holdoverAt(table: readonly HoldoverPoint[], ambientC: number): HoldoverAtResult {
  if (!table.length) throw new Error('holdoverAt: empty holdover table');
  if (!Number.isFinite(ambientC)) throw new Error(`holdoverAt: ambient ${ambientC} is not a number`);
  const first = table[0];
  const last = table[table.length - 1];
  if (ambientC <= first.ambientC) return { minutes: Math.floor(first.minutes), beyondQualification: false };
  if (ambientC > last.ambientC) return { minutes: Math.floor(last.minutes), beyondQualification: true };
  for (let i = 1; i < table.length; i++) {
    const a = table[i - 1];
    const b = table[i];
    if (ambientC <= b.ambientC) {
      const f = (ambientC - a.ambientC) / (b.ambientC - a.ambientC);
      return { minutes: Math.floor(a.minutes + f * (b.minutes - a.minutes)), beyondQualification: false };
    }
  }
  return { minutes: Math.floor(last.minutes), beyondQualification: false };
}

/** The ambient the explanations compare a weather-shortened budget with ("300 min at 25 °C"). */
export const REFERENCE_AMBIENT_C = 25;
