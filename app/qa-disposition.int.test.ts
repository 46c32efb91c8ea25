/**
 * QA disposition on the real stack (issue 17; COMPLIANCE B.25, A.18, C.30–34): a box's real
 * readings go over MQTT through the ingest into an excursion alarm, which quarantines the
 * shipment it carries; the failed delivery and the return add their reasons. QA acknowledges,
 * investigates and signs the disposition with re-authentication; a critical case needs two
 * different signers; a reading changed afterwards makes the signature verify false; alarm-profile
 * changes go through a change request approved by another QA user; an audit-trail period is
 * signed off.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import type { MqttClient } from 'mqtt';
import { appDb } from '../platform/db/pool';
import { makeUser, call, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { saveProfile } from '../telemetry/alarms/profiles';
import { waitFor } from '../telemetry/testing/fakes';
import { currentDeliveryCode } from '../tracking';
import { restockAllowed } from '../telemetry';
import { startCarryStack, type CarryStack } from './testing/carry';
import { smsContacts, warmShipment as warm } from './testing/warm-shipment';

process.env.TELEMETRY_CACHE_TTL_MS = '0';

let stack: CarryStack;
let api: TestApi;
let pub: MqttClient;
let dispatcher: TestUser;

beforeAll(async () => {
  stack = await startCarryStack();
  ({ api, pub, dispatcher } = stack);
});

afterAll(async () => { await stack?.close(); });

const warmShipment = (celsius: number, o: { critical?: boolean } = {}) => warm({ apiUrl: api.url, pub, dispatcher, celsius, ...o });

const qaCall = (u: TestUser, method: string, path: string, body?: unknown) => call(api.url, method, `/api/v1/qa${path}`, { token: u.token, body });
const sign = (u: TestUser, withUsername = true) => (withUsername ? { username: u.username, password: u.password } : { password: u.password });

/** The shipment's case once the alarm trigger has opened it. */
async function caseOf(u: TestUser, shp: string) {
  return waitFor(async () => (await qaCall(u, 'GET', '/quarantine?limit=500')).body.cases.find((c: any) => c.shipmentId === shp));
}

/** A warm shipment's case taken to `investigated`. */
async function investigated(qa: TestUser, o: { critical?: boolean } = {}) {
  const w = await warmShipment(9.5, o);
  const c = await caseOf(qa, w.shp);
  expect((await qaCall(qa, 'POST', `/quarantine/${c.id}/acknowledge`, { note: 'box checked' })).status).toBe(200);
  const inv = await qaCall(qa, 'POST', `/quarantine/${c.id}/investigate`, { rootCause: 'Lid left ajar at the pickup counter', capa: 'Lid check added to the pickup scan' });
  expect(inv.status, JSON.stringify(inv.body)).toBe(200);
  return { ...w, caseId: c.id as string };
}

/** As the database superuser, with triggers off for this session only: what an attacker with the server could do. */
async function asSuperuser(sql: string, params: unknown[]): Promise<number> {
  const url = new URL(process.env.DATABASE_URL!);
  const c = new pg.Client({ host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: 'postgres', password: process.env.PG_SUPER_PASSWORD });
  await c.connect();
  try {
    await c.query(`SET session_replication_role = replica`);
    return (await c.query(sql, params)).rowCount ?? 0;
  } finally {
    await c.end();
  }
}

