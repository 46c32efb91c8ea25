/**
 * Tracking wired to the rest: the lifecycle asks telemetry about excursions and tells the
 * customer; positions move a shipment to `arriving`; the public page gets the delivery code,
 * the rider's coarse position and the roads around from their owners.
 */
import { appDb } from '../platform/db/pool';
import { recordAudit } from '../platform/audit/audit';
import { isAppError } from '../platform/errors';
import { logger } from '../platform/logger';
import { roadTileCache } from '../geo';
import { openExcursions, quarantineFromLifecycle, sealShipmentRecord } from '../telemetry';
import type { AssignmentHook, CancelHook } from '../dispatch';
import { recordPorts } from './record-ports';
import { replaceOnBreach } from './replacement';
import {
  applyAction, coarsePosition, recordAssignments, recordCancellations, currentDeliveryCode, notifyCustomer, positionsModule, publicTrackingModule, publicTrackingPage,
  type LifecycleDeps, type PublicTrackingDeps,
} from '../tracking';

export const lifecycleDeps: LifecycleDeps = {
  openExcursions: (shipmentId) => openExcursions(appDb(), shipmentId),
  notify: async (n) => { await notifyCustomer(n); },
  // A cold-chain breach or a cold shipment coming back goes to QA quarantine (COMPLIANCE B.25).
  onTransition: async (q, t) => { await quarantineFromLifecycle(q, t); },
  failed: (e) => replaceOnBreach(e),
  // Sealing failures do not undo the delivery: the worker's seal sweep seals it later.
  ended: async (e) => {
    await sealShipmentRecord(appDb(), recordPorts, e.shipmentId).catch((err) => logger.warn({ err, shipmentId: e.shipmentId }, 'temperature record not sealed; the sweep retries'));
  },
};

/** A plan's (re)assignments become `assign` lifecycle events, committed with the plan. */
export const onAssigned: AssignmentHook = async (c, assignments) => { await recordAssignments(c, assignments); };

/** An order cancelled before pickup ends its shipments' lifecycles too, in the same transaction. */
export const onCancelled: CancelHook = (c, shipmentIds, by) => recordCancellations(c, shipmentIds, by);

const system = { id: 'system:tracking', role: 'system', riderId: null, facilityId: null };
const systemAudit: Parameters<typeof applyAction>[3] = (q, e) => recordAudit(q, { ...e, actorId: system.id, actorRole: 'system' });

/** Within the configured distance of the door, the shipment is `arriving` (once; a shipment already past it stays). */
export const positions = positionsModule({
  async onArriving(e) {
    try {
      await applyAction(e.shipmentId, { action: 'arriving', deviceAt: e.at, location: e.location }, system, systemAudit, lifecycleDeps);
    } catch (err) {
      if (isAppError(err) && err.status === 409) return;
      logger.warn({ err, shipmentId: e.shipmentId }, 'arriving not recorded; the next fix tries again');
      throw err;
    }
  },
});

const roadTiles = roadTileCache(appDb);

export const publicDeps: PublicTrackingDeps = {
  deliveryCode: (shipmentId) => currentDeliveryCode(appDb(), shipmentId),
  riderPosition: coarsePosition,
  roadTile: (z, x, y) => roadTiles.tile(z, x, y),
};

export const publicTracking = publicTrackingModule(publicDeps);
export const trackingPage = publicTrackingPage(publicDeps);
