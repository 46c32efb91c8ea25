/**
 * What telemetry asks of dispatch (its TelemetryPorts), answered by dispatch's public face on the
 * process's pool. The two contexts do not import each other; this is where they meet.
 */
import { appDb } from '../platform/db/pool';
import { custodyAt, getBox, requestPlan } from '../dispatch';
import type { TelemetryPorts } from '../telemetry';

export const telemetryPorts: TelemetryPorts = {
  custodyAt: (boxId, at) => custodyAt(appDb(), boxId, at),
  async boxInfo(boxId) {
    const b = await getBox(appDb(), boxId);
    return b ? { id: b.id, facilityId: b.facilityId, riderId: b.riderId } : null;
  },
  requestReplan: (facilityId, reason) => requestPlan(facilityId, reason),
};