describe('quarantine', () => {
  it('an excursion on the box quarantines the shipment it carries; the cold-chain breach and the cold return add their reasons, and it cannot be restocked', async () => {
    const qa = await makeUser('qa');
    const w = await warmShipment(9.5);
    const c = await caseOf(qa, w.shp);
    expect(c).toMatchObject({ status: 'open', critical: false, signaturesRequired: 1, reasonCodes: ['excursion'] });
    const refused = await w.act({ action: 'deliver', code: await currentDeliveryCode(appDb(), w.shp) });
    expect(refused.body.error.code).toBe('cold_chain_breach');
    expect((await w.act({ action: 'start_return' })).status).toBe(200);
    expect((await w.act({ action: 'return' }, dispatcher.token)).body.state).toBe('returned');
    const full = (await qaCall(qa, 'GET', `/quarantine/${c.id}`)).body;
    expect(full.reasons.map((r: any) => [r.code, r.source])).toEqual([
      ['excursion', w.alarmId], ['cold_chain_breach', 'lifecycle:failed'], ['cold_return', 'lifecycle:returned'],
    ]);
    expect(full.reasons[0].detail).toMatchObject({ type: 'TEMP_HIGH', boxId: w.boxId });
    // One case per shipment while it is in progress, however many reasons.
    expect((await appDb().query(`SELECT count(*)::int AS n FROM telemetry.qa_cases WHERE shipment_id = $1`, [w.shp])).rows[0].n).toBe(1);
    expect(await restockAllowed(appDb(), w.shp)).toMatchObject({ allowed: false, caseId: c.id });
    const audit = await appDb().query(`SELECT action FROM platform.audit_log WHERE entity_type = 'qa_case' AND entity_id = $1 ORDER BY id`, [c.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['qa.quarantine', 'qa.reason', 'qa.reason', 'qa.reason']);
    // The reasons are a record: nobody rewrites them.
    await expect(appDb().query(`DELETE FROM telemetry.qa_case_reasons WHERE case_id = $1`, [c.id])).rejects.toThrow(/permission denied|append-only/);
  });

  it('the queue and a case are for QA and admins; an unknown case is 404', async () => {
    const admin = await makeUser('admin');
    const d = await makeUser('dispatcher');
    expect((await qaCall(admin, 'GET', '/quarantine')).status).toBe(200);
    expect((await qaCall(d, 'GET', '/quarantine')).status).toBe(403);
    expect((await qaCall(admin, 'GET', '/quarantine/qac_nosuchcase')).body.error.code).toBe('qa_case_not_found');
    expect((await qaCall(admin, 'POST', '/quarantine/qac_nosuchcase/acknowledge', {})).status).toBe(403);
    expect((await qaCall(admin, 'GET', '/quarantine?status=lost')).body.error.code).toBe('validation_failed');
  });
});

describe('excursion lifecycle and disposition', () => {
  it('release by one QA signer: open → acknowledged → investigated → disposed, wrong steps 409, the signature shows name, UTC and Shanghai time and meaning', async () => {
    const qa = await makeUser('qa');
    const w = await warmShipment(9.5);
    const c = await caseOf(qa, w.shp);
    const early = await qaCall(qa, 'POST', `/quarantine/${c.id}/dispose`, { disposition: 'release', signature: sign(qa) });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'qa_transition_not_allowed', details: { state: 'open' } });
    expect((await qaCall(qa, 'POST', `/quarantine/${c.id}/investigate`, { rootCause: 'x'.repeat(5), capa: 'y'.repeat(5) })).body.error.code).toBe('qa_transition_not_allowed');
    expect((await qaCall(qa, 'POST', `/quarantine/${c.id}/acknowledge`, {})).body.status).toBe('acknowledged');
    expect((await qaCall(qa, 'POST', `/quarantine/${c.id}/acknowledge`, {})).body.error.code).toBe('qa_transition_not_allowed');
    expect((await qaCall(qa, 'POST', `/quarantine/${c.id}/investigate`, { rootCause: 'ab' })).body.error.code).toBe('validation_failed');
    expect((await qaCall(qa, 'POST', `/quarantine/${c.id}/investigate`, { rootCause: 'Door opened 40 s at a red light', capa: 'Retrain rider; lid alarm' })).body.status).toBe('investigated');
    expect((await qaCall(qa, 'POST', `/quarantine/${c.id}/dispose`, { disposition: 'reject', signature: sign(qa) })).body.error.code).toBe('reject_action_required');
    expect((await qaCall(qa, 'POST', `/quarantine/${c.id}/dispose`, { disposition: 'release', rejectAction: 'destroy', signature: sign(qa) })).body.error.code).toBe('reject_action_not_allowed');

    const done = await qaCall(qa, 'POST', `/quarantine/${c.id}/dispose`, { disposition: 'release', signature: sign(qa) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'disposed', disposition: 'release', rejectAction: null, signaturesMissing: 0, rootCause: 'Door opened 40 s at a red light', capa: 'Retrain rider; lid alarm' });
    const [s] = done.body.signatures;
    expect(s).toMatchObject({ signerId: qa.id, username: qa.username, printedName: qa.username, meaning: 'qa_release', timeZone: 'Asia/Shanghai', contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/), recordDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The same instant in UTC and in Shanghai (UTC+8).
    expect(s.signedAtLocal).toMatch(/\+08:00$/);
    expect(new Date(s.signedAtLocal).getTime()).toBe(Math.floor(new Date(s.signedAt).getTime() / 1000) * 1000);
    expect((await qaCall(qa, 'POST', `/quarantine/${c.id}/dispose`, { disposition: 'release', signature: sign(qa) })).body.error.code).toBe('qa_transition_not_allowed');
    const v = await qaCall(qa, 'GET', `/quarantine/${c.id}/signatures/verify`);
    expect(v.body).toMatchObject({ valid: true, readings: expect.any(Number), signatures: [{ valid: true, problems: [] }] });
    expect(v.body.readings).toBeGreaterThanOrEqual(2);
    expect(await restockAllowed(appDb(), w.shp)).toMatchObject({ allowed: true, caseId: c.id });
    const audit = await appDb().query(`SELECT action, new_value FROM platform.audit_log WHERE entity_type = 'qa_case' AND entity_id = $1 ORDER BY id`, [c.id]);
    const actions = audit.rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['qa.acknowledge', 'qa.investigate', 'esign.sign', 'qa.dispose']));
    expect(audit.rows.find((r) => r.action === 'esign.sign')!.new_value).toMatchObject({ meaning: 'qa_release', printedName: qa.username, contentSha256: s.contentSha256, components: 'username+password' });
  });

  it('a critical excursion needs two different QA signers of the same decision; the same signer twice is refused', async () => {
    const qa1 = await makeUser('qa');
    const qa2 = await makeUser('qa');
    const w = await investigated(qa1, { critical: true });
    expect(w.severity).toBe('critical');
    const first = await qaCall(qa1, 'POST', `/quarantine/${w.caseId}/dispose`, { disposition: 'reject', rejectAction: 'destroy', signature: sign(qa1) });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: 'investigated', critical: true, signaturesRequired: 2, signaturesMissing: 1, disposition: null });
    const twice = await qaCall(qa1, 'POST', `/quarantine/${w.caseId}/dispose`, { disposition: 'reject', rejectAction: 'destroy', signature: sign(qa1, false) });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('same_signer');
    const other = await qaCall(qa2, 'POST', `/quarantine/${w.caseId}/dispose`, { disposition: 'release', signature: sign(qa2) });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('disposition_mismatch');
    const second = await qaCall(qa2, 'POST', `/quarantine/${w.caseId}/dispose`, { disposition: 'reject', rejectAction: 'destroy', signature: sign(qa2) });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body).toMatchObject({ status: 'disposed', disposition: 'reject', rejectAction: 'destroy', signaturesMissing: 0 });
    expect(second.body.signatures.map((s: any) => [s.signerId, s.meaning])).toEqual([[qa1.id, 'qa_rejection'], [qa2.id, 'qa_rejection']]);
    expect(await restockAllowed(appDb(), w.shp)).toMatchObject({ allowed: false });
  });

  it('a reading changed in the database after signing makes the signature verify false', async () => {
    const qa = await makeUser('qa');
    const w = await investigated(qa);
    expect((await qaCall(qa, 'POST', `/quarantine/${w.caseId}/dispose`, { disposition: 'release', signature: sign(qa) })).status).toBe(200);
    expect((await qaCall(qa, 'GET', `/quarantine/${w.caseId}/signatures/verify`)).body.valid).toBe(true);
    // The excursion reading, made to look in range.
    expect(await asSuperuser(`UPDATE telemetry.readings SET t = '{5}' WHERE box_id = $1 AND ts = $2`, [w.boxId, new Date(w.t0)])).toBe(1);
    const v = (await qaCall(qa, 'GET', `/quarantine/${w.caseId}/signatures/verify`)).body;
    expect(v.valid).toBe(false);
    expect(v.signatures[0]).toMatchObject({ valid: false, problems: ['record_changed'] });
    expect(v.recordVersion).not.toBe(v.signatures[0].recordDigest);
  });
});

