/**
 * Quarantine cases and their lifecycle `open → acknowledged → investigated → disposed`
 * (issue 17; COMPLIANCE B.25, C.30–34, D.49). A case opens by itself (telemetry.qa_quarantine:
 * the alarm trigger, or `quarantineFromLifecycle` called by app/); people move it on. The
 * disposition is `release` or `reject` (`destroy` | `return_to_supplier`), signed by one QA user,
 * or by two different ones when a reason was critical. Every step writes an audit row.
 */
import type pg from 'pg';
import { appDb, withTx, type Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { RequestContext } from '../../platform/http/route';
import { eSign, sha256Hex, type SignatureInput, type SignatureMeaning } from '../../platform/auth/esign';
import { canonicalJson } from './canonical-json';
import { recordVersionDigest } from './record-digest';
import type { QaPorts } from './ports';

export const CASE_STATES = ['open', 'acknowledged', 'investigated', 'disposed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const DISPOSITIONS = ['release', 'reject'] as const;
export const REJECT_ACTIONS = ['destroy', 'return_to_supplier'] as const;

export interface QaCase {
  id: string; shipmentId: string; status: CaseState; critical: boolean; signaturesRequired: number;
  openedAt: string; acknowledgedAt: string | null; acknowledgedBy: string | null; ackNote: string | null;
  investigatedAt: string | null; investigatedBy: string | null; rootCause: string | null; capa: string | null;
  disposition: 'release' | 'reject' | null; rejectAction: 'destroy' | 'return_to_supplier' | null; disposedAt: string | null;
}

export interface StoredSignature {
  id: string; signerId: string; username: string; printedName: string; meaning: SignatureMeaning;
  signedAt: string; signedAtLocal: string; timeZone: string; contentSha256: string; recordDigest: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const caseFrom = (r: Record<string, any>): QaCase => ({
  id: r.id, shipmentId: r.shipment_id, status: r.status, critical: r.critical, signaturesRequired: r.critical ? 2 : 1,
  openedAt: r.opened_at.toISOString(), acknowledgedAt: iso(r.acknowledged_at), acknowledgedBy: r.acknowledged_by, ackNote: r.ack_note,
  investigatedAt: iso(r.investigated_at), investigatedBy: r.investigated_by, rootCause: r.root_cause, capa: r.capa,
  disposition: r.disposition, rejectAction: r.reject_action, disposedAt: iso(r.disposed_at),
});

export const signatureFrom = (r: Record<string, any>): StoredSignature => ({
  id: r.id, signerId: r.signer_id, username: r.username, printedName: r.printed_name, meaning: r.meaning,
  signedAt: r.signed_at.toISOString(), signedAtLocal: r.signed_at_local, timeZone: r.time_zone, contentSha256: r.content_sha256, recordDigest: r.record_digest,
});

/** Why a lifecycle step quarantines a shipment, or null (app/ passes tracking's transitions). */
export function lifecycleReason(t: { to: string; failCode?: string | null; coldClasses: string[] }): 'cold_chain_breach' | 'cold_return' | null {
  if (t.to === 'failed' && t.failCode === 'cold_chain_breach') return 'cold_chain_breach';
  if (t.to === 'returned' && t.coldClasses.some((c) => c !== 'ambient')) return 'cold_return';
  return null;
}

/**
 * Quarantines a shipment for a lifecycle step, inside the caller's transaction (the step and its
 * quarantine commit together). Returns the case id, or null when the step is no reason or was
 * already recorded.
 */
export async function quarantineFromLifecycle(q: Queryable, t: { shipmentId: string; to: string; failCode?: string | null; coldClasses: string[]; at: Date }): Promise<string | null> {
  const code = lifecycleReason(t);
  if (!code) return null;
  const { rows } = await q.query(`SELECT telemetry.qa_quarantine($1, $2, $3, $4, false, $5) AS id`,
    [t.shipmentId, code, `lifecycle:${t.to}`, t.at, JSON.stringify({ state: t.to, ...(t.failCode ? { failCode: t.failCode } : {}) })]);
  return rows[0].id;
}

/** The QA queue: cases (newest first), optionally of one status. */
export async function listCases(q: Queryable, f: { status?: CaseState; limit: number }) {
  const { rows } = await q.query(
    `SELECT c.*, (SELECT coalesce(jsonb_agg(DISTINCT r.code), '[]') FROM telemetry.qa_case_reasons r WHERE r.case_id = c.id) AS codes
       FROM telemetry.qa_cases c ${f.status ? 'WHERE c.status = $2' : ''} ORDER BY c.opened_at DESC, c.id LIMIT $1`,
    f.status ? [f.limit, f.status] : [f.limit]);
  return rows.map((r) => ({ ...caseFrom(r), reasonCodes: r.codes as string[] }));
}

export async function getCase(q: Queryable, id: string) {
  const { rows } = await q.query(`SELECT * FROM telemetry.qa_cases WHERE id = $1`, [id]);
  if (!rows[0]) throw new AppError('not_found', 'qa_case_not_found', `No QA case ${id}.`);
  const [reasons, sigs] = await Promise.all([
    q.query(`SELECT code, source, at, critical, detail, recorded_at FROM telemetry.qa_case_reasons WHERE case_id = $1 ORDER BY recorded_at, source`, [id]),
    q.query(`SELECT * FROM telemetry.qa_signatures WHERE subject_type = 'qa_case' AND subject_id = $1 ORDER BY signed_at, id`, [id]),
  ]);
  return {
    ...caseFrom(rows[0]),
    reasons: reasons.rows.map((r) => ({ code: r.code, source: r.source, at: r.at.toISOString(), critical: r.critical, detail: r.detail, recordedAt: r.recorded_at.toISOString() })),
    signatures: sigs.rows.map(signatureFrom),
  };
}

/** The shipment's latest case, or null: what a restock must ask (GDP 6.3, COMPLIANCE B.25). */
export async function restockAllowed(q: Queryable, shipmentId: string): Promise<{ allowed: boolean; caseId: string | null; reason: string }> {
  const { rows } = await q.query(`SELECT id, status, disposition FROM telemetry.qa_cases WHERE shipment_id = $1 ORDER BY opened_at DESC, id DESC LIMIT 1`, [shipmentId]);
  const c = rows[0];
  if (!c) return { allowed: true, caseId: null, reason: 'not quarantined' };
  if (c.status !== 'disposed') return { allowed: false, caseId: c.id, reason: `quarantined (${c.status}): QA has not decided` };
  return c.disposition === 'release'
    ? { allowed: true, caseId: c.id, reason: 'released by QA' }
    : { allowed: false, caseId: c.id, reason: 'rejected by QA' };
}

async function lockCase(c: pg.PoolClient, id: string): Promise<Record<string, any>> {
  const { rows } = await c.query(`SELECT * FROM telemetry.qa_cases WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new AppError('not_found', 'qa_case_not_found', `No QA case ${id}.`);
  return rows[0];
}

function refuseTransition(from: string, step: string, allowed: string): never {
  throw new AppError('conflict', 'qa_transition_not_allowed', `The case is ${from}; "${step}" needs a case that is ${allowed}.`, { state: from });
}

export async function acknowledgeCase(id: string, note: string | undefined, rc: RequestContext) {
  return withTx(appDb(), async (c) => {
    const row = await lockCase(c, id);
    if (row.status !== 'open') refuseTransition(row.status, 'acknowledge', 'open');
    const { rows } = await c.query(
      `UPDATE telemetry.qa_cases SET status = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2, ack_note = $3, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, rc.user!.id, note ?? null]);
    await rc.audit(c, { action: 'qa.acknowledge', entityType: 'qa_case', entityId: id, oldValue: { status: row.status }, newValue: { status: 'acknowledged', note: note ?? null } });
    return caseFrom(rows[0]);
  });
}

