/**
 * What telemetry's temperature record asks of the other contexts (its RecordPorts): custody
 * legs and the SKU stability budget from dispatch, how and when the shipment ended from
 * tracking's lifecycle, and which shipments a facility fulfilled (the regulator's archive).
 */
import { appDb } from '../platform/db/pool';
import { custodyAt, custodyHistory, shipmentsOfFacility } from '../dispatch';
import { lifecycleOf } from '../tracking';
import type { RecordPorts, RecordShipment } from '../telemetry';

const ENDS = ['delivered', 'returned', 'cancelled', 'collected'] as const;
type End = (typeof ENDS)[number];

export const recordPorts: RecordPorts = {
  async shipment(shipmentId) {
    const q = appDb();
    const l = await lifecycleOf(q, shipmentId);
    if (!l) return null;
    const spans = (await custodyHistory(q, { shipmentId })).filter((s) => s.boxId);
    // A cold compartment decides the limits; a shipment with none is judged as ambient.
    const cold = spans.find((s) => s.temperatureClass !== 'ambient') ?? spans[0];
    const atPickup = cold ? (await custodyAt(q, cold.boxId, new Date(cold.from))).find((c) => c.shipmentId === shipmentId) : undefined;
    const ended = (ENDS as readonly string[]).includes(l.state) && l.endedAt;
    const s: RecordShipment = {
      shipmentId, facilityId: l.facilityId,
      temperatureClass: (cold?.temperatureClass ?? 'ambient') as RecordShipment['temperatureClass'],
      stabilityBudgetMin: atPickup?.stabilityBudgetMin ?? null,
      legs: spans.map((x) => ({ boxId: x.boxId, from: new Date(x.from), to: x.to ? new Date(x.to) : null })),
      end: ended ? { outcome: l.state as End, at: new Date(l.endedAt!) } : null,
    };
    return s;
  },
  facilityShipments: (facilityId, shipmentIds) => shipmentsOfFacility(appDb(), facilityId, shipmentIds),
};
