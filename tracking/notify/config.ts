/** Settings of customer notifications (tracking/notify). */
import { defineKey, getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';

const c = 'tracking';

export const notifyKeys = {
  publicBaseUrl: defineKey({ context: c, env: 'TRACKING_PUBLIC_BASE_URL', type: 'string', default: '', doc: 'Base of the tracking link in customer messages (<base>/t/<token>); empty = PUBLIC_BASE_URL, else http://localhost:<HTTP_PORT>' }),
  smsUrl: defineKey({ context: c, env: 'TRACKING_NOTIFY_SMS_URL', type: 'string', default: '', doc: 'SMS adapter for customer messages, same contract as ALARM_SMS_URL: POST JSON {to, text, reference} (empty = SMS off)' }),
  smsToken: defineKey({ context: c, env: 'TRACKING_NOTIFY_SMS_TOKEN', type: 'string', default: '', secret: true, doc: 'Bearer token sent to the customer SMS adapter' }),
  webhookUrl: defineKey({ context: c, env: 'TRACKING_NOTIFY_WEBHOOK_URL', type: 'string', default: '', doc: 'Signed webhook receiving every customer message (e.g. the sales channel\'s relay); no phone number in it (empty = off)' }),
  webhookSecret: defineKey({ context: c, env: 'TRACKING_NOTIFY_WEBHOOK_SECRET', type: 'string', default: '', secret: true, doc: 'HMAC-SHA256 secret of the customer webhook signature' }),
  timeoutMs: defineKey({ context: c, env: 'TRACKING_NOTIFY_TIMEOUT_MS', type: 'int', default: 10_000, min: 100, unit: 'ms', doc: 'Timeout of one delivery to the SMS adapter or webhook' }),
  queue: defineKey({ context: c, env: 'TRACKING_NOTIFY_QUEUE', type: 'string', default: 'tracking-notify', doc: 'BullMQ queue of customer messages and the delay/excursion ticks' }),
  attempts: defineKey({ context: c, env: 'TRACKING_NOTIFY_ATTEMPTS', type: 'int', default: 8, min: 1, max: 50, unit: 'attempts', doc: 'Deliveries tried per customer message before it is recorded as failed' }),
  backoffMs: defineKey({ context: c, env: 'TRACKING_NOTIFY_BACKOFF_MS', type: 'int', default: 5000, min: 10, unit: 'ms', doc: 'First retry delay of a customer message, doubled each time (8 attempts at 5 s span ~10 min)' }),
  tickMs: defineKey({ context: c, env: 'TRACKING_NOTIFY_TICK_MS', type: 'int', default: 60_000, min: 1000, unit: 'ms', doc: 'Period of the check for late deliveries and unreported excursions' }),
};

/** `<base>/t/<token>`: the customer's tracking page. */
export function trackingLink(token: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = getKey(notifyKeys.publicBaseUrl, env) || getKey(keys.publicBaseUrl, env) || `http://localhost:${getKey(keys.httpPort, env)}`;
  return `${base.replace(/\/+$/, '')}/t/${encodeURIComponent(token)}`;
}
