/** MatrixCache on a real Redis (REDIS_URL); keys under a per-run prefix, removed afterwards. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatLng } from '../coords';
import type { RoutingEngine, Table } from './engine';
import { MatrixCache } from './matrix-cache';

const url = process.env.REDIS_URL;
if (!url) console.log('skipping matrix cache Redis test: REDIS_URL is not set');

describe.skipIf(!url)('MatrixCache on Redis', () => {
  let redis: Redis;
  const prefix = `test:geo:mx:${Math.random().toString(36).slice(2, 8)}`;
  beforeAll(() => {
    redis = new Redis(url!, { lazyConnect: false, maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('stores cells with a TTL and serves them on the next call', async () => {
    let calls = 0;
    const inner: RoutingEngine = {
      name: 'fake',
      nearest: async () => ({ point: { lat: 0, lng: 0 }, distanceM: 0 }),
      route: async () => ({ geometry: { type: 'LineString', coordinates: [] }, durationS: 0, distanceM: 0, legs: [] }),
      table: async (s: LatLng[], d: LatLng[]): Promise<Table> => {
        calls++;
        return { durations: s.map(() => d.map(() => 42.5)), distances: s.map(() => d.map(() => 500)), unroutable: [] };
      },
    };
    const c = new MatrixCache(inner, { redis, version: async () => 3, prefix, ttlS: 60 });
    const pts = [{ lat: 23.1, lng: 113.3 }, { lat: 23.2, lng: 113.4 }];
    const a = await c.table(pts, pts);
    const b = await c.table(pts, pts);
    expect(b).toEqual(a);
    expect(calls).toBe(1);
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys).toHaveLength(4);
    const ttl = await redis.ttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });
});
