/**
 * Merkle tree over chain hashes, RFC 6962 / RFC 9162 §2.1 shape: leaf = SHA-256(0x00 ‖ data),
 * node = SHA-256(0x01 ‖ left ‖ right), split at the largest power of two below n, empty tree =
 * SHA-256(""). The daily root is what gets signed (server key/HSM, optionally an RFC 3161
 * timestamp, COMPLIANCE C.37); an inclusion proof lets the scan page show that a shipment's
 * chain head is covered by a signed root.
 */
import { createHash } from 'node:crypto';

const sha = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);
const hex = (h: string) => Buffer.from(h, 'hex');

export const leafHash = (dataHex: string): string => sha(LEAF, hex(dataHex)).toString('hex');
const nodeHash = (l: Buffer, r: Buffer) => sha(NODE, l, r);

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(LEAF, leaves[0]);
  const k = split(leaves.length);
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/** Merkle tree hash of the given hex leaves (in the given order). */
export function merkleRoot(leavesHex: string[]): string {
  return mth(leavesHex.map(hex)).toString('hex');
}

/** Audit path for leaf m (RFC 6962 §2.1.1), deepest sibling first. */
export function merkleProof(leavesHex: string[], m: number): string[] {
  if (m < 0 || m >= leavesHex.length) throw new Error('leaf index out of range');
  const path = (idx: number, d: Buffer[]): Buffer[] => {
    if (d.length <= 1) return [];
    const k = split(d.length);
    return idx < k ? [...path(idx, d.slice(0, k)), mth(d.slice(k))] : [...path(idx - k, d.slice(k)), mth(d.slice(0, k))];
  };
  return path(m, leavesHex.map(hex)).map((b) => b.toString('hex'));
}

/** Verifies an inclusion proof (RFC 9162 §2.1.3.2). */
export function verifyMerkleProof(leafHex: string, m: number, treeSize: number, proof: string[], rootHex: string): boolean {
  if (m < 0 || m >= treeSize) return false;
  let fn = m;
  let sn = treeSize - 1;
  let r = sha(LEAF, hex(leafHex));
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(hex(p), r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = nodeHash(r, hex(p));
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.toString('hex') === rootHex;
}

export interface DailyLeaf {
  shipmentId: string;
  index: number;
  hash: string;
  /** server time the row was appended, Unix ms */
  receivedAt: number;
}

export interface DailyRoot {
  /** UTC day, YYYY-MM-DD */
  day: string;
  root: string;
  leafCount: number;
  /** leaves in tree order, [shipmentId, index]: position = proof index */
  order: Array<[string, number]>;
}

/**
 * Root over every chain hash appended during one UTC day (by receivedAt), in a canonical order
 * (shipmentId, then index) so that any process recomputes the same root from the same rows.
 */
export function dailyMerkleRoot(day: string, entries: DailyLeaf[]): DailyRoot {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('day must be YYYY-MM-DD');
  const start = Date.parse(`${day}T00:00:00Z`);
  const end = start + 86_400_000;
  const leaves = entries
    .filter((e) => e.receivedAt >= start && e.receivedAt < end)
    .sort((a, b) => (a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : a.index - b.index));
  return { day, root: merkleRoot(leaves.map((l) => l.hash)), leafCount: leaves.length, order: leaves.map((l) => [l.shipmentId, l.index]) };
}

/**
 * The root and every leaf's audit path in one pass (O(n) hashes instead of O(n) per proof):
 * built bottom-up, an unpaired last node moves up unhashed, which gives the same tree as the
 * RFC 6962 split. Proofs are deepest sibling first, as {@link merkleProof}.
 */
export function merkleProofs(leavesHex: string[]): { root: string; proofs: string[][] } {
  if (leavesHex.length === 0) return { root: sha().toString('hex'), proofs: [] };
  let level: Buffer[] = leavesHex.map((l) => sha(LEAF, hex(l)));
  const proofs: string[][] = leavesHex.map(() => []);
  const pos = leavesHex.map((_, i) => i);
  while (level.length > 1) {
    for (let i = 0; i < pos.length; i++) {
      const sib = pos[i] ^ 1;
      if (sib < level.length) proofs[i].push(level[sib].toString('hex'));
      pos[i] >>= 1;
    }
    const next: Buffer[] = [];
    for (let j = 0; j < level.length; j += 2) next.push(j + 1 < level.length ? nodeHash(level[j], level[j + 1]) : level[j]);
    level = next;
  }
  return { root: level[0].toString('hex'), proofs };
}
