/**
 * Customer notifications: recorded once per kind per shipment (tracking.customer_notifications,
 * unique (shipment_id, kind)), then delivered by a BullMQ job (./worker.ts) so a receiver that
 * is down costs retries, not the message.
 */
import type { Queue } from 'bullmq';
import { getKey } from '../../platform/config/registry';
import { appDb, type Queryable } from '../../platform/db/pool';
import { createQueue } from '../../platform/queue/queue';
import { logger } from '../../platform/logger';
import { notifyKeys as k } from './config';
import { NOTIFICATION_KINDS, type NotificationKind } from './kinds';

export const SEND_JOB = 'send';
export const TICK_JOB = 'tick';

/**
 * A send job. The delivery code travels here and only here: it is not stored in PostgreSQL
 * (tracking keeps only its keyed hash), and the job is removed once it completed or failed.
 */
export interface SendJobData { notificationId: string; code?: string }

export interface NotifyRequest {
  shipmentId: string;
  kind: NotificationKind;
  /** picked_up: the 6-digit delivery code (required there, ignored elsewhere). */
  code?: string;
  /** failed: the reason code (customer_absent, refused, wrong_address, cold_chain_breach, damaged). */
  reason?: string;
  /** excursion_review: the alarm that raised it (recorded, not shown to the customer). */
  alarmId?: string;
}

export interface NotifyResult {
  /** false: this kind was already recorded for the shipment; nothing new was sent. */
  created: boolean;
  notificationId: string;
  status: string;
}

let queue: Queue<SendJobData> | undefined;

/** The queue notifications go out on (one per process, opened on first use). */
export function notifyQueue(): Queue<SendJobData> {
  if (!queue) {
    queue = createQueue<SendJobData>(getKey(k.queue), {
      defaultJobOptions: {
        attempts: getKey(k.attempts), backoff: { type: 'exponential', delay: getKey(k.backoffMs) },
        // The outcome is in tracking.customer_notifications; the job held the code.
        removeOnComplete: true, removeOnFail: true,
      },
    });
    queue.on('error', (err) => logger.warn({ err }, 'customer notification queue: Redis connection error'));
  }
  return queue;
}

export async function closeNotifyQueue(): Promise<void> {
  const q = queue;
  queue = undefined;
  await q?.close();
}

/** The job id of a notification: a second add of the same one while it is pending adds nothing. */
const jobId = (notificationId: string) => `cn-${notificationId}`;

export async function enqueueSend(notificationId: string, code?: string): Promise<void> {
  await notifyQueue().add(SEND_JOB, code ? { notificationId, code } : { notificationId }, { jobId: jobId(notificationId) });
}

/**
 * Tells the customer of `shipmentId` about `kind`, once: the first call records the message and
 * queues its delivery; a later call of the same kind sends nothing and answers `created: false`
 * (unless the first never reached the queue, which it then queues).
 */
export async function notifyCustomer(req: NotifyRequest, db: Queryable = appDb()): Promise<NotifyResult> {
  if (!NOTIFICATION_KINDS.includes(req.kind)) throw new Error(`unknown notification kind ${String(req.kind)}`);
  if (req.kind === 'picked_up' && !/^\d{6}$/.test(req.code ?? '')) throw new Error('picked_up needs the 6-digit delivery code');
  const params: Record<string, string> = {};
  if (req.kind === 'failed' && req.reason) params.reason = req.reason;
  if (req.kind === 'excursion_review' && req.alarmId) params.alarmId = req.alarmId;
  const ins = await db.query(
    `INSERT INTO tracking.customer_notifications (shipment_id, kind, params) VALUES ($1, $2, $3)
     ON CONFLICT (shipment_id, kind) DO NOTHING RETURNING id, status`, [req.shipmentId, req.kind, params]);
  if (ins.rows[0]) {
    const id = String(ins.rows[0].id);
    await enqueueSend(id, req.code);
    logger.info({ notificationId: id, shipmentId: req.shipmentId, kind: req.kind }, 'customer notification queued');
    return { created: true, notificationId: id, status: ins.rows[0].status };
  }
  const { rows } = await db.query(`SELECT id, status FROM tracking.customer_notifications WHERE shipment_id = $1 AND kind = $2`, [req.shipmentId, req.kind]);
  const id = String(rows[0].id);
  // Recorded but maybe never queued (Redis was down then): the same job id makes this a no-op otherwise.
  if (rows[0].status === 'queued') await enqueueSend(id, req.code);
  return { created: false, notificationId: id, status: rows[0].status };
}

/** The hook for an excursion alarm on a shipment (GDP 9.2, COMPLIANCE 23): the customer is told QA reviews it. */
export function notifyExcursionReview(shipmentId: string, alarmId?: string, db?: Queryable): Promise<NotifyResult> {
  return notifyCustomer({ shipmentId, kind: 'excursion_review', alarmId }, db);
}

/** A shipment's notifications as recorded (for tests, the console and support). */
export async function listCustomerNotifications(shipmentId: string, db: Queryable = appDb()) {
  const { rows } = await db.query(
    `SELECT id, kind, status, params, language, channels, sent_channels, to_masked, attempts, error, created_at, last_attempt_at, sent_at
       FROM tracking.customer_notifications WHERE shipment_id = $1 ORDER BY id`, [shipmentId]);
  return rows.map((r) => ({
    id: String(r.id), kind: r.kind as NotificationKind, status: r.status as string, params: r.params as Record<string, string>, language: r.language as string | null,
    channels: r.channels as string[], sentChannels: r.sent_channels as string[], toMasked: r.to_masked as string | null, attempts: r.attempts as number,
    error: r.error as string | null, createdAt: r.created_at as Date, lastAttemptAt: r.last_attempt_at as Date | null, sentAt: r.sent_at as Date | null,
  }));
}
