import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84 as serverInverse, wgs84ToGcj02 as serverForward } from '../../geo';
import { datumOf, gcj02ToWgs84, wgs84ToGcj02 } from './datum';

describe('the browser datum conversion', () => {
  it('answers as geo/coords does, across China and outside it', () => {
    for (let lat = 18; lat <= 53; lat += 2.5) {
      for (let lng = 74; lng <= 134; lng += 3) {
        const p = { lat, lng };
        expect(wgs84ToGcj02(p)).toEqual(serverForward(p));
        const back = gcj02ToWgs84(p), ref = serverInverse(p);
        expect(Math.abs(back.lat - ref.lat)).toBeLessThan(1e-9);
        expect(Math.abs(back.lng - ref.lng)).toBeLessThan(1e-9);
      }
    }
    expect(wgs84ToGcj02({ lat: 48.85, lng: 2.35 })).toEqual({ lat: 48.85, lng: 2.35 });
  });

  it('shifts overlays a few hundred metres in Guangzhou for a GCJ-02 map, and brings them back', () => {
    const d = datumOf('gcj02');
    const p = { lat: 23.13, lng: 113.32 };
    const m = d.toMap(p);
    // GCJ-02 moves Guangzhou some 500 m; a map in GCJ-02 with unshifted overlays is visibly off.
    expect(m.lng - p.lng).toBeGreaterThan(0.004);
    expect(Math.abs(m.lat - p.lat)).toBeGreaterThan(0.002);
    const back = d.fromMap(m);
    expect(Math.abs(back.lat - p.lat)).toBeLessThan(1e-9);
    expect(datumOf('wgs84').toMap(p)).toEqual(p);
  });
});
