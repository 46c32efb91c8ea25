/**
 * HTTP weather adapter for Open-Meteo's forecast API (`GET /v1/forecast`, hourly
 * `temperature_2m` °C, `weather_code` WMO 4677, `wind_gusts_10m` km/h, times in GMT as
 * `YYYY-MM-DDTHH:MM`). The same shape is served by the commercial host with an `apikey`
 * parameter and by a self-hosted instance, so one adapter covers all three by URL and key.
 *
 * Areas are 0.1° grid cells (~11 km at Guangzhou's latitude, finer than the model's own grid), so
 * a facility and its neighbours share one request. Hours are cached per area for
 * DISPATCH_WEATHER_CACHE_MINUTES. When the provider fails (timeout, non-2xx, malformed body) the
 * forecast is built from the cached hours still known, the rest from the fallback (the fixture),
 * with one logged warning per failure: a planner must never stop because the weather did.
 */
import type { LatLng } from '../../geo';
import { logger } from '../../platform/logger';
import { hoursCovering, type AreaForecast, type WeatherHour, type WeatherPort } from './port';

/** WMO weather codes counted as severe: heavy rain/snow/showers, freezing rain, thunderstorms. */
const SEVERE_CODES = new Set([65, 67, 75, 82, 86, 95, 96, 99]);

export interface OpenMeteoOptions {
  /** Base URL, e.g. https://api.open-meteo.com (the path /v1/forecast is appended). */
  url: string;
  apiKey?: string;
  cacheMinutes: number;
  timeoutMs: number;
  gustSevereKmh: number;
  /** Used for hours the provider could not give (the fixture provider). */
  fallback: WeatherPort;
  /** Test seam for the clock only (cache age); defaults to Date.now. */
  now?: () => number;
}

interface Cached { hour: WeatherHour; fetchedAt: number }

export class OpenMeteoWeather implements WeatherPort {
  private readonly cache = new Map<string, Map<number, Cached>>();
  private readonly inflight = new Map<string, Promise<void>>();
  /** Provider requests made (for tests and metrics). */
  requests = 0;

  constructor(private readonly opts: OpenMeteoOptions) {}

  static areaOf(p: LatLng): { key: string; lat: number; lng: number } {
    const lat = Math.round(p.lat * 10) / 10;
    const lng = Math.round(p.lng * 10) / 10;
    return { key: `grid:${lat.toFixed(1)},${lng.toFixed(1)}`, lat, lng };
  }

  async forecast(point: LatLng, from: Date, to: Date): Promise<AreaForecast> {
    const area = OpenMeteoWeather.areaOf(point);
    const wanted = hoursCovering(from, to);
    const now = (this.opts.now ?? Date.now)();
    const maxAge = this.opts.cacheMinutes * 60_000;
    const fresh = (t: number) => {
      const c = this.cache.get(area.key)?.get(t);
      return !!c && now - c.fetchedAt < maxAge;
    };
    let failed = false;
    if (!wanted.every(fresh)) {
      try {
        await this.fetchArea(area, wanted, now);
      } catch (e) {
        failed = true;
        logger.warn({ area: area.key, err: (e as Error).message }, 'weather provider failed; using last-known forecast and the fixture');
      }
    }
    const known = this.cache.get(area.key) ?? new Map<number, Cached>();
    const missing = wanted.filter((t) => !known.has(t));
    const fill = new Map<number, WeatherHour>();
    if (missing.length) {
      const fb = await this.opts.fallback.forecast(point, new Date(missing[0]), new Date(missing[missing.length - 1] + 3_600_000));
      for (const h of fb.hours) fill.set(Date.parse(h.at), h);
    }
    const hours = wanted.map((t) => known.get(t)?.hour ?? fill.get(t)).filter((h): h is WeatherHour => !!h);
    return { area: area.key, hours, source: failed || missing.length ? 'fallback' : 'provider' };
  }

  /** One request per area at a time: concurrent planners share it. */
  private fetchArea(area: { key: string; lat: number; lng: number }, wanted: number[], now: number): Promise<void> {
    const running = this.inflight.get(area.key);
    if (running) return running;
    const p = this.request(area, wanted, now).finally(() => this.inflight.delete(area.key));
    this.inflight.set(area.key, p);
    return p;
  }

  private async request(area: { key: string; lat: number; lng: number }, wanted: number[], now: number): Promise<void> {
    const days = Math.min(16, Math.max(1, Math.ceil((wanted[wanted.length - 1] + 3_600_000 - now) / 86_400_000) + 1));
    const u = new URL('/v1/forecast', this.opts.url);
    u.searchParams.set('latitude', String(area.lat));
    u.searchParams.set('longitude', String(area.lng));
    u.searchParams.set('hourly', 'temperature_2m,weather_code,wind_gusts_10m');
    u.searchParams.set('timezone', 'GMT');
    u.searchParams.set('past_days', '1');
    u.searchParams.set('forecast_days', String(days));
    if (this.opts.apiKey) u.searchParams.set('apikey', this.opts.apiKey);
    this.requests++;
    const res = await fetch(u, { signal: AbortSignal.timeout(this.opts.timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${u.origin}${u.pathname}`);
    const hours = parseOpenMeteo(await res.json(), this.opts.gustSevereKmh);
    let byHour = this.cache.get(area.key);
    if (!byHour) this.cache.set(area.key, (byHour = new Map()));
    // Hours more than a day old are never asked for again.
    for (const t of byHour.keys()) if (t < now - 86_400_000) byHour.delete(t);
    for (const h of hours) byHour.set(Date.parse(h.at), { hour: h, fetchedAt: now });
  }
}

/** Hourly ambient and severe flags from an Open-Meteo `/v1/forecast` body (GMT times); throws on a malformed body. */
export function parseOpenMeteo(body: unknown, gustSevereKmh: number): WeatherHour[] {
  const h = (body as { hourly?: Record<string, unknown> })?.hourly;
  const time = h?.time;
  const temp = h?.temperature_2m;
  if (!Array.isArray(time) || !Array.isArray(temp) || time.length !== temp.length) throw new Error('malformed Open-Meteo body: hourly.time and hourly.temperature_2m missing or of different lengths');
  const codes = Array.isArray(h?.weather_code) ? (h.weather_code as Array<number | null>) : [];
  const gusts = Array.isArray(h?.wind_gusts_10m) ? (h.wind_gusts_10m as Array<number | null>) : [];
  const out: WeatherHour[] = [];
  time.forEach((t, i) => {
    const c = temp[i];
    // Open-Meteo sends null for hours a model does not cover; those are left to the fallback.
    if (typeof t !== 'string' || typeof c !== 'number') return;
    const at = Date.parse(`${t}:00Z`);
    if (!Number.isFinite(at)) throw new Error(`malformed Open-Meteo time ${JSON.stringify(t)}`);
    const severe = SEVERE_CODES.has(codes[i] ?? -1) || (gusts[i] ?? 0) >= gustSevereKmh;
    out.push({ at: new Date(at).toISOString(), ambientC: c, severe });
  });
  return out;
}
