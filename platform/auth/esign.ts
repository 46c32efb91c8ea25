/**
 * Electronic signatures (21 CFR Part 11 §11.50, §11.70, §11.100, §11.200; EU GMP Annex 11 §14;
 * COMPLIANCE C.33–34). Signing re-authenticates: the first signature of a session needs both
 * components (username and password), a later one in the same session the password alone
 * (§11.200(a)(1)(i)–(ii)). A wrong password counts toward the login lockout, exactly as a failed
 * login does. What a signature manifests — printed name, time in UTC and in the local zone,
 * meaning — is returned for the caller to store beside the hash of the content it signs; this
 * module writes the audit rows of every attempt.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { appDb, type Queryable } from '../db/pool';
import { AppError } from '../errors';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';
import { recordAudit } from '../audit/audit';
import type { RequestContext } from '../http/route';
import { verifyPassword } from './password';
import { findUserByUsername } from './users';
import { recentFailures } from './routes';
import { SESSION_COOKIE } from './sessions';

/** What a signature means (Part 11 §11.50(a)(3)); stable codes, shown translated by clients. */
export const SIGNATURE_MEANINGS = ['qa_release', 'qa_rejection', 'reviewed', 'change_approval'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/** The re-authentication a signing request carries. `username` may be left out after the session's first signature. */
export const SignatureInput = z.object({
  username: z.string().min(1).max(100).optional(),
  password: z.string().min(1).max(200),
}).strict().meta({ id: 'SignatureInput', description: 'Re-authentication for an electronic signature: username and password, or the password alone after a first signature in the same session' });
export type SignatureInput = z.infer<typeof SignatureInput>;

/** The manifestation of a signature (§11.50): who, when, what it means, and over which content. */
export interface Signature {
  signerId: string;
  username: string;
  printedName: string;
  meaning: SignatureMeaning;
  signedAt: Date;
  /** `YYYY-MM-DDTHH:mm:ss+08:00` in `timeZone`. */
  signedAtLocal: string;
  timeZone: string;
  contentSha256: string;
}

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** ISO 8601 local time with the zone's offset at that instant, e.g. 2026-12-05T16:03:17+08:00. */
export function localIso(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offMin = Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = offMin < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offMin) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offMin) % 60).padStart(2, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${hh}:${mm}`;
}

/**
 * The session a request runs in, as a reference that is not the token's stored hash (a second
 * hash of it), so audit rows can tie signatures to one session without holding a session key.
 */
function sessionOf(rc: RequestContext): { tokenHash: Buffer; ref: string } {
  const h = rc.koa.get('authorization');
  const token = h ? h.replace(/^Bearer\s+/i, '') : rc.koa.cookies.get(SESSION_COOKIE) ?? '';
  const tokenHash = createHash('sha256').update(token).digest();
  return { tokenHash, ref: sha256Hex(tokenHash.toString('base64')).slice(0, 32) };
}

/**
 * Re-authenticates the session's user and returns the signature's manifestation over
 * `contentSha256`. Throws 400 `signature_username_required` (first signature of a session without
 * a username), 403 `signature_user_mismatch` (a username other than the session's), 403
 * `signature_invalid_credentials` (wrong password: counted toward the lockout), 423
 * `account_locked`. Failure audit rows are written on the pool, outside any transaction, so they
 * outlive the refused request; the success row is written through `q` with the caller's record.
 */
export async function eSign(q: Queryable, rc: RequestContext, input: SignatureInput, o: { meaning: SignatureMeaning; contentSha256: string; entityType: string; entityId: string }): Promise<Signature> {
  const user = rc.user;
  if (!user) throw new AppError('unauthenticated', 'authentication_required', 'Log in to sign.');
  const db = appDb();
  const { tokenHash, ref } = sessionOf(rc);
  if (input.username === undefined) {
    // §11.200(a)(1)(ii): only after a first signature with both components in this session.
    const { rowCount } = await db.query(
      `SELECT 1 FROM platform.audit_log WHERE actor_id = $1 AND action = 'esign.sign' AND new_value->>'session' = $2 LIMIT 1`, [user.id, ref]);
    if (!rowCount) throw new AppError('invalid_input', 'signature_username_required', 'The first signature of a session needs your username and password.');
  } else if (input.username !== user.username) {
    await recordAudit(db, { actorId: user.id, actorRole: user.role, action: 'security.esign_refused', entityType: o.entityType, entityId: o.entityId, newValue: { meaning: o.meaning, reason: 'user_mismatch' }, requestId: rc.requestId, ip: rc.ip });
    throw new AppError('forbidden', 'signature_user_mismatch', 'You can sign only as yourself: give your own username.');
  }
  const limit = getKey(keys.lockoutAttempts);
  if ((await recentFailures(user.username)) >= limit) {
    await db.query(`INSERT INTO platform.login_attempts (username, outcome, ip) VALUES ($1,'refused_locked',$2)`, [user.username, rc.ip]);
    throw new AppError('locked', 'account_locked', `Too many failed password checks; the account is locked for up to ${Math.round(getKey(keys.lockoutWindowS) / 60)} minutes or until an admin unlocks it.`);
  }
  const row = await findUserByUsername(db, user.username);
  const ok = !!row?.active && await verifyPassword(input.password, row.password_hash);
  if (!ok) {
    await db.query(`INSERT INTO platform.login_attempts (username, outcome, ip) VALUES ($1,'failure',$2)`, [user.username, rc.ip]);
    const n = await recentFailures(user.username);
    await recordAudit(db, { actorId: user.id, actorRole: user.role, action: 'security.esign_failed', entityType: o.entityType, entityId: o.entityId, newValue: { username: user.username, meaning: o.meaning, failures: n }, requestId: rc.requestId, ip: rc.ip });
    if (n === limit) {
      await recordAudit(db, { actorId: null, actorRole: null, action: 'security.lockout', entityType: 'user', entityId: user.id, newValue: { username: user.username, failures: n, via: 'esign' }, requestId: rc.requestId, ip: rc.ip });
    }
    throw new AppError('forbidden', 'signature_invalid_credentials', 'Wrong password: the signature was not applied.');
  }
  await db.query(`INSERT INTO platform.login_attempts (username, outcome, ip) VALUES ($1,'success',$2)`, [user.username, rc.ip]);
  await db.query(`UPDATE platform.sessions SET last_auth_at = now() WHERE token_hash = $1`, [tokenHash]);
  const timeZone = getKey(keys.defaultTimeZone);
  const signedAt = new Date();
  const sig: Signature = {
    signerId: user.id, username: user.username, printedName: row!.display_name, meaning: o.meaning,
    signedAt, signedAtLocal: localIso(signedAt, timeZone), timeZone, contentSha256: o.contentSha256,
  };
  await recordAudit(q, {
    actorId: user.id, actorRole: user.role, action: 'esign.sign', entityType: o.entityType, entityId: o.entityId,
    newValue: { meaning: o.meaning, printedName: sig.printedName, signedAt: signedAt.toISOString(), signedAtLocal: sig.signedAtLocal, contentSha256: o.contentSha256, session: ref, components: input.username === undefined ? 'password' : 'username+password' },
    reason: rc.reason, requestId: rc.requestId, ip: rc.ip,
  });
  return sig;
}