describe('e-signature re-authentication', () => {
  it('a wrong password is refused with a stable code, audited, and counts toward the lockout like a failed login', async () => {
    const qa = await makeUser('qa');
    const w = await investigated(qa);
    const path = `/quarantine/${w.caseId}/dispose`;
    const bad = await qaCall(qa, 'POST', path, { disposition: 'release', signature: { username: qa.username, password: 'not-my-password' } });
    expect(bad.status).toBe(403);
    expect(bad.body.error.code).toBe('signature_invalid_credentials');
    expect((await qaCall(qa, 'POST', path, { disposition: 'release', signature: { password: qa.password } })).body.error.code).toBe('signature_username_required');
    const someoneElse = await makeUser('qa');
    expect((await qaCall(qa, 'POST', path, { disposition: 'release', signature: { username: someoneElse.username, password: someoneElse.password } })).body.error.code).toBe('signature_user_mismatch');
    // Nothing was signed or moved.
    expect((await qaCall(qa, 'GET', `/quarantine/${w.caseId}`)).body).toMatchObject({ status: 'investigated', signatures: [] });
    for (let i = 2; i <= 5; i++) {
      expect((await qaCall(qa, 'POST', path, { disposition: 'release', signature: { username: qa.username, password: `wrong-${i}` } })).status).toBe(403);
    }
    // Five failures: even the right password is refused now, and so is a login.
    const locked = await qaCall(qa, 'POST', path, { disposition: 'release', signature: sign(qa) });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('account_locked');
    expect((await call(api.url, 'POST', '/api/v1/auth/login', { body: { username: qa.username, password: qa.password } })).body.error.code).toBe('account_locked');
    const audit = await appDb().query(`SELECT action FROM platform.audit_log WHERE (actor_id = $1 OR entity_id = $1) AND action LIKE 'security.%' ORDER BY id`, [qa.id]);
    expect(audit.rows.map((r) => r.action).filter((a) => a === 'security.esign_failed')).toHaveLength(5);
    expect(audit.rows.map((r) => r.action)).toContain('security.lockout');
  });

  it('after a first signature with username and password, the same session signs with the password alone', async () => {
    const qa = await makeUser('qa');
    const a = await investigated(qa);
    const b = await investigated(qa);
    expect((await qaCall(qa, 'POST', `/quarantine/${a.caseId}/dispose`, { disposition: 'release', signature: sign(qa) })).status).toBe(200);
    const later = await qaCall(qa, 'POST', `/quarantine/${b.caseId}/dispose`, { disposition: 'release', signature: sign(qa, false) });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    const row = await appDb().query(`SELECT new_value FROM platform.audit_log WHERE action = 'esign.sign' AND entity_id = $1`, [b.caseId]);
    expect(row.rows[0].new_value.components).toBe('password');
  });
});

