import { describe, expect, it } from 'vitest';
import type { LatLng } from '../coords';
import type { RoutingEngine, Table } from './engine';
import { MatrixCache, type RedisLike } from './matrix-cache';

/** In-memory stand-in for the two Redis commands used. */
function fakeRedis(): RedisLike & { store: Map<string, string> } {
  const store = new Map<string, string>();
  return {
    store,
    mget: async (...keys) => keys.map((k) => store.get(k) ?? null),
    pipeline() {
      const ops: [string, string][] = [];
      return {
        set: (k: string, v: string) => ops.push([k, v]),
        exec: async () => ops.forEach(([k, v]) => store.set(k, v)),
      };
    },
  };
}

/** Fake engine: duration = |Δlat|·1e5 s; lat 99 is a point that does not snap; lng 0 pairs have no route. */
function fakeEngine() {
  const calls: [number, number][] = [];
  const eng: RoutingEngine = {
    name: 'fake',
    nearest: async () => ({ point: { lat: 0, lng: 0 }, distanceM: 0 }),
    route: async () => ({ geometry: { type: 'LineString', coordinates: [] }, durationS: 0, distanceM: 0, legs: [] }),
    async table(s: LatLng[], d: LatLng[]): Promise<Table> {
      calls.push([s.length, d.length]);
      const un: Table['unroutable'] = [];
      s.forEach((p, i) => p.lat === 99 && un.push({ scope: 'source', sourceIndex: i, reason: 'snap_too_far' }));
      const cell = (a: LatLng, b: LatLng) => (a.lat === 99 || (a.lng === 0 && b.lng === 0 && a !== b) ? null : Math.abs(a.lat - b.lat) * 1e5);
      const durations = s.map((a) => d.map((b) => cell(a, b)));
      return { durations, distances: durations.map((r) => r.map((x) => (x === null ? null : x * 10))), unroutable: un };
    },
  };
  return { eng, calls };
}

describe('MatrixCache', () => {
  const A = { lat: 23.1, lng: 113.3 };
  const B = { lat: 23.2, lng: 113.3 };
  const C = { lat: 23.3, lng: 113.3 };
  it('computes only missing cells and serves the rest from Redis', async () => {
    const redis = fakeRedis();
    const { eng, calls } = fakeEngine();
    const c = new MatrixCache(eng, { redis, version: async () => 7 });
    const t1 = await c.table([A, B], [B, C]);
    expect(t1.durations[0][0]).toBeCloseTo(10_000, 6);
    expect(calls).toEqual([[2, 2]]);
    const t2 = await c.table([A, B], [B, C]);
    expect(t2).toEqual(t1);
    expect(calls).toHaveLength(1);
    await c.table([A, B, C], [B, C]);
    expect(calls[1]).toEqual([1, 2]); // only row C was missing
    expect([...redis.store.keys()][0]).toBe('geo:mx:fake:7:23.100000,113.300000>23.200000,113.300000');
  });

  it('a new network version misses everything (invalidation on re-import)', async () => {
    const redis = fakeRedis();
    const { eng, calls } = fakeEngine();
    let v = 1;
    const c = new MatrixCache(eng, { redis, version: async () => v });
    await c.table([A], [B]);
    v = 2;
    await c.table([A], [B]);
    expect(calls).toHaveLength(2);
  });

  it('caches no_route as "-" but never caches points that failed to snap', async () => {
    const redis = fakeRedis();
    const { eng, calls } = fakeEngine();
    const c = new MatrixCache(eng, { redis, version: async () => 1 });
    const X = { lat: 99, lng: 1 };
    const P = { lat: 23.1, lng: 0 };
    const Q = { lat: 23.2, lng: 0 };
    const t = await c.table([X, P], [Q]);
    expect(t.durations).toEqual([[null], [null]]);
    expect(t.unroutable).toEqual([
      { scope: 'source', sourceIndex: 0, reason: 'snap_too_far' },
      { scope: 'pair', sourceIndex: 1, destinationIndex: 0, reason: 'no_route' },
    ]);
    expect([...redis.store.values()]).toEqual(['-']);
    await c.table([X, P], [Q]);
    expect(calls[1]).toEqual([1, 1]);
  });
});
