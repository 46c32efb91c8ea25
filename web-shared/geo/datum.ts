/**
 * WGS-84 → GCJ-02 at the map's edge, for base maps drawn in GCJ-02 (AMap, Tencent): every
 * overlay is shifted on its way to the map and back. The formulas are geo's (geo/browser.ts), the same
 * file the server uses (pure math, no imports).
 */
import { gcj02ToWgs84, wgs84ToGcj02, type LatLng } from '../../geo/browser';

export { gcj02ToWgs84, wgs84ToGcj02, wgs84ToBd09, outOfChina, type LatLng } from '../../geo/browser';

/** The map's datum: overlays stored in WGS-84 go to the map through `toMap` and back through `fromMap`. */
export function datumOf(crs: 'wgs84' | 'gcj02'): { toMap(p: LatLng): LatLng; fromMap(p: LatLng): LatLng } {
  return crs === 'gcj02' ? { toMap: wgs84ToGcj02, fromMap: gcj02ToWgs84 } : { toMap: (p) => p, fromMap: (p) => p };
}
