import { describe, expect, it } from 'vitest';
import { lineStringFromWkb } from './wkb';

describe('WKB reader', () => {
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
});
