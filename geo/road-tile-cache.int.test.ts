import { afterAll, describe, expect, it } from 'vitest';
import { appDb, closeAppDb } from '../platform/db/pool';
import { requireStack } from '../platform/testing/harness';
import { roadTile } from './road-tiles';
import { roadTileCache } from './road-tile-cache';
import { DEMO_CITY_CENTER } from './demo-city/index';

const tileAt = (lat: number, lng: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return { x: Math.floor(((lng + 180) / 360) * 2 ** z), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z) };
};

describe('road tile cache', () => {
  afterAll(closeAppDb);

  it('answers a tile as PostGIS draws it, then from memory; the least recently used leaves first', async () => {
    requireStack();
    const cache = roadTileCache(appDb, { maxTiles: 2 });
    const { x, y } = tileAt(DEMO_CITY_CENTER.lat, DEMO_CITY_CENTER.lng, 15);
    const first = await cache.tile(15, x, y);
    expect(first).toEqual(await roadTile(appDb(), 15, x, y));
    expect(first.roads.length).toBeGreaterThan(0);
    expect(await cache.tile(15, x, y)).toBe(first);
    await cache.tile(15, x + 1, y);
    await cache.tile(15, x, y); // touched: now the most recent
    await cache.tile(15, x, y + 1); // evicts (x + 1, y)
    expect(cache.size()).toBe(2);
    expect(await cache.tile(15, x, y)).toBe(first);
    const again = await Promise.all([cache.tile(15, x + 1, y), cache.tile(15, x + 1, y)]);
    expect(again[0]).toBe(again[1]); // one query for both
  });

  it('draws the river under the roads: a tile on it carries its line, one away from it none', async () => {
    requireStack();
    const mid = (await appDb().query(`SELECT ST_Y(p) AS lat, ST_X(p) AS lng FROM (SELECT ST_LineInterpolatePoint(geom, 0.5) AS p FROM geo_net.waterways LIMIT 1) x`)).rows[0];
    expect(mid, 'the test network has a river').toBeTruthy();
    const { x, y } = tileAt(mid.lat, mid.lng, 16);
    const on = await roadTile(appDb(), 16, x, y);
    expect(on.water.length).toBeGreaterThan(0);
    expect(on.water[0].every(([px, py]) => px >= -8 && px <= 264 && py >= -8 && py <= 264)).toBe(true);
    expect((await roadTile(appDb(), 16, x, y - 3)).water).toEqual([]);
  });
});
