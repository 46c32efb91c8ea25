/**
 * What telemetry needs from other contexts (dispatch owns boxes, custody and planning).
 * Telemetry never queries their tables; it calls these ports. The default implementation is
 * `dispatch/index.ts`, loaded lazily so telemetry builds and tests without it.
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

/**
 * The dispatch context's implementation, loaded lazily (by path, so telemetry builds and tests
 * without it). Uses `telemetryPorts` when dispatch exports one, else adapts its public
 * functions: `custodyAt(q, boxId, at)`, `getBox(q, id)`, `requestPlan(facilityId, reason)`.
 */
export async function defaultPorts(): Promise<TelemetryPorts> {
  const path = '../dispatch/index';
  type Dispatch = {
    telemetryPorts?: TelemetryPorts;
    custodyAt?: (q: unknown, boxId: string, at: Date) => Promise<BoxCustody[]>;
    getBox?: (q: unknown, id: string) => Promise<{ id: string; facilityId: string; riderId: string | null } | null>;
    requestPlan?: (facilityId: string, reason: string) => Promise<void>;
  };
  let mod: Dispatch;
  try {
    mod = (await import(/* @vite-ignore */ path)) as Dispatch;
  } catch (e) {
    throw new Error(`telemetry needs dispatch/index.ts (custodyAt, getBox, requestPlan): ${(e as Error).message}`);
  }
  if (mod.telemetryPorts) return mod.telemetryPorts;
  const { custodyAt, getBox, requestPlan } = mod;
  if (!custodyAt || !getBox || !requestPlan) throw new Error('dispatch/index.ts exports neither telemetryPorts nor custodyAt, getBox and requestPlan');
  const { appDb } = await import('../platform/db/pool');
  return {
    custodyAt: (boxId, at) => custodyAt(appDb(), boxId, at),
    async boxInfo(boxId) {
      const b = await getBox(appDb(), boxId);
      return b ? { id: b.id, facilityId: b.facilityId, riderId: b.riderId } : null;
    },
    requestReplan: (facilityId, reason) => requestPlan(facilityId, reason),
  };
}
