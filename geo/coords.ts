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
import type { LatLng, Crs } from './datum';
import { wgs84ToGcj02, gcj02ToWgs84, gcj02ToBd09, bd09ToGcj02, wgs84ToBd09, bd09ToWgs84 } from './datum';

export { type LatLng, type Crs, outOfChina, wgs84ToGcj02, gcj02ToWgs84, gcj02ToBd09, bd09ToGcj02, wgs84ToBd09, bd09ToWgs84 } from './datum';

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
  // Strict: a misspelt `crs` ("CRS": "gcj02") would otherwise be dropped and the point read as
  // WGS-84, some 500 m off in Guangzhou.
  .strict()
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
