/**
 * The weather port: hourly ambient temperature and a severe-weather flag for the area around a
 * point (a facility's location, a pickup). Holdover budgets (domain/holdover.ts) read it; the
 * planner takes the hottest hour over a plan's horizon, custody the hour of pickup. Two
 * implementations: the fixture file (fixture.ts: the demo city and tests) and an HTTP adapter for
 * an Open-Meteo-compatible provider (open-meteo.ts), which falls back to the fixture.
 */
import type { LatLng } from '../../geo';

export interface WeatherHour {
  /** Start of the hour, ISO 8601 UTC. */
  at: string;
  ambientC: number;
  /** A severe-weather flag (storm, typhoon, gale, extreme heat warning) covers the area this hour. */
  severe: boolean;
}

export interface AreaForecast {
  /** The district (fixture) or provider grid cell the point falls in. */
  area: string;
  /** Hours overlapping [from, to), oldest first; empty only when nothing is known. */
  hours: WeatherHour[];
  /** `fallback`: the provider failed and these hours are last-known or the fixture's. */
  source: 'fixture' | 'provider' | 'fallback';
}

export interface WeatherPort {
  /** The forecast for the area of `point`, hour by hour over [from, to) (at least the hour containing `from`). */
  forecast(point: LatLng, from: Date, to: Date): Promise<AreaForecast>;
}

const HOUR_MS = 3_600_000;

/** The hour starts (UTC ms) covering [from, to), at least one. */
export function hoursCovering(from: Date, to: Date): number[] {
  const start = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS;
  const end = Math.max(to.getTime(), start + 1);
  const out: number[] = [];
  for (let t = start; t < end; t += HOUR_MS) out.push(t);
  return out;
}

/** The hottest hour of a forecast (null when it has none). */
export function hottest(f: AreaForecast): WeatherHour | null {
  let best: WeatherHour | null = null;
  for (const h of f.hours) if (!best || h.ambientC > best.ambientC) best = h;
  return best;
}
