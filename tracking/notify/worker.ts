/**
 * Delivery of customer notifications (the BullMQ processor), and the tick that finds what no
 * event announces: deliveries running late, excursions whose feed event was missed.
 */
import type pg from 'pg';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { getKey } from '../../platform/config/registry';
import { appDb } from '../../platform/db/pool';
import { createWorker } from '../../platform/queue/queue';
import { logger } from '../../platform/logger';
import { maskPhone, parseCnPhone } from '../../platform/privacy';
import { customerContactForNotification, shipmentsPastPromise, type NotificationContact } from '../../dispatch';
import { postSignedWebhook, postSms, shipmentsWithOpenExcursions, type SmsTarget, type WebhookTarget } from '../../telemetry';
import { notifyKeys as k, trackingLink } from './config';
import { formatEta, pickLanguage, renderMessage } from './render';
import { enqueueSend, notifyCustomer, notifyQueue, SEND_JOB, TICK_JOB, type SendJobData } from './notify';
import { subscribeExcursionAlarms } from './excursion-feed';
import type { NotificationKind } from './kinds';

export type CustomerChannel = 'sms' | 'webhook';

const EXCURSION_LOOKBACK_MS = 24 * 3600_000;

export interface SendDeps {
  db: pg.Pool;
  /** Each channel on when configured (TRACKING_NOTIFY_SMS_URL, TRACKING_NOTIFY_WEBHOOK_URL + _SECRET). */
  sms: SmsTarget | null;
  webhook: WebhookTarget | null;
}

/** The channels as configured now. */
export function configuredChannels(env: NodeJS.ProcessEnv = process.env): Pick<SendDeps, 'sms' | 'webhook'> {
  const timeoutMs = getKey(k.timeoutMs, env);
  const smsUrl = getKey(k.smsUrl, env), hookUrl = getKey(k.webhookUrl, env), hookSecret = getKey(k.webhookSecret, env);
  return {
    sms: smsUrl ? { url: smsUrl, token: getKey(k.smsToken, env), timeoutMs } : null,
    webhook: hookUrl && hookSecret ? { url: hookUrl, secret: hookSecret, timeoutMs } : null,
  };
}

export interface SendOutcome { status: 'sent' | 'partial' | 'failed' | 'retrying' | 'skipped' | 'done'; sent: CustomerChannel[]; error?: string }

/** An error's message and, for a network failure, its cause's code (fetch says only "fetch failed"). */
function describe(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return `${err.message}${cause ? ` (${cause})` : ''}`.slice(0, 500);
}

/**
 * Sends one notification through every configured channel not yet done (a retry re-sends only
 * what failed) and records the outcome. Throws while something failed and attempts remain, so
 * BullMQ retries with backoff; the last attempt records `failed` (or `partial`) with the error.
 */
