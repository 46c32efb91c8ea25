/**
 * The day's operating figures the seed documents measure a pharmacy O2O service by, computed from
 * facts each context gives (dispatch: the orders and shipments; tracking: how each ended;
 * telemetry: excursions). Pure, so the definitions below are tested with plain rows.
 *
 * - within30MinRate, avgOrderToDoorMin: delivered instant shipments, order placed → handed over.
 * - onTimeRate: delivered or collected shipments handed over by their promised time (due).
 * - fulfilmentRate: delivered or collected ÷ those that ended either way (returned, failed) plus
 *   orders no facility could serve; orders the customer cancelled are not counted.
 * - intactRate: cold shipments that ended without an excursion and without a cold-chain or damage
 *   failure ÷ cold shipments that ended.
 * - excursionsPer1000Cold: excursion alarms on cold shipments that left the facility, per 1,000 of them.
 */
import type { ShipmentFact } from '../../dispatch';
import type { ShipmentOutcome } from '../../tracking';

export interface Figures {
  orders: number;
  shipments: number;
  delivered: number;
  within30MinRate: number | null;
  avgOrderToDoorMin: number | null;
  onTimeRate: number | null;
  fulfilmentRate: number | null;
  intactRate: number | null;
  excursionsPer1000Cold: number | null;
}

const DONE = new Set(['delivered', 'collected']);
const ENDED_BADLY = new Set(['returned', 'failed', 'returning']);
const LEFT = new Set(['picked_up', 'in_transit', 'arriving', 'delivered', 'failed', 'returning', 'returned']);
const ratio = (a: number, b: number) => (b ? a / b : null);

/** When a delivered or collected shipment was handed over; null otherwise. */
export function handedOverAt(s: ShipmentFact, o: ShipmentOutcome | undefined): Date | null {
  return DONE.has(o?.state ?? s.status) && o?.endedAt ? o.endedAt : null;
}
/** A cold shipment that left the facility: the base of excursions per 1,000 cold shipments. */
export function coldOut(s: ShipmentFact, o: ShipmentOutcome | undefined): boolean {
  return s.cold && LEFT.has(o?.state ?? s.status);
}

export function figures(facts: ShipmentFact[], outcomes: Map<string, ShipmentOutcome>, excursions: Map<string, number>, unservable = 0): Figures {
  let delivered = 0, instantDone = 0, within30 = 0, doorMinSum = 0, onTime = 0, ended = unservable;
  let coldEnded = 0, coldIntact = 0, coldLeft = 0, coldExcursions = 0;
  for (const s of facts) {
    const o = outcomes.get(s.id);
    const state = o?.state ?? s.status;
    const done = handedOverAt(s, o);
    if (done) {
      delivered++;
      const min = (done.getTime() - s.orderCreatedAt.getTime()) / 60_000;
      if (s.mode === 'instant') { instantDone++; doorMinSum += min; if (min <= 30) within30++; }
      if (done.getTime() <= s.dueAt.getTime()) onTime++;
    }
    if (done || ENDED_BADLY.has(state)) {
      ended++;
      if (s.cold) {
        coldEnded++;
        if (!excursions.get(s.id) && o?.failCode !== 'cold_chain_breach' && o?.failCode !== 'damaged') coldIntact++;
      }
    }
    if (coldOut(s, o)) { coldLeft++; coldExcursions += excursions.get(s.id) ?? 0; }
  }
  const per1000 = ratio(coldExcursions * 1000, coldLeft);
  return {
    orders: new Set(facts.map((s) => s.orderId)).size + unservable,
    shipments: facts.length,
    delivered,
    within30MinRate: ratio(within30, instantDone),
    avgOrderToDoorMin: instantDone ? Math.round((doorMinSum / instantDone) * 10) / 10 : null,
    onTimeRate: ratio(onTime, delivered),
    fulfilmentRate: ratio(delivered, ended),
    intactRate: ratio(coldIntact, coldEnded),
    excursionsPer1000Cold: per1000 === null ? null : Math.round(per1000 * 10) / 10,
  };
}

/** Orders placed and shipments handed over per local hour (0–23) of the day. */
export function byHour(facts: ShipmentFact[], outcomes: Map<string, ShipmentOutcome>, hourOf: (d: Date) => number, day: { from: Date; to: Date }) {
  const orders = Array.from({ length: 24 }, () => new Set<string>());
  const delivered = new Array<number>(24).fill(0);
  for (const s of facts) {
    orders[hourOf(s.orderCreatedAt)].add(s.orderId);
    const o = outcomes.get(s.id);
    if (o?.endedAt && DONE.has(o.state) && o.endedAt >= day.from && o.endedAt < day.to) delivered[hourOf(o.endedAt)]++;
  }
  return { orders: orders.map((x) => x.size), delivered };
}
