/**
 * Dispatch's BullMQ workers: planning (one debounced job per facility), and a maintenance
 * queue with job schedulers for reservation expiry (every minute) and recurring deliveries
 * (every 5 minutes). A worker that dies mid-job leaves the job to BullMQ's retry.
 */
import type { Worker } from 'bullmq';
import { createQueue, createWorker } from '../platform/queue/queue';
import { logger } from '../platform/logger';
import { PLAN_QUEUE, closePlanQueue, type PlanJob } from './planning-trigger';
import { planJobProcessor, closeSolver, type AssignmentHook } from './planning';
import { expireReservations } from './orders/lifecycle';
import { recurringTick } from './recurring';
import { closeSharedRoutingEngine } from '../geo';

export const DISPATCH_MAINTENANCE_QUEUE = 'dispatch-maintenance';

export async function startDispatchWorkers(opts: { planConcurrency?: number; onAssigned?: AssignmentHook } = {}): Promise<{ close(): Promise<void> }> {
  const maintenance = createQueue(DISPATCH_MAINTENANCE_QUEUE);
  await maintenance.upsertJobScheduler('expire-reservations', { every: 60_000 }, { name: 'expire-reservations' });
  await maintenance.upsertJobScheduler('recurring-orders', { every: 300_000 }, { name: 'recurring-orders' });
  const workers: Worker[] = [
    createWorker<PlanJob>(PLAN_QUEUE, planJobProcessor({ onAssigned: opts.onAssigned }), { concurrency: opts.planConcurrency ?? 2 }),
    createWorker(DISPATCH_MAINTENANCE_QUEUE, async (job) => {
      if (job.name === 'expire-reservations') return { expired: await expireReservations() };
      if (job.name === 'recurring-orders') return { created: await recurringTick() };
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
