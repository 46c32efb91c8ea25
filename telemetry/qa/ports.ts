import type { CustodyLeg } from '../record/shipment-curve';

/**
 * What QA needs from dispatch (custody) — built by app/ from dispatch's public face, as
 * TelemetryPorts are. Telemetry never queries dispatch's tables.
 */
export interface QaPorts {
  /** The boxes that carried the shipment and when; null when dispatch knows no such shipment. */
  custodyLegs(shipmentId: string): Promise<CustodyLeg[] | null>;
}
