/** The dispatch context's public face: other contexts import only from here. */
import { appDb } from '../platform/db/pool';
import { custodyAt } from './custody';
import { getBox } from './network';
import { requestPlan } from './planning-trigger';

export { dispatchModule } from './http';
export { custodyAt, custodyHistory, type BoxCustody } from './custody';
export { requestPlan, PLAN_QUEUE } from './planning-trigger';
export { getBox } from './network';
export { getOrder } from './orders/read';
export { startDispatchWorkers } from './workers';

/** What the telemetry context asks of dispatch (its `TelemetryPorts`), on the process pool. */
export const telemetryPorts = {
  custodyAt: (boxId: string, at: Date) => custodyAt(appDb(), boxId, at),
  async boxInfo(boxId: string) {
    const b = await getBox(appDb(), boxId);
    return b ? { id: b.id, facilityId: b.facilityId, riderId: b.riderId } : null;
  },
  requestReplan: (facilityId: string, reason: string) => requestPlan(facilityId, reason),
};