describe('change requests for alarm profiles', () => {
  it('proposed with a reason, approved by another QA user with an e-signature, then in force; approval by the proposer is refused and the old value stays readable', async () => {
    const qa1 = await makeUser('qa');
    const qa2 = await makeUser('qa');
    const fac = uniq('fac_');
    const recipients = (await smsContacts(3)).map((contactId) => ({ channel: 'sms', contactId }));
    await saveProfile(appDb(), { facilityId: fac, productClass: 'chilled', override: { highDelayMs: 900_000, recipients: recipients as any }, escalation: [] }, null);
    const body = { targetType: 'alarm_profile', facilityId: fac, productClass: 'chilled', override: { highDelayMs: 600_000, recipients }, reason: 'Stability data allow only 10 min above 8 °C' };
    expect((await qaCall(qa1, 'POST', '/change-requests', { ...body, reason: undefined })).body.error.code).toBe('validation_failed');
    expect((await qaCall(qa1, 'POST', '/change-requests', { ...body, override: { recipients: recipients.slice(0, 2) } })).body.error.code).toBe('profile_invalid');
    const proposed = await qaCall(qa1, 'POST', '/change-requests', body);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'proposed', proposedBy: qa1.id, previous: { override: { highDelayMs: 900_000 } } });
    const id = proposed.body.id;
    // Not in force yet.
    const stored = async () => (await appDb().query(`SELECT override FROM telemetry.alarm_profiles WHERE facility_id = $1`, [fac])).rows[0].override;
    expect((await stored()).highDelayMs).toBe(900_000);
    const self = await qaCall(qa1, 'POST', `/change-requests/${id}/approve`, { signature: sign(qa1) });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('same_user_approval');
    expect((await qaCall(qa2, 'POST', `/change-requests/${id}/approve`, { signature: { username: qa2.username, password: 'wrong-password' } })).body.error.code).toBe('signature_invalid_credentials');
    expect((await stored()).highDelayMs).toBe(900_000);
    const ok = await qaCall(qa2, 'POST', `/change-requests/${id}/approve`, { signature: sign(qa2) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'in_force', approvedBy: qa2.id, signature: { signerId: qa2.id, meaning: 'change_approval' }, profile: { highDelayMs: 600_000 } });
    expect((await stored()).highDelayMs).toBe(600_000);
    expect((await qaCall(qa2, 'POST', `/change-requests/${id}/approve`, { signature: sign(qa2, false) })).body.error.code).toBe('change_request_not_proposed');
    const listed = (await qaCall(qa1, 'GET', '/change-requests?status=in_force')).body.changeRequests.find((r: any) => r.id === id);
    expect(listed).toMatchObject({ previous: { override: { highDelayMs: 900_000 } }, proposed: { override: { highDelayMs: 600_000 } } });
    const audit = await appDb().query(`SELECT old_value, new_value, reason FROM platform.audit_log WHERE action = 'alarm_profile.set' AND entity_id = $1`, [`${fac}/chilled`]);
    expect(audit.rows[0]).toMatchObject({ old_value: { override: { highDelayMs: 900_000 } }, new_value: { override: { highDelayMs: 600_000 } }, reason: body.reason });
  });
});

