import { describe, it, expect } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and writes dates in UTC', () => {
    const a = canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined }, t: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) });
    expect(a).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1,"t":"2026-01-02T03:04:05.000Z"}');
    expect(canonicalJson({ a: { d: [2, { y: null, z: 1 }] }, b: 1, t: '2026-01-02T03:04:05.000Z' })).toBe(a);
  });
  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/finite/);
  });
});
