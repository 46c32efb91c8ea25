/**
 * Encryption of personal-data fields at rest (COMPLIANCE.md §E 56) and a keyed
 * blind index for exact-match lookups (find orders by phone) without decrypting.
 *
 * Envelope: `v1:<kid>:<iv>:<tag>:<ciphertext>`, the last three base64url
 * (no padding). AES-256-GCM with a random 96-bit IV (NIST SP 800-38D §8.2.2:
 * random IVs are safe up to 2^32 messages per key — rotate long before that),
 * 128-bit tag. The version and key id are bound as additional authenticated
 * data, as is an optional caller context (e.g. `orders.customer_phone:ord_…`)
 * so a ciphertext copied into another row or column fails to decrypt.
 *
 * Keys rotate through a key ring: new data uses `currentKid`; older kids stay
 * in the ring for decryption until every row is re-encrypted (`needsReencryption`).
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { randomBytesPooled } from '../ids';
import { z } from 'zod';
import { normalizeCnPhone } from './phone';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Key ids appear in every envelope: short, lowercase, no separator characters. */
export const KeyIdSchema = z.string().regex(/^[a-z0-9_-]{1,32}$/, 'key id: 1–32 of a-z 0-9 _ -');

const keyMaterial = z
  .string()
  .refine((s) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) && Buffer.from(s, 'base64').length === KEY_BYTES, {
    message: 'key must be 32 random bytes, base64 or base64url encoded',
  });

/**
 * Key ring config, e.g. from environment `PII_KEYS='{"currentKid":"k2","keys":{"k1":"…","k2":"…"}}'`.
 * `keys` holds every key still needed to decrypt; `currentKid` encrypts.
 */
export const KeyRingConfigSchema = z
  .strictObject({
    currentKid: KeyIdSchema,
    keys: z.record(KeyIdSchema, keyMaterial),
  })
  .refine((c) => c.currentKid in c.keys, { message: 'currentKid is not in keys', path: ['currentKid'] });
export type KeyRingConfig = z.input<typeof KeyRingConfigSchema>;

