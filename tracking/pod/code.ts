/**
 * The delivery one-time code the customer tells the rider at the door.
 *
 * The code is derived, not stored: HOTP (RFC 4226) over a per-shipment key, with the
 * generation as the counter. So the server can show the code again to the verified customer
 * (same secret, shipment and generation give the same code) while the database holds only its
 * keyed hash, which a leaked table cannot turn back into codes without the secret.
 *
 * Six digits are guessed once in a million tries: the caller limits wrong attempts per shipment
 * and, past the limit, moves to the next generation (a new code).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type HotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** RFC 4226 R6: the shared secret is at least 128 bits. */
export const MIN_SECRET_BYTES = 16;
const CODE = /^[0-9]{6}$/;
const HASH = /^[0-9a-f]{64}$/i;

/**
 * RFC 4226 5.3 dynamic truncation: the low 4 bits of the MAC's last byte pick an offset; the
 * 31 bits at that offset, modulo 10^digits, zero-padded. Works for any MAC of at least 20 bytes
 * (SHA-256 and SHA-512 as RFC 6238 uses them).
 */
export function truncate(mac: Buffer, digits = 6): string {
  if (mac.length < 20) throw new RangeError('HOTP needs a MAC of at least 20 bytes');
  if (!Number.isInteger(digits) || digits < 6 || digits > 9) throw new RangeError('HOTP digits must be 6 to 9');
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 4226 HOTP(K, C): HMAC over the counter as 8 bytes big-endian, then truncate. */
export function hotp(key: Buffer, counter: number | bigint, opts: { algorithm?: HotpAlgorithm; digits?: number } = {}): string {
  const c = BigInt(counter);
  if (c < 0n || c > 0xffffffffffffffffn) throw new RangeError('HOTP counter must fit in 8 unsigned bytes');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(c);
  return truncate(createHmac(opts.algorithm ?? 'sha1', key).update(message).digest(), opts.digits ?? 6);
}

function checkInputs(secret: Buffer, shipmentId: string): void {
  if (!Buffer.isBuffer(secret) || secret.length < MIN_SECRET_BYTES) throw new RangeError(`the code secret must be at least ${MIN_SECRET_BYTES} bytes`);
  // No NUL: it separates the fields of the HMAC inputs below, which must read one way only.
  if (typeof shipmentId !== 'string' || shipmentId === '' || shipmentId.includes('\0')) throw new RangeError('shipmentId must be a non-empty string without NUL');
}

/**
 * The 6-digit code of a shipment's `generation` (0, 1, … — a new generation is a new code).
 * HOTP-SHA256 with key HMAC-SHA256(secret, "pod-code\0" + shipmentId).
 */
export function issueCode(secret: Buffer, shipmentId: string, generation: number): string {
  checkInputs(secret, shipmentId);
  if (!Number.isSafeInteger(generation) || generation < 0) throw new RangeError('generation must be a non-negative integer');
  const key = createHmac('sha256', secret).update(`pod-code\0${shipmentId}`).digest();
  return hotp(key, generation, { algorithm: 'sha256', digits: 6 });
}

/** What the database stores for an issued code: HMAC-SHA256 (hex) bound to the shipment. */
export function codeHash(secret: Buffer, shipmentId: string, code: string): string {
  checkInputs(secret, shipmentId);
  if (typeof code !== 'string' || !CODE.test(code)) throw new RangeError('a delivery code is 6 digits');
  return createHmac('sha256', secret).update(`pod-code-hash\0${shipmentId}\0${code}`).digest('hex');
}

/**
 * Whether `attempt` is the code whose hash is `storedHash`. Anything but exactly six ASCII
 * digits, or a stored hash that is not 64 hex digits, is false without hashing; for well-formed
 * input the comparison takes the same time wherever the hashes differ.
 */
export function codeMatches(secret: Buffer, shipmentId: string, attempt: string, storedHash: string): boolean {
  if (typeof attempt !== 'string' || !CODE.test(attempt)) return false;
  if (typeof storedHash !== 'string' || !HASH.test(storedHash)) return false;
  const expected = Buffer.from(codeHash(secret, shipmentId, attempt), 'hex');
  return timingSafeEqual(expected, Buffer.from(storedHash, 'hex')); // both 32 bytes
}
