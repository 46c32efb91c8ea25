import { describe, it, expect } from 'vitest';
import { newId, newToken, randomBytesPooled } from './ids';

describe('randomBytesPooled', () => {
  it('gives the requested length, across pool refills and for large draws', () => {
    for (const n of [1, 12, 16, 18, 32, 512, 513, 5000]) expect(randomBytesPooled(n)).toHaveLength(n);
  });

  it('never hands the same bytes out twice, and they look uniform', () => {
    const seen = new Set<string>();
    const counts = new Array(256).fill(0);
    // 12-byte draws over ~40 pool refills: a draw repeated or a refill reusing bytes would collide.
    for (let i = 0; i < 15_000; i++) {
      const b = randomBytesPooled(12);
      seen.add(b.toString('hex'));
      for (const x of b) counts[x]++;
    }
    expect(seen.size).toBe(15_000);
    // Chi-square over 256 byte values (255 degrees of freedom): 99.99 % quantile ≈ 340.
    const expected = (15_000 * 12) / 256;
    const chi2 = counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(340);
  });

  it('hands out copies: changing one draw leaves the next alone', () => {
    const a = randomBytesPooled(16);
    a.fill(0);
    expect(randomBytesPooled(16).equals(Buffer.alloc(16))).toBe(false);
  });
});

describe('ids and tokens', () => {
  it('ids are prefixed, lowercase alphanumerics, distinct', () => {
    const ids = Array.from({ length: 2000 }, () => newId('ord'));
    for (const id of ids) expect(id).toMatch(/^ord_[0-9a-z]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tokens are url-safe and as long as asked', () => {
    expect(newToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(newToken(18), 'base64url')).toHaveLength(18);
  });
});