export async function runSendJob(job: Pick<Job<SendJobData>, 'data' | 'attemptsMade' | 'opts'>, deps: SendDeps): Promise<SendOutcome> {
  const { db } = deps;
  const { rows } = await db.query(
    `UPDATE tracking.customer_notifications SET attempts = attempts + 1, last_attempt_at = now()
      WHERE id = $1 AND status IN ('queued', 'retrying') RETURNING shipment_id, kind, params, sent_channels`, [job.data.notificationId]);
  if (!rows[0]) return { status: 'done', sent: [] }; // already final (a duplicate job)
  const n = rows[0] as { shipment_id: string; kind: NotificationKind; params: Record<string, string>; sent_channels: CustomerChannel[] };
  const finish = async (status: 'sent' | 'partial' | 'failed' | 'retrying' | 'skipped', fields: { error?: string | null; language?: string; channels?: string[]; sent?: string[]; toMasked?: string | null }) => {
    await db.query(
      `UPDATE tracking.customer_notifications
          SET status = $2, error = $3, language = coalesce($4, language), channels = coalesce($5, channels), sent_channels = coalesce($6, sent_channels),
              to_masked = coalesce($7, to_masked), sent_at = CASE WHEN $2 IN ('sent', 'partial') THEN now() ELSE sent_at END
        WHERE id = $1`,
      [job.data.notificationId, status, fields.error ?? null, fields.language ?? null, fields.channels ?? null, fields.sent ?? null, fields.toMasked ?? null]);
  };

  const channels: CustomerChannel[] = [];
  if (deps.sms) channels.push('sms');
  if (deps.webhook) channels.push('webhook');
  if (!channels.length) {
    await finish('skipped', { error: 'no customer channel configured' });
    return { status: 'skipped', sent: [], error: 'no customer channel configured' };
  }
  let contact: NotificationContact | null;
  try {
    contact = await customerContactForNotification(db, n.shipment_id);
  } catch (e) {
    return failOrRetry(job, finish, n.sent_channels, describe(e), channels);
  }
  if (!contact) {
    await finish('skipped', { error: 'no such shipment, or its personal data was purged' });
    return { status: 'skipped', sent: [], error: 'no such shipment, or its personal data was purged' };
  }
  // A landline takes no SMS: with no other channel the message is skipped, not retried.
  const mobile = parseCnPhone(contact.phone)?.kind === 'mobile';
  if (!mobile && !deps.webhook) {
    await finish('skipped', { error: 'the order has no mobile number and no webhook is configured', toMasked: contact.phone ? maskPhone(contact.phone) : null });
    return { status: 'skipped', sent: [], error: 'no mobile number' };
  }
  if (!mobile) channels.splice(channels.indexOf('sms'), 1);
  const language = pickLanguage(contact.language);
  let text: string;
  try {
    text = renderMessage(n.kind, language, {
      link: trackingLink(contact.token), code: job.data.code, reason: n.params.reason,
      eta: n.kind === 'delayed' && contact.eta ? formatEta(contact.eta, contact.timeZone) : undefined,
    });
  } catch (e) {
    // Only a picked_up job without its code gets here: no retry brings the code back.
    await finish('failed', { error: describe(e), language, channels });
    throw new UnrecoverableError(describe(e));
  }
  const toMasked = contact.phone ? maskPhone(contact.phone) : null;
  const reference = `cn-${job.data.notificationId}`;
  const done = new Set<CustomerChannel>(n.sent_channels);
  const errors: string[] = [];
  await Promise.all(channels.filter((c) => !done.has(c)).map(async (c) => {
    try {
      if (c === 'sms') {
        await postSms(deps.sms!, { to: contact.phone, text, reference });
      } else {
        await postSignedWebhook(deps.webhook!, 'customer.notification', {
          notification: {
            id: reference, kind: n.kind, shipmentId: n.shipment_id, orderId: contact.orderId, salesChannel: contact.channel,
            externalRef: contact.externalRef, language, text, trackingUrl: trackingLink(contact.token),
          },
        });
      }
      done.add(c);
    } catch (e) {
      errors.push(`${c}: ${describe(e)}`);
    }
  }));
  const sent = channels.filter((c) => done.has(c));
  if (!errors.length) {
    await finish('sent', { language, channels, sent, toMasked });
    logger.info({ notificationId: job.data.notificationId, shipmentId: n.shipment_id, kind: n.kind, channels: sent }, 'customer notified');
    return { status: 'sent', sent };
  }
  // Record what got through before deciding, so a retry skips it.
  await db.query(`UPDATE tracking.customer_notifications SET sent_channels = $2, language = $3, channels = $4, to_masked = $5 WHERE id = $1`,
    [job.data.notificationId, sent, language, channels, toMasked]);
  return failOrRetry(job, finish, sent, errors.join('; '), channels);
}

async function failOrRetry(
  job: Pick<Job<SendJobData>, 'data' | 'attemptsMade' | 'opts'>,
  finish: (status: 'partial' | 'failed' | 'retrying', f: { error: string; channels: string[] }) => Promise<void>,
  sent: CustomerChannel[], error: string, channels: CustomerChannel[],
): Promise<never> {
  // BullMQ retries while attemptsMade + 1 < attempts (attemptsMade counts failures so far).
  const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const status = !last ? 'retrying' : sent.length ? 'partial' : 'failed';
  await finish(status, { error, channels });
  logger.warn({ notificationId: job.data.notificationId, attempt: job.attemptsMade + 1, status, error }, 'customer notification not delivered');
  throw new Error(error);
}

/**
 * Late deliveries: every shipment a rider carries whose ETA (or now) is past its promised
 * window gets `delayed`, once. A shipment whose lifecycle says it is no longer on its way
 * (failed, delivered, …) is left alone.
 */
export async function checkDelays(now: Date = new Date(), db: pg.Pool = appDb()): Promise<{ late: number; queued: number }> {
  const late = await shipmentsPastPromise(db, now);
  if (!late.length) return { late: 0, queued: 0 };
  const ids = late.map((s) => s.shipmentId);
  const { rows } = await db.query(
    `SELECT shipment_id FROM tracking.shipment_state WHERE shipment_id = ANY($1::text[]) AND state NOT IN ('picked_up', 'in_transit', 'arriving')
     UNION SELECT shipment_id FROM tracking.customer_notifications WHERE shipment_id = ANY($1::text[]) AND kind = 'delayed'`, [ids]);
  const skip = new Set(rows.map((r) => r.shipment_id as string));
  let queued = 0;
  for (const id of ids) {
    if (skip.has(id)) continue;
    if ((await notifyCustomer({ shipmentId: id, kind: 'delayed' }, db)).created) queued++;
  }
  return { late: late.length, queued };
}

