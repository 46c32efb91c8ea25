/**
 * Coordinate reference systems used in China and conversions between them.
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
import { z } from 'zod';
import { AppError } from './errors';

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

/**
 * Validates a coordinate: finite numbers, lat in [−90, 90], lng in [−180, 180].
 * @throws AppError invalid_input `coordinate_not_finite` | `coordinate_out_of_range`
 */
export function assertValidLatLng(p: LatLng, field = 'point'): LatLng {
  if (typeof p?.lat !== 'number' || typeof p?.lng !== 'number' || !Number.isFinite(p.lat) || !Number.isFinite(p.lng)) {
    throw new AppError('invalid_input', 'coordinate_not_finite', `${field}: lat and lng must be finite numbers`, {
      field,
      lat: p?.lat,
      lng: p?.lng,
    });
  }
  if (p.lat < -90 || p.lat > 90 || p.lng < -180 || p.lng > 180) {
    throw new AppError(
      'invalid_input',
      'coordinate_out_of_range',
      `${field}: lat must be within −90..90 and lng within −180..180 (got ${p.lat}, ${p.lng})`,
      { field, lat: p.lat, lng: p.lng },
    );
  }
  return p;
}

/**
 * Converts a point given in `crs` to WGS-84 (validating it first).
 * @param crs default 'wgs84'
 */
export function toWgs84(p: LatLng, crs: Crs = 'wgs84'): LatLng {
  assertValidLatLng(p);
  switch (crs) {
    case 'wgs84':
      return { lat: p.lat, lng: p.lng };
    case 'gcj02':
      return gcj02ToWgs84(p);
    case 'bd09':
      return bd09ToWgs84(p);
    default:
      throw new AppError('invalid_input', 'unknown_crs', `unknown crs ${String(crs)}`, { crs });
  }
}

/** Converts a WGS-84 point to `crs` (for clients that draw on AMap/Baidu tiles). */
export function fromWgs84(p: LatLng, crs: Crs): LatLng {
  assertValidLatLng(p);
  if (crs === 'gcj02') return wgs84ToGcj02(p);
  if (crs === 'bd09') return wgs84ToBd09(p);
  return { lat: p.lat, lng: p.lng };
}

/**
 * zod schema for `{lat, lng, crs?}` on the wire; parses to a WGS-84 `LatLng`.
 * `crs` defaults to 'wgs84'. Range errors carry the message codes `coordinate_out_of_range`.
 */
export const latLngInputSchema = z
  .object({
    lat: z.number().finite().min(-90, 'coordinate_out_of_range').max(90, 'coordinate_out_of_range'),
    lng: z.number().finite().min(-180, 'coordinate_out_of_range').max(180, 'coordinate_out_of_range'),
    crs: z.enum(['wgs84', 'gcj02', 'bd09']).optional(),
  })
  .transform((v): LatLng => toWgs84({ lat: v.lat, lng: v.lng }, v.crs ?? 'wgs84'));

/** Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m). */
export function haversineM(a: LatLng, b: LatLng): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLng = (b.lng - a.lng) * toRad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}
