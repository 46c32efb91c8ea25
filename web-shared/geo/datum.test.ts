import { describe, expect, it } from 'vitest';
import { datumOf } from './datum';

describe('the browser datum conversion', () => {
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
