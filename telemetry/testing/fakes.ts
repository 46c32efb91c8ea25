/**
 * Test helpers: an in-memory stand-in for dispatch's box registry and custody (another
 * context's data, so not the database, queue or broker, which tests use for real), and
 * payload builders for the wire contract.
 */
import type { BoxCustody, BoxInfo, TelemetryPorts } from '../ports';

export class FakeDispatch implements TelemetryPorts {
  boxes = new Map<string, BoxInfo>();
  custody = new Map<string, BoxCustody[]>();
  replans: Array<{ facilityId: string; reason: string }> = [];

  addBox(id: string, facilityId: string, riderId: string | null = null): void {
    this.boxes.set(id, { id, facilityId, riderId });
  }

  /** Puts a shipment in the box from `from` (default: a minute ago, so no data gap is due yet). */
  pair(boxId: string, c: Partial<BoxCustody> & { shipmentId: string }): BoxCustody {
    const box = this.boxes.get(boxId);
    const full: BoxCustody = {
      orderToken: `tok_${c.shipmentId}`, facilityId: box?.facilityId ?? 'fac_test0001', riderId: box?.riderId ?? null,
      temperatureClass: 'chilled', skuIds: ['sku_insulin01'], stabilityBudgetMin: null,
      from: new Date(Date.now() - 60_000), to: null, etaAt: null, doorWindows: [], ...c,
    };
    this.custody.set(boxId, [...(this.custody.get(boxId) ?? []), full]);
    return full;
  }

  async boxInfo(boxId: string) { return this.boxes.get(boxId) ?? null; }
  async custodyAt(boxId: string, at: Date) {
    return (this.custody.get(boxId) ?? []).filter((c) => c.from <= at && (c.to === null || at < c.to));
  }
  async requestReplan(facilityId: string, reason: string) { this.replans.push({ facilityId, reason }); }
}

let seq = 0;
/** A `coldbox.telemetry/1` message with one live reading (or the given readings). */
export function telemetryPayload(boxId: string, readings: Array<{ ts?: number; t: number[]; door?: boolean; batt?: number; rh?: number; hist?: boolean }>, o: { seq?: number; sentAt?: number } = {}): string {
  const now = Date.now();
  return JSON.stringify({
    schema: 'coldbox.telemetry/1', boxId, fw: '1.4.2', seq: o.seq ?? ++seq, sentAt: o.sentAt ?? now,
    readings: readings.map((r) => ({ ts: r.ts ?? now, t: r.t, ...(r.rh !== undefined ? { rh: r.rh } : {}), door: r.door ?? false, batt: r.batt ?? 87, hist: r.hist ?? false })),
  });
}

export const topicOf = (boxId: string, kind: 'telemetry' | 'birth' | 'status' = 'telemetry') => `dt/coldchain/box/${boxId}/${kind}`;

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 5000, step = 50): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v as T;
    if (Date.now() - t0 > ms) throw new Error(`waitFor: condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, step));
  }
}
