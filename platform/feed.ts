/**
 * The real-time feed's fan-out, shared by every context: an event is published once to a Redis
 * pub/sub channel; every API process subscribes once and hands events to its own SSE clients,
 * so any API process can serve any subscriber. Each event carries a scope for the role filter
 * (riders see their own, partners their store's, staff everything).
 */
import type { Redis } from 'ioredis';
import { getKey } from './config/registry';
import { keys } from './config/keys';
import { redisConnection } from './queue/queue';

/** Who may see an event: riders by id, partners by facility; staff see everything. */
export interface FeedScope { facilityIds: string[]; riderIds: string[] }

export interface FeedEnvelope { type: string; scope: FeedScope; publishedAt: number; [k: string]: unknown }

export function feedChannel(): string {
  return `${getKey(keys.queuePrefix)}:feed`;
}

let publisher: Redis | undefined;

/** Publishes events from any process (one PUBLISH each, pipelined). */
export async function publishEvents(events: FeedEnvelope[], redis?: Redis): Promise<void> {
  if (!events.length) return;
  const r = redis ?? (publisher ??= redisConnection());
  const ch = feedChannel();
  const p = r.pipeline();
  for (const e of events) p.publish(ch, JSON.stringify(e));
  await p.exec();
}

/** Convenience for one event; `scope` defaults to the facility and riders named in it. */
export async function publishFeed(e: { type: string; facilityId?: string; riders?: string[]; scope?: FeedScope; [k: string]: unknown }): Promise<void> {
  const scope = e.scope ?? { facilityIds: e.facilityId ? [e.facilityId] : [], riderIds: e.riders ?? [] };
  await publishEvents([{ ...e, scope, publishedAt: Date.now() }]);
}

export async function closeFeedPublisher(): Promise<void> {
  const p = publisher;
  publisher = undefined;
  await p?.quit().catch(() => undefined);
}

/** Role filter of the feed. */
export function visibleTo(scope: FeedScope, user: { role: string; riderId: string | null; facilityId: string | null }): boolean {
  if (user.role === 'admin' || user.role === 'dispatcher' || user.role === 'qa') return true;
  if (user.role === 'rider') return !!user.riderId && scope.riderIds.includes(user.riderId);
  if (user.role === 'partner') return !!user.facilityId && scope.facilityIds.includes(user.facilityId);
  return false;
}
