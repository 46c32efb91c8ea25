/**
 * Stage 7 — publish: alarm changes go on the real-time feed at once (riders see their boxes'
 * alarms), new alarms are queued for notification/escalation, an alarm on a cold shipment asks
 * dispatch to re-plan, and each box's latest state is handed to the throttled latest-state
 * writer (telemetry/ingest/latest.ts).
 */
import { logger } from '../../../platform/logger';
import { scheduleNotification, shouldNotify } from '../../alarms/escalation';
import { publishFeed, type FeedEvent } from '../../feed/bus';
import type { Severity } from '../../excursion';
import { ingestMetrics as m } from '../metrics';
import { live, type Stage } from '../types';

const REPLAN_SEVERITIES: Severity[] = ['critical', 'major'];

export const publishStage: Stage = {
  name: 'publish',
  async run(batch, env) {
    const now = Date.now();
    // A retried batch may have collected the same change twice.
    const seen = new Set<string>();
    batch.alarmChanges = batch.alarmChanges.filter((c) => { const k = `${c.alarm.id}|${c.change}|${c.alarm.occurrences}`; if (seen.has(k)) return false; seen.add(k); return true; });
    const events: FeedEvent[] = batch.alarmChanges.map(({ alarm, change }) => ({
      type: 'alarm', change, alarm, publishedAt: now, scope: { facilityIds: alarm.facilityIds, riderIds: alarm.riderIds },
    }));
    await publishFeed(env.redis, events);
    for (const { alarm, change } of batch.alarmChanges) {
      m.alarms.inc({ type: alarm.type, change });
      if (change !== 'created') continue;
      if (shouldNotify(alarm.severity, env.notifyMinSeverity)) await scheduleNotification(env.alarmQueue, alarm.id);
      const cold = alarm.temperatureClass === 'chilled' || alarm.temperatureClass === 'frozen';
      if (cold && REPLAN_SEVERITIES.includes(alarm.severity)) {
        for (const f of alarm.facilityIds) {
          // Re-planning is advice to dispatch; it must never hold up ingest.
          env.ports.requestReplan(f, `alarm ${alarm.type} (${alarm.severity}) on ${alarm.boxId}, ${alarm.id}`).catch((err) => logger.warn({ err, facilityId: f, alarmId: alarm.id }, 'requestReplan failed'));
        }
      }
    }
    for (const it of batch.items) {
      if (!live(it) || !it.boxId) continue;
      const scope = { facilityId: it.box?.facilityId ?? null, riderId: it.box?.riderId ?? null };
      if (it.readings?.length) {
        const last = it.readings.reduce((a, b) => (b.ts > a.ts ? b : a));
        const riderId = last.custody.find((c) => c.riderId)?.riderId ?? scope.riderId;
        env.latest.offerReading({ ...last, shipmentIds: last.custody.map((c) => c.shipmentId) }, { facilityId: last.custody[0]?.facilityId ?? scope.facilityId, riderId });
      }
      if (it.status) env.latest.offerStatus(it.boxId, it.status === 'online', it.receivedAt, scope);
      if (it.birth) env.latest.offerBirth(it.boxId, it.birth.fw, scope);
    }
  },
};
