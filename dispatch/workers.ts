/**
 * Dispatch's BullMQ workers: planning (one debounced job per facility), and a maintenance
 * queue with job schedulers for reservation expiry (every minute), recurring deliveries
 * (every 5 minutes) and the boxes whose calibration falls due (daily). A worker that dies mid-job leaves the job to BullMQ's retry.
 */
import type { Worker } from 'bullmq';
import { createQueue, createWorker } from '../platform/queue/queue';
import { logger } from '../platform/logger';
import { PLAN_QUEUE, closePlanQueue, type PlanJob } from './planning-trigger';
import { planJobProcessor, closeSolver, type AssignmentHook } from './planning';
import { expireReservations } from './orders/lifecycle';
import { recurringTick } from './recurring';
import { closeSharedRoutingEngine } from '../geo';
import { appDb } from '../platform/db/pool';
import { getKey } from '../platform/config/registry';
import { dispatchKeys } from './config';
import { localDateOf } from './domain/zoned-time';
import { calibrationDueList } from './devices';

export const DISPATCH_MAINTENANCE_QUEUE = 'dispatch-maintenance';

export async function startDispatchWorkers(opts: { planConcurrency?: number; onAssigned?: AssignmentHook } = {}): Promise<{ close(): Promise<void> }> {
  const maintenance = createQueue(DISPATCH_MAINTENANCE_QUEUE);
  await maintenance.upsertJobScheduler('expire-reservations', { every: 60_000 }, { name: 'expire-reservations' });
  await maintenance.upsertJobScheduler('recurring-orders', { every: 300_000 }, { name: 'recurring-orders' });
  // Daily before the day's work (07:00 in Guangzhou): boxes whose calibration is due within the
  // warning window or overdue, logged by id and kept as the job's result.
  await maintenance.upsertJobScheduler('calibration-due', { pattern: '0 7 * * *', tz: 'Asia/Shanghai' }, { name: 'calibration-due', opts: { attempts: 1 } });
  const workers: Worker[] = [
    createWorker<PlanJob>(PLAN_QUEUE, planJobProcessor({ onAssigned: opts.onAssigned }), { concurrency: opts.planConcurrency ?? 2 }),
    createWorker(DISPATCH_MAINTENANCE_QUEUE, async (job) => {
      if (job.name === 'expire-reservations') return { expired: await expireReservations() };
      if (job.name === 'recurring-orders') return { created: await recurringTick() };
      if (job.name === 'calibration-due') {
        const boxes = await calibrationDueList(appDb(), localDateOf(new Date()), getKey(dispatchKeys.calibrationWarnDays));
        if (boxes.length) logger.warn({ dueSoon: boxes.filter((b) => b.state === 'due_soon').map((b) => b.boxId), overdue: boxes.filter((b) => b.state === 'overdue').map((b) => b.boxId) }, 'box calibration due');
        return { boxes };
      }
      throw new Error(`unknown job ${job.name}`);
    }, { concurrency: 1 }),
  ];
  for (const w of workers) w.on('failed', (job, err) => logger.error({ queue: w.name, job: job?.id, err: err.message }, 'dispatch job failed'));
  return {
    async close() {
      await Promise.allSettled(workers.map((w) => w.close()));
      await maintenance.close();
      await closePlanQueue();
      await closeSharedRoutingEngine();
      await closeSolver();
    },
  };
}
