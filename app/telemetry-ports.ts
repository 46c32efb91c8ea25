/**
 * What telemetry asks of dispatch (its TelemetryPorts), answered by dispatch's public face on the
 * process's pool. The two contexts do not import each other; this is where they meet.
 */
import { appDb } from '../platform/db/pool';
import { custodyAt, getBox, requestPlan } from '../dispatch';
import { doorWindowsOf } from '../tracking';
import type { BoxCustody, TelemetryPorts } from '../telemetry';

/**
 * Custody with its expected door openings: dispatch's legs, their windows from tracking's fixes
 * and lifecycle (one statement for all the box's legs). The delivery point is compared there and
 * dropped here, so it never reaches telemetry.
 */
async function custodyWithDoorWindows(boxId: string, at: Date): Promise<BoxCustody[]> {
  const db = appDb();
  const legs = await custodyAt(db, boxId, at);
  if (!legs.length) return [];
  const windows = await doorWindowsOf(db, legs.map((l) => ({ shipmentId: l.shipmentId, riderId: l.riderId, from: l.from, to: l.to, deliveryPoint: l.deliveryPoint })), at);
  return legs.map(({ deliveryPoint: _point, ...l }) => ({ ...l, doorWindows: windows.get(l.shipmentId) ?? [] }));
}

export const telemetryPorts: TelemetryPorts = {
  custodyAt: custodyWithDoorWindows,
  async boxInfo(boxId) {
    const b = await getBox(appDb(), boxId);
    return b ? { id: b.id, facilityId: b.facilityId, riderId: b.riderId } : null;
  },
  requestReplan: (facilityId, reason) => requestPlan(facilityId, reason),
};
