/**
 * Telemetry's events on the real-time feed. The fan-out is the platform's (platform/feed.ts):
 * an event is published once to one Redis pub/sub channel; every API process subscribes once
 * and hands each event to its own SSE clients, so any API process can serve any subscriber.
 * The SSE endpoint (GET /api/v1/feed, telemetry/http.ts) forwards every context's events
 * (alarms, box states, plans, …), filtered by their scope and the caller's role.
 */
import type { Redis } from 'ioredis';
import { feedChannel, publishEvents, visibleTo, type FeedEnvelope, type FeedScope } from '../../platform/feed';
import { redisConnection } from '../../platform/queue/queue';
import { logger } from '../../platform/logger';
import type { Alarm } from '../alarms/store';
import type { ExcursionSummary } from '../excursion';

export { visibleTo, type FeedScope };

export interface BoxState {
  boxId: string;
  /** Device time of the latest reading, ISO UTC. */
  ts: string | null;
  receivedAt: string | null;
  /** °C per probe. */
  t: number[] | null;
  rh: number | null;
  door: boolean | null;
  batt: number | null;
  online: boolean | null;
  driftFlag: boolean | null;
  shipmentIds: string[];
}

/**
 * A shipment's running figures from the excursion engine (COMPLIANCE A.1–2, D.50): what the
 * console and the rider see move while the box reports; the sealed record's figures are the
 * ones QA signs (GET /shipments/:id/temperature-summary).
 */
export type ShipmentFigures = Omit<ExcursionSummary, 'openAlarms'> & {
  shipmentId: string;
  boxId: string;
  /** Device time of the latest reading counted, ISO UTC. */
  at: string | null;
  openAlarms: string[];
};

export type FeedEvent =
  | { type: 'alarm'; change: 'created' | 'reactivated' | 'cleared' | 'escalated' | 'acknowledged' | 'resolved'; alarm: Alarm; scope: FeedScope; publishedAt: number }
  | { type: 'box'; box: BoxState; scope: FeedScope; publishedAt: number }
  | { type: 'shipment.figures'; figures: ShipmentFigures; scope: FeedScope; publishedAt: number };

/** Publishes telemetry events on the platform feed (one PUBLISH each, pipelined). */
export async function publishFeed(redis: Redis, events: FeedEvent[]): Promise<void> {
  await publishEvents(events as unknown as FeedEnvelope[], redis);
}

type Listener = (e: FeedEnvelope) => void;

let sub: { redis: Redis; listeners: Set<Listener>; ready: Promise<unknown> } | undefined;

/**
 * Adds a listener to this process's single subscription (opened on first use; resolves once
 * Redis confirmed it). Returns the unsubscribe function; the connection closes with the last
 * listener.
 */
export async function subscribeFeed(listener: Listener): Promise<() => void> {
  if (!sub) {
    const redis = redisConnection();
    const listeners = new Set<Listener>();
    sub = { redis, listeners, ready: redis.subscribe(feedChannel()) };
    redis.on('message', (_ch: string, msg: string) => {
      let e: FeedEnvelope;
      try { e = JSON.parse(msg); } catch { return; }
      if (!e || typeof e.type !== 'string' || !e.scope) return;
      for (const l of listeners) {
        try { l(e); } catch (err) { logger.warn({ err }, 'feed listener failed'); }
      }
    });
  }
  const s = sub;
  s.listeners.add(listener);
  await s.ready;
  return () => {
    s.listeners.delete(listener);
    if (s.listeners.size === 0 && sub === s) {
      sub = undefined;
      s.redis.quit().catch(() => undefined);
    }
  };
}

/** Closes the subscription (process shutdown). */
export async function closeFeed(): Promise<void> {
  const s = sub;
  sub = undefined;
  if (s) { s.listeners.clear(); await s.redis.quit().catch(() => undefined); }
}
