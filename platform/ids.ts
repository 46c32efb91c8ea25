import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A readable, prefixed, roughly time-ordered id: `ord_` + 8 base-36 chars of milliseconds
 * + 12 random base-36 chars (≈62 bits). Lowercase alphanumerics only, so ids are safe in
 * MQTT topics and URLs.
 */
export function newId(prefix: string): string {
  const t = Date.now().toString(36).padStart(9, '0').slice(-9);
  const r = randomBytes(12);
  let s = '';
  for (const b of r) s += ALPHABET[b % 36];
  return `${prefix}_${t}${s}`;
}

/** 256-bit url-safe random token (sessions, public tracking links). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
