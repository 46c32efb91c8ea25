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
import { startPositionWorkers, startCustomerNotifications } from '../tracking';
import { telemetryPorts } from './telemetry-ports';
import { onAssigned } from './tracking';
import { recordPorts } from './record-ports';
import { runRetention } from './retention';

export const MAINTENANCE_QUEUE = 'platform-maintenance';

/**
 * Housekeeping: idempotency keys older than 24 h are dropped hourly (a client retries within
 * minutes). Expired sessions need nothing: `expires_at` already ends them, and their rows stay
 * as the security record of who logged in when.
 */
export async function purgeExpired(): Promise<{ idempotencyKeys: number }> {
  const k = await appDb().query(`DELETE FROM platform.idempotency_keys WHERE created_at < now() - interval '24 hours'`);
  return { idempotencyKeys: k.rowCount ?? 0 };
}

export async function startWorkers(): Promise<{ close(): Promise<void> }> {
  const queue = createQueue(MAINTENANCE_QUEUE);
  await queue.upsertJobScheduler('purge-expired', { every: 3_600_000 }, { name: 'purge-expired' });
  // Daily, at a quiet hour (02:30 UTC): records past retention and personal data past the
  // complaint window (COMPLIANCE A.8, A.21, E.55). One attempt: the next day's run retries.
  await queue.upsertJobScheduler('retention-purge', { pattern: '30 2 * * *', tz: 'UTC' }, { name: 'retention-purge', opts: { attempts: 1 } });
  const workers: Worker[] = [
    createWorker(MAINTENANCE_QUEUE, async (job) => {
      if (job.name === 'purge-expired') return purgeExpired();
      if (job.name === 'retention-purge') {
        const r = await runRetention(appDb());
        // Counts and ids only: no personal data in logs.
        logger.info({ records: r.records.purged.length, refused: r.records.refused.length, personalData: r.personalData.orders.length }, 'retention purge');
        return { records: r.records.purged.map((c) => c.shipmentId), refused: r.records.refused, personalData: r.personalData.orders };
      }
      throw new Error(`unknown maintenance job ${job.name}`);
    }, { concurrency: 1 }),
  ];
  for (const w of workers) w.on('failed', (job, err) => logger.error({ queue: w.name, job: job?.id, err }, 'job failed'));
  const contexts = [await startDispatchWorkers({ onAssigned }), await startTelemetryWorkers(telemetryPorts, recordPorts), await startPositionWorkers(), await startCustomerNotifications()];
  logger.info({ queues: workers.map((w) => w.name) }, 'workers started');
  return {
    async close() {
      await Promise.allSettled([...workers.map((w) => w.close()), ...contexts.map((c) => c.close())]);
      await queue.close();
      await closeAppDb();
    },
  };
}
