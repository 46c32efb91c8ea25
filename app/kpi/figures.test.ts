import { describe, it, expect } from 'vitest';
import type { ShipmentFact } from '../../dispatch';
import type { ShipmentOutcome } from '../../tracking';
import { byHour, figures } from './figures';

const T0 = Date.UTC(2026, 11, 5, 2, 0); // 10:00 in Asia/Shanghai
const min = (m: number) => new Date(T0 + m * 60_000);
let n = 0;
function ship(o: Partial<ShipmentFact> = {}): ShipmentFact {
  n++;
  return { id: `shp_${n}`, orderId: `ord_${n}`, facilityId: 'fac_a', mode: 'instant', cold: false, orderCreatedAt: min(0), dueAt: min(30), status: 'delivered', cancelReason: null, ...o };
}
const out = (state: string, endedMin: number | null, failCode: string | null = null): ShipmentOutcome => ({ state, endedAt: endedMin === null ? null : min(endedMin), failCode });

describe('the day\'s figures', () => {
  it('30-minute rate and order-to-door minutes count delivered instant shipments only; on time is against each shipment\'s promise', () => {
    const a = ship(); const b = ship(); const c = ship({ mode: 'scheduled', dueAt: min(240) }); const d = ship();
    const f = figures([a, b, c, d], new Map([[a.id, out('delivered', 20)], [b.id, out('delivered', 40)], [c.id, out('delivered', 200)], [d.id, out('in_transit', null)]]), new Map());
    expect(f).toMatchObject({ orders: 4, shipments: 4, delivered: 3, within30MinRate: 0.5, avgOrderToDoorMin: 30, onTimeRate: 2 / 3 });
  });

  it('fulfilment counts what ended either way and orders nobody could serve, not what the customer cancelled', () => {
    const a = ship(); const b = ship(); const c = ship({ status: 'cancelled', cancelReason: 'customer' });
    const f = figures([a, b, c], new Map([[a.id, out('delivered', 20)], [b.id, out('returned', 50, 'customer_absent')], [c.id, out('cancelled', 5)]]), new Map(), 2);
    expect(f.fulfilmentRate).toBe(1 / 4);
    expect(f.orders).toBe(5);
  });

  it('intact: a cold shipment with an excursion or a cold-chain failure is not; excursions are counted per 1,000 cold shipments that left', () => {
    const ok = ship({ cold: true }); const hot = ship({ cold: true }); const breach = ship({ cold: true }); const waiting = ship({ cold: true, status: 'ready' }); const warm = ship();
    const f = figures([ok, hot, breach, waiting, warm],
      new Map([[ok.id, out('delivered', 25)], [hot.id, out('delivered', 28)], [breach.id, out('returned', 60, 'cold_chain_breach')], [warm.id, out('delivered', 20)]]),
      new Map([[hot.id, 1], [breach.id, 2]]));
    expect(f.intactRate).toBe(1 / 3);
    expect(f.excursionsPer1000Cold).toBe(1000);
  });

  it('says null, not zero, when there is nothing to divide by', () => {
    expect(figures([], new Map(), new Map())).toMatchObject({ orders: 0, within30MinRate: null, avgOrderToDoorMin: null, onTimeRate: null, fulfilmentRate: null, intactRate: null, excursionsPer1000Cold: null });
  });

  it('puts orders in the hour they were placed and deliveries in the hour they were handed over, in the facility\'s zone', () => {
    const a = ship({ orderCreatedAt: min(-5) }); const b = ship({ orderCreatedAt: min(50) });
    const hourOf = (d: Date) => (d.getUTCHours() + 8) % 24;
    const h = byHour([a, b], new Map([[a.id, out('delivered', 20)], [b.id, out('delivered', 75)]]), hourOf, { from: min(-600), to: min(840) });
    expect(h.orders[9]).toBe(1);
    expect(h.orders[10]).toBe(1);
    expect(h.delivered[10]).toBe(1);
    expect(h.delivered[11]).toBe(1);
  });
});
