/**
 * SMS through a generic HTTP provider adapter. Contract (documented for whoever wires a real
 * gateway, e.g. a small relay in front of Aliyun/Tencent SMS):
 *
 *   POST <ALARM_SMS_URL>
 *   Authorization: Bearer <ALARM_SMS_TOKEN>        (when set)
 *   Content-Type: application/json
 *   {"to": "+8613800000000", "text": "…", "reference": "<alarm id>:<tier>"}
 *
 * Any 2xx means accepted. `reference` is stable per alarm and tier, so a provider can drop
 * the duplicate of a retried job.
 */
import type { AlarmNotice, NotificationChannel } from './channel';

/** Where an SMS adapter listens (the transport both alarm and customer messages use). */
export interface SmsTarget { url: string; token: string; timeoutMs?: number }

/**
 * POSTs one message to the SMS adapter; resolves once it answered 2xx, rejects otherwise.
 * The error names the HTTP status only, never the number or the text (they are personal data).
 */
export async function postSms(target: SmsTarget, message: { to: string; text: string; reference: string }): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  const res = await fetch(target.url, {
    method: 'POST', headers,
    body: JSON.stringify({ to: message.to, text: message.text, reference: message.reference }),
    signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`SMS provider answered HTTP ${res.status}`);
}

export class HttpSmsChannel implements NotificationChannel {
  readonly name = 'sms' as const;
  constructor(private readonly url: string, private readonly token: string, private readonly timeoutMs = 10_000) {}
  get enabled(): boolean { return Boolean(this.url); }

  async send(notice: AlarmNotice, to: string | null): Promise<void> {
    if (!to) throw new Error('no phone number');
    await postSms({ url: this.url, token: this.token, timeoutMs: this.timeoutMs }, { to, text: notice.text, reference: `${notice.alarmId}:${notice.tier}` });
  }
}
