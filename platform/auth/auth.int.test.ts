import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appDb } from '../db/pool';
import { startTestApi, makeUser, call, type TestApi, type TestUser } from '../testing/harness';
import { authModule } from './routes';
import { auditModule } from '../audit/routes';

let api: TestApi;
let admin: TestUser;
beforeAll(async () => {
  api = await startTestApi([authModule, auditModule]);
  admin = await makeUser('admin');
});
afterAll(async () => { await api.close(); });

const login = (username: string, password: string) => call(api.url, 'POST', '/api/v1/auth/login', { body: { username, password } });

describe('login, sessions, logout', () => {
  it('login gives a bearer token and an httpOnly SameSite cookie; /auth/me works with either', async () => {
    const u = await makeUser('dispatcher');
    const r = await login(u.username, u.password);
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: u.username, role: 'dispatcher' });
    expect(JSON.stringify(r.body)).not.toContain('password');
    const setCookie = r.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/cc_session=/);
    expect(setCookie.toLowerCase()).toContain('httponly');
    expect(setCookie.toLowerCase()).toContain('samesite=lax');
    const viaBearer = await call(api.url, 'GET', '/api/v1/auth/me', { token: r.body.token });
    expect(viaBearer.body.username).toBe(u.username);
    const cookie = setCookie.split(';')[0];
    const viaCookie = await call(api.url, 'GET', '/api/v1/auth/me', { headers: { cookie } });
    expect(viaCookie.status).toBe(200);
    const out = await call(api.url, 'POST', '/api/v1/auth/logout', { token: r.body.token });
    expect(out.status).toBe(204);
    expect((await call(api.url, 'GET', '/api/v1/auth/me', { token: r.body.token })).status).toBe(401);
  });

  it('wrong password and unknown user get the same answer', async () => {
    const u = await makeUser('qa');
    const a = await login(u.username, 'wrong-password-here');
    const b = await login('nobody-' + u.username, 'wrong-password-here');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error).toEqual(b.body.error);
  });

  it('5 failed logins within the window lock the account, recorded as a security event; an admin unlocks it', async () => {
    const u = await makeUser('dispatcher');
    for (let i = 0; i < 5; i++) expect((await login(u.username, 'not-the-password')).status).toBe(401);
    const locked = await login(u.username, u.password);
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('account_locked');
    const ev = await appDb().query(`SELECT * FROM platform.audit_log WHERE action='security.lockout' AND entity_id=$1`, [u.id]);
    expect(ev.rowCount).toBe(1);
    const audit = await call(api.url, 'GET', `/api/v1/audit?action=security.lockout&entityId=${u.id}`, { token: admin.token });
    expect(audit.body.entries).toHaveLength(1);
    const noReason = await call(api.url, 'POST', `/api/v1/users/${u.id}/unlock`, { token: admin.token, body: {} });
    expect(noReason.status).toBe(400);
    const unlock = await call(api.url, 'POST', `/api/v1/users/${u.id}/unlock`, { token: admin.token, body: { reason: 'user called the help desk' } });
    expect(unlock.status).toBe(204);
    expect((await login(u.username, u.password)).status).toBe(200);
  });

  it('4 failures then a success reset the count', async () => {
    const u = await makeUser('dispatcher');
    for (let i = 0; i < 4; i++) await login(u.username, 'nope-nope-nope');
    expect((await login(u.username, u.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login(u.username, 'nope-nope-nope');
    expect((await login(u.username, u.password)).status).toBe(200);
  });
});

describe('users and the audit trail', () => {
  it('creating and changing a user writes audit rows with old and new values; a change without a reason is refused', async () => {
    const c = await call(api.url, 'POST', '/api/v1/users', { token: admin.token, body: { username: 'qa-' + Date.now(), displayName: 'QA 张', role: 'qa', password: 'correct horse battery' } });
    expect(c.status).toBe(201);
    const id = c.body.id;
    const bad = await call(api.url, 'PATCH', `/api/v1/users/${id}`, { token: admin.token, body: { role: 'dispatcher' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const ok = await call(api.url, 'PATCH', `/api/v1/users/${id}`, { token: admin.token, body: { role: 'dispatcher', reason: 'moved to the dispatch desk' } });
    expect(ok.status).toBe(200);
    const rows = (await call(api.url, 'GET', `/api/v1/audit?entityType=user&entityId=${id}`, { token: admin.token })).body.entries;
    expect(rows.map((r: any) => r.action)).toEqual(['user.update', 'user.create']);
    expect(rows[0].oldValue.role).toBe('qa');
    expect(rows[0].newValue.role).toBe('dispatcher');
    expect(rows[0].reason).toBe('moved to the dispatch desk');
    expect(rows[0].actorId).toBe(admin.id);
    expect(JSON.stringify(rows)).not.toContain('correct horse');
  });

  it('a weak password and a partner without a store are refused', async () => {
    const weak = await call(api.url, 'POST', '/api/v1/users', { token: admin.token, body: { username: 'weak-' + Date.now(), displayName: 'w', role: 'qa', password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    const partner = await call(api.url, 'POST', '/api/v1/users', { token: admin.token, body: { username: 'p-' + Date.now(), displayName: 'p', role: 'partner', password: 'long enough password' } });
    expect(partner.body.error.code).toBe('facility_required');
  });

  it('the application role cannot UPDATE or DELETE audit rows (grants), and nobody can (trigger)', async () => {
    await expect(appDb().query(`UPDATE platform.audit_log SET reason='x' WHERE id = (SELECT max(id) FROM platform.audit_log)`)).rejects.toMatchObject({ code: '42501' });
    await expect(appDb().query(`DELETE FROM platform.audit_log WHERE id = (SELECT max(id) FROM platform.audit_log)`)).rejects.toMatchObject({ code: '42501' });
    const pg = (await import('pg')).default;
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await expect(owner.query(`DELETE FROM platform.audit_log`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`UPDATE platform.audit_log SET reason='x'`)).rejects.toThrow(/append-only/);
    } finally { await owner.end(); }
  });

  it('a role change ends the user\'s sessions', async () => {
    const u = await makeUser('dispatcher');
    expect((await call(api.url, 'GET', '/api/v1/auth/me', { token: u.token })).status).toBe(200);
    await call(api.url, 'PATCH', `/api/v1/users/${u.id}`, { token: admin.token, body: { role: 'qa', reason: 'role change test' } });
    expect((await call(api.url, 'GET', '/api/v1/auth/me', { token: u.token })).status).toBe(401);
  });
});
