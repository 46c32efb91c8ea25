/**
 * What QA (telemetry/qa) asks of dispatch: the custody legs a shipment's record is cut from.
 * Telemetry does not import dispatch; this is where they meet, as in telemetry-ports.ts.
 */
import { appDb } from '../platform/db/pool';
import { custodyHistory } from '../dispatch';
import type { QaPorts } from '../telemetry';

export const qaPorts: QaPorts = {
  async custodyLegs(shipmentId) {
    const spans = await custodyHistory(appDb(), { shipmentId });
    return spans.map((s) => ({ boxId: s.boxId, from: s.from, to: s.to }));
  },
};
