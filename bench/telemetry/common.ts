/** Shared by the telemetry bench processes: box ids, bench ports, the violation schedule. */
import type { BoxCustody, BoxInfo, TelemetryPorts } from '../../telemetry/ports';

export const FACILITY = 'fac_bench0001';
export const boxIds = (n: number) => Array.from({ length: n }, (_, i) => `box_bench${String(i).padStart(5, '0')}`);
export const riderOf = (i: number) => `rdr_bench${String(i % 500).padStart(4, '0')}`;
/** One shipment per box and bench run (BENCH_RUN), so a re-run on a kept stack starts fresh. */
export const shipmentOf = (boxId: string) => `shp_${boxId.slice(4)}${process.env.BENCH_RUN ?? ''}`;

/**
 * The bench's stand-in for dispatch: every bench box is registered and carries one chilled
 * shipment since `pairedAt`. In-memory on purpose: the bench measures telemetry, not dispatch.
 */
export function benchPorts(n: number, pairedAt: Date): TelemetryPorts {
  const ids = boxIds(n);
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    async boxInfo(boxId): Promise<BoxInfo | null> {
      const i = index.get(boxId);
      return i === undefined ? null : { id: boxId, facilityId: FACILITY, riderId: riderOf(i) };
    },
    async custodyAt(boxId, at): Promise<BoxCustody[]> {
      const i = index.get(boxId);
      if (i === undefined || at < pairedAt) return [];
      return [{ shipmentId: shipmentOf(boxId), orderToken: `tok_${boxId.slice(4)}`, facilityId: FACILITY, riderId: riderOf(i), temperatureClass: 'chilled', skuIds: ['sku_bench01'], stabilityBudgetMin: null, from: pairedAt, to: null, etaAt: null }];
    },
    async requestReplan() { /* counted by the alarm table; dispatch is not under test */ },
  };
}
