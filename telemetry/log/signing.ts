/**
 * Signature over a daily Merkle root (COMPLIANCE C.37: "a daily Merkle root is signed (server
 * key/HSM)"). Ed25519 through node:crypto; the key is passed in (from the key store or an HSM
 * wrapper), so this stays free of I/O. An RFC 3161 timestamp, if used, covers the same message.
 */
import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { DailyRoot } from './merkle';

export interface SignedDailyRoot {
  day: string;
  root: string;
  leafCount: number;
  alg: 'Ed25519';
  /** which server key signed it, for rotation */
  keyId: string;
  /** base64 signature over {@link dailyRootMessage} */
  sig: string;
}

/** The exact bytes signed: format id, day, leaf count, root, newline-separated. */
export function dailyRootMessage(r: Pick<DailyRoot, 'day' | 'leafCount' | 'root'>): Buffer {
  return Buffer.from(`coldchain.dailyroot/1\n${r.day}\n${r.leafCount}\n${r.root}`, 'utf8');
}

/** Signs a daily root with an Ed25519 private key. */
export function signDailyRoot(r: DailyRoot, privateKey: KeyObject, keyId: string): SignedDailyRoot {
  return { day: r.day, root: r.root, leafCount: r.leafCount, alg: 'Ed25519', keyId, sig: sign(null, dailyRootMessage(r), privateKey).toString('base64') };
}

/** Checks a signed daily root against the public key of `keyId`. */
export function verifyDailyRoot(s: SignedDailyRoot, publicKey: KeyObject): boolean {
  if (s.alg !== 'Ed25519') return false;
  return verify(null, dailyRootMessage(s), publicKey, Buffer.from(s.sig, 'base64'));
}
