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
import { newToken } from '../platform/ids';

export const PLAN_QUEUE = 'dispatch-plan';

export interface PlanJob { facilityId: string; reason: string }

let queue: Queue<PlanJob> | undefined;

export function planQueue(): Queue<PlanJob> {
  queue ??= createQueue<PlanJob>(PLAN_QUEUE);
  return queue;
}

/**
 * Per facility: until when a delayed plan job that THIS process created is sure not to have
 * started. A request before then is already covered — that job reads the database when it
 * starts, after the requester's commit — so it needs no Redis call (at 500 orders/s that was
 * one Lua script per order for ~1 new job per facility per debounce window).
 */
const coveredUntil = new Map<string, number>();

export async function requestPlan(facilityId: string, reason: string): Promise<void> {
  const delay = getKey(dispatchKeys.planDebounceMs);
  const asked = Date.now();
  if ((coveredUntil.get(facilityId) ?? 0) > asked) return;
  // Our own job id tells whether this add created the job (then it starts at asked + delay at
  // the earliest) or folded into one already there, delayed or active (start time unknown).
  const jobId = `plan-${facilityId}-${newToken(9)}`;
  const job = await planQueue().add('plan', { facilityId, reason }, {
    jobId,
    delay,
    deduplication: { id: `plan:${facilityId}`, keepLastIfActive: true },
  });
  // A quarter of the window is left as margin; below 100 ms it is not worth keeping.
  if (job.id === jobId && delay >= 100) coveredUntil.set(facilityId, asked + delay * 0.75);
}

export async function closePlanQueue(): Promise<void> {
  coveredUntil.clear();
  const q = queue;
  queue = undefined;
  await q?.close();
}
