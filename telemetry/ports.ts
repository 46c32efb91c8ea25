/**
 * What telemetry needs from other contexts (dispatch owns boxes, custody and planning).
 * Telemetry neither queries their tables nor imports them: the composition root (app/) builds
 * these ports from dispatch's public face and passes them to the workers and to ingest; tests
 * pass in-memory ones (testing/fakes.ts).
 */

/** One shipment in a box over an interval (custody: pickup scan → handover). */
export interface BoxCustody {
  shipmentId: string;
  /** Pseudonymous order token (never the customer's identity). */
  orderToken: string;
  facilityId: string;
  riderId: string | null;
  temperatureClass: 'ambient' | 'chilled' | 'frozen';
  skuIds: string[];
  /** Stability budget (allowed time out of range) of the most fragile SKU, minutes (COMPLIANCE D.50); null = none. */
  stabilityBudgetMin: number | null;
  from: Date;
  /** null while custody is open. */
  to: Date | null;
  etaAt: Date | null;
  /**
   * When, during this leg, a door opening is expected (pickup and handover places and times;
   * the rule is tracking/positions/door-windows.ts). Times only: the places stay with dispatch
   * and tracking. Known as of when custody was read (see CustodyCache for how that stays fresh).
   */
  doorWindows: Array<{ from: Date; to: Date; why: 'pickup' | 'handover' }>;
}

export interface BoxInfo {
  id: string;
  facilityId: string;
  riderId: string | null;
}

export interface TelemetryPorts {
  /** Shipments in the box at `at` (several orders may share a box). */
  custodyAt(boxId: string, at: Date): Promise<BoxCustody[]>;
  /** The registered box, or null when dispatch does not know it (its data is dead-lettered). */
  boxInfo(boxId: string): Promise<BoxInfo | null>;
  /** Ask dispatch to re-plan the facility's routes (an alarm on a cold shipment). */
  requestReplan(facilityId: string, reason: string): Promise<void>;
}

/** A shipment as its temperature record needs it (dispatch's custody, tracking's end). */
export interface RecordShipment {
  shipmentId: string;
  facilityId: string;
  /** the class whose limits the record is judged against (the shipment's cold compartment) */
  temperatureClass: 'ambient' | 'chilled' | 'frozen';
  /** Stability budget of the most fragile SKU, minutes (COMPLIANCE D.50); null = none. */
  stabilityBudgetMin: number | null;
  /** every custody leg in a box, oldest first */
  legs: Array<{ boxId: string; from: Date; to: Date | null }>;
  /** how and when the shipment ended; null while it goes on */
  end: { outcome: 'delivered' | 'returned' | 'cancelled' | 'collected'; at: Date } | null;
}

export interface RecordPorts {
  /** null when there is no such shipment */
  shipment(shipmentId: string): Promise<RecordShipment | null>;
  /** Of these shipments, the ones the facility fulfilled; null when there is no such facility. */
  facilityShipments(facilityId: string, shipmentIds: string[]): Promise<string[] | null>;
}
