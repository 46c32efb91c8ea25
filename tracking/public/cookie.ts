/**
 * The "phone checked" mark: a cookie holding its expiry and an HMAC over the token and that
 * expiry, keyed by a key derived from the server signing key. It is scoped to the token's page
 * (path /t/<token>), HttpOnly and short-lived; nothing is stored server-side.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';

export const VERIFIED_COOKIE = 'trk_v';

function mac(token: string, exp: number): string {
  // A purpose-bound subkey: the signing key also signs temperature-log roots and webhooks.
  const sub = createHmac('sha256', Buffer.from(getKey(keys.signingKey), 'base64url')).update('tracking-phone-check/1').digest();
  return createHmac('sha256', sub).update(`${token}.${exp}`).digest('base64url');
}

export function signVerified(token: string, expiresAtMs: number): string {
  const exp = Math.floor(expiresAtMs / 1000);
  return `${exp}.${mac(token, exp)}`;
}

export function isVerified(token: string, cookie: string | undefined, nowMs = Date.now()): boolean {
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? '');
  if (!m) return false;
  const exp = Number(m[1]);
  if (exp * 1000 <= nowMs) return false;
  const want = Buffer.from(mac(token, exp));
  const got = Buffer.from(m[2]);
  return want.length === got.length && timingSafeEqual(want, got);
}
