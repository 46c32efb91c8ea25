import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;

/**
 * `n` bytes from the system CSPRNG (as crypto.randomBytes), drawn 4 kB at a time: an order
 * takes ~10 small draws (ids, its token, an IV per encrypted field), and each call into the
 * CSPRNG cost several microseconds of the API's single thread. Every byte is handed out once,
 * in a copy the caller owns, and wiped from the pool.
 */
export function randomBytesPooled(n: number): Buffer {
  if (n > POOL_BYTES / 8) return randomBytes(n);
  if (poolAt + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
    poolAt = 0;
  }
  const out = Buffer.from(pool.subarray(poolAt, poolAt + n));
  pool.fill(0, poolAt, poolAt + n);
  poolAt += n;
  return out;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A readable, prefixed, roughly time-ordered id: `ord_` + 8 base-36 chars of milliseconds
 * + 12 random base-36 chars (≈62 bits). Lowercase alphanumerics only, so ids are safe in
 * MQTT topics and URLs.
 */
export function newId(prefix: string): string {
  const t = Date.now().toString(36).padStart(9, '0').slice(-9);
  const r = randomBytesPooled(12);
  let s = '';
  for (const b of r) s += ALPHABET[b % 36];
  return `${prefix}_${t}${s}`;
}

/** 256-bit url-safe random token (sessions, public tracking links). */
export function newToken(bytes = 32): string {
  return randomBytesPooled(bytes).toString('base64url');
}
