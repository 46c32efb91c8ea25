import { describe, expect, it } from 'vitest';
import {
  assertValidLatLng,
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  haversineM,
  latLngInputSchema,
  wgs84ToBd09,
  wgs84ToGcj02,
} from './coords';
import { AppError } from './errors';

// Published vectors from googollee/eviltransform (go/transform_test.go, same in its
// python/ruby/C# ports): [wgsLat, wgsLng, gcjLat, gcjLng].
const EVIL: [number, number, number, number][] = [
  [31.1774276, 121.5272106, 31.17530398364597, 121.531541859215], // Shanghai
  [22.543847, 113.912316, 22.540796131694766, 113.9171764808363], // Shenzhen
  [39.911954, 116.377817, 39.91334545536069, 116.38404722455657], // Beijing
];

// wandergis/coordtransform README / test/app.js, input (lng 116.404, lat 39.915):
//   gcj02ToBd09 → [116.41036949371029, 39.92133699351021] (closed form: must match exactly)
//   wgs84ToGcj02 → [116.41024449916938, 39.91640428150164] (closed form: must match exactly)
//   bd09ToGcj02 → [116.39762729119315, 39.90865673957631] (their one-step approximate inverse)
//   gcj02ToWgs84 → [116.39775550083061, 39.91359571849836] (their one-step approximate inverse)
// Our inverses iterate to the exact inverse, so they agree with the approximate ones only to
// ~1e-5° (about a metre) while round-tripping to < 1e-7°.
const CT_IN = { lat: 39.915, lng: 116.404 };

describe('coords', () => {
  it('wgs84ToGcj02 matches eviltransform vectors', () => {
    for (const [wl, wg, gl, gg] of EVIL) {
      const g = wgs84ToGcj02({ lat: wl, lng: wg });
      expect(g.lat).toBeCloseTo(gl, 10);
      expect(g.lng).toBeCloseTo(gg, 10);
    }
  });

  it('gcj02ToWgs84 inverts to < 1e-7°', () => {
    for (const [wl, wg, gl, gg] of EVIL) {
      const w = gcj02ToWgs84({ lat: gl, lng: gg });
      expect(Math.abs(w.lat - wl)).toBeLessThan(1e-7);
      expect(Math.abs(w.lng - wg)).toBeLessThan(1e-7);
    }
  });

  it('round-trips WGS → GCJ → WGS and GCJ → BD → GCJ over Guangzhou', () => {
    for (let i = 0; i < 50; i++) {
      const p = { lat: 23.0 + i * 0.01, lng: 113.2 + i * 0.007 };
      const back = gcj02ToWgs84(wgs84ToGcj02(p));
      expect(Math.abs(back.lat - p.lat)).toBeLessThan(1e-7);
      expect(Math.abs(back.lng - p.lng)).toBeLessThan(1e-7);
      const g = bd09ToGcj02(gcj02ToBd09(p));
      expect(Math.abs(g.lat - p.lat)).toBeLessThan(1e-7);
      expect(Math.abs(g.lng - p.lng)).toBeLessThan(1e-7);
    }
  });

  it('matches wandergis/coordtransform vectors', () => {
    const bd = gcj02ToBd09(CT_IN);
    expect(bd.lng).toBeCloseTo(116.41036949371029, 12);
    expect(bd.lat).toBeCloseTo(39.92133699351021, 12);
    const g = wgs84ToGcj02(CT_IN);
    expect(g.lng).toBeCloseTo(116.41024449916938, 12);
    expect(g.lat).toBeCloseTo(39.91640428150164, 12);
    expect(haversineM(bd09ToGcj02(CT_IN), { lng: 116.39762729119315, lat: 39.90865673957631 })).toBeLessThan(1);
    expect(haversineM(gcj02ToWgs84(CT_IN), { lng: 116.39775550083061, lat: 39.91359571849836 })).toBeLessThan(1);
    const w = bd09ToWgs84(CT_IN);
    const back = wgs84ToBd09(w);
    expect(Math.abs(back.lat - CT_IN.lat)).toBeLessThan(1e-7);
    expect(Math.abs(back.lng - CT_IN.lng)).toBeLessThan(1e-7);
  });

  it('leaves points outside China unchanged', () => {
    const paris = { lat: 48.8566, lng: 2.3522 };
    expect(wgs84ToGcj02(paris)).toEqual(paris);
    expect(gcj02ToWgs84(paris)).toEqual(paris);
  });

  it('validates with stable codes', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppError).code;
      }
      return 'none';
    };
    expect(code(() => assertValidLatLng({ lat: 95, lng: 0 }))).toBe('coordinate_out_of_range');
    expect(code(() => assertValidLatLng({ lat: 0, lng: -180.5 }))).toBe('coordinate_out_of_range');
    expect(code(() => assertValidLatLng({ lat: NaN, lng: 0 }))).toBe('coordinate_not_finite');
    expect(code(() => assertValidLatLng({ lat: 0, lng: Infinity }))).toBe('coordinate_not_finite');
    expect(code(() => assertValidLatLng({ lat: 90, lng: 180 }))).toBe('none');
  });

  it('zod schema converts to WGS-84', () => {
    const [wl, wg, gl, gg] = EVIL[0];
    const p = latLngInputSchema.parse({ lat: gl, lng: gg, crs: 'gcj02' });
    expect(Math.abs(p.lat - wl)).toBeLessThan(1e-7);
    expect(Math.abs(p.lng - wg)).toBeLessThan(1e-7);
    expect(latLngInputSchema.parse({ lat: 23.1, lng: 113.3 })).toEqual({ lat: 23.1, lng: 113.3 });
    const r = latLngInputSchema.safeParse({ lat: 91, lng: 0 });
    expect(r.success).toBe(false);
    expect(latLngInputSchema.safeParse({ lat: 1, lng: 2, crs: 'utm' }).success).toBe(false);
    expect(latLngInputSchema.safeParse({ lat: 1, lng: 2, CRS: 'gcj02' }).success).toBe(false);
  });
});
