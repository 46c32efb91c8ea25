import { describe, it, expect } from 'vitest';
import { localIso, sha256Hex } from './esign';

describe('localIso (the local time a signature shows)', () => {
  it('gives the wall time and offset of the zone at that instant, to the second', () => {
    const at = new Date('2026-12-05T08:03:17.912Z');
    expect(localIso(at, 'Asia/Shanghai')).toBe('2026-12-05T16:03:17+08:00');
    expect(localIso(at, 'UTC')).toBe('2026-12-05T08:03:17+00:00');
    expect(localIso(new Date('2026-07-01T02:30:00Z'), 'America/New_York')).toBe('2026-06-30T22:30:00-04:00');
    expect(localIso(new Date('2026-12-31T20:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01T04:00:00+08:00');
  });
  it('names the same instant as the UTC time (seconds)', () => {
    const at = new Date('2026-03-09T23:59:59.500Z');
    expect(new Date(localIso(at, 'Asia/Kolkata')).getTime()).toBe(Date.parse('2026-03-09T23:59:59Z'));
  });
});

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes (FIPS 180-4 "abc" vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
