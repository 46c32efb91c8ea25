/**
 * A cold shipment's time-out-of-fridge budget from the box's model holdover table and the
 * forecast ambient (domain/holdover.ts, weather/). The calendar-season table on the box
 * (`holdover_minutes {summer, winter}`) is only the fallback for a model without a table or
 * when no forecast is known.
 */
import type { LatLng } from '../geo';
import { logger } from '../platform/logger';
import { holdoverAt, REFERENCE_AMBIENT_C, type HoldoverPoint } from './domain/holdover';
import { seasonOf } from './network';
import { hottest, weather } from './weather';

export interface HoldoverBudget {
  minutes: number;
  /** The ambient the budget was read at; null when the season table was used. */
  ambientC: number | null;
  beyondQualification: boolean;
  /** The same box's holdover at {@link REFERENCE_AMBIENT_C} (null: season basis), for "240 min at 35 °C (300 min at 25 °C)". */
  referenceMinutes: number | null;
  basis: 'ambient' | 'season';
}

export type SeasonTable = { summer: number; winter: number };

/** The budget of a box at an ambient (null: no forecast), falling back to its season table. Null when neither exists. */
export function holdoverBudget(table: readonly HoldoverPoint[] | null | undefined, season: SeasonTable | null | undefined, ambientC: number | null, at: Date, timeZone?: string): HoldoverBudget | null {
  if (table?.length && ambientC !== null) {
    const h = holdoverAt(table, ambientC);
    return { minutes: h.minutes, ambientC, beyondQualification: h.beyondQualification, referenceMinutes: holdoverAt(table, REFERENCE_AMBIENT_C).minutes, basis: 'ambient' };
  }
  if (season) return { minutes: Number(season[seasonOf(at, timeZone)]), ambientC: null, beyondQualification: false, referenceMinutes: null, basis: 'season' };
  return null;
}

export interface AmbientOutlook { ambientC: number; at: string; severe: boolean; area: string; source: string }

/**
 * The hottest forecast hour at a point over [from, to) and whether any hour is severe; null when
 * the provider gave nothing (the caller then uses the season table). Never throws: a plan or a
 * pickup must not fail because of the weather.
 */
export async function ambientOutlook(point: LatLng, from: Date, to: Date): Promise<AmbientOutlook | null> {
  try {
    const f = await weather().forecast(point, from, to);
    const h = hottest(f);
    if (!h) return null;
    return { ambientC: h.ambientC, at: h.at, severe: f.hours.some((x) => x.severe), area: f.area, source: f.source };
  } catch (e) {
    logger.warn({ err: (e as Error).message }, 'no weather forecast; holdover falls back to the season table');
    return null;
  }
}
