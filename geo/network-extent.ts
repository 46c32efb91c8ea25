/**
 * The road network's extent, for a cheap "is this point anywhere near our roads" test (a rider
 * fix outside it is flagged `outside_network`, tracking). It is the import's bounding box
 * (geo_net.network_meta.bbox) widened by the snapping limit, since a point that far from the
 * last road is still routable. Read once per process and again after CACHE_MS, so a re-import
 * shows within a minute without a query per fix.
 */
import type { Queryable } from './db';
import type { LatLng } from './coords';
import { getKey } from '../platform/config/registry';
import { keys } from './config';

export interface NetworkExtent { minLat: number; minLng: number; maxLat: number; maxLng: number }

const CACHE_MS = 60_000;
let cached: { at: number; extent: Promise<NetworkExtent | null> } | undefined;

/** The network's bounding box widened by ROUTING_MAX_SNAP_M; null when no network is imported. */
export function networkExtent(db: Queryable, now = Date.now()): Promise<NetworkExtent | null> {
  if (cached && now - cached.at < CACHE_MS) return cached.extent;
  const extent = db.query(
    `SELECT ST_XMin(bbox) AS min_lng, ST_YMin(bbox) AS min_lat, ST_XMax(bbox) AS max_lng, ST_YMax(bbox) AS max_lat FROM geo_net.network_meta WHERE id`,
  ).then((r) => {
    const m = r.rows[0];
    if (!m || m.min_lat === null) return null;
    const padM = getKey(keys.maxSnapM);
    const dLat = padM / 111_195;
    const dLng = padM / (111_320 * Math.cos(((m.min_lat + m.max_lat) / 2) * Math.PI / 180));
    return { minLat: m.min_lat - dLat, minLng: m.min_lng - dLng, maxLat: m.max_lat + dLat, maxLng: m.max_lng + dLng };
  });
  cached = { at: now, extent };
  extent.catch(() => { if (cached?.extent === extent) cached = undefined; });
  return extent;
}

export function insideExtent(e: NetworkExtent, p: LatLng): boolean {
  return p.lat >= e.minLat && p.lat <= e.maxLat && p.lng >= e.minLng && p.lng <= e.maxLng;
}
