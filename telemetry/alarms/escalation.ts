/**
 * Notification and escalation as BullMQ jobs, so they survive restarts and run in whichever
 * worker process is free. Step 0 notifies the profile's recipients at once; while nobody
 * acknowledges, step n (after the tier's `afterMin`) re-notifies everyone so far plus tier n
 * (COMPLIANCE A.17: an unacknowledged alarm escalates to the next tier). Acknowledging or
 * resolving needs no job removal: each step checks the alarm status first.
 */
import type pg from 'pg';
import type { Job, Queue } from 'bullmq';
import { recordAudit } from '../../platform/audit/audit';
import { withTx } from '../../platform/db/pool';
import { counter } from '../../platform/metrics';
import { logger } from '../../platform/logger';
import type { ProductClass, Recipient } from '../excursion';
import { loadProfileRows, resolveStored } from './profiles';
import { getAlarm, severityRank, toAlarm, type Alarm } from './store';
import type { Severity } from '../excursion';
import { noticeOf, type NotificationChannel } from './notify/channel';

export const NOTIFY_JOB = 'notify';

export interface NotifyJobData { alarmId: string; step: number }

const notifications = counter('telemetry_notifications_total', 'Alarm notification attempts by channel and outcome', ['channel', 'outcome']);

/** Whether an alarm of this severity is notified at all (lower ones stay on the feed). */
export function shouldNotify(severity: Severity, minSeverity: Severity): boolean {
  return severityRank(severity) >= severityRank(minSeverity);
}

/** Queues step 0 for a new alarm; the job id makes it idempotent (a re-raise queues nothing). */
export async function scheduleNotification(queue: Queue, alarmId: string, step = 0, delayMs = 0): Promise<void> {
  await queue.add(NOTIFY_JOB, { alarmId, step } satisfies NotifyJobData, { jobId: `notify-${alarmId}-${step}`, delay: delayMs });
}

export interface EscalationDeps {
  db: pg.Pool;
  queue: Queue;
  channels: NotificationChannel[];
  /** Default minutes before the next step when the profile names none. */
  afterMinDefault: number;
  maxSteps: number;
  /** Publishes the alarm as a step left it (the feed's `escalated` change). */
  publish?: (alarm: Alarm) => Promise<void>;
}

export interface StepOutcome { stopped?: 'missing' | 'resolved' | 'acknowledged'; sent: number; failed: number; skipped: number; next?: { step: number; delayMs: number } }

