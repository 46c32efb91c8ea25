/**
 * Rider positions and live ETAs: what app/ wires (tracking/index.ts re-exports it).
 *
 *   const positions = positionsModule({ onArriving });          // routes: POST /riders/me/positions
 *   dispatchModule({ …, recordPositions: positions.record });    // the older POST /riders/:id/position
 *   worker: startPositionWorkers()                               // daily partitions ahead
 *   api shutdown: closePositions()
 */
import type { RouteModule } from '../../platform/http/route';
import { createQueue, createWorker } from '../../platform/queue/queue';
import { logger } from '../../platform/logger';
import { positionRoutes } from './http';
import { positionRecorder, type RecordPositions } from './record';
import { ensurePositionPartitions } from './store';
import { closeLive } from './live';
import type { OnArriving } from './arriving';

export { latestPosition, coarsePosition, type LatestFix } from './live';
export { ensurePositionPartitions } from './store';
export { recordPositions, type PositionFix, type BatchAnswer, type RecordPositions } from './record';
export { checkFixes, POSITION_FLAGS, type PositionFlag } from './checks';
export { recomputeEtas } from '../eta/recompute';
export type { OnArriving, ArrivingEvent } from './arriving';
export { positionKeys } from './config';
export { doorWindows, type DoorWindow, type DoorEvidence, type DoorWindowSettings } from './door-windows';
export { doorWindowsOf, doorWindowSettings, type DoorLeg } from './door-evidence';

export interface PositionsDeps {
  /** Called once per shipment when its rider first comes within TRACKING_ARRIVING_M of its stop (the lifecycle's `arriving`). */
  onArriving: OnArriving;
}

export interface PositionsModule extends RouteModule {
  /** The batch path itself (what the routes call); give it to dispatchModule for POST /riders/:id/position. */
  record: RecordPositions;
}

export function positionsModule(deps: PositionsDeps): PositionsModule {
  const record = positionRecorder(deps.onArriving);
  return { name: 'tracking-positions', routes: positionRoutes(record), record };
}

export const POSITIONS_MAINTENANCE_QUEUE = 'tracking-positions-maintenance';

/** The worker's tick: daily partitions of rider positions ahead, now and every 6 hours. */
export async function startPositionWorkers(): Promise<{ close(): Promise<void> }> {
  await ensurePositionPartitions();
  const queue = createQueue(POSITIONS_MAINTENANCE_QUEUE);
  await queue.upsertJobScheduler('position-partitions', { every: 6 * 3600_000 }, { name: 'partitions' });
  const worker = createWorker(POSITIONS_MAINTENANCE_QUEUE, async (job) => {
    if (job.name === 'partitions') return { created: await ensurePositionPartitions() };
    throw new Error(`unknown job ${job.name}`);
  }, { concurrency: 1 });
  worker.on('failed', (job, err) => logger.error({ job: job?.id, err: err.message }, 'position maintenance job failed'));
  return { async close() { await worker.close(); await queue.close(); } };
}

/** API shutdown: the Redis connection of latest positions and locks. */
export async function closePositions(): Promise<void> {
  await closeLive();
}
