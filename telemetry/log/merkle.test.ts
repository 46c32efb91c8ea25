import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dailyMerkleRoot, leafHash, merkleProof, merkleProofs, merkleRoot, verifyMerkleProof } from './merkle';

const h = (s: string) => createHash('sha256').update(s).digest('hex');
const leaves = (n: number) => Array.from({ length: n }, (_, i) => h(`leaf${i}`));
const node = (l: string, r: string) => createHash('sha256').update(Buffer.from([1])).update(Buffer.from(l, 'hex')).update(Buffer.from(r, 'hex')).digest('hex');

describe('merkleRoot (RFC 6962 shape)', () => {
  it('empty tree is SHA-256 of the empty string', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('one leaf: SHA-256(0x00 ‖ leaf)', () => {
    const [a] = leaves(1);
    expect(merkleRoot([a])).toBe(createHash('sha256').update(Buffer.from([0])).update(Buffer.from(a, 'hex')).digest('hex'));
  });
  it('three leaves split 2 + 1', () => {
    const [a, b, c] = leaves(3);
    expect(merkleRoot([a, b, c])).toBe(node(node(leafHash(a), leafHash(b)), leafHash(c)));
  });
  it('order matters and every leaf matters', () => {
    const l = leaves(5);
    const root = merkleRoot(l);
    expect(merkleRoot([l[1], l[0], ...l.slice(2)])).not.toBe(root);
    for (let i = 0; i < l.length; i++) expect(merkleRoot(l.map((x, j) => (j === i ? h('evil') : x)))).not.toBe(root);
  });
});

describe('inclusion proofs', () => {
  it.each([1, 2, 3, 4, 5, 7, 8, 9, 16, 17])('every leaf of a %i-leaf tree proves, a wrong leaf or index does not', (n) => {
    const l = leaves(n);
    const root = merkleRoot(l);
    for (let m = 0; m < n; m++) {
      const proof = merkleProof(l, m);
      expect(verifyMerkleProof(l[m], m, n, proof, root)).toBe(true);
      expect(verifyMerkleProof(h('other'), m, n, proof, root)).toBe(false);
      if (n > 1) expect(verifyMerkleProof(l[m], (m + 1) % n, n, proof, root)).toBe(false);
    }
  });
});

describe('dailyMerkleRoot', () => {
  const day = '2026-11-22';
  const t = Date.parse('2026-11-22T00:00:00Z');
  const entries = [
    { shipmentId: 'shp_b', index: 1, hash: h('b1'), receivedAt: t + 10 },
    { shipmentId: 'shp_a', index: 2, hash: h('a2'), receivedAt: t + 86_399_999 },
    { shipmentId: 'shp_a', index: 1, hash: h('a1'), receivedAt: t },
    { shipmentId: 'shp_a', index: 0, hash: h('prev-day'), receivedAt: t - 1 },
    { shipmentId: 'shp_c', index: 1, hash: h('next-day'), receivedAt: t + 86_400_000 },
  ];
  it('covers exactly the rows appended that UTC day, in (shipment, index) order', () => {
    const d = dailyMerkleRoot(day, entries);
    expect(d.leafCount).toBe(3);
    expect(d.order).toEqual([['shp_a', 1], ['shp_a', 2], ['shp_b', 1]]);
    expect(d.root).toBe(merkleRoot([h('a1'), h('a2'), h('b1')]));
  });
  it('does not depend on the order rows are read back in', () => {
    expect(dailyMerkleRoot(day, [...entries].reverse()).root).toBe(dailyMerkleRoot(day, entries).root);
  });
  it('rejects a malformed day', () => expect(() => dailyMerkleRoot('22/11/2026', entries)).toThrow());
});

describe('merkleProofs (all paths in one pass)', () => {
  it('gives the RFC 6962 root and the same path as merkleProof for every leaf, 1 to 33 leaves', () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = Array.from({ length: n }, (_, i) => createHash('sha256').update(`leaf${i}`).digest('hex'));
      const { root, proofs } = merkleProofs(leaves);
      expect(root).toBe(merkleRoot(leaves));
      for (let m = 0; m < n; m++) {
        expect(proofs[m]).toEqual(merkleProof(leaves, m));
        expect(verifyMerkleProof(leaves[m], m, n, proofs[m], root)).toBe(true);
      }
    }
  });
});
