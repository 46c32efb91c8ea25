/**
 * Test fixtures for the dispatch context on the test stack's road network (the ~3,000-segment
 * demo city around 23.13 N, 113.32 E that `npm test` imports). Every fixture gets unique ids,
 * so test files running in parallel never see each other's stock (SKUs are per test).
 */
import { appDb } from '../../platform/db/pool';
import { uniq } from '../../platform/testing/harness';
import { createBox, createFacility, createRider, createSku, receiveLot, type TemperatureClass } from '../network';
import { dispatchModule } from '../http';
import { recordAudit } from '../../platform/audit/audit';
import type { AuditFn } from '../orders/types';

/** Dispatch's routes as app/ mounts them. */
export const dispatchRoutes = () => dispatchModule();

export const CITY = { lat: 23.13, lng: 113.32 };
export const ALWAYS_OPEN = { alwaysOpen: true };
export const CLOSED = { weekly: {} };

/** A point `dLat`/`dLng` degrees from the city centre (1e-3 ° ≈ 111 m / 102 m). */
export const near = (dLat: number, dLng: number) => ({ lat: CITY.lat + dLat, lng: CITY.lng + dLng });

/** A facility with a radius service area and (unless `riders: 0`) one online rider. */
export async function facility(opts: { tier?: 'central' | 'forward' | 'store'; at?: { lat: number; lng: number }; radiusM?: number; hours?: object; cold?: TemperatureClass[]; riders?: number } = {}) {
  const f = await createFacility(appDb(), {
    id: uniq('fac_'), name: `测试仓 ${uniq('')}`, tier: opts.tier ?? 'forward', location: opts.at ?? CITY, address: '天河路 1 号', timeZone: 'Asia/Shanghai',
    openingHours: (opts.hours ?? ALWAYS_OPEN) as never, coldCapabilities: opts.cold ?? ['ambient', 'chilled', 'frozen'], riderCap: 10, handlingSeconds: 300,
    serviceArea: { kind: 'radius', radiusM: opts.radiusM ?? 3000 },
  });
  for (let i = 0; i < (opts.riders ?? 1); i++) await rider(f.id);
  return f;
}

export async function sku(opts: { cls?: TemperatureClass; rx?: boolean; budget?: number } = {}) {
  return createSku(appDb(), { id: uniq('sku_'), name: `胰岛素 ${uniq('')}`, genericName: 'insulin glargine', temperatureClass: opts.cls ?? 'chilled', rx: opts.rx ?? false, stabilityBudgetMin: opts.budget ?? 30, volumeUnits: 1 });
}

export async function stock(facilityId: string, skuId: string, quantity: number, expiry = '2099-12-31') {
  return receiveLot(appDb(), facilityId, { skuId, lotNumber: uniq('L'), expiry, quantity });
}

export async function box(facilityId: string, opts: { classes?: TemperatureClass[]; capacity?: number; calibrationDue?: string } = {}) {
  return createBox(appDb(), {
    id: uniq('box_'), facilityId, kind: 'active', holdoverMinutes: { summer: 120, winter: 180 }, calibrationDue: opts.calibrationDue ?? '2099-01-01',
    batteryPct: 90, sampleIntervalS: 60, probes: 2,
    compartments: (opts.classes ?? ['ambient', 'chilled']).map((c) => ({ temperatureClass: c, capacityUnits: opts.capacity ?? 10 })),
  });
}

export async function rider(facilityId: string, status: 'online' | 'offline' = 'online') {
  return createRider(appDb(), { id: uniq('rdr_'), name: '骑手', homeFacilityId: facilityId, vehicleType: 'e_bike', speedFactor: 1, shifts: [], status });
}

export function orderBody(items: Array<{ skuId: string; quantity: number }>, extra: Record<string, unknown> = {}) {
  return {
    channel: 'app',
    items,
    customer: { name: '张三丰', phone: '13812345678', address: '广州市天河区体育西路 101 号 2 栋 1203 房', location: near(0.004, 0.003) },
    delivery: { mode: 'instant', promiseMinutes: 60 },
    ...extra,
  };
}

/** An audit function for calling dispatch's functions directly in a test: real rows, by "test". */
export const testAudit: AuditFn = (q, e) => recordAudit(q, { ...e, actorId: 'test', actorRole: 'admin' });
