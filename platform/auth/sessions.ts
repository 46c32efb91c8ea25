import { createHash } from 'node:crypto';
import { prepared, type Queryable } from '../db/pool';
import { newToken } from '../ids';
import type { Role, SessionUser } from '../http/route';
import { sessionCache } from './session-cache';

export const SESSION_COOKIE = 'cc_session';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Creates a session; only the token's hash is stored, so a database leak yields no sessions. */
export async function createSession(q: Queryable, userId: string, ttlS: number, meta: { ip?: string; userAgent?: string }): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlS * 1000);
  await q.query(
    'INSERT INTO platform.sessions (token_hash, user_id, expires_at, ip, user_agent) VALUES ($1,$2,$3,$4,$5)',
    [sha256(token), userId, expiresAt, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null]);
  return { token, expiresAt };
}

// Every authenticated request that misses the session cache runs it: prepared once per connection.
const sessionLookup = prepared(
  `SELECT u.id, u.username, u.display_name, u.role, u.facility_id, u.rider_id, s.last_auth_at, s.expires_at
       FROM platform.sessions s JOIN platform.users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`);

export async function sessionFromToken(q: Queryable, token: string): Promise<SessionUser | undefined> {
  if (token.length > 200) return undefined;
  const hash = sha256(token);
  const key = hash.toString('base64');
  const hit = sessionCache.get(key);
  if (hit) return hit;
  const ticket = sessionCache.ticket();
  const { rows } = await q.query(sessionLookup([hash]));
  const r = rows[0];
  if (!r) return undefined;
  const user: SessionUser = { id: r.id, username: r.username, displayName: r.display_name, role: r.role as Role, facilityId: r.facility_id, riderId: r.rider_id, lastAuthAt: r.last_auth_at };
  sessionCache.put(ticket, key, user, r.expires_at);
  return user;
}

export async function revokeSession(q: Queryable, token: string): Promise<boolean> {
  const r = await q.query('UPDATE platform.sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [sha256(token)]);
  sessionCache.clear(); // this process at once; the others when the trigger's notice arrives
  return r.rowCount === 1;
}

export async function revokeUserSessions(q: Queryable, userId: string): Promise<void> {
  await q.query('UPDATE platform.sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
  sessionCache.clear();
}