describe('audit-trail review', () => {
  it('lists a period\'s audit rows with their digest, and QA signs the review off; a period not ended is refused', async () => {
    const qa = await makeUser('qa');
    const from = new Date(Date.now() - 60_000);
    await call(api.url, 'POST', '/api/v1/auth/login', { body: { username: qa.username, password: 'wrong-password' } });
    const to = new Date(Date.now() + 5);
    await new Promise((r) => setTimeout(r, 20));
    const q = `/audit-review?from=${from.toISOString()}&to=${to.toISOString()}`;
    const report = await qaCall(qa, 'GET', q);
    expect(report.status).toBe(200);
    expect(report.body.rowCount).toBe(report.body.rows.length);
    expect(report.body.rows.some((r: any) => r.action === 'security.login_failed' && r.newValue.username === qa.username)).toBe(true);
    const ended = await qaCall(qa, 'POST', '/audit-reviews', { from: from.toISOString(), to: new Date(Date.now() + 3_600_000).toISOString(), comment: 'Reviewed', signature: sign(qa) });
    expect(ended.body.error.code).toBe('audit_period_not_ended');
    const signed = await qaCall(qa, 'POST', '/audit-reviews', { from: from.toISOString(), to: to.toISOString(), comment: 'Reviewed: one failed login, no unexplained change', signature: sign(qa) });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body).toMatchObject({ rowCount: expect.any(Number), rowsSha256: expect.stringMatching(/^[0-9a-f]{64}$/), printedName: qa.username });
    const after = (await qaCall(qa, 'GET', q)).body;
    expect(after.signOffs).toMatchObject([{ id: signed.body.id, matchesCurrentRows: true, signature: { meaning: 'reviewed', signerId: qa.id } }]);
    expect((await qaCall(await makeUser('dispatcher'), 'GET', q)).status).toBe(403);
  });
});
