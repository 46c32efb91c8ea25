/**
 * Coordinate reference systems used in China and conversions between them: pure math with no
 * imports, so the web build (web-shared) uses this same file.
 *
 * - WGS-84: GPS, OpenStreetMap, everything we STORE.
 * - GCJ-02 ("Mars coordinates"): mandated offset used by AMap/Gaode, Tencent maps, WeChat.
 * - BD-09: Baidu's extra offset on top of GCJ-02.
 *
 * Forward formulas are the widely published ones (same constants as
 * googollee/eviltransform and wandergis/coordtransform: Krasovsky 1940 ellipsoid
 * a = 6378245 m, ee = 0.00669342162296594323). The offset is applied only inside the
 * rough China rectangle those libraries use (outOfChina), so foreign points pass through.
 * Inverses are computed by fixed-point iteration until the forward image matches to < 1e-9°
 * (well inside the 1e-7° we promise).
 */
/** A point in degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Supported coordinate reference systems. */
export type Crs = 'wgs84' | 'gcj02' | 'bd09';

const A = 6378245.0; // Krasovsky 1940 semi-major axis, metres
const EE = 0.00669342162296594323; // Krasovsky 1940 first eccentricity squared
const X_PI = (Math.PI * 3000.0) / 180.0; // BD-09 constant

/** True when the point lies outside the rectangle where GCJ-02 applies (no offset there). */
export function outOfChina(p: LatLng): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

function gcjDelta(p: LatLng): LatLng {
  const dLat0 = transformLat(p.lng - 105.0, p.lat - 35.0);
  const dLng0 = transformLng(p.lng - 105.0, p.lat - 35.0);
  const radLat = (p.lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  return {
    lat: (dLat0 * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
    lng: (dLng0 * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  };
}

/** WGS-84 → GCJ-02 (identity outside China). */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng };
  const d = gcjDelta(p);
  return { lat: p.lat + d.lat, lng: p.lng + d.lng };
}

/**
 * Inverts `forward` by fixed-point iteration: x ← x − (forward(x) − target).
 * The offsets vary slowly (derivative ≪ 1) so this converges geometrically; 30
 * rounds are far more than the ~5 usually needed for 1e-12°.
 */
function invert(target: LatLng, forward: (p: LatLng) => LatLng, tol = 1e-12): LatLng {
  let cur = { lat: target.lat, lng: target.lng };
  for (let i = 0; i < 30; i++) {
    const f = forward(cur);
    const dLat = f.lat - target.lat;
    const dLng = f.lng - target.lng;
    cur = { lat: cur.lat - dLat, lng: cur.lng - dLng };
    if (Math.abs(dLat) < tol && Math.abs(dLng) < tol) break;
  }
  return cur;
}

/** GCJ-02 → WGS-84, exact inverse by iteration (error < 1e-9°). */
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng };
  return invert(p, wgs84ToGcj02);
}

/** GCJ-02 → BD-09 (Baidu's published formula). */
export function gcj02ToBd09(p: LatLng): LatLng {
  const x = p.lng;
  const y = p.lat;
  const zz = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
  return { lat: zz * Math.sin(theta) + 0.006, lng: zz * Math.cos(theta) + 0.0065 };
}

/**
 * BD-09 → GCJ-02. The commonly published closed form is only an approximate inverse
 * (round-trip residual up to ~2e-6°); we refine it by iteration so that
 * gcj02ToBd09(bd09ToGcj02(p)) == p to < 1e-9°.
 */
export function bd09ToGcj02(p: LatLng): LatLng {
  return invert(p, gcj02ToBd09);
}

/** WGS-84 → BD-09. */
export function wgs84ToBd09(p: LatLng): LatLng {
  return gcj02ToBd09(wgs84ToGcj02(p));
}

/** BD-09 → WGS-84. */
export function bd09ToWgs84(p: LatLng): LatLng {
  return gcj02ToWgs84(bd09ToGcj02(p));
}
