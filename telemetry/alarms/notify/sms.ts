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

export class HttpSmsChannel implements NotificationChannel {
  readonly name = 'sms' as const;
  constructor(private readonly url: string, private readonly token: string, private readonly timeoutMs = 10_000) {}
  get enabled(): boolean { return Boolean(this.url); }

  async send(notice: AlarmNotice, to: string | null): Promise<void> {
    if (!to) throw new Error('no phone number');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(this.url, {
      method: 'POST', headers,
      body: JSON.stringify({ to, text: notice.text, reference: `${notice.alarmId}:${notice.tier}` }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`SMS provider answered HTTP ${res.status}`);
  }
}