/**
 * Excursions the feed subscriber did not see (the worker was down, or an alarm widened to
 * another shipment): every shipment with an unresolved excursion has `excursion_review`.
 */
export async function checkExcursions(now: Date = new Date(), db: pg.Pool = appDb()): Promise<{ open: number; queued: number }> {
  // Alarms recorded in the last day only: an old alarm left open must not message the customer
  // of a long-finished order (say, the first tick after this feature is deployed).
  const open = await shipmentsWithOpenExcursions(db, new Date(now.getTime() - EXCURSION_LOOKBACK_MS));
  if (!open.length) return { open: 0, queued: 0 };
  const { rows } = await db.query(`SELECT shipment_id FROM tracking.customer_notifications WHERE shipment_id = ANY($1::text[]) AND kind = 'excursion_review'`, [open.map((o) => o.shipmentId)]);
  const told = new Set(rows.map((r) => r.shipment_id as string));
  let queued = 0;
  for (const o of open) {
    if (told.has(o.shipmentId)) continue;
    if ((await notifyCustomer({ shipmentId: o.shipmentId, kind: 'excursion_review', alarmId: o.alarmId }, db)).created) queued++;
  }
  return { open: open.length, queued };
}

/**
 * Notifications recorded but no longer on the queue (Redis was down when they were recorded,
 * or a worker died past BullMQ's stalled limit) are queued again; one still on it keeps its job
 * id, so adding it again is a no-op. A picked_up one cannot be: its code was only in the lost
 * job, and the caller sending it again (with the code) queues it.
 */
export async function requeueStranded(db: pg.Pool = appDb(), olderThanMs = 60_000): Promise<number> {
  const { rows } = await db.query(
    `SELECT id FROM tracking.customer_notifications
      WHERE status IN ('queued', 'retrying') AND kind <> 'picked_up' AND coalesce(last_attempt_at, created_at) < now() - make_interval(secs => $1)`, [olderThanMs / 1000]);
  for (const r of rows) await enqueueSend(String(r.id));
  return rows.length;
}

/** One tick: late deliveries, missed excursions, stranded notifications. */
export async function runNotifyTick(now: Date = new Date(), db: pg.Pool = appDb()) {
  return { delays: await checkDelays(now, db), excursions: await checkExcursions(now, db), requeued: await requeueStranded(db) };
}

export interface CustomerNotifyOptions {
  /** Schedule the tick (every TRACKING_NOTIFY_TICK_MS) on the notification queue; default true. */
  tick?: boolean;
  /** Subscribe to excursion alarms on the real-time feed for an immediate excursion_review; default true. */
  excursionFeed?: boolean;
  /** Channels other than the configured ones (tests). */
  channels?: Pick<SendDeps, 'sms' | 'webhook'>;
}

/**
 * Starts the customer-notification worker (app/worker.ts): sends, the tick, and the excursion
 * feed subscriber. close() stops them (not the shared DB pool).
 */
export async function startCustomerNotifications(opts: CustomerNotifyOptions = {}): Promise<{ close(): Promise<void> }> {
  const db = appDb();
  const deps: SendDeps = { db, ...(opts.channels ?? configuredChannels()) };
  const queue = notifyQueue();
  if (opts.tick ?? true) await queue.upsertJobScheduler('tracking-notify-tick', { every: getKey(k.tickMs) }, { name: TICK_JOB, opts: { attempts: 1 } });
  const worker: Worker = createWorker(getKey(k.queue), async (job: Job) => {
    if (job.name === SEND_JOB) return runSendJob(job as Job<SendJobData>, deps);
    if (job.name === TICK_JOB) return runNotifyTick(new Date(), db);
    throw new UnrecoverableError(`unknown customer notification job ${job.name}`);
  }, { concurrency: 8 });
  worker.on('failed', (job, err) => logger.warn({ queue: worker.name, job: job?.id, name: job?.name, err: err.message }, 'customer notification job failed'));
  const unsubscribe = (opts.excursionFeed ?? true) ? await subscribeExcursionAlarms() : async () => undefined;
  logger.info({ queue: worker.name, sms: Boolean(deps.sms), webhook: Boolean(deps.webhook) }, 'customer notifications started');
  return {
    async close() {
      await unsubscribe();
      await worker.close();
    },
  };
}
