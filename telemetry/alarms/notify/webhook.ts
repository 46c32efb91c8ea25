/**
 * Signed webhook. The body is JSON; the headers carry the time and an HMAC so a receiver can
 * check origin and freshness:
 *
 *   X-Coldchain-Timestamp: <Unix seconds>
 *   X-Coldchain-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
 *
 * Signing the timestamp together with the body (as Stripe and Slack do) stops a captured
 * request from being replayed later with a fresh timestamp; receivers should refuse
 * timestamps older than 5 minutes ({@link verifyWebhookSignature}).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlarmNotice, NotificationChannel } from './channel';

export const TIMESTAMP_HEADER = 'x-coldchain-timestamp';
export const SIGNATURE_HEADER = 'x-coldchain-signature';

/** `v1=` + hex HMAC-SHA256 of `${timestampS}.${body}`. */
export function signWebhook(secret: string, timestampS: number, body: string): string {
  return 'v1=' + createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
}

/**
 * Receiver-side check: signature matches (constant-time) and the timestamp is within
 * `toleranceS` (default 300 s) of `nowS`.
 */
export function verifyWebhookSignature(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, nowS = Math.floor(Date.now() / 1000), toleranceS = 300): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts) || Math.abs(nowS - ts) > toleranceS) return false;
  const want = Buffer.from(signWebhook(secret, ts, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Where a signed webhook goes (the transport both alarm and customer messages use). */
export interface WebhookTarget { url: string; secret: string; timeoutMs?: number }

/**
 * POSTs `{"event": <event>, ...payload}` signed with the target's secret; resolves once the
 * receiver answered 2xx, rejects otherwise (naming the HTTP status only).
 */
export async function postSignedWebhook(target: WebhookTarget, event: string, payload: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({ event, ...payload });
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signWebhook(target.secret, ts, body) },
    body,
    signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
}

export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook' as const;
  constructor(private readonly url: string, private readonly secret: string, private readonly timeoutMs = 10_000) {}
  get enabled(): boolean { return Boolean(this.url && this.secret); }

  async send(notice: AlarmNotice): Promise<void> {
    await postSignedWebhook({ url: this.url, secret: this.secret, timeoutMs: this.timeoutMs }, 'alarm.notification', { notice });
  }
}
