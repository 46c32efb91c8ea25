/** Settings of the customer's tracking page (COMPLIANCE 57: expiry and rate limits). */
import { defineKey } from '../../platform/config/registry';

const c = 'tracking';

export const publicKeys = {
  tokenTtlDays: defineKey({ context: c, env: 'TRACKING_TOKEN_TTL_DAYS', type: 'int', default: 30, min: 0, max: 3650, unit: 'days', doc: 'A tracking link stops working this long after its order ended (delivered, returned, cancelled)' }),
  pageRatePerMin: defineKey({ context: c, env: 'TRACKING_PAGE_RATE_PER_MIN', type: 'int', default: 60, min: 1, unit: 'requests/min', doc: 'Tracking page views per client address per minute (counted in Redis across API processes)' }),
  jsonRatePerMin: defineKey({ context: c, env: 'TRACKING_JSON_RATE_PER_MIN', type: 'int', default: 60, min: 1, unit: 'requests/min', doc: 'Public tracking JSON requests per client address per minute' }),
  verifyRatePerHour: defineKey({ context: c, env: 'TRACKING_VERIFY_RATE_PER_HOUR', type: 'int', default: 20, min: 1, unit: 'requests/h', doc: 'Phone-check submissions per client address per hour' }),
  verifyTriesPerHour: defineKey({ context: c, env: 'TRACKING_VERIFY_TRIES_PER_HOUR', type: 'int', default: 5, min: 1, unit: 'tries/h', doc: 'Phone-check tries per tracking link per hour, from any address (4 digits are only 10,000 guesses)' }),
  verifiedMinutes: defineKey({ context: c, env: 'TRACKING_VERIFIED_MINUTES', type: 'int', default: 15, min: 1, max: 24 * 60, unit: 'min', doc: 'How long a passed phone check shows the delivery code before it is asked again' }),
};
