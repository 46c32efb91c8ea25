import { describe, expect, it } from 'vitest';
import { lineStringFromWkb, polygonFromWkb } from './wkb';

describe('WKB readers', () => {
  it('reads a WKB LineString in either byte order', () => {
    const le = Buffer.alloc(9 + 32);
    le.writeUInt8(1, 0);
    le.writeUInt32LE(2, 1);
    le.writeUInt32LE(2, 5);
    [113.1, 23.2, 113.3, 23.4].forEach((v, i) => le.writeDoubleLE(v, 9 + 8 * i));
    expect([...lineStringFromWkb(le)]).toEqual([113.1, 23.2, 113.3, 23.4]);
    const be = Buffer.alloc(9 + 16);
    be.writeUInt8(0, 0);
    be.writeUInt32BE(2, 1);
    be.writeUInt32BE(1, 5);
    [1.5, -2.5].forEach((v, i) => be.writeDoubleBE(v, 9 + 8 * i));
    expect([...lineStringFromWkb(be)]).toEqual([1.5, -2.5]);
    const point = Buffer.from(le);
    point.writeUInt32LE(1, 1);
    expect(() => lineStringFromWkb(point)).toThrow(/LineString/);
  });

  it('reads a WKB Polygon with a hole', () => {
    const rings = [[0, 0, 4, 0, 4, 4, 0, 0], [1, 1, 2, 1, 1, 2, 1, 1]];
    const b = Buffer.alloc(9 + rings.reduce((s, r) => s + 4 + 8 * r.length, 0));
    b.writeUInt8(1, 0);
    b.writeUInt32LE(3, 1);
    b.writeUInt32LE(rings.length, 5);
    let at = 9;
    for (const r of rings) {
      b.writeUInt32LE(r.length / 2, at);
      at += 4;
      for (const v of r) at = b.writeDoubleLE(v, at);
    }
    expect(polygonFromWkb(b).map((r) => [...r])).toEqual(rings);
    expect(() => lineStringFromWkb(b)).toThrow(/LineString/);
  });
});
