import { describe, expect, it } from 'vitest';
import { routeProgress } from './engine';

describe('routeProgress', () => {
  // 2 km due east along the equator-ish line at 23.13° N, 200 s.
  const lat = 23.13;
  const dLng = 2000 / (111_195 * Math.cos((lat * Math.PI) / 180));
  const route = { geometry: { type: 'LineString' as const, coordinates: [[113.3, lat], [113.3 + dLng, lat]] as [number, number][] }, durationS: 200, distanceM: 2000 };

  it('is proportional to the remaining distance', () => {
    const p = routeProgress(route, { lat, lng: 113.3 + dLng / 4 });
    expect(p.remainingM).toBeCloseTo(1500, 0);
    expect(p.remainingS).toBeCloseTo(150, 0);
    expect(p.offRouteM).toBeLessThan(0.01);
  });

  it('reports the distance off the route', () => {
    const p = routeProgress(route, { lat: lat + 100 / 111_195, lng: 113.3 + dLng / 2 });
    expect(p.offRouteM).toBeCloseTo(100, 0);
    expect(p.remainingS).toBeCloseTo(100, 0);
  });

  it('uses per-coordinate times when present (slow first half, fast second half)', () => {
    const mid = 113.3 + dLng / 2;
    const r = { ...route, geometry: { type: 'LineString' as const, coordinates: [[113.3, lat], [mid, lat], [113.3 + dLng, lat]] as [number, number][] }, coordinateTimesS: [0, 150, 200] };
    expect(routeProgress(r, { lat, lng: mid }).remainingS).toBeCloseTo(50, 3);
    expect(routeProgress(r, { lat, lng: 113.3 + dLng / 4 }).remainingS).toBeCloseTo(125, 0);
  });

  it('clamps before the start and after the end', () => {
    expect(routeProgress(route, { lat, lng: 113.2 }).remainingS).toBeCloseTo(200, 6);
    expect(routeProgress(route, { lat, lng: 113.5 }).remainingS).toBeCloseTo(0, 6);
  });
});
