/** Dispatch settings (declared once; environment overrides). */
import { defineKey } from '../platform/config/registry';

const c = 'dispatch';

export const dispatchKeys = {
  sellByMarginDays: defineKey({ context: c, env: 'DISPATCH_SELL_BY_MARGIN_DAYS', type: 'int', default: 30, min: 0, unit: 'days', doc: 'Lots expiring within this many days are not sold' }),
  rxHoldMinutes: defineKey({ context: c, env: 'DISPATCH_RX_HOLD_MINUTES', type: 'int', default: 120, min: 1, unit: 'min', doc: 'How long stock stays reserved while a prescription awaits a pharmacist' }),
  paymentHoldMinutes: defineKey({ context: c, env: 'DISPATCH_PAYMENT_HOLD_MINUTES', type: 'int', default: 15, min: 1, unit: 'min', doc: 'How long stock stays reserved for an order awaiting payment confirmation' }),
  maxLines: defineKey({ context: c, env: 'DISPATCH_MAX_ORDER_LINES', type: 'int', default: 200, min: 1, max: 5000, unit: 'lines', doc: 'Most lines one order may have' }),
  defaultPromiseMinutes: defineKey({ context: c, env: 'DISPATCH_DEFAULT_PROMISE_MINUTES', type: 'int', default: 30, min: 10, max: 120, unit: 'min', doc: 'Instant-delivery promise when the order gives none' }),
  calibrationWarnDays: defineKey({ context: c, env: 'DISPATCH_CALIBRATION_WARN_DAYS', type: 'int', default: 30, min: 0, unit: 'days', doc: 'Warn this long before a box probe calibration falls due' }),
  planDebounceMs: defineKey({ context: c, env: 'DISPATCH_PLAN_DEBOUNCE_MS', type: 'int', default: 2000, min: 0, unit: 'ms', doc: 'Changes within this window are planned together' }),
  fleetSnapshotMs: defineKey({ context: c, env: 'DISPATCH_FLEET_SNAPSHOT_MS', type: 'int', default: 1000, min: 0, max: 60_000, unit: 'ms', doc: 'Oldest picture of boxes and riders sourcing may use (0 = read for every order); orders reserve stock, not boxes or riders, which the planner assigns' }),
  allowSplit: defineKey({ context: c, env: 'DISPATCH_ALLOW_SPLIT', type: 'bool', default: true, doc: 'Split an order into several shipments when no single facility can serve it' }),
  recurringLeadHours: defineKey({ context: c, env: 'DISPATCH_RECURRING_LEAD_HOURS', type: 'int', default: 24, min: 1, unit: 'h', doc: 'A recurring delivery becomes an order this long before its window' }),
  piiRiderGraceMinutes: defineKey({ context: c, env: 'DISPATCH_PII_RIDER_GRACE_MINUTES', type: 'int', default: 0, min: 0, unit: 'min', doc: 'How long after handover the rider still sees the customer\'s details' }),
  planTimeBudgetMs: defineKey({ context: c, env: 'DISPATCH_PLAN_TIME_BUDGET_MS', type: 'int', default: 2000, min: 50, max: 60_000, unit: 'ms', doc: 'Optimizer time budget per planning run' }),
  holdoverSafetyMinutes: defineKey({ context: c, env: 'DISPATCH_HOLDOVER_SAFETY_MINUTES', type: 'int', default: 10, min: 0, unit: 'min', doc: 'Subtracted from a box\'s validated holdover when planning a cold shipment\'s time out of the fridge' }),
  pickupServiceS: defineKey({ context: c, env: 'DISPATCH_PICKUP_SERVICE_S', type: 'int', default: 120, min: 0, unit: 's', doc: 'Time at the facility to load one shipment' }),
  deliveryServiceS: defineKey({ context: c, env: 'DISPATCH_DELIVERY_SERVICE_S', type: 'int', default: 180, min: 0, unit: 's', doc: 'Time at the door to hand one shipment over' }),
  personalDataDays: defineKey({ context: c, env: 'PRIVACY_PERSONAL_DATA_DAYS', type: 'int', default: 90, min: 1, unit: 'days', doc: 'Days after an order ended (delivery, cancellation) that the customer\'s name, phone and address are kept for complaints; then they are erased (the temperature record stays)' }),
  availabilityRatePerMin: defineKey({ context: c, env: 'DISPATCH_AVAILABILITY_RATE_PER_MIN', type: 'int', default: 60, min: 1, unit: 'requests/min', doc: 'Public stock-availability requests one client address may make per minute' }),
  requireSeal: defineKey({ context: c, env: 'DISPATCH_REQUIRE_SEAL', type: 'bool', default: false, doc: 'Pickup needs the box sealed (packed with the checklist, seal number recorded); off: the box lifecycle is recorded but pickup does not wait for it' }),
  defaultShiftHours: defineKey({ context: c, env: 'DISPATCH_DEFAULT_SHIFT_HOURS', type: 'int', default: 8, min: 1, max: 24, unit: 'h', doc: 'Remaining shift assumed for an online rider without a shift for today' }),
  weatherProvider: defineKey({ context: c, env: 'DISPATCH_WEATHER_PROVIDER', type: 'enum', values: ['fixture', 'open-meteo'] as const, default: 'fixture', doc: 'Where ambient forecasts for holdover come from: the fixture file (demo, tests) or an Open-Meteo-compatible HTTP API' }),
  weatherFixture: defineKey({ context: c, env: 'DISPATCH_WEATHER_FIXTURE', type: 'string', default: 'dispatch/demo/weather-guangzhou.json', doc: 'Hourly ambient and severe-weather flags per district (JSON); also the fallback when the provider fails' }),
  weatherUrl: defineKey({ context: c, env: 'DISPATCH_WEATHER_URL', type: 'url', default: 'https://api.open-meteo.com', doc: 'Base URL of the Open-Meteo-compatible forecast API (`/v1/forecast` is appended)' }),
  weatherApiKey: defineKey<string | undefined>({ context: c, env: 'DISPATCH_WEATHER_API_KEY', type: 'string', optional: true, secret: true, doc: 'Provider API key, sent as `apikey` (Open-Meteo commercial); unset for the free API' }),
  weatherCacheMinutes: defineKey({ context: c, env: 'DISPATCH_WEATHER_CACHE_MINUTES', type: 'int', default: 60, min: 0, max: 1440, unit: 'min', doc: 'How long a fetched forecast hour is reused per area before the provider is asked again' }),
  weatherTimeoutMs: defineKey({ context: c, env: 'DISPATCH_WEATHER_TIMEOUT_MS', type: 'int', default: 3000, min: 100, max: 60_000, unit: 'ms', doc: 'Provider request timeout; after it the last-known forecast or the fixture is used' }),
  weatherGustSevereKmh: defineKey({ context: c, env: 'DISPATCH_WEATHER_GUST_SEVERE_KMH', type: 'int', default: 62, min: 1, unit: 'km/h', doc: 'Wind gusts at or above this (Beaufort 8, gale) flag an hour as severe weather' }),
};