/** Runs one notification step of one alarm (the BullMQ processor). */
export async function runNotifyStep(data: NotifyJobData, deps: EscalationDeps): Promise<StepOutcome> {
  const alarm = await getAlarm(deps.db, data.alarmId);
  if (!alarm) return { stopped: 'missing', sent: 0, failed: 0, skipped: 0 };
  if (alarm.status === 'resolved') return { stopped: 'resolved', sent: 0, failed: 0, skipped: 0 };
  if (data.step > 0 && alarm.status !== 'active') return { stopped: 'acknowledged', sent: 0, failed: 0, skipped: 0 };

  const cls = (alarm.temperatureClass ?? 'chilled') as ProductClass;
  const resolved = resolveStored(cls, await loadProfileRows(deps.db), alarm.facilityIds[0] ?? '*');
  const tiers: Recipient[][] = [resolved.profile.recipients, ...resolved.escalation.map((t) => t.recipients)];
  const upTo = Math.min(data.step, tiers.length - 1);
  const recipients = dedupe(tiers.slice(0, upTo + 1).flat()).filter((r) => r.channel !== 'push'); // push = the rider's feed
  const { rows: contacts } = await deps.db.query(`SELECT id, phone, email FROM telemetry.contacts WHERE id = ANY($1::text[])`, [recipients.map((r) => r.contactId)]);
  const { rows: done } = await deps.db.query(`SELECT channel, contact_id FROM telemetry.alarm_notifications WHERE alarm_id = $1 AND tier = $2 AND outcome = 'sent'`, [alarm.id, data.step]);
  const already = new Set(done.map((d) => `${d.channel}|${d.contact_id ?? ''}`));
  const notice = noticeOf(alarm, data.step);
  const out: StepOutcome = { sent: 0, failed: 0, skipped: 0 };

  const deliver = async (channelName: 'sms' | 'email' | 'webhook', contactId: string | null, to: string | null) => {
    if (already.has(`${channelName}|${contactId ?? ''}`)) return; // a retried job does not re-send
    const ch = deps.channels.find((c) => c.name === channelName);
    let outcome: 'sent' | 'failed' | 'skipped';
    let detail: string | null = null;
    if (!ch || !ch.enabled) { outcome = 'skipped'; detail = 'channel not configured'; }
    else if (channelName !== 'webhook' && !to) { outcome = 'skipped'; detail = 'contact has no address for this channel'; }
    else {
      try { await ch.send(notice, to); outcome = 'sent'; } catch (e) { outcome = 'failed'; detail = (e as Error).message.slice(0, 500); }
    }
    out[outcome]++;
    notifications.inc({ channel: channelName, outcome });
    await deps.db.query(`INSERT INTO telemetry.alarm_notifications (alarm_id, tier, channel, contact_id, outcome, detail) VALUES ($1,$2,$3,$4,$5,$6)`, [alarm.id, data.step, channelName, contactId, outcome, detail]);
  };

  await Promise.all([
    ...recipients.map((r) => {
      const c = contacts.find((x) => x.id === r.contactId);
      return deliver(r.channel as 'sms' | 'email', r.contactId, c ? (r.channel === 'sms' ? c.phone : c.email) : null);
    }),
    deliver('webhook', null, null),
  ]);

  if (data.step + 1 < deps.maxSteps) {
    const afterMin = resolved.escalation[data.step]?.afterMin ?? resolved.escalation.at(-1)?.afterMin ?? deps.afterMinDefault;
    out.next = { step: data.step + 1, delayMs: Math.round(afterMin * 60_000) };
  }
  let stepped: Alarm | undefined;
  await withTx(deps.db, async (c) => {
    // next_escalation_at is when the job scheduled below fires (BullMQ delays run on real time, as now() does).
    const upd = await c.query(
      `UPDATE telemetry.alarms SET escalation_tier = greatest(escalation_tier, $2), last_notified_at = now(),
          next_escalation_at = CASE WHEN $3::bigint IS NULL THEN NULL ELSE now() + make_interval(secs => $3::bigint / 1000.0) END, updated_at = now()
        WHERE id = $1 RETURNING *`, [alarm.id, data.step, out.next?.delayMs ?? null]);
    stepped = toAlarm(upd.rows[0]);
    await recordAudit(c, {
      actorId: 'system:telemetry', actorRole: null, action: data.step === 0 ? 'alarm.notify' : 'alarm.escalate', entityType: 'alarm', entityId: alarm.id,
      oldValue: { escalationTier: alarm.escalationTier }, newValue: { escalationTier: data.step, recipients: recipients.length, sent: out.sent, failed: out.failed, skipped: out.skipped },
    });
  });

  if (out.next) await scheduleNotification(deps.queue, alarm.id, out.next.step, out.next.delayMs);
  // Open pages learn the tier and the next fire time without re-reading.
  if (stepped) await deps.publish?.(stepped).catch((err) => logger.warn({ err, alarmId: alarm.id }, 'escalation feed publish failed'));
  if (out.failed > 0 && out.sent === 0) {
    // Nothing got through: let BullMQ retry with backoff (already-sent rows are skipped).
    throw new Error(`alarm ${alarm.id} step ${data.step}: every delivery failed`);
  }
  logger.info({ alarmId: alarm.id, step: data.step, sent: out.sent, failed: out.failed, skipped: out.skipped }, 'alarm notified');
  return out;
}

function dedupe(rs: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return rs.filter((r) => { const k = `${r.channel}|${r.contactId}`; if (seen.has(k)) return false; seen.add(k); return true; });
}

export function notifyProcessor(deps: EscalationDeps) {
  return async (job: Job<NotifyJobData>) => {
    if (job.name !== NOTIFY_JOB) throw new Error(`unknown alarm job ${job.name}`);
    return runNotifyStep(job.data, deps);
  };
}

export type { Alarm };
