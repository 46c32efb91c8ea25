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
 * The one format of every id: a prefix naming the kind (`ord`, `rdr`, `box`, …), `_`, then 1–32
 * lowercase letters and digits. {@link newId} makes 21; the demo data numbers its records
 * (`rdr_001`); a box's id travels in its MQTT topics, whose contract has the same pattern.
 * Validators and generators take it from here.
 */
export const ID_BODY = '[a-z0-9]{1,32}';

/** The pattern of an id of one kind, e.g. `idPattern('rdr')` for rider ids. */
export function idPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}_${ID_BODY}$`);
}

/** An id made from a readable body (demo data, fixtures); throws when it breaks the format. */
export function formatId(prefix: string, body: string): string {
  const id = `${prefix}_${body}`;
  if (!idPattern(prefix).test(id)) throw new Error(`${id} is not an id (${prefix}_ then 1–32 of a-z 0-9)`);
  return id;
}

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
