/**
 * The immediate path of excursion_review: telemetry publishes every alarm change on the
 * real-time feed (Redis pub/sub, platform/feed.ts) as `{type: "alarm", change, alarm}`; an
 * excursion raised (or widened to another shipment) tells each of the alarm's shipments' customers.
 * Pub/sub keeps nothing for a subscriber that is down, so the tick (checkExcursions) catches
 * what this misses; several worker processes all hearing one event record one notification.
 */
import { feedChannel } from '../../platform/feed';
import { redisConnection } from '../../platform/queue/queue';
import { logger } from '../../platform/logger';
import { EXCURSION_TYPES } from '../../telemetry';
import { notifyExcursionReview } from './notify';

const EXCURSIONS: ReadonlySet<string> = new Set(EXCURSION_TYPES);

interface AlarmEvent { type: 'alarm'; change: string; alarm: { id: string; type: string; status: string; shipmentIds: string[] } }

/** Shipments an alarm feed event asks to notify (an open excursion raised or come back). */
export function excursionShipments(e: unknown): Array<{ shipmentId: string; alarmId: string }> {
  const a = e as Partial<AlarmEvent> | null;
  if (!a || a.type !== 'alarm' || !a.alarm || (a.change !== 'created' && a.change !== 'reactivated')) return [];
  if (!EXCURSIONS.has(a.alarm.type) || a.alarm.status === 'resolved' || !Array.isArray(a.alarm.shipmentIds)) return [];
  return a.alarm.shipmentIds.map((shipmentId) => ({ shipmentId, alarmId: a.alarm!.id }));
}

/** Subscribes (own connection); resolves once Redis confirmed. Returns the unsubscribe. */
export async function subscribeExcursionAlarms(): Promise<() => Promise<void>> {
  const redis = redisConnection();
  redis.on('error', (err) => logger.warn({ err }, 'excursion feed subscriber: Redis connection error'));
  redis.on('message', (_ch: string, msg: string) => {
    // Box states are most of the feed; only alarm events are worth parsing.
    if (!msg.includes('"alarm"')) return;
    let e: unknown;
    try { e = JSON.parse(msg); } catch { return; }
    for (const { shipmentId, alarmId } of excursionShipments(e)) {
      notifyExcursionReview(shipmentId, alarmId).catch((err) => logger.warn({ err, shipmentId, alarmId }, 'excursion_review not recorded (the tick retries)'));
    }
  });
  await redis.subscribe(feedChannel());
  return async () => { await redis.quit().catch(() => undefined); };
}
