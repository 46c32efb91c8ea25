/**
 * WGS-84 → GCJ-02 at the map's edge, for base maps drawn in GCJ-02 (AMap, Tencent): every
 * overlay is shifted on its way to the map and back. The browser's copy of geo/coords.ts's
 * formulas (the web build must not pull in the server's modules); datum.test.ts holds the
 * two to the same answers.
 */
export interface LatLng { lat: number; lng: number }

const A = 6378245.0; // Krasovsky 1940 semi-major axis, metres
const EE = 0.00669342162296594323; // Krasovsky 1940 first eccentricity squared

export function outOfChina(p: LatLng): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

function tLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function tLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng };
  const radLat = (p.lat / 180.0) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  return {
    lat: p.lat + (tLat(p.lng - 105.0, p.lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
    lng: p.lng + (tLng(p.lng - 105.0, p.lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  };
}

/** GCJ-02 → WGS-84 by fixed-point iteration (the offset varies slowly: a few rounds reach 1e-12°). */
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng };
  let cur = { ...p };
  for (let i = 0; i < 30; i++) {
    const f = wgs84ToGcj02(cur);
    const dLat = f.lat - p.lat, dLng = f.lng - p.lng;
    cur = { lat: cur.lat - dLat, lng: cur.lng - dLng };
    if (Math.abs(dLat) < 1e-12 && Math.abs(dLng) < 1e-12) break;
  }
  return cur;
}

/** The map's datum: overlays stored in WGS-84 go to the map through `toMap` and back through `fromMap`. */
export function datumOf(crs: 'wgs84' | 'gcj02'): { toMap(p: LatLng): LatLng; fromMap(p: LatLng): LatLng } {
  return crs === 'gcj02' ? { toMap: wgs84ToGcj02, fromMap: gcj02ToWgs84 } : { toMap: (p) => p, fromMap: (p) => p };
}
