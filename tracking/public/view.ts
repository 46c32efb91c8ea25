/**
 * What the tracking page and its JSON show for a token, gathered once for both: the order's
 * shipments with their state in the lifecycle, the ETA and promised window, the cold-chain badge
 * and curve, and — only while a shipment is being carried — the rider's coarse position.
 * Nothing personal and no drug names: dispatch's public read gives none (COMPLIANCE 52).
 */
import { appDb, type Queryable } from '../../platform/db/pool';
import { getKey } from '../../platform/config/registry';
import { orderByToken, publicOrder, custodyHistory } from '../../dispatch';
import { shipmentCurve } from '../../telemetry';
import type { State } from '../lifecycle/machine';
import { publicKeys } from './config';

export interface PublicTrackingDeps {
  /** The shipment's current 6-digit delivery code, or null when none is issued (yet). */
  deliveryCode(shipmentId: string): Promise<string | null>;
  /** The rider's latest position; rounded again here to ~100 m before anyone sees it. */
  riderPosition(riderId: string): Promise<{ lat: number; lng: number; at: Date | string } | null>;
  /**
   * One web-mercator road tile (geo's road tiles: lines in tile pixels by road class), for the
   * map's background. Optional: without it the map shows the two dots on a plain ground.
   */
  roadTile?(z: number, x: number, y: number): Promise<{ roads: Array<{ lines: Array<Array<[number, number]>> }>; water?: Array<Array<[number, number]>> }>;
}

/** The states in which a rider carries the goods towards the customer: the map shows then. */
export const CARRIED: ReadonlySet<State> = new Set(['picked_up', 'in_transit', 'arriving']);

export type ColdChainStatus = 'kept_in_range' | 'no_record' | 'under_review' | 'released' | 'rejected';

/**
 * The cold-chain badge. QA disposition of a shipment after an excursion (release or reject)
 * belongs to the quality-records issue and does not exist yet: when it does, its decision is
 * passed in as `disposition` and wins here. Until then any excursion alarm — resolved or not,
 * since resolving an alarm is not releasing the product — reads "under QA review" (GDP 9.2,
 * COMPLIANCE 23). No readings at all is no record, never "kept in range".
 */
export function coldChainStatus(x: { readings: number; excursions: number; disposition?: 'released' | 'rejected' | null }): ColdChainStatus {
  if (x.disposition) return x.disposition;
  if (x.excursions > 0) return 'under_review';
  if (x.readings === 0) return 'no_record';
  return 'kept_in_range';
}

export interface ShipmentView {
  id: string;
  state: State;
  eta: string | null;
  /** The promised window: the shipment's, else the order's. */
  window: { start: string | null; end: string };
  temperatureClass: 'chilled' | 'frozen' | 'ambient';
  coldChain: null | {
    status: ColdChainStatus;
    limits: { low: number; high: number };
    readings: number;
    curve: Array<{ at: string; min: number; max: number }>;
  };
  /** Only while carried: the rider's and the destination's positions rounded to 0.001° (~100 m). */
  map: null | { rider: { lat: number; lng: number; at: string } | null; destination: { lat: number; lng: number } };
  storage: Array<{ temperatureClass: string; rx: boolean }>;
}

export interface TrackingView {
  orderStatus: string;
  deliveryMode: string;
  ended: boolean;
  shipments: ShipmentView[];
}

/** Dispatch's coarse shipment status, for a shipment the lifecycle has not recorded yet. */
const FROM_DISPATCH: Record<string, State> = {
  held: 'planned', ready: 'planned', assigned: 'assigned', picked_up: 'picked_up', returning: 'returning',
  delivered: 'delivered', cancelled: 'cancelled', returned: 'returned',
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const COLD_ORDER = ['frozen', 'chilled', 'ambient'] as const;

export type Lookup = { found: false } | { found: true; orderId: string };

/**
 * The token's order if its link is live. An unknown and an expired token take the same path to
 * here (one statement, then arithmetic), so a caller cannot tell them apart by time either.
 */
export async function lookupToken(token: string, now = new Date(), q: Queryable = appDb()): Promise<Lookup> {
  const o = await orderByToken(q, token.slice(0, 200));
  const ttlMs = getKey(publicKeys.tokenTtlDays) * 86_400_000;
  if (!o || (o.endedAt && o.endedAt.getTime() + ttlMs <= now.getTime())) return { found: false };
  return { found: true, orderId: o.orderId };
}

export async function trackingView(orderId: string, deps: PublicTrackingDeps, now = new Date(), q: Queryable = appDb()): Promise<TrackingView | null> {
  const order = await publicOrder(q, orderId);
  if (!order) return null;
  const states = await q.query(`SELECT shipment_id, state, rider_id FROM tracking.shipment_state WHERE order_id = $1`, [orderId]);
  const byShipment = new Map(states.rows.map((r) => [r.shipment_id as string, r]));
  const shipments = await Promise.all(order.shipments.map(async (s): Promise<ShipmentView> => {
    const st = byShipment.get(s.id);
    const state: State = (st?.state as State) ?? FROM_DISPATCH[s.status] ?? 'planned';
    const riderId: string | null = st?.rider_id ?? s.riderId;
    const cls = COLD_ORDER.find((c) => s.coldClasses.includes(c)) ?? 'ambient';
    const storage = order.items.filter((i) => i.shipmentId === s.id || (i.shipmentId === null && order.shipments.length === 1))
      .map((i) => ({ temperatureClass: i.temperatureClass, rx: i.rx }));
    let coldChain: ShipmentView['coldChain'] = null;
    if (cls !== 'ambient') {
      const legs = (await custodyHistory(q, { shipmentId: s.id })).filter((l) => l.temperatureClass === cls);
      const curve = await shipmentCurve(q, s.id, { legs, temperatureClass: cls, facilityId: s.facilityId, now });
      coldChain = {
        status: coldChainStatus({ readings: curve.readings, excursions: curve.excursions.length }),
        limits: curve.limits, readings: curve.readings, curve: curve.points,
      };
    }
    let map: ShipmentView['map'] = null;
    if (CARRIED.has(state)) {
      const p = riderId ? await deps.riderPosition(riderId) : null;
      map = {
        rider: p ? { lat: round3(p.lat), lng: round3(p.lng), at: new Date(p.at).toISOString() } : null,
        destination: { lat: round3(order.destination.lat), lng: round3(order.destination.lng) },
      };
    }
    return {
      id: s.id, state, eta: s.eta,
      window: s.windowStart ? { start: s.windowStart, end: s.dueAt } : order.window,
      temperatureClass: cls, coldChain, map, storage,
    };
  }));
  const ended = shipments.length > 0 && shipments.every((s) => ['delivered', 'collected', 'returned', 'cancelled'].includes(s.state));
  return { orderStatus: order.status, deliveryMode: order.deliveryMode, ended, shipments };
}

/** After the phone check: each open shipment's delivery code. */
export async function deliveryCodes(view: TrackingView, deps: PublicTrackingDeps): Promise<Record<string, string | null>> {
  const open = view.shipments.filter((s) => !['delivered', 'collected', 'returned', 'cancelled'].includes(s.state));
  const codes = await Promise.all(open.map(async (s) => [s.id, await deps.deliveryCode(s.id)] as const));
  return Object.fromEntries(codes);
}
