/**
 * Re-planning requests (DESIGN.md flow 2): new orders, cancellations, a rider going offline,
 * a cold-box alarm. One debounced BullMQ job per facility: while one is delayed, further
 * requests fold into it; while one runs, exactly one more is kept (BullMQ
 * `deduplication.keepLastIfActive`), so a burst of orders gives one plan, never parallel ones.
 */
import type { Queue } from 'bullmq';
import { createQueue } from '../platform/queue/queue';
import { getKey } from '../platform/config/registry';
import { dispatchKeys } from './config';

export const PLAN_QUEUE = 'dispatch-plan';

export interface PlanJob { facilityId: string; reason: string }

let queue: Queue<PlanJob> | undefined;

export function planQueue(): Queue<PlanJob> {
  queue ??= createQueue<PlanJob>(PLAN_QUEUE);
  return queue;
}

export async function requestPlan(facilityId: string, reason: string): Promise<void> {
  await planQueue().add('plan', { facilityId, reason }, {
    delay: getKey(dispatchKeys.planDebounceMs),
    deduplication: { id: `plan:${facilityId}`, keepLastIfActive: true },
  });
}

export async function closePlanQueue(): Promise<void> {
  const q = queue;
  queue = undefined;
  await q?.close();
}