export interface KeyRing {
  readonly currentKid: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** Validates a key-ring config and decodes its keys; throws `ZodError` when invalid. */
export function parseKeyRing(config: KeyRingConfig): KeyRing {
  const c = KeyRingConfigSchema.parse(config);
  // Node's base64 decoder also accepts base64url, so both encodings work.
  const keys = new Map(Object.entries(c.keys).map(([kid, k]) => [kid, Buffer.from(k, 'base64')]));
  return { currentKid: c.currentKid, keys };
}

export type FieldCryptoErrorCode = 'malformed' | 'unknown_key' | 'auth_failed';

/** Decryption failed; `code` tells why. Never carries key material or plaintext. */
export class FieldCryptoError extends Error {
  constructor(
    readonly code: FieldCryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

export interface EncryptOptions {
  /** Context bound to the ciphertext (table.column:rowId). Must be given again to decrypt. Default none. */
  context?: string;
  /** Fixed IV, for tests only; default 12 random bytes. Reusing an IV with one key breaks GCM. */
  iv?: Buffer;
}

function aad(kid: string, context: string | undefined): Buffer {
  return Buffer.from(`${VERSION}:${kid}:${context ?? ''}`, 'utf8');
}

/** Encrypts a field with the ring's current key; returns the `v1:…` envelope. */
export function encryptField(plaintext: string, ring: KeyRing, options: EncryptOptions = {}): string {
  const kid = ring.currentKid;
  const key = ring.keys.get(kid);
  if (!key) throw new FieldCryptoError('unknown_key', `current key ${kid} missing from ring`);
  const iv = options.iv ?? randomBytesPooled(IV_BYTES);
  if (iv.length !== IV_BYTES) throw new RangeError(`iv must be ${IV_BYTES} bytes`);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(kid, options.context));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, kid, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join(':');
}

interface Envelope {
  kid: string;
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function parseEnvelope(envelope: string): Envelope {
  const parts = envelope.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new FieldCryptoError('malformed', 'not a v1 field envelope');
  const [, kid, iv, tag, ct] = parts;
  if (!KeyIdSchema.safeParse(kid).success || ![iv, tag, ct].every((p) => B64URL.test(p))) {
    throw new FieldCryptoError('malformed', 'bad envelope encoding');
  }
  const env = {
    kid,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ct: Buffer.from(ct, 'base64url'),
  };
  if (env.iv.length !== IV_BYTES || env.tag.length !== TAG_BYTES) {
    throw new FieldCryptoError('malformed', 'bad iv or tag length');
  }
  return env;
}

/** The key id an envelope was written with (without decrypting). */
export function envelopeKeyId(envelope: string): string {
  return parseEnvelope(envelope).kid;
}

/**
 * Decrypts a `v1:…` envelope. Throws `FieldCryptoError`: `malformed` (not an
 * envelope), `unknown_key` (kid not in the ring), `auth_failed` (wrong key,
 * wrong context, or any bit of the envelope changed).
 */
export function decryptField(envelope: string, ring: KeyRing, options: Pick<EncryptOptions, 'context'> = {}): string {
  const env = parseEnvelope(envelope);
  const key = ring.keys.get(env.kid);
  if (!key) throw new FieldCryptoError('unknown_key', `key ${env.kid} is not in the ring`);
  const decipher = createDecipheriv('aes-256-gcm', key, env.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(env.kid, options.context));
  decipher.setAuthTag(env.tag);
  try {
    return Buffer.concat([decipher.update(env.ct), decipher.final()]).toString('utf8');
  } catch {
    throw new FieldCryptoError('auth_failed', 'field failed authentication (wrong key, context or tampered)');
  }
}

/** True when the envelope was not written with the ring's current key (re-encrypt it during rotation). */
export function needsReencryption(envelope: string, ring: KeyRing): boolean {
  return envelopeKeyId(envelope) !== ring.currentKid;
}

/** Re-encrypts an envelope under the current key; returns it unchanged when already current. */
export function reencryptField(envelope: string, ring: KeyRing, options: Pick<EncryptOptions, 'context'> = {}): string {
  if (!needsReencryption(envelope, ring)) return envelope;
  return encryptField(decryptField(envelope, ring, options), ring, options);
}

/**
 * Keyed blind index: `<kid>:<base64url HMAC-SHA256(key, domain ‖ 0x00 ‖ value)>`.
 * Equal values give equal indexes, so a column can be searched for an exact
 * match without decrypting. Keyed (not a plain hash) because the phone-number
 * space is only ~10^10 and an unkeyed hash is reversed by enumeration; use a
 * ring separate from the encryption keys. `domain` (e.g. `phone`) keeps
 * indexes of different fields unrelated.
 */
export function blindIndex(value: string, ring: KeyRing, domain: string, kid: string = ring.currentKid): string {
  const key = ring.keys.get(kid);
  if (!key) throw new FieldCryptoError('unknown_key', `key ${kid} is not in the ring`);
  const mac = createHmac('sha256', key).update(domain, 'utf8').update(Buffer.of(0)).update(value, 'utf8').digest();
  return `${kid}:${mac.toString('base64url')}`;
}

/** Blind indexes of `value` under every key in the ring (query with `IN (…)` while rotating). */
export function blindIndexCandidates(value: string, ring: KeyRing, domain: string): string[] {
  return [...ring.keys.keys()].sort().map((kid) => blindIndex(value, ring, domain, kid));
}

/**
 * Blind index of a phone number after normalisation (`+86 138-1234-5678` and
 * `13812345678` index the same); null when it is not a CN phone number.
 */
export function phoneBlindIndex(phone: string, ring: KeyRing, kid?: string): string | null {
  const n = normalizeCnPhone(phone);
  return n === null ? null : blindIndex(n, ring, 'phone', kid);
}

/** Constant-time comparison of two blind indexes. */
export function blindIndexEquals(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
