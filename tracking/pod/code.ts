// Stand-in with the same signatures until the pod module (HOTP derivation, tested against RFC 4226) lands.
import { createHmac, timingSafeEqual } from 'node:crypto';
export function issueCode(secret: Buffer, shipmentId: string, generation: number): string {
  const h = createHmac('sha256', secret).update(`${shipmentId}:${generation}`).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}
export function codeHash(secret: Buffer, shipmentId: string, code: string): string {
  return createHmac('sha256', secret).update(`hash:${shipmentId}:${code}`).digest('hex');
}
export function codeMatches(secret: Buffer, shipmentId: string, attempt: string, storedHash: string): boolean {
  if (!/^\d{6}$/.test(attempt)) return false;
  const a = Buffer.from(codeHash(secret, shipmentId, attempt), 'hex'); const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
