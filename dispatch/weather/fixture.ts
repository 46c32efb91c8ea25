/**
 * The fixture weather provider: a JSON file with districts (a centre each) and, per district, a
 * 24-value hourly ambient profile by local hour (a typical day, repeated) plus severe-weather
 * periods. A point belongs to the district whose centre is nearest. The demo city's file is
 * dispatch/demo/weather-guangzhou.json; tests build their own with {@link FixtureWeather}.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { haversineM, type LatLng } from '../../geo';
import { hoursCovering, type AreaForecast, type WeatherPort } from './port';

const Period = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }).strict();
export const WeatherFixtureSchema = z.object({
  timeZone: z.string(),
  districts: z.array(z.object({
    id: z.string().min(1),
    name: z.string().optional(),
    center: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
    /** Ambient °C by local hour 0–23. */
    hourlyC: z.array(z.number().min(-60).max(60)).length(24),
    severe: z.array(Period).default([]),
    /** Severe every day between these local hours (the demo's afternoon thunderstorms). */
    severeDaily: z.array(z.object({ fromHour: z.int().min(0).max(23), toHour: z.int().min(1).max(24) }).strict()).default([]),
  }).strict()).min(1),
}).strict();
export type WeatherFixtureData = z.input<typeof WeatherFixtureSchema>;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export class FixtureWeather implements WeatherPort {
  private readonly data: z.output<typeof WeatherFixtureSchema>;
  private readonly hourOf: Intl.DateTimeFormat;

  constructor(data: WeatherFixtureData) {
    this.data = WeatherFixtureSchema.parse(data);
    this.hourOf = new Intl.DateTimeFormat('en-US', { timeZone: this.data.timeZone, hour: 'numeric', hourCycle: 'h23' });
  }

  /** Reads a fixture file (relative paths from the repository root). */
  static fromFile(file: string): FixtureWeather {
    const abs = path.isAbsolute(file) ? file : path.join(repoRoot, file);
    return new FixtureWeather(JSON.parse(readFileSync(abs, 'utf8')));
  }

  /** The district of a point: the nearest centre. */
  district(point: LatLng) {
    let best = this.data.districts[0];
    let bestD = Infinity;
    for (const d of this.data.districts) {
      const m = haversineM(point, d.center);
      if (m < bestD) { best = d; bestD = m; }
    }
    return best;
  }

  async forecast(point: LatLng, from: Date, to: Date): Promise<AreaForecast> {
    return this.forecastSync(point, from, to);
  }

  forecastSync(point: LatLng, from: Date, to: Date): AreaForecast {
    const d = this.district(point);
    const severe = d.severe.map((p) => [Date.parse(p.from), Date.parse(p.to)] as const);
    const hours = hoursCovering(from, to).map((t) => {
      const localHour = Number(this.hourOf.format(new Date(t))) % 24;
      return { at: new Date(t).toISOString(), ambientC: d.hourlyC[localHour], severe: severe.some(([a, b]) => t < b && t + 3_600_000 > a) || d.severeDaily.some((p) => localHour >= p.fromHour && localHour < p.toHour) };
    });
    return { area: d.name ?? d.id, hours, source: 'fixture' };
  }
}