export async function investigateCase(id: string, b: { rootCause: string; capa: string }, rc: RequestContext) {
  return withTx(appDb(), async (c) => {
    const row = await lockCase(c, id);
    if (row.status !== 'acknowledged') refuseTransition(row.status, 'investigate', 'acknowledged');
    const { rows } = await c.query(
      `UPDATE telemetry.qa_cases SET status = 'investigated', investigated_at = now(), investigated_by = $2, root_cause = $3, capa = $4, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, rc.user!.id, b.rootCause, b.capa]);
    await rc.audit(c, { action: 'qa.investigate', entityType: 'qa_case', entityId: id, oldValue: { status: row.status }, newValue: { status: 'investigated', rootCause: b.rootCause, capa: b.capa } });
    return caseFrom(rows[0]);
  });
}

/** The exact content a disposition signature covers: the decision and the record version. */
export function dispositionContent(row: Record<string, any>, d: { disposition: string; rejectAction: string | null; meaning: SignatureMeaning; recordDigest: string }): string {
  return canonicalJson({
    subject: 'qa_case', caseId: row.id, shipmentId: row.shipment_id, meaning: d.meaning,
    disposition: d.disposition, rejectAction: d.rejectAction, rootCause: row.root_cause, capa: row.capa,
    recordVersion: d.recordDigest,
  });
}

export interface DisposeInput { disposition: 'release' | 'reject'; rejectAction?: 'destroy' | 'return_to_supplier'; signature: SignatureInput }

/**
 * Signs a disposition. A case needing two signers stays `investigated` after the first
 * signature; the second, by another QA user, must sign the same decision over the same record
 * version, and disposes it.
 */
export async function disposeCase(id: string, b: DisposeInput, rc: RequestContext, ports: QaPorts) {
  if (b.disposition === 'reject' && !b.rejectAction) throw new AppError('invalid_input', 'reject_action_required', 'A rejection says what happens to the goods: rejectAction destroy or return_to_supplier.');
  if (b.disposition === 'release' && b.rejectAction) throw new AppError('invalid_input', 'reject_action_not_allowed', 'A release has no rejectAction.');
  const meaning: SignatureMeaning = b.disposition === 'release' ? 'qa_release' : 'qa_rejection';
  const rejectAction = b.rejectAction ?? null;
  const result = await withTx(appDb(), async (c) => {
    const row = await lockCase(c, id);
    if (row.status !== 'investigated') refuseTransition(row.status, 'dispose', 'investigated');
    const prior = (await c.query(`SELECT * FROM telemetry.qa_signatures WHERE subject_type = 'qa_case' AND subject_id = $1 ORDER BY signed_at`, [id])).rows;
    if (prior.some((s) => s.signer_id === rc.user!.id)) {
      throw new AppError('conflict', 'same_signer', 'You have already signed this disposition; a second signature must come from another QA user.');
    }
    const record = await recordVersionDigest(row.shipment_id, { q: c, ports });
    const content = dispositionContent(row, { disposition: b.disposition, rejectAction, meaning, recordDigest: record.sha256 });
    if (prior.length) {
      const first = prior[0];
      if (first.record_digest !== record.sha256) {
        throw new AppError('conflict', 'record_changed_since_first_signature', 'The shipment\'s record changed after the first signature; the case needs a new review.', { signedRecordVersion: first.record_digest, currentRecordVersion: record.sha256 });
      }
      if (first.content !== content) {
        throw new AppError('conflict', 'disposition_mismatch', 'The second signature must confirm the same decision as the first.', { firstMeaning: first.meaning, first: JSON.parse(first.content) });
      }
    }
    const contentSha256 = sha256Hex(content);
    const sig = await eSign(c, rc, b.signature, { meaning, contentSha256, entityType: 'qa_case', entityId: id });
    const sigId = newId('sig');
    await c.query(
      `INSERT INTO telemetry.qa_signatures (id, subject_type, subject_id, signer_id, username, printed_name, meaning, signed_at, signed_at_local, time_zone, content, content_sha256, record_digest)
       VALUES ($1,'qa_case',$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [sigId, id, sig.signerId, sig.username, sig.printedName, meaning, sig.signedAt, sig.signedAtLocal, sig.timeZone, content, contentSha256, record.sha256]);
    const required = row.critical ? 2 : 1;
    const signed = prior.length + 1;
    if (signed >= required) {
      await c.query(`UPDATE telemetry.qa_cases SET status = 'disposed', disposition = $2, reject_action = $3, disposed_at = now(), updated_at = now() WHERE id = $1`, [id, b.disposition, rejectAction]);
      await rc.audit(c, { action: 'qa.dispose', entityType: 'qa_case', entityId: id, oldValue: { status: row.status }, newValue: { status: 'disposed', disposition: b.disposition, rejectAction, recordVersion: record.sha256, signatures: [...prior.map((s) => s.id), sigId] } });
    } else {
      await rc.audit(c, { action: 'qa.dispose_signed', entityType: 'qa_case', entityId: id, newValue: { disposition: b.disposition, rejectAction, recordVersion: record.sha256, signature: sigId, signaturesMissing: required - signed } });
    }
    return { signatureId: sigId, signaturesMissing: Math.max(0, required - signed) };
  });
  return { ...(await getCase(appDb(), id)), signaturesMissing: result.signaturesMissing };
}

/**
 * Checks every signature of a case against the record as it is now: the stored content still
 * hashes to the stored digest, it names the current record version, and (once disposed) the
 * decision the case carries.
 */
export async function verifyCaseSignatures(q: Queryable, id: string, ports: QaPorts) {
  const { rows } = await q.query(`SELECT * FROM telemetry.qa_cases WHERE id = $1`, [id]);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'qa_case_not_found', `No QA case ${id}.`);
  const sigs = (await q.query(`SELECT * FROM telemetry.qa_signatures WHERE subject_type = 'qa_case' AND subject_id = $1 ORDER BY signed_at, id`, [id])).rows;
  const current = await recordVersionDigest(row.shipment_id, { q, ports });
  const checked = sigs.map((s) => {
    const content = JSON.parse(s.content) as Record<string, unknown>;
    const problems: string[] = [];
    if (sha256Hex(s.content) !== s.content_sha256) problems.push('content_hash_mismatch');
    if (content.recordVersion !== current.sha256) problems.push('record_changed');
    if (row.status === 'disposed' && (content.disposition !== row.disposition || content.rejectAction !== row.reject_action)) problems.push('decision_changed');
    return { ...signatureFrom(s), valid: problems.length === 0, problems };
  });
  return {
    caseId: id, shipmentId: row.shipment_id, recordVersion: current.sha256, readings: current.readings,
    valid: checked.length > 0 && checked.every((s) => s.valid), signatures: checked,
  };
}
