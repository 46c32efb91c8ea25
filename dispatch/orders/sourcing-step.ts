/**
 * Sourcing without reserving: the facilities that could serve a point with what they have
 * (service area, FEFO stock, boxes, riders, road travel time) and the decision over them. Both
 * the order path (create.ts: then reserve and place) and the public availability answer
 * (availability.ts: nothing written) go through here, so what a shop page promises is what an
 * order placed right after gets.
 */
import { appDb } from '../../platform/db/pool';
import { getKey } from '../../platform/config/registry';
import { haversineM, sharedRoutingEngine as routingEngine, type LatLng } from '../../geo';
import { dispatchKeys } from '../config';
import { allocateFefo, type FefoResult } from '../domain/fefo';
import { decideSourcing, type SourcingCandidate, type SourcingDecision, type SourcingOrder } from '../domain/sourcing';
import { getFacilitiesCached, type Facility, type Sku } from '../network';
import { coldPausedAt, fleetSnapshot } from '../fleet-snapshot';
import { availability, type Availability } from './placement';

/** What sourcing needs to know about an order to find its candidates. */
export interface SourcingAsk {
  lines: ReadonlyArray<{ sku: Sku; quantity: number }>;
  /** The customer's door, WGS-84. */
  point: LatLng;
  mode: 'instant' | 'scheduled' | 'pickup';
  /** Pickup at this store (only it is a candidate). */
  pickupFacilityId?: string | null;
  /** The local date of `now` (YYYY-MM-DD). */
  today: string;
  /** The decision's instant, for pauses of instant cold delivery. Default: the wall clock. */
  now?: Date;
}

/**
 * The facilities that serve the point (pickup: the named store), nearest first, each with its
 * stock as FEFO picks per line, its boxes, riders and road travel time. Empty when none is in range.
 */
export async function findCandidates(ask: SourcingAsk): Promise<SourcingCandidate[]> {
  const db = appDb();
  const skuIds = ask.lines.map((l) => l.sku.id);
  // Who serves the address and what they have, in one statement.
  const [{ serving: ids, avail }, fleetNow] = await Promise.all([
    availability(ask.mode === 'pickup' && ask.pickupFacilityId ? { ids: [ask.pickupFacilityId] } : { point: ask.point }, skuIds),
    fleetSnapshot(db, ask.today),
  ]);
  let facilities = ids.length ? nearestFirst((await getFacilitiesCached(db, ids)).filter((f) => f.active), ask.point) : [];
  if (ask.mode === 'pickup') facilities = facilities.filter((f) => f.tier === 'store');
  if (!facilities.length) return [];
  const margin = getKey(dispatchKeys.sellByMarginDays);
  const lotsBy = lotsByFacility(avail);

  // Road travel time only for facilities that could serve at least one line (cold capability
  // and a sellable lot): sourcing never looks at the others' travel time.
  const couldServe = facilities.map((f) => {
    const bySku = lotsBy.get(f.id);
    return !!bySku && ask.lines.some((l) => f.coldCapabilities.includes(l.sku.temperatureClass) && bySku.has(l.sku.id));
  });
  const travel: (number | null)[] = facilities.map(() => null);
  const routed = facilities.filter((_f, i) => couldServe[i]);
  if (ask.mode !== 'pickup' && routed.length) {
    const t = await routingEngine().table(routed.map((f) => f.location), [ask.point]);
    let k = 0;
    facilities.forEach((_f, i) => { if (couldServe[i]) travel[i] = t.durations[k++][0]; });
  }

  return facilities.map((f, i) => {
    const stock: Record<string, FefoResult | undefined> = {};
    const bySku = lotsBy.get(f.id);
    for (const l of ask.lines) {
      const fl = bySku?.get(l.sku.id);
      stock[l.sku.id] = fl ? allocateFefo({ lots: fl, quantity: l.quantity, today: ask.today, sellByMarginDays: margin }) : undefined;
    }
    return {
      facilityId: f.id, label: f.name, tier: f.tier, inService: true, openingHours: f.openingHours,
      coldCapabilities: f.coldCapabilities, stock, boxes: fleetNow.boxes.get(f.id) ?? {}, travelSeconds: travel[i],
      riders: { availableNow: fleetNow.riders.get(f.id) ?? 0 },
      // Cost: road time dominates; a central warehouse shipment costs more to send out.
      cost: (travel[i] ?? 0) + (f.tier === 'central' ? 1800 : f.tier === 'forward' ? 0 : 120),
      handlingSeconds: f.handlingSeconds,
      ...(coldPausedAt(fleetNow, f.id, ask.now ?? new Date()) ? { coldPaused: true } : {}),
    } satisfies SourcingCandidate;
  });
}

/** The decision over the candidates, with the configured split policy (never split for pickup); `summaries: false` when nobody reads them. */
export function decide(order: SourcingOrder, candidates: readonly SourcingCandidate[], now: Date, summaries = true): SourcingDecision {
  return decideSourcing(order, candidates, { now, allowSplit: getKey(dispatchKeys.allowSplit) && order.deliveryMode !== 'pickup', summaries });
}

/**
 * Nearest first (great-circle distance to the facility, then id), as geo's facilitiesServing
 * lists them: the database sends the covering ids unordered, since its geodesic distances cost
 * more than the cover test itself.
 */
function nearestFirst(facilities: Facility[], point: LatLng): Facility[] {
  return facilities.map((f) => ({ f, d: haversineM(point, f.location) }))
    .sort((a, b) => a.d - b.d || (a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0))
    .map((x) => x.f);
}

type LotsBy = Map<string, Map<string, Array<{ lotId: string; expiresOn: string; available: number }>>>;

/** Lots by facility, then SKU (nested maps: no key strings built per facility and line). */
function lotsByFacility(avail: Availability): LotsBy {
  const lotsBy: LotsBy = new Map();
  for (const [facilityId, skuId, lotId, expiresOn, available] of avail.lots) {
    let bySku = lotsBy.get(facilityId);
    if (!bySku) lotsBy.set(facilityId, (bySku = new Map()));
    let list = bySku.get(skuId);
    if (!list) bySku.set(skuId, (list = []));
    list.push({ lotId, expiresOn, available });
  }
  return lotsBy;
}
