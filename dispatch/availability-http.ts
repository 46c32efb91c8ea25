/** `GET /api/v1/availability`: public, no login, rate-limited per client address (platform/http/rate-limit.ts). */
import { z } from 'zod';
import { getKey } from '../platform/config/registry';
import { enforceRateLimit } from '../platform/http/rate-limit';
import { route, schemas } from '../platform/http/route';
import { toWgs84 } from '../geo';
import { dispatchKeys } from './config';
import { COORDINATE_SYSTEMS } from './domain/order-schema';
import { PROMISE_CLASSES } from './domain/promise-class';
import { TEMPERATURE_CLASSES, TIERS } from './network';
import { availabilityAt } from './orders/availability';

export interface AvailabilityOptions {
  /** Requests per client address per minute instead of the configured limit (tests). */
  perMin?: number;
  /** Separates rate-limit counters of API instances sharing one Redis (tests). */
  scope?: string;
}

export const MAX_AVAILABILITY_SKUS = 20;

/** Degrees as a query string gives them: a decimal number within ±`limit`, not an empty string. */
const degrees = (name: string, limit: number) => z.string()
  .regex(/^\s*[-+]?\d{1,3}(\.\d+)?\s*$/, `${name} must be a decimal number of degrees, like ${name === 'lat' ? '23.13' : '113.32'}`)
  .transform(Number)
  .pipe(z.number().min(-limit, `${name} must be between -${limit} and ${limit}`).max(limit, `${name} must be between -${limit} and ${limit}`));

const AvailabilityQuery = z.object({
  lat: degrees('lat', 90),
  lng: degrees('lng', 180),
  crs: z.enum(COORDINATE_SYSTEMS).default('wgs84').meta({ description: 'Datum of lat/lng: wgs84 (GPS), gcj02 (AMap, Tencent), bd09 (Baidu); stored as WGS-84' }),
  // `sku=a,b` or `sku=a&sku=b` (koa gives the second as an array).
  sku: z.preprocess((v) => (Array.isArray(v) ? v.join(',') : v), z.string().max(1000)
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(schemas.id('sku'))
      .min(1, `give 1 to ${MAX_AVAILABILITY_SKUS} SKU ids`)
      .max(MAX_AVAILABILITY_SKUS, `give at most ${MAX_AVAILABILITY_SKUS} SKU ids per request`)))
    .meta({ description: `1–${MAX_AVAILABILITY_SKUS} SKU ids, comma-separated or repeated` }),
}).strict();

const REASONS = ['no_facility_serves_point', 'closed', 'no_cold_capability', 'cold_paused', 'out_of_stock', 'no_box', 'cannot_meet_promise', 'unroutable'] as const;

export const AvailabilityOut = z.object({
  items: z.array(z.object({
    skuId: z.string(),
    temperatureClass: z.enum(TEMPERATURE_CLASSES),
    rxRequired: z.boolean().meta({ description: 'An order with it needs a prescription reference' }),
    deliverable: z.boolean(),
    reason: z.enum(REASONS).nullable().meta({ description: 'Why not deliverable: no facility serves the point, none in range has a sellable lot (out_of_stock), or the reason of the nearest one that has (closed, no cold box, cannot meet even the next-day promise, …)' }),
    tier: z.enum(TIERS).nullable().meta({ description: 'The tier of the facility an order placed now would be sourced from' }),
    promise: z.enum(PROMISE_CLASSES).nullable().meta({ description: 'The narrowest promise sourcing can keep: 30min, 2h or next_day (by the end of tomorrow, local time)' }),
    earliestAt: z.string().nullable().meta({ description: 'Earliest arrival sourcing computed for that promise (ISO 8601)' }),
  })),
  together: z.object({
    deliverable: z.boolean(), oneShipment: z.boolean(), shipments: z.number().int(), tiers: z.array(z.enum(TIERS)),
    promise: z.enum(PROMISE_CLASSES).nullable(), earliestAt: z.string().nullable().meta({ description: 'When the last shipment arrives' }),
  }).meta({ description: 'All the SKUs in one order, one unit each' }),
  checkedAt: z.string(),
});

export const availabilityRoutes = (opts: AvailabilityOptions = {}) => [
  route({
    method: 'get', path: '/availability', operationId: 'getAvailability', tags: ['orders'], access: 'public',
    summary: 'Which SKUs can be delivered to a point, from which tier and within which promise (sourcing without reserving; no stock counts; rate-limited per address)',
    query: AvailabilityQuery, response: AvailabilityOut,
    errors: { 400: { codes: ['validation_failed', 'unknown_sku'] }, 429: { codes: ['rate_limited'] } },
    async handler({ query }, rc) {
      await enforceRateLimit(rc.koa, `${opts.scope ?? 'api'}:availability`, opts.perMin ?? getKey(dispatchKeys.availabilityRatePerMin), 60, 'availability requests');
      rc.koa.set('Cache-Control', 'no-store');
      return { body: await availabilityAt(toWgs84({ lat: query.lat, lng: query.lng }, query.crs), query.sku) };
    },
  }),
];
