import { describe, it, expect } from 'vitest';
import type { ShipmentFact, ShipmentLane } from '../../dispatch';
import type { ShipmentOutcome } from '../../tracking';
import { areaCell, lanes, percentile, type LaneContext, type LaneInput } from './figures';

const T0 = Date.UTC(2026, 11, 5, 2, 0); // 10:00 in Asia/Shanghai
const min = (m: number) => new Date(T0 + m * 60_000);
let n = 0;
function input(o: { rider?: string; cold?: boolean; delivered?: number | null; due?: number; holdoverEnds?: number; out?: number; box?: string; at?: { lat: number; lng: number } } = {}): LaneInput {
  n++;
  const fact: ShipmentFact = { id: `shp_${n}`, orderId: `ord_${n}`, facilityId: 'fac_a', mode: 'instant', cold: o.cold ?? true, orderCreatedAt: min(0), dueAt: min(o.due ?? 30), status: 'picked_up', cancelReason: null };
  const lane: ShipmentLane = { id: fact.id, riderId: o.rider ?? 'rdr_a', riderName: '骑手', box: o.box ?? 'active', leftAt: min(5), holdoverEndsAt: o.holdoverEnds === undefined ? min(125) : min(o.holdoverEnds), point: o.at ?? { lat: 23.1251, lng: 113.3349 } };
  const d = o.delivered === undefined ? 20 : o.delivered;
  const outcome: ShipmentOutcome = d === null ? { state: 'in_transit', endedAt: null, failCode: null } : { state: 'delivered', endedAt: min(d), failCode: null };
  return { fact, lane, outcome, timeOutOfRangeMs: (o.out ?? 0) * 60_000 };
}
const ctx = (excursions: Array<[string, number]> = [], alarms: LaneContext['alarms'] = []): LaneContext => ({
  excursions: new Map(excursions), alarms, facilities: new Map([['fac_a', { name: '天河仓', timeZone: 'Asia/Shanghai' }]]), thinMarginMin: 10,
});

describe('lanes', () => {
  it('puts the lane with an excursion before a late one and names what drove each, with its shipments', () => {
    const warm = input({ rider: 'rdr_w', delivered: null, out: 12 });
    const late = input({ rider: 'rdr_l', delivered: 45 });
    const fine = input({ rider: 'rdr_f' });
    const rows = lanes('rider', [fine, late, warm], ctx([[warm.fact.id, 2]]));
    expect(rows.map((r) => r.key)).toEqual(['rdr_w', 'rdr_l', 'rdr_f']);
    expect(rows[0]).toMatchObject({ excursions: 2, excursionsPer1000Cold: 2000, timeOutOfRangeMin: 12, score: 300, driver: { cause: 'excursions', count: 1, shipmentIds: [warm.fact.id] } });
    expect(rows[1]).toMatchObject({ late: 1, onTimeRate: 0, score: 100, driver: { cause: 'late', shipmentIds: [late.fact.id] } });
    expect(rows[2]).toMatchObject({ score: 0, driver: null, holdoverMargin: { n: 1, medianMin: 105 } });
  });

  it('counts a delivery with less holdover left than the safety margin (or none) as thin, and weighs it above lateness', () => {
    const thin = input({ holdoverEnds: 25 }); // delivered at 20: 5 min left
    const over = input({ holdoverEnds: 15 }); // 5 min after the holdover ran out
    const late = input({ delivered: 40 });
    const [row] = lanes('facility', [thin, over, late], ctx());
    expect(row).toMatchObject({ label: '天河仓', thinMargin: 2, late: 1, score: 166.7, driver: { cause: 'thin_margin', count: 2 } });
    expect(row.holdoverMargin).toEqual({ n: 3, minMin: -5, p10Min: -3, medianMin: 5, maxMin: 85 });
  });

  it('counts each alarm once per lane with acknowledgement minutes', () => {
    const a = input(); const b = input();
    const alarms = [
      { id: 'alm_1', type: 'TEMP_HIGH', shipmentIds: [a.fact.id, b.fact.id], createdAt: min(10), acknowledgedAt: min(14) },
      { id: 'alm_2', type: 'DATA_GAP', shipmentIds: [b.fact.id], createdAt: min(10), acknowledgedAt: null },
    ];
    expect(lanes('box', [a, b], ctx([], alarms))[0].alarms).toEqual({ raised: 2, acknowledged: 1, medianAckMin: 4, p90AckMin: 4 });
  });

  it('names an area by its ~1 km cell\'s centre and an hour in the facility\'s zone', () => {
    expect(areaCell({ lat: 23.1251, lng: 113.3349 })).toEqual({ key: '23.125,113.335', label: '23.125N 113.335E' });
    expect(lanes('area', [input(), input({ at: { lat: 23.1299, lng: 113.3301 } }), input({ at: { lat: 23.1301, lng: 113.3349 } })], ctx()).map((r) => [r.key, r.shipments]))
      .toEqual([['23.125,113.335', 2], ['23.135,113.335', 1]]);
    expect(lanes('hour', [input()], ctx())[0]).toMatchObject({ key: '10', label: '10:00–11:00' });
  });

  it('interpolates percentiles as percentile_cont does', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([0, 10], 0.9)).toBe(9);
  });
});
