/**
 * Change control for GMP-relevant settings (COMPLIANCE A.18, C.30–31): a QA user proposes a
 * change with a reason; another QA user approves it with an e-signature (meaning
 * `change_approval`); only then is it in force. The value it replaced stays readable on the
 * request (`previous`) and in the audit trail. Alarm profiles today.
 */
import { appDb, withTx, type Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { RequestContext } from '../../platform/http/route';
import { eSign, sha256Hex, type SignatureInput } from '../../platform/auth/esign';
import { checkProfile, saveProfile, type EscalationTier } from '../alarms/profiles';
import type { ProductClass, ProfileOverride } from '../excursion/profile';
import { canonicalJson } from './canonical-json';
import { signatureFrom } from './cases';

export interface AlarmProfileChange { facilityId: string; productClass: ProductClass; override: ProfileOverride; escalation: EscalationTier[] }

const requestFrom = (r: Record<string, any>, sig?: Record<string, any>) => ({
  id: r.id, targetType: r.target_type, targetKey: r.target_key, proposed: r.proposed, previous: r.previous, reason: r.reason, status: r.status,
  proposedBy: r.proposed_by, proposedAt: r.proposed_at.toISOString(), approvedBy: r.approved_by, approvedAt: r.approved_at?.toISOString() ?? null,
  signature: sig ? signatureFrom(sig) : null,
});

/** A proposed alarm-profile change, checked as the profile would be stored (422 when it would not validate). */
export async function proposeProfileChange(change: AlarmProfileChange, reason: string, rc: RequestContext) {
  return withTx(appDb(), async (c) => {
    const { old } = await checkProfile(c, change);
    const id = newId('chg');
    const { rows } = await c.query(
      `INSERT INTO telemetry.qa_change_requests (id, target_type, target_key, proposed, previous, reason, proposed_by)
       VALUES ($1, 'alarm_profile', $2, $3, $4, $5, $6) RETURNING *`,
      [id, `${change.facilityId}/${change.productClass}`, JSON.stringify(change), old ? JSON.stringify(old) : null, reason, rc.user!.id]);
    await rc.audit(c, { action: 'qa.change_propose', entityType: 'change_request', entityId: id, newValue: { target: `alarm_profile ${change.facilityId}/${change.productClass}`, proposed: change, current: old } });
    return requestFrom(rows[0]);
  });
}

export async function listChangeRequests(q: Queryable, f: { status?: string; limit: number }) {
  const { rows } = await q.query(
    `SELECT r.*, to_jsonb(s) AS sig FROM telemetry.qa_change_requests r LEFT JOIN telemetry.qa_signatures s ON s.id = r.signature_id
      ${f.status ? 'WHERE r.status = $2' : ''} ORDER BY r.proposed_at DESC, r.id LIMIT $1`, f.status ? [f.limit, f.status] : [f.limit]);
  return rows.map((r) => requestFrom(r, r.sig ? { ...r.sig, signed_at: new Date(r.sig.signed_at) } : undefined));
}

/** The exact content an approval signs: the change, what it replaces, and why. */
const approvalContent = (r: Record<string, any>, previous: unknown) => canonicalJson({
  subject: 'change_request', changeRequestId: r.id, meaning: 'change_approval', targetType: r.target_type, targetKey: r.target_key,
  proposed: r.proposed, previous: previous ?? null, reason: r.reason, proposedBy: r.proposed_by,
});

/** Approves and applies a proposed change; the approver must be another QA user than the proposer. */
export async function approveChange(id: string, signature: SignatureInput, rc: RequestContext) {
  return withTx(appDb(), async (c) => {
    const { rows } = await c.query(`SELECT * FROM telemetry.qa_change_requests WHERE id = $1 FOR UPDATE`, [id]);
    const r = rows[0];
    if (!r) throw new AppError('not_found', 'change_request_not_found', `No change request ${id}.`);
    if (r.status !== 'proposed') throw new AppError('conflict', 'change_request_not_proposed', `The change request is ${r.status}; only a proposed one can be approved.`, { state: r.status });
    if (r.proposed_by === rc.user!.id) throw new AppError('conflict', 'same_user_approval', 'A change is approved by another QA user than the one who proposed it.');
    const change = r.proposed as AlarmProfileChange;
    // The value in force now (it may have changed since the proposal) is what this replaces.
    const { old } = await checkProfile(c, change);
    const content = approvalContent(r, old);
    const contentSha256 = sha256Hex(content);
    const sig = await eSign(c, rc, signature, { meaning: 'change_approval', contentSha256, entityType: 'change_request', entityId: id });
    const sigId = newId('sig');
    const sigRow = (await c.query(
      `INSERT INTO telemetry.qa_signatures (id, subject_type, subject_id, signer_id, username, printed_name, meaning, signed_at, signed_at_local, time_zone, content, content_sha256)
       VALUES ($1,'change_request',$2,$3,$4,$5,'change_approval',$6,$7,$8,$9,$10) RETURNING *`,
      [sigId, id, sig.signerId, sig.username, sig.printedName, sig.signedAt, sig.signedAtLocal, sig.timeZone, content, contentSha256])).rows[0];
    const saved = await saveProfile(c, change, rc.user!.id);
    const upd = await c.query(
      `UPDATE telemetry.qa_change_requests SET status = 'in_force', previous = $2, approved_by = $3, approved_at = now(), signature_id = $4, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, old ? JSON.stringify(old) : null, rc.user!.id, sigId]);
    await rc.audit(c, { action: 'alarm_profile.set', entityType: 'alarm_profile', entityId: r.target_key, oldValue: old, newValue: { override: change.override, escalation: change.escalation }, reason: r.reason });
    await rc.audit(c, { action: 'qa.change_approve', entityType: 'change_request', entityId: id, oldValue: { status: 'proposed' }, newValue: { status: 'in_force', signature: sigId } });
    return { ...requestFrom(upd.rows[0], sigRow), profile: saved.profile as unknown as Record<string, unknown> };
  });
}
