/** The weather port as dispatch uses it: the configured provider, one per process. */
import { getKey } from '../../platform/config/registry';
import { dispatchKeys } from '../config';
import { FixtureWeather } from './fixture';
import { OpenMeteoWeather } from './open-meteo';
import type { WeatherPort } from './port';

export { FixtureWeather, type WeatherFixtureData } from './fixture';
export { OpenMeteoWeather, parseOpenMeteo } from './open-meteo';
export { hottest, hoursCovering, type AreaForecast, type WeatherHour, type WeatherPort } from './port';

let current: WeatherPort | undefined;

/** The configured provider (DISPATCH_WEATHER_PROVIDER), built on first use. */
export function weather(): WeatherPort {
  if (current) return current;
  const fixture = FixtureWeather.fromFile(getKey(dispatchKeys.weatherFixture));
  current = getKey(dispatchKeys.weatherProvider) === 'open-meteo'
    ? new OpenMeteoWeather({
      url: getKey(dispatchKeys.weatherUrl), apiKey: getKey(dispatchKeys.weatherApiKey), cacheMinutes: getKey(dispatchKeys.weatherCacheMinutes),
      timeoutMs: getKey(dispatchKeys.weatherTimeoutMs), gustSevereKmh: getKey(dispatchKeys.weatherGustSevereKmh), fallback: fixture,
    })
    : fixture;
  return current;
}

/** Replaces the provider of this process (tests: a fixture with their own data); undefined restores the configured one. */
export function setWeather(port: WeatherPort | undefined): void {
  current = port;
}
