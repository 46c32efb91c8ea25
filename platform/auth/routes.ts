import { z } from 'zod';
import { AppError } from '../errors';
import { appDb, withTx } from '../db/pool';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';
import { recordAudit } from '../audit/audit';
import { hit, peek } from '../http/rate-limit';
import { route, ROLES, schemas, type RouteModule } from '../http/route';
import { verifyPassword, hashPassword, passwordProblem } from './password';
import { createSession, revokeSession, revokeUserSessions, SESSION_COOKIE } from './sessions';
import { createUser, findUserByUsername, toPublicUser } from './users';

// A constant hash to verify against for unknown usernames, so timing does not reveal them.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const UserOut = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(ROLES),
  facilityId: z.string().nullable(), riderId: z.string().nullable(), active: z.boolean(), createdAt: z.string(),
}).meta({ id: 'User' });

/** Failures since the window start and since the last success/unlock (logins and e-signatures alike). */
export async function recentFailures(username: string): Promise<number> {
  const windowS = getKey(keys.lockoutWindowS);
  const { rows } = await appDb().query(
    `SELECT count(*) AS n FROM platform.login_attempts
      WHERE username = $1 AND outcome = 'failure' AND at > now() - make_interval(secs => $2)
        AND at > coalesce((SELECT max(at) FROM platform.login_attempts WHERE username = $1 AND outcome IN ('success','unlock')), '-infinity')`,
    [username, windowS]);
  return rows[0].n;
}

/**
 * Login rate limits, on failures only (a shift of riders logging in behind one store's NAT is not
 * refused): per username whatever the address (guessing one account from many addresses) and per
 * address whatever the username (one address spraying many accounts). Counted in Redis so every
 * API process sees the same counts; checked before the password hash is computed, so a flood
 * of guesses does not also burn scrypt CPU. The DB lockout below stays the record of the event.
 */
function loginLimits(username: string, ip: string) {
  const windowS = getKey(keys.loginRateWindowS);
  return [
    { name: 'login:account', who: username.toLowerCase(), limit: getKey(keys.loginRatePerAccount), windowS, what: 'this account' },
    { name: 'login:address', who: ip, limit: getKey(keys.loginRatePerAddress), windowS, what: 'this address' },
  ];
}

