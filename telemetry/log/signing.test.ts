import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dailyMerkleRoot } from './merkle';
import { signDailyRoot, verifyDailyRoot } from './signing';

const h = (s: string) => createHash('sha256').update(s).digest('hex');
const t = Date.parse('2026-11-22T00:00:00Z');
const root = dailyMerkleRoot('2026-11-22', [1, 2, 3].map((i) => ({ shipmentId: 'shp_a', index: i, hash: h(`a${i}`), receivedAt: t + i })));

describe('signed daily root', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const signed = signDailyRoot(root, privateKey, 'k2026');

  it('verifies with the right key only', () => {
    expect(verifyDailyRoot(signed, publicKey)).toBe(true);
    expect(verifyDailyRoot(signed, other.publicKey)).toBe(false);
  });
  it.each([
    ['root', { root: h('forged') }],
    ['day', { day: '2026-11-23' }],
    ['leaf count', { leafCount: 2 }],
  ])('a changed %s fails', (_n, over) => {
    expect(verifyDailyRoot({ ...signed, ...over }, publicKey)).toBe(false);
  });
});
