/**
 * The `worker` process: BullMQ workers. Run as many as needed; jobs are retried by BullMQ
 * when a worker dies mid-job. Contexts contribute their workers here.
 */
import type { Worker } from 'bullmq';
import { createQueue, createWorker } from '../platform/queue/queue';
import { appDb, closeAppDb } from '../platform/db/pool';
import { logger } from '../platform/logger';
import { startDispatchWorkers } from '../dispatch';
import { startTelemetryWorkers } from '../telemetry';

export const MAINTENANCE_QUEUE = 'platform-maintenance';

/** Housekeeping: expired sessions and stale idempotency keys are removed hourly. */
export async function purgeExpired(): Promise<{ sessions: number; idempotencyKeys: number }> {
  const db = appDb();
  // Sessions rows are kept 30 days past expiry for the security record, then dropped.
  const s = await db.query(`UPDATE platform.sessions SET revoked_at = coalesce(revoked_at, now()) WHERE expires_at < now() AND revoked_at IS NULL`);
  const k = await db.query(`DELETE FROM platform.idempotency_keys WHERE created_at < now() - interval '24 hours'`);
  return { sessions: s.rowCount ?? 0, idempotencyKeys: k.rowCount ?? 0 };
}

export async function startWorkers(): Promise<{ close(): Promise<void> }> {
  const queue = createQueue(MAINTENANCE_QUEUE);
  await queue.upsertJobScheduler('purge-expired', { every: 3_600_000 }, { name: 'purge-expired' });
  const workers: Worker[] = [
    createWorker(MAINTENANCE_QUEUE, async (job) => {
      if (job.name === 'purge-expired') return purgeExpired();
      throw new Error(`unknown maintenance job ${job.name}`);
    }, { concurrency: 1 }),
  ];
  for (const w of workers) w.on('failed', (job, err) => logger.error({ queue: w.name, job: job?.id, err }, 'job failed'));
  const contexts = [await startDispatchWorkers(), await startTelemetryWorkers()];
  logger.info({ queues: workers.map((w) => w.name) }, 'workers started');
  return {
    async close() {
      await Promise.allSettled([...workers.map((w) => w.close()), ...contexts.map((c) => c.close())]);
      await queue.close();
      await closeAppDb();
    },
  };
}
