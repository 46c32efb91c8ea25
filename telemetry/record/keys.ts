/**
 * The server's Ed25519 key for the temperature record (addenda and anchors). Its 32-byte seed
 * is derived from the platform's SIGNING_KEY (`platform/config/keys.ts`; the stack scripts
 * generate one per stack and keep it in `.stack/<profile>/secrets.env`) with a domain label,
 * so the same secret never serves as both an HMAC key and an Ed25519 seed. The key id is the
 * first 16 hex digits of SHA-256 of the raw 32-byte public key: the fingerprint an offline
 * verifier is told to trust (`RECORD_PUBLIC_KEY_FINGERPRINT`).
 */
import { createHash, createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';

export interface RecordKey { privateKey: KeyObject; publicKey: KeyObject; keyId: string; publicPem: string }

/** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410) before its 32-byte seed. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The fingerprint of an Ed25519 public key: 16 hex digits of SHA-256 of its raw 32 bytes. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** The record key from a secret (base64url, as SIGNING_KEY). */
export function recordKeyFrom(secret: string): RecordKey {
  if (!secret) throw new Error('SIGNING_KEY is not set: the temperature record cannot be signed');
  const seed = createHmac('sha256', Buffer.from(secret, 'base64url')).update('coldchain.record-key/1').digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

let cached: { secret: string; key: RecordKey } | undefined;
/** This process's record key (from configuration). */
export function recordKey(): RecordKey {
  const secret = getKey(keys.signingKey);
  if (cached?.secret !== secret) cached = { secret, key: recordKeyFrom(secret) };
  return cached.key;
}
