import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from './coords';
import { geoModule } from './http';
import type { RoutingEngine } from './routing/engine';

const seen: unknown[] = [];
const engine: RoutingEngine = {
  name: 'fake',
  nearest: async (p) => (seen.push(p), { point: p, distanceM: 0 }),
  route: async (pts) => (seen.push(pts), { geometry: { type: 'LineString', coordinates: [] }, durationS: 1, distanceM: 2, legs: [] }),
  table: async (s, d) => ({ durations: s.map(() => d.map(() => 1)), distances: s.map(() => d.map(() => 1)), unroutable: [] }),
};
const mod = geoModule({ db: { query: async () => ({ rows: [] }) } as never, engine });
const r = (path: string, method: string) => mod.routes.find((x) => x.path === path && x.method === method)!;

describe('geo http routes', () => {
  it('declares the expected routes', () => {
    expect(mod.routes.map((x) => `${x.method} ${x.path}`)).toEqual([
      'get /geo/nearest',
      'post /geo/route',
      'post /geo/table',
      'get /geo/network',
      'get /geo/service-areas',
      'get /geo/service-areas/serving',
      'put /geo/service-areas/:facilityId',
      'delete /geo/service-areas/:facilityId',
      'get /geo/basemap',
      'get /geo/road-tiles/:z/:x/:y',
    ]);
  });

  it('query points accept GCJ-02 and arrive as WGS-84', async () => {
    const w = { lat: 23.13, lng: 113.32 };
    const g = wgs84ToGcj02(w);
    const q = r('/geo/nearest', 'get').query!.parse({ lat: String(g.lat), lng: String(g.lng), crs: 'gcj02' }) as { lat: number; lng: number };
    expect(Math.abs(q.lat - w.lat)).toBeLessThan(1e-7);
    expect(r('/geo/nearest', 'get').query!.safeParse({ lat: '95', lng: '0' }).success).toBe(false);
    expect(r('/geo/nearest', 'get').query!.safeParse({ lat: 'x', lng: '0' }).success).toBe(false);
  });

  it('route/table bodies are validated and passed on', async () => {
    const body = r('/geo/route', 'post').body!.parse({ points: [{ lat: 23.1, lng: 113.3 }, { lat: 23.2, lng: 113.3, crs: 'wgs84' }] });
    const res = await r('/geo/route', 'post').handler({ params: {}, query: {}, body } as never, {} as never);
    expect(res).toMatchObject({ body: { durationS: 1, distanceM: 2 } });
    expect(r('/geo/route', 'post').body!.safeParse({ points: [{ lat: 1, lng: 1 }] }).success).toBe(false);
    expect(r('/geo/table', 'post').body!.safeParse({ sources: [{ lat: 1, lng: 1 }], destinations: [] }).success).toBe(false);
    expect(r('/geo/route', 'post').successStatus).toBe(200);
  });

  it('service area writes are admin-only', () => {
    expect(r('/geo/service-areas/:facilityId', 'put').access).toEqual(['admin']);
    expect(r('/geo/service-areas/:facilityId', 'put').body!.safeParse({ center: { lat: 23.1, lng: 113.3 }, kind: 'radius', radiusM: 3000 }).success).toBe(true);
    expect(r('/geo/service-areas/:facilityId', 'put').body!.safeParse({ center: { lat: 23.1, lng: 113.3 }, kind: 'radius', driveMinutes: 3 }).success).toBe(false);
  });
});