const login = route({
  method: 'post', path: '/auth/login', operationId: 'login', errors: { 401: { codes: ['invalid_credentials'] }, 423: { codes: ['account_locked'] }, 429: { codes: ['rate_limited'] } },
  examples: {
    request: { username: 'dispatcher.chen', password: 'correct horse battery staple' },
    response: {
      token: 'Jm3n0Yc3bVt6yQ1xv8gq2wT5Rk7pLs9dZe4uHf0aBc', expiresAt: '2026-12-05T20:42:00.000Z',
      user: { id: 'usr_disp01', username: 'dispatcher.chen', displayName: '陈调度', role: 'dispatcher', facilityId: null, riderId: null, active: true, createdAt: '2026-11-02T01:00:00.000Z' },
    },
  }, summary: 'Log in; returns a bearer token and sets the session cookie', tags: ['auth'],
  access: 'public', audit: 'none',
  body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
  response: z.object({ token: z.string(), expiresAt: z.string(), user: UserOut }),
  successStatus: 200,
  async handler({ body }, rc) {
    const limit = getKey(keys.lockoutAttempts);
    const db = appDb();
    const rl = loginLimits(body.username, rc.ip);
    for (const l of rl) {
      const v = await peek(l.name, l.who, l.limit, l.windowS);
      if (v.ok) continue;
      rc.koa.set('Retry-After', String(v.retryAfterS));
      throw new AppError('too_many_requests', 'rate_limited', `Too many failed logins for ${l.what}; try again in ${v.retryAfterS} s.`, { retryAfterS: v.retryAfterS });
    }
    const countFailure = async (userId: string | null) => {
      for (const l of rl) {
        const v = await hit(l.name, l.who, l.limit, l.windowS);
        // Reported once per window, when the limit is reached (Part 11 §11.300(d)).
        if (v.count === l.limit) await recordAudit(db, { actorId: null, actorRole: null, action: 'security.login_rate_limited', entityType: 'user', entityId: userId, newValue: { limit: l.name, username: body.username, failures: v.count, windowS: l.windowS }, requestId: rc.requestId, ip: rc.ip });
      }
    };
    if ((await recentFailures(body.username)) >= limit) {
      await db.query(`INSERT INTO platform.login_attempts (username, outcome, ip) VALUES ($1,'refused_locked',$2)`, [body.username, rc.ip]);
      await countFailure(null);
      throw new AppError('locked', 'account_locked', `Too many failed logins; the account is locked for up to ${Math.round(getKey(keys.lockoutWindowS) / 60)} minutes or until an admin unlocks it.`);
    }
    const user = await findUserByUsername(db, body.username);
    const ok = await verifyPassword(body.password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await db.query(`INSERT INTO platform.login_attempts (username, outcome, ip) VALUES ($1,'failure',$2)`, [body.username, rc.ip]);
      await countFailure(user?.id ?? null);
      const n = await recentFailures(body.username);
      await recordAudit(db, { actorId: user?.id ?? null, actorRole: null, action: 'security.login_failed', entityType: 'user', entityId: user?.id ?? null, newValue: { username: body.username, failures: n }, requestId: rc.requestId, ip: rc.ip });
      if (n === limit) {
        // Part 11 §11.300(d): unauthorised attempts are detected and reported.
        await recordAudit(db, { actorId: null, actorRole: null, action: 'security.lockout', entityType: 'user', entityId: user?.id ?? null, newValue: { username: body.username, failures: n }, requestId: rc.requestId, ip: rc.ip });
      }
      throw new AppError('unauthenticated', 'invalid_credentials', 'Wrong username or password.');
    }
    await db.query(`INSERT INTO platform.login_attempts (username, outcome, ip) VALUES ($1,'success',$2)`, [body.username, rc.ip]);
    const s = await createSession(db, user.id, getKey(keys.sessionTtlS), { ip: rc.ip, userAgent: rc.koa.get('user-agent') });
    await recordAudit(db, { actorId: user.id, actorRole: user.role, action: 'security.login', entityType: 'user', entityId: user.id, requestId: rc.requestId, ip: rc.ip });
    rc.koa.cookies.set(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', secure: getKey(keys.cookieSecure), expires: s.expiresAt, path: '/', overwrite: true });
    return { body: { token: s.token, expiresAt: s.expiresAt.toISOString(), user: toPublicUser(user) } };
  },
});

const logout = route({
  method: 'post', path: '/auth/logout', operationId: 'logout', summary: 'End the current session', tags: ['auth'], access: 'authenticated', audit: 'none',
  successStatus: 204,
  async handler(_i, rc) {
    const h = rc.koa.get('authorization');
    const token = h ? h.replace(/^Bearer\s+/i, '') : rc.koa.cookies.get(SESSION_COOKIE);
    if (token) await revokeSession(appDb(), token);
    await recordAudit(appDb(), { actorId: rc.user!.id, actorRole: rc.user!.role, action: 'security.logout', entityType: 'user', entityId: rc.user!.id, requestId: rc.requestId, ip: rc.ip });
    rc.koa.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', expires: new Date(0), path: '/' });
    return { status: 204 };
  },
});

const me = route({
  method: 'get', path: '/auth/me', operationId: 'getCurrentUser', summary: 'The logged-in user', tags: ['auth'], access: 'authenticated',
  response: UserOut.omit({ active: true, createdAt: true }),
  async handler(_i, rc) {
    const u = rc.user!;
    return { body: { id: u.id, username: u.username, displayName: u.displayName, role: u.role, facilityId: u.facilityId, riderId: u.riderId } };
  },
});

const UserParams = z.object({ id: schemas.id('usr') });

const listUsers = route({
  method: 'get', path: '/users', operationId: 'listUsers', summary: 'List users', tags: ['users'], access: ['admin'],
  query: z.object({ role: z.enum(ROLES).optional() }).strict(),
  response: z.object({ users: z.array(UserOut) }),
  async handler({ query }) {
    const { rows } = await appDb().query(`SELECT * FROM platform.users ${query.role ? 'WHERE role = $1' : ''} ORDER BY username`, query.role ? [query.role] : []);
    return { body: { users: rows.map(toPublicUser) } };
  },
});

const createUserRoute = route({
  method: 'post', path: '/users', operationId: 'createUser', errors: { 400: { codes: ['weak_password', 'facility_required', 'rider_required'] }, 409: { codes: ['already_exists'] } }, summary: 'Create a user', tags: ['users'], access: ['admin'],
  body: z.object({
    username: z.string().regex(/^[a-z0-9._-]{3,50}$/, '3–50 lowercase letters, digits, dot, dash or underscore'),
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    password: z.string().max(200),
    facilityId: z.string().max(60).optional(),
    riderId: z.string().max(60).optional(),
  }).strict(),
  response: UserOut,
  async handler({ body }, rc) {
    return withTx(appDb(), async (c) => {
      const u = await createUser(c, body);
      await rc.audit(c, { action: 'user.create', entityType: 'user', entityId: u.id, newValue: u });
      return { body: u };
    });
  },
});

const updateUser = route({
  method: 'patch', path: '/users/:id', operationId: 'updateUser', errors: { 404: { codes: ['user_not_found'] } }, summary: 'Change a user (role, scope, active); needs a reason', tags: ['users'], access: ['admin'],
  reasonRequired: true, params: UserParams,
  body: z.object({
    displayName: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional(),
    facilityId: z.string().max(60).nullable().optional(),
    riderId: z.string().max(60).nullable().optional(),
    reason: schemas.reason,
  }).strict(),
  response: UserOut,
  async handler({ params, body }, rc) {
    return withTx(appDb(), async (c) => {
      const { rows } = await c.query('SELECT * FROM platform.users WHERE id = $1 FOR UPDATE', [params.id]);
      if (!rows[0]) throw new AppError('not_found', 'user_not_found', `No user ${params.id}.`);
      const old = toPublicUser(rows[0]);
      const next = {
        display_name: body.displayName ?? rows[0].display_name, role: body.role ?? rows[0].role, active: body.active ?? rows[0].active,
        facility_id: body.facilityId === undefined ? rows[0].facility_id : body.facilityId,
        rider_id: body.riderId === undefined ? rows[0].rider_id : body.riderId,
      };
      if (next.role === 'partner' && !next.facility_id) throw new AppError('invalid_input', 'facility_required', 'A partner user needs facilityId.');
      const upd = await c.query(
        `UPDATE platform.users SET display_name=$2, role=$3, active=$4, facility_id=$5, rider_id=$6, updated_at=now() WHERE id=$1 RETURNING *`,
        [params.id, next.display_name, next.role, next.active, next.facility_id, next.rider_id]);
      const nu = toPublicUser(upd.rows[0]);
      // A role or scope change must not ride on sessions issued under the old one.
      if (old.role !== nu.role || old.active !== nu.active || old.facilityId !== nu.facilityId) await revokeUserSessions(c, params.id);
      await rc.audit(c, { action: 'user.update', entityType: 'user', entityId: params.id, oldValue: old, newValue: nu });
      return { body: nu };
    });
  },
});

const resetPassword = route({
  method: 'post', path: '/users/:id/password', operationId: 'setUserPassword', errors: { 400: { codes: ['weak_password'] }, 404: { codes: ['user_not_found'] } }, summary: 'Set a user\'s password (ends their sessions)', tags: ['users'], access: ['admin'],
  reasonRequired: true, params: UserParams, successStatus: 204,
  body: z.object({ password: z.string().max(200), reason: schemas.reason }).strict(),
  async handler({ params, body }, rc) {
    const problem = passwordProblem(body.password);
    if (problem) throw new AppError('invalid_input', 'weak_password', `The password needs ${problem}.`);
    await withTx(appDb(), async (c) => {
      const r = await c.query('UPDATE platform.users SET password_hash=$2, updated_at=now() WHERE id=$1', [params.id, await hashPassword(body.password)]);
      if (r.rowCount !== 1) throw new AppError('not_found', 'user_not_found', `No user ${params.id}.`);
      await revokeUserSessions(c, params.id);
      await rc.audit(c, { action: 'user.password_reset', entityType: 'user', entityId: params.id });
    });
    return { status: 204 };
  },
});

const unlockUser = route({
  method: 'post', path: '/users/:id/unlock', operationId: 'unlockUser', errors: { 404: { codes: ['user_not_found'] } }, summary: 'Lift a login lockout', tags: ['users'], access: ['admin'],
  reasonRequired: true, params: UserParams, successStatus: 204,
  body: z.object({ reason: schemas.reason }).strict(),
  async handler({ params }, rc) {
    await withTx(appDb(), async (c) => {
      const { rows } = await c.query('SELECT username FROM platform.users WHERE id = $1', [params.id]);
      if (!rows[0]) throw new AppError('not_found', 'user_not_found', `No user ${params.id}.`);
      await c.query(`INSERT INTO platform.login_attempts (username, outcome, ip) VALUES ($1,'unlock',$2)`, [rows[0].username, rc.ip]);
      await rc.audit(c, { action: 'security.unlock', entityType: 'user', entityId: params.id });
    });
    return { status: 204 };
  },
});

export const authModule: RouteModule = { name: 'auth', routes: [login, logout, me, listUsers, createUserRoute, updateUser, resetPassword, unlockUser] };
