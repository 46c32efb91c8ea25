/**
 * Road tiles kept in memory per network version. Why: the customer's tracking page draws the
 * roads around the door at every view, and a tile only changes when a network is imported; read
 * from PostGIS each time, the page's maps took the database's whole CPU at 200 views/s. The
 * version is re-read at most every `versionTtlMs`, so a new import shows within seconds; the
 * cache holds at most `maxTiles` tiles (least recently used leave first), and concurrent asks
 * for one tile share one query.
 */
import type { Queryable } from './db';
import { networkVersion } from './db';
import { roadTile, type RoadTile } from './road-tiles';

export interface RoadTileCache {
  tile(z: number, x: number, y: number): Promise<RoadTile>;
  /** Tiles held now (for tests and the bench). */
  size(): number;
}

export function roadTileCache(db: () => Queryable, opts: { maxTiles?: number; versionTtlMs?: number } = {}): RoadTileCache {
  const maxTiles = opts.maxTiles ?? 4096;
  const versionTtlMs = opts.versionTtlMs ?? 5000;
  const tiles = new Map<string, Promise<RoadTile>>();
  let version: { value: Promise<number>; at: number } | null = null;

  const currentVersion = (): Promise<number> => {
    const now = Date.now();
    if (!version || now - version.at > versionTtlMs) {
      const value = networkVersion(db());
      version = { value, at: now };
      value.catch(() => { version = null; });
    }
    return version.value;
  };

  return {
    async tile(z, x, y) {
      const key = `${await currentVersion()}/${z}/${x}/${y}`;
      let t = tiles.get(key);
      if (t) {
        tiles.delete(key); // re-inserted below: Map order is recency order
      } else {
        t = roadTile(db(), z, x, y);
        t.catch(() => tiles.delete(key));
        while (tiles.size >= maxTiles) tiles.delete(tiles.keys().next().value!);
      }
      tiles.set(key, t);
      return t;
    },
    size: () => tiles.size,
  };
}
