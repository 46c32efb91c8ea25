/** The configured notification channels (each one off while its setting is empty). */
import { getKey } from '../../../platform/config/registry';
import { telemetryKeys as k } from '../../config';
import type { NotificationChannel } from './channel';
import { SmtpEmailChannel } from './email';
import { HttpSmsChannel } from './sms';
import { WebhookChannel } from './webhook';

export * from './channel';
export { WebhookChannel, postSignedWebhook, signWebhook, verifyWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookTarget } from './webhook';
export { HttpSmsChannel, postSms, type SmsTarget } from './sms';
export { SmtpEmailChannel } from './email';

export function defaultChannels(): NotificationChannel[] {
  const timeout = getKey(k.notifyTimeoutMs);
  return [
    new HttpSmsChannel(getKey(k.smsUrl), getKey(k.smsToken), timeout),
    new SmtpEmailChannel(getKey(k.smtpUrl), getKey(k.smtpFrom), timeout),
    new WebhookChannel(getKey(k.webhookUrl), getKey(k.webhookSecret), timeout),
  ];
}
