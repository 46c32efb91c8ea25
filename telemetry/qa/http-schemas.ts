/** The QA routes' answers, as the document declares them and the dev/test profiles check them. */
import { z } from 'zod';
import { AuditOut } from '../../platform/audit/routes';
import { CASE_STATES, DISPOSITIONS, REJECT_ACTIONS } from './cases';

const Iso = z.string().meta({ description: 'ISO 8601 instant (UTC)' });

export const SignatureOut = z.object({
  id: z.string(), signerId: z.string(), username: z.string(), printedName: z.string(),
  meaning: z.string().meta({ description: 'qa_release, qa_rejection, reviewed or change_approval' }),
  signedAt: Iso, signedAtLocal: z.string().meta({ description: 'The same instant in the signer\'s zone, with its offset' }), timeZone: z.string(),
  contentSha256: z.string().meta({ description: 'SHA-256 of the exact content signed' }), recordDigest: z.string().nullable(),
}).meta({ id: 'ESignature' });

export const QaCaseOut = z.object({
  id: z.string(), shipmentId: z.string(), status: z.enum(CASE_STATES), critical: z.boolean(), signaturesRequired: z.int(),
  openedAt: Iso, acknowledgedAt: Iso.nullable(), acknowledgedBy: z.string().nullable(), ackNote: z.string().nullable(),
  investigatedAt: Iso.nullable(), investigatedBy: z.string().nullable(), rootCause: z.string().nullable(), capa: z.string().nullable(),
  disposition: z.enum(DISPOSITIONS).nullable(), rejectAction: z.enum(REJECT_ACTIONS).nullable(), disposedAt: Iso.nullable(),
}).meta({ id: 'QaCase' });

export const QaCaseListItemOut = QaCaseOut.extend({ reasonCodes: z.array(z.string()) }).meta({ id: 'QaCaseListItem' });

export const QaCaseDetailOut = QaCaseOut.extend({
  reasons: z.array(z.object({ code: z.string(), source: z.string(), at: Iso, critical: z.boolean(), detail: z.unknown(), recordedAt: Iso })),
  signatures: z.array(SignatureOut),
  signaturesMissing: z.int().optional().meta({ description: 'After a disposition signature: how many more signers a critical case still needs' }),
}).meta({ id: 'QaCaseDetail' });

export const SignatureCheckOut = z.object({
  caseId: z.string(), shipmentId: z.string(), recordVersion: z.string(), readings: z.int(), valid: z.boolean(),
  signatures: z.array(SignatureOut.extend({ valid: z.boolean(), problems: z.array(z.enum(['content_hash_mismatch', 'record_changed', 'decision_changed'])) })),
}).meta({ id: 'QaSignatureCheck' });

export const ChangeRequestOut = z.object({
  id: z.string(), targetType: z.string(), targetKey: z.string(), proposed: z.unknown(), previous: z.unknown(), reason: z.string(),
  status: z.enum(['proposed', 'in_force', 'withdrawn']), proposedBy: z.string(), proposedAt: Iso, approvedBy: z.string().nullable(), approvedAt: Iso.nullable(),
  signature: SignatureOut.nullable(),
  profile: z.record(z.string(), z.unknown()).optional().meta({ description: 'On approval: the profile now in force' }),
}).meta({ id: 'ChangeRequest' });

const SignOffOut = z.object({
  id: z.string(), from: Iso, to: Iso, rowCount: z.int(), lastRowId: z.number().nullable(), rowsSha256: z.string(), comment: z.string(),
  reviewedBy: z.string(), createdAt: Iso, signature: SignatureOut, matchesCurrentRows: z.boolean(),
});

export const AuditReviewOut = z.object({
  from: Iso, to: Iso, rowCount: z.int(), rowsSha256: z.string(), rows: z.array(AuditOut), signOffs: z.array(SignOffOut),
}).meta({ id: 'AuditReview' });

export const AuditSignOffOut = z.object({
  id: z.string(), from: Iso, to: Iso, rowCount: z.int(), rowsSha256: z.string(), signatureId: z.string(), signedAtLocal: z.string(), printedName: z.string(),
}).meta({ id: 'AuditReviewSignOff' });
