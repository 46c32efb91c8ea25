import { describe, it, expect } from 'vitest';
import { remainingStops, routePoints, stopEtas, type PlanStop } from './compute';

const F = { lat: 23.13, lng: 113.32 };
const stop = (id: string, step: 'pickup' | 'delivery', at = F): PlanStop => ({ shipmentId: id, step, ...at });
const A = { lat: 23.14, lng: 113.33 };
const B = { lat: 23.15, lng: 113.34 };

describe('live ETA arithmetic', () => {
  const plan = [stop('shp_1', 'pickup'), stop('shp_2', 'pickup'), stop('shp_1', 'delivery', A), stop('shp_2', 'delivery', B)];

  it('keeps pickups not yet done and deliveries not yet ended', () => {
    expect(remainingStops(plan, { shp_1: 'assigned', shp_2: 'assigned' })).toHaveLength(4);
    expect(remainingStops(plan, { shp_1: 'picked_up', shp_2: 'picked_up' }).map((s) => `${s.shipmentId}:${s.step}`)).toEqual(['shp_1:delivery', 'shp_2:delivery']);
    expect(remainingStops(plan, { shp_1: 'delivered', shp_2: 'picked_up' }).map((s) => s.shipmentId)).toEqual(['shp_2']);
  });

  it('routes to each distinct place once (two pickups at the facility are one point)', () => {
    const { points, pointOf } = routePoints(plan);
    expect(points).toEqual([F, A, B]);
    expect(pointOf).toEqual([0, 0, 1, 2]);
  });

  it('ETA = now + travel (× speed factor) + service of the stops before', () => {
    const { pointOf } = routePoints(plan);
    const now = Date.parse('2025-06-01T08:00:00Z');
    // 300 s to the facility, 600 s to A, 400 s to B; 120 s per pickup, 180 s per delivery.
    const etas = stopEtas(plan, pointOf, [300, 600, 400], { now, speedFactor: 1, pickupS: 120, deliveryS: 180 });
    expect(etas.map((e) => [e.shipmentId, (e.eta.getTime() - now) / 1000])).toEqual([['shp_1', 300 + 240 + 600], ['shp_2', 300 + 240 + 600 + 180 + 400]]);
    const slow = stopEtas(plan, pointOf, [300, 600, 400], { now, speedFactor: 2, pickupS: 120, deliveryS: 180 });
    expect((slow[0].eta.getTime() - now) / 1000).toBe(600 + 240 + 1200);
  });
});
