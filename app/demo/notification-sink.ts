/**
 * GET /demo/notifications-sent: what the live demo's local sinks caught (SMS over the HTTP SMS
 * contract, e-mail over SMTP; sim/sms-sink.ts and sim/mail-sink.ts, started by `npm start`), so
 * a new user sees who an alarm told and what a customer was sent. Admin only; phone numbers are
 * masked (the texts carry delivery codes and links, never names or drug names). Off unless
 * NOTIFICATION_SINK_URL is set: a production stack sends to real providers and has no sink.
 */
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { defineKey, getKey } from '../../platform/config/registry';
import { route, type RouteModule } from '../../platform/http/route';

export const demoKeys = {
  notificationSinkUrl: defineKey({ context: 'app', env: 'NOTIFICATION_SINK_URL', type: 'string', default: '', doc: 'The demo\'s local notification sink (http://127.0.0.1:<port>, its GET /messages lists what it caught); empty = no sink (production)' }),
};

const Message = z.object({
  channel: z.enum(['sms', 'email']), to: z.string().meta({ description: 'Phone masked (138****0001) or the e-mail address' }),
  subject: z.string().nullable(), text: z.string(), reference: z.string().meta({ description: 'Alarm messages: <alarm id>:<tier>; otherwise the sender\'s reference or empty' }),
  at: z.string().meta({ description: 'When the sink received it (ISO 8601, UTC)' }),
});
const Answer = z.object({ configured: z.boolean(), messages: z.array(Message) }).meta({ id: 'NotificationsSent' });

/** 13800000001 / +8613800000001 → 138****0001 (the last 4 kept: a person matches their own). */
export function maskPhone(to: string): string {
  const d = to.replace(/^\+86/, '');
  return /^\+?\d{7,15}$/.test(d) ? `${d.slice(0, 3)}****${d.slice(-4)}` : to;
}

export const notificationSinkModule: RouteModule = {
  name: 'demo',
  routes: [
    route({
      method: 'get', path: '/demo/notifications-sent', operationId: 'listNotificationsSent', tags: ['demo'], access: ['admin'],
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), channel: z.enum(['sms', 'email']).optional() }).strict(),
      response: Answer,
      summary: 'The demo\'s notifications sent (SMS and e-mail caught by the local sinks), newest first; empty when the stack has no sink',
      async handler({ query }) {
        const base = getKey(demoKeys.notificationSinkUrl).replace(/\/+$/, '');
        if (!base) return { body: { configured: false, messages: [] } };
        let list: Array<{ channel?: string; to: string; subject?: string; text: string; reference: string; at: number }>;
        try {
          const r = await fetch(`${base}/messages?limit=500`, { signal: AbortSignal.timeout(3000) });
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          list = ((await r.json()) as { messages: typeof list }).messages;
        } catch {
          throw new AppError('upstream', 'notification_sink_unreachable', `The demo's notification sink at ${base} does not answer: is npm start running (its log: .stack/dev/logs/sinks.log)?`);
        }
        const messages = list.map((m) => ({
          channel: m.channel === 'email' ? 'email' as const : 'sms' as const, to: m.channel === 'email' ? m.to : maskPhone(m.to),
          subject: m.subject ?? null, text: m.text.slice(0, 2000), reference: m.reference ?? '', at: new Date(m.at).toISOString(),
        })).filter((m) => !query.channel || m.channel === query.channel).slice(0, query.limit);
        return { body: { configured: true, messages } };
      },
    }),
  ],
};
