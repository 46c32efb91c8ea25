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
 * Per facility, what the last Redis call told us, so that a burst of requests costs Redis a
 * call or two, not one each (a Lua script per order, a real share of the API's CPU under load):
 * - `covered`: our call created the delayed job, which surely has not started before `until`
 *   (¾ of the delay) and reads the database when it starts, after the requester's commit: a
 *   request before then needs nothing more;
 * - otherwise the request was folded into a job already there (delayed, waiting or running,
 *   start time unknown): requests before `until` (a short window) share one more call, made
 *   when the window ends (`trailing`), so each request is still followed by a call made after it.
 */
interface Recent { until: number; covered: boolean; trailing?: Promise<void> }
const recent = new Map<string, Recent>();
/** Counts closePlanQueue calls: a shared call still waiting for its window then is not made. */
let epoch = 0;

/** The window in which requests share one Redis call: a quarter of the debounce, at most 200 ms. */
const shareWindowMs = (delay: number) => Math.min(200, delay / 4);

export function requestPlan(facilityId: string, reason: string): Promise<void> {
  const now = Date.now();
  const r = recent.get(facilityId);
  if (r && now < r.until) {
    if (r.covered) return Promise.resolve();
    const e = epoch;
    return (r.trailing ??= new Promise<void>((res) => setTimeout(res, r.until - now)).then(() => {
      r.trailing = undefined;
      if (e !== epoch) throw new Error('plan queue closed before the request was made');
      // The leading call may have turned out to create our delayed job meanwhile.
      return r.covered && Date.now() < r.until ? undefined : addPlanJob(facilityId, reason);
    }));
  }
  return addPlanJob(facilityId, reason);
}

async function addPlanJob(facilityId: string, reason: string): Promise<void> {
  const delay = getKey(dispatchKeys.planDebounceMs);
  const asked = Date.now();
  // Requests from now on wait for this call's outcome to be known, at least for the window.
  const r: Recent = { until: asked + shareWindowMs(delay), covered: false };
  recent.set(facilityId, r);
  // Our own job id tells whether this add created the job (then it starts at asked + delay at
  // the earliest) or folded into one already there, delayed or active (start time unknown).
  const jobId = `plan-${facilityId}-${newToken(9)}`;
  try {
    const job = await planQueue().add('plan', { facilityId, reason }, {
      jobId,
      delay,
      deduplication: { id: `plan:${facilityId}`, keepLastIfActive: true },
    });
    // A quarter of the delay is left as margin; below 100 ms it is not worth keeping.
    if (job.id === jobId && delay >= 100) Object.assign(r, { until: asked + delay * 0.75, covered: true });
  } catch (e) {
    // Nothing is known: the next request calls Redis itself.
    if (recent.get(facilityId) === r) recent.delete(facilityId);
    throw e;
  }
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
  recent.clear();
  epoch++;
  const q = queue;
  queue = undefined;
  await q?.close();
}
