/**
 * The weather providers: the fixture file (districts, local-hour profile, severe periods) and the
 * Open-Meteo adapter against a response in the provider's shape served by a local HTTP server
 * (no network): parsing, the severe flag, the per-area cache and the fall back when it fails.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureWeather } from './fixture';
import { OpenMeteoWeather, parseOpenMeteo } from './open-meteo';
import { hottest } from './port';

const recorded = readFileSync(new URL('./testdata/open-meteo-forecast.json', import.meta.url), 'utf8');
const providerError = readFileSync(new URL('./testdata/open-meteo-error.json', import.meta.url), 'utf8');
const TIANHE = { lat: 23.13, lng: 113.33 };

describe('fixture provider', () => {
  it('reads the demo city file: Guangzhou-like ambient per district by local hour', async () => {
    const f = FixtureWeather.fromFile('dispatch/demo/weather-guangzhou.json');
    // 06:00 UTC = 14:00 in Guangzhou, the hottest hour
    const fc = await f.forecast(TIANHE, new Date('2026-07-15T06:00:00Z'), new Date('2026-07-15T09:00:00Z'));
    expect(fc).toMatchObject({ area: '天河区 Tianhe', source: 'fixture' });
    expect(fc.hours.map((h) => h.ambientC)).toEqual([33, 33, 32]);
    const all = await f.forecast(TIANHE, new Date('2026-07-15T00:00:00Z'), new Date('2026-07-16T00:00:00Z'));
    expect(all.hours).toHaveLength(24);
    expect(Math.min(...all.hours.map((h) => h.ambientC))).toBeGreaterThanOrEqual(18);
    expect(hottest(all)?.ambientC).toBe(33);
    // Haizhu has daily afternoon thunderstorms 15:00–18:00 local.
    const hz = await f.forecast({ lat: 23.09, lng: 113.32 }, new Date('2026-07-15T06:00:00Z'), new Date('2026-07-15T11:00:00Z'));
    expect(hz.area).toBe('海珠区 Haizhu');
    expect(hz.hours.map((h) => h.severe)).toEqual([false, true, true, true, false]);
  });

  it('covers at least the hour containing from, and marks dated severe periods', async () => {
    const f = new FixtureWeather({
      timeZone: 'UTC',
      districts: [{ id: 'a', center: { lat: 0, lng: 0 }, hourlyC: Array.from({ length: 24 }, (_, h) => h), severe: [{ from: '2026-01-01T10:30:00Z', to: '2026-01-01T11:00:00Z' }] }],
    });
    const one = await f.forecast({ lat: 1, lng: 1 }, new Date('2026-01-01T10:45:00Z'), new Date('2026-01-01T10:45:00Z'));
    expect(one.hours).toEqual([{ at: '2026-01-01T10:00:00.000Z', ambientC: 10, severe: true }]);
  });

  it('refuses a malformed file with the field named', () => {
    expect(() => new FixtureWeather({ timeZone: 'UTC', districts: [{ id: 'a', center: { lat: 0, lng: 0 }, hourlyC: [20] }] })).toThrow(/hourlyC/);
  });
});

describe('Open-Meteo adapter', () => {
  let server: http.Server;
  let base = '';
  let mode: 'ok' | 'error' | 'hang' = 'ok';
  const seen: URL[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(new URL(req.url!, 'http://x'));
      if (mode === 'hang') return; // never answers: the adapter's timeout fires
      res.writeHead(mode === 'ok' ? 200 : 400, { 'content-type': 'application/json' });
      res.end(mode === 'ok' ? recorded : providerError);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

  const fixture = new FixtureWeather({ timeZone: 'UTC', districts: [{ id: 'fx', center: { lat: 23.1, lng: 113.3 }, hourlyC: Array(24).fill(21) }] });
  const adapter = (clock: { t: number }) => new OpenMeteoWeather({ url: base, apiKey: 'k-123', cacheMinutes: 60, timeoutMs: 300, gustSevereKmh: 62, fallback: fixture, now: () => clock.t });

  it('parses the hourly body: GMT times, °C, thunderstorm codes and gale gusts as severe, nulls skipped', () => {
    const hours = parseOpenMeteo(JSON.parse(recorded), 62);
    expect(hours).toHaveLength(47);
    expect(hours[0]).toEqual({ at: '2026-07-14T00:00:00.000Z', ambientC: 30.1, severe: false });
    // 16:00–17:00 local on the 14th (08, 09 UTC): thunderstorm (WMO 95); 17:00 also gusts 68 km/h
    expect(hours.filter((h) => h.severe).map((h) => h.at)).toEqual(['2026-07-14T08:00:00.000Z', '2026-07-14T09:00:00.000Z']);
    expect(() => parseOpenMeteo(JSON.parse(providerError), 62)).toThrow(/malformed Open-Meteo body/);
  });

  it('asks once per area and hour window, with the key, and serves the rest from its cache', async () => {
    mode = 'ok';
    const clock = { t: Date.parse('2026-07-14T02:10:00Z') };
    const w = adapter(clock);
    const fc = await w.forecast({ lat: 23.13, lng: 113.33 }, new Date('2026-07-14T02:10:00Z'), new Date('2026-07-14T08:00:00Z'));
    expect(fc.source).toBe('provider');
    expect(fc.area).toBe('grid:23.1,113.3');
    // 02:00–08:00 UTC is 10:00–16:00 in Guangzhou
    expect(fc.hours.map((h) => h.ambientC)).toEqual([32.6, 33.5, 34.2, 34.8, 35.3, 35.1]);
    expect(hottest(fc)?.ambientC).toBe(35.3);
    const q = seen[seen.length - 1];
    expect(q.pathname).toBe('/v1/forecast');
    expect(Object.fromEntries(q.searchParams)).toMatchObject({ latitude: '23.1', longitude: '113.3', hourly: 'temperature_2m,weather_code,wind_gusts_10m', timezone: 'GMT', apikey: 'k-123' });
    // A neighbouring point in the same cell, 20 minutes later: no new request.
    clock.t += 20 * 60_000;
    await w.forecast({ lat: 23.12, lng: 113.31 }, new Date(clock.t), new Date(clock.t + 3 * 3_600_000));
    expect(w.requests).toBe(1);
    // After the cache age the provider is asked again.
    clock.t += 60 * 60_000;
    await w.forecast({ lat: 23.12, lng: 113.31 }, new Date(clock.t), new Date(clock.t + 3_600_000));
    expect(w.requests).toBe(2);
  });

  it('falls back to last-known hours, then the fixture, with a warning, when the provider errs or hangs', async () => {
    const clock = { t: Date.parse('2026-07-14T02:00:00Z') };
    const w = adapter(clock);
    mode = 'ok';
    await w.forecast(TIANHE, new Date(clock.t), new Date(clock.t + 3_600_000));
    clock.t += 2 * 3_600_000; // cache expired
    mode = 'error';
    const fc = await w.forecast(TIANHE, new Date('2026-07-14T04:00:00Z'), new Date('2026-07-14T06:00:00Z'));
    expect(fc.source).toBe('fallback');
    expect(fc.hours.map((h) => h.ambientC)).toEqual([34.2, 34.8]); // last-known (cached from the first answer)
    mode = 'hang';
    const other = await w.forecast({ lat: 23.5, lng: 113.6 }, new Date('2026-07-14T04:00:00Z'), new Date('2026-07-14T06:00:00Z'));
    expect(other).toMatchObject({ area: 'grid:23.5,113.6', source: 'fallback' });
    expect(other.hours.map((h) => h.ambientC)).toEqual([21, 21]); // nothing known there: the fixture
  });
});
