/**
 * Stock near the customer, before an order exists (`GET /api/v1/availability`): per SKU, whether
 * it can be delivered to the point, from which tier and within which promise (30 min, 2 h, next
 * day), and whether all of them can go together in one shipment. Decided by the order path's own
 * sourcing step (sourcing-step.ts) for an order of one unit per SKU at each promise class,
 * narrowest first; nothing is reserved or written. The answer carries no stock counts and no
 * facility ids: a shop page needs "deliverable by when", not what a store holds.
 */
import { appDb } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import type { LatLng } from '../../geo';
import { PROMISE_CLASSES, promiseOfClass, type PromiseClass } from '../domain/promise-class';
import type { FacilityTier, RejectionCode, SourcingCandidate, SourcingDecision, SourcingOrderLine, TemperatureClass } from '../domain/sourcing';
import { localDateOf } from '../domain/zoned-time';
import { getSkusCached } from '../network';
import { decide, findCandidates } from './sourcing-step';

/** Why a SKU cannot be delivered: sourcing's rejection codes, plus no facility in range at all. */
export type UnavailableReason = 'no_facility_serves_point' | Exclude<RejectionCode, 'out_of_service_area'>;

export interface SkuAvailability {
  skuId: string;
  temperatureClass: TemperatureClass;
  /** An order with it needs a prescription reference. */
  rxRequired: boolean;
  deliverable: boolean;
  /** Null when deliverable. */
  reason: UnavailableReason | null;
  tier: FacilityTier | null;
  promise: PromiseClass | null;
  /** The earliest arrival sourcing computed for the promise class (ISO 8601). */
  earliestAt: string | null;
}

export interface AvailabilityAnswer {
  items: SkuAvailability[];
  /** All the SKUs in one order (one unit each). */
  together: { deliverable: boolean; oneShipment: boolean; shipments: number; tiers: FacilityTier[]; promise: PromiseClass | null; earliestAt: string | null };
  checkedAt: string;
}

/** The first promise class whose decision serves the lines, with that decision; else the widest class's. */
function firstServable(lines: SourcingOrderLine[], candidates: SourcingCandidate[], now: Date): { cls: PromiseClass | null; d: SourcingDecision } {
  let d!: SourcingDecision;
  for (const cls of PROMISE_CLASSES) {
    d = decide({ items: lines, ...promiseOfClass(cls, now) }, candidates, now, false);
    if (d.status !== 'unservable') return { cls, d };
  }
  return { cls: null, d };
}

/**
 * Why a line cannot be served: out of stock when no facility in range has a sellable lot of it;
 * otherwise the first reason of the nearest facility that has (closed, no box, late, …).
 */
function reasonOf(sku: string, d: SourcingDecision, candidates: SourcingCandidate[]): UnavailableReason {
  const report = new Map(d.candidates.map((c) => [c.facilityId, c]));
  for (const c of candidates) {
    if (!c.stock[sku]?.ok) continue;
    const r = report.get(c.facilityId)?.reasons.find((x) => (x.sku === undefined || x.sku === sku) && x.code !== 'out_of_service_area');
    if (r) return r.code as UnavailableReason;
  }
  return 'out_of_stock';
}

/**
 * What can be delivered to `point` (WGS-84) of these SKUs (1–20 distinct ids). Throws 400
 * `unknown_sku` when an id is not in the catalogue.
 */
export async function availabilityAt(point: LatLng, skuIds: string[], now = new Date()): Promise<AvailabilityAnswer> {
  const ids = [...new Set(skuIds)];
  const skus = await getSkusCached(appDb(), ids);
  const unknown = ids.filter((id) => !skus.has(id));
  if (unknown.length) {
    throw new AppError('invalid_input', 'unknown_sku', `Unknown SKU${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, { skuIds: unknown });
  }
  const lines = ids.map((id) => ({ sku: skus.get(id)!, quantity: 1 }));
  const candidates = await findCandidates({ lines, point, mode: 'instant', today: localDateOf(now), now });
  const sourcingLines: SourcingOrderLine[] = lines.map((l) => ({ sku: l.sku.id, quantity: 1, temperatureClass: l.sku.temperatureClass }));

  // Each SKU is decided over the facilities holding a lot of it: the others can only be rejected
  // as out of stock, and leaving them out saves evaluating ~45 candidates per SKU and promise.
  const holding = (skuIds: string[]) => candidates.filter((c) => skuIds.some((id) => c.stock[id] !== undefined));
  const items = lines.map((l, i): SkuAvailability => {
    const base = { skuId: l.sku.id, temperatureClass: l.sku.temperatureClass, rxRequired: l.sku.rx };
    if (!candidates.length) return { ...base, deliverable: false, reason: 'no_facility_serves_point', tier: null, promise: null, earliestAt: null };
    const pool = holding([l.sku.id]);
    const { cls, d } = firstServable([sourcingLines[i]], pool, now);
    if (!cls) return { ...base, deliverable: false, reason: reasonOf(l.sku.id, d, pool), tier: null, promise: null, earliestAt: null };
    const s = d.shipments[0];
    return { ...base, deliverable: true, reason: null, tier: s.tier, promise: cls, earliestAt: s.eta.toISOString() };
  });

  const none = { deliverable: false, oneShipment: false, shipments: 0, tiers: [], promise: null, earliestAt: null };
  let together: AvailabilityAnswer['together'] = none;
  if (candidates.length && items.every((x) => x.deliverable)) {
    // The order of them all, which may split or need a wider promise than each alone.
    const { cls, d } = firstServable(sourcingLines, holding(ids), now);
    if (cls) {
      const last = Math.max(...d.shipments.map((s) => s.eta.getTime()));
      together = { deliverable: true, oneShipment: d.shipments.length === 1, shipments: d.shipments.length, tiers: d.shipments.map((s) => s.tier), promise: cls, earliestAt: new Date(last).toISOString() };
    }
  }
  return { items, together, checkedAt: now.toISOString() };
}
