import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

// scrypt N=2^15, r=8, p=1: the OWASP password-storage recommendation (≈32 MiB, ~50 ms here).
const N = 1 << 15, R = 8, P = 1, LEN = 32;
const MAXMEM = 64 * 1024 * 1024;

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later per hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFKC'), salt, LEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const got = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length,
    { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return timingSafeEqual(got, expected);
}

/** Password rule for humans: 12+ characters (NIST SP 800-63B favours length over composition). */
export function passwordProblem(pw: string): string | undefined {
  if (pw.length < 12) return 'at least 12 characters';
  if (pw.length > 200) return 'at most 200 characters';
  return undefined;
}

/** A random password for generated accounts (demo users, first admin). */
export function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}
