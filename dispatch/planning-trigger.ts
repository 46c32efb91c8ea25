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
import { logger } from '../platform/logger';

export const PLAN_QUEUE = 'dispatch-plan';

export interface PlanJob { facilityId: string; reason: string }

let queue: Queue<PlanJob> | undefined;

export function planQueue(): Queue<PlanJob> {
  if (!queue) {
    queue = createQueue<PlanJob>(PLAN_QUEUE);
    queue.on('error', (e) => logger.warn({ err: e }, 'plan queue: Redis connection error'));
  }
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

/**
 * {@link requestPlan} without keeping the caller waiting, for a request made after a commit (a
 * new order): the answer then neither waits for Redis's reply — under load that cost it one more
 * round of the API's event loop — nor turns into an error when Redis fails after the order was
 * stored. A failed request is retried (5 tries of at most 1 s each, 0.2–1.6 s apart), then
 * logged as an error.
 */
export function requestPlanSoon(facilityId: string, reason: string): Promise<boolean> {
  // Resolves true once requested, false after the last try failed (callers need not wait).
  return new Promise((done) => {
    const attempt = (n: number): void => {
      // BullMQ waits for a lost connection to come back rather than fail: each try gets 1 s.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_r, reject) => {
        timer = setTimeout(() => reject(new Error('no answer from Redis within 1 s')), 1000);
      });
      Promise.race([requestPlan(facilityId, reason), timeout]).finally(() => clearTimeout(timer)).then(() => done(true), (e: unknown) => {
        if (n >= 4) {
          logger.error({ err: e, facilityId, reason }, 'plan request failed; the facility is planned again at its next change');
          done(false);
          return;
        }
        setTimeout(() => attempt(n + 1), 200 * 2 ** n).unref();
      });
    };
    attempt(0);
  });
}

export async function closePlanQueue(): Promise<void> {
  coveredUntil.clear();
  const q = queue;
  queue = undefined;
  await q?.close();
}
