/**
 * The exact texts a seal commits to and an addendum's signature covers. Pure; changing a text
 * means a new format id, never an edit (records sealed under the old one must still verify).
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';

export interface SealFacts {
  shipmentId: string;
  count: number;
  /** hex hash of entry `count` (the genesis when 0) */
  head: string;
  /** Unix ms, or null without readings */
  firstTs: number | null;
  lastTs: number | null;
  custodyFrom: number | null;
  custodyTo: number | null;
  largestGapMs: number;
  gapsOverLimit: number;
  gapLimitMs: number;
  outcome: string;
  endedAt: number;
}

/** `coldchain.seal/1`, then every fact on its own line in this order; `-` for null. */
export function sealStatement(s: SealFacts): string {
  const v = (x: number | null) => (x === null ? '-' : String(x));
  return ['coldchain.seal/1', s.shipmentId, s.count, s.head, v(s.firstTs), v(s.lastTs), v(s.custodyFrom), v(s.custodyTo),
    s.largestGapMs, s.gapsOverLimit, s.gapLimitMs, s.outcome, s.endedAt].join('\n');
}

/** SHA-256 (hex) of the seal statement: the leaf data of the anchor's Merkle tree. */
export const sealDigest = (s: SealFacts): string => createHash('sha256').update(sealStatement(s)).digest('hex');

export interface AddendumFacts { shipmentId: string; no: number; fromIndex: number; toIndex: number; head: string }

export function addendumStatement(a: AddendumFacts): Buffer {
  return Buffer.from(['coldchain.addendum/1', a.shipmentId, a.no, a.fromIndex, a.toIndex, a.head].join('\n'), 'utf8');
}

/** base64 Ed25519 signature over the addendum statement. */
export const signAddendum = (a: AddendumFacts, privateKey: KeyObject): string => sign(null, addendumStatement(a), privateKey).toString('base64');

export function verifyAddendum(a: AddendumFacts, sig: string, publicKey: KeyObject): boolean {
  try { return verify(null, addendumStatement(a), publicKey, Buffer.from(sig, 'base64')); } catch { return false; }
}
