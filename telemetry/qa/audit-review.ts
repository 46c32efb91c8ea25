/**
 * The periodic audit-trail review (EU GMP Annex 11 §9, COMPLIANCE C.31): QA reads every audit
 * row of a closed period and signs it off (meaning `reviewed`). The sign-off stores the rows'
 * count, the last row id and the SHA-256 of their canonical JSON, so a later look can tell
 * whether the reviewed trail is still the one signed.
 */
import { appDb, withTx, type Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { RequestContext } from '../../platform/http/route';
import { queryAudit } from '../../platform/audit/audit';
import { eSign, sha256Hex, type SignatureInput } from '../../platform/auth/esign';
import { canonicalJson } from './canonical-json';
import { signatureFrom } from './cases';

/** A review covers at most this many rows: a busier period is reviewed in shorter pieces. */
export const AUDIT_REVIEW_MAX_ROWS = 20_000;

async function periodRows(q: Queryable, from: Date, to: Date) {
  if (!(to > from)) throw new AppError('invalid_input', 'invalid_period', '"to" must be after "from".');
  const rows = await queryAudit(q, { from, to, limit: AUDIT_REVIEW_MAX_ROWS + 1 });
  if (rows.length > AUDIT_REVIEW_MAX_ROWS) {
    throw new AppError('unprocessable', 'audit_period_too_large', `The period holds more than ${AUDIT_REVIEW_MAX_ROWS} audit rows; review it in shorter periods.`);
  }
  rows.reverse(); // oldest first, as read
  return { rows, sha256: sha256Hex(canonicalJson(rows)), lastRowId: rows.length ? Number(rows[rows.length - 1].id) : null };
}

async function reviewsOf(q: Queryable, from: Date, to: Date) {
  const { rows } = await q.query(
    `SELECT r.*, to_jsonb(s) AS sig FROM telemetry.qa_audit_reviews r JOIN telemetry.qa_signatures s ON s.id = r.signature_id
      WHERE r.period_from = $1 AND r.period_to = $2 ORDER BY r.created_at`, [from, to]);
  return rows.map((r) => ({
    id: r.id, from: r.period_from.toISOString(), to: r.period_to.toISOString(), rowCount: r.row_count, lastRowId: r.last_row_id === null ? null : Number(r.last_row_id),
    rowsSha256: r.rows_sha256, comment: r.comment, reviewedBy: r.reviewed_by, createdAt: r.created_at.toISOString(),
    signature: signatureFrom({ ...r.sig, signed_at: new Date(r.sig.signed_at) }),
  }));
}

/** The report: the period's rows (oldest first), their digest, and its sign-offs with whether each still matches. */
export async function auditReviewReport(q: Queryable, from: Date, to: Date) {
  const p = await periodRows(q, from, to);
  const signOffs = (await reviewsOf(q, from, to)).map((s) => ({ ...s, matchesCurrentRows: s.rowsSha256 === p.sha256 }));
  return { from: from.toISOString(), to: to.toISOString(), rowCount: p.rows.length, rowsSha256: p.sha256, rows: p.rows, signOffs };
}

/** Signs off a closed period (its end not after now, so no later row can fall inside it). */
export async function signOffAuditReview(b: { from: Date; to: Date; comment: string; signature: SignatureInput }, rc: RequestContext) {
  if (b.to.getTime() > Date.now()) throw new AppError('unprocessable', 'audit_period_not_ended', 'Only a period that has ended can be signed off.');
  return withTx(appDb(), async (c) => {
    const p = await periodRows(c, b.from, b.to);
    const id = newId('arv');
    const content = canonicalJson({ subject: 'audit_review', reviewId: id, meaning: 'reviewed', from: b.from, to: b.to, rowCount: p.rows.length, lastRowId: p.lastRowId, rowsSha256: p.sha256, comment: b.comment });
    const contentSha256 = sha256Hex(content);
    const sig = await eSign(c, rc, b.signature, { meaning: 'reviewed', contentSha256, entityType: 'audit_review', entityId: id });
    const sigId = newId('sig');
    await c.query(
      `INSERT INTO telemetry.qa_signatures (id, subject_type, subject_id, signer_id, username, printed_name, meaning, signed_at, signed_at_local, time_zone, content, content_sha256)
       VALUES ($1,'audit_review',$2,$3,$4,$5,'reviewed',$6,$7,$8,$9,$10)`,
      [sigId, id, sig.signerId, sig.username, sig.printedName, sig.signedAt, sig.signedAtLocal, sig.timeZone, content, contentSha256]);
    await c.query(
      `INSERT INTO telemetry.qa_audit_reviews (id, period_from, period_to, row_count, last_row_id, rows_sha256, comment, reviewed_by, signature_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [id, b.from, b.to, p.rows.length, p.lastRowId, p.sha256, b.comment, rc.user!.id, sigId]);
    await rc.audit(c, { action: 'qa.audit_review', entityType: 'audit_review', entityId: id, newValue: { from: b.from.toISOString(), to: b.to.toISOString(), rowCount: p.rows.length, rowsSha256: p.sha256, signature: sigId } });
    return { id, from: b.from.toISOString(), to: b.to.toISOString(), rowCount: p.rows.length, rowsSha256: p.sha256, signatureId: sigId, signedAtLocal: sig.signedAtLocal, printedName: sig.printedName };
  });
}
