/**
 * QA routes under /api/v1/qa: the quarantine queue and a case's lifecycle with its signed
 * disposition, signature verification, alarm-profile change requests and the audit-trail
 * review. QA users act; admins read.
 */
import { z } from 'zod';
import { appDb } from '../../platform/db/pool';
import { route, schemas, type RouteModule } from '../../platform/http/route';
import { SignatureInput } from '../../platform/auth/esign';
import { EscalationSchema } from '../alarms/profiles';
import { PRODUCT_CLASSES, type ProfileOverride } from '../excursion/profile';
import { CASE_STATES, DISPOSITIONS, REJECT_ACTIONS, acknowledgeCase, disposeCase, getCase, investigateCase, listCases, verifyCaseSignatures } from './cases';
import { approveChange, listChangeRequests, proposeProfileChange } from './change-requests';
import { auditReviewReport, signOffAuditReview } from './audit-review';
import type { QaPorts } from './ports';
import { AuditReviewOut, AuditSignOffOut, ChangeRequestOut, QaCaseDetailOut, QaCaseListItemOut, QaCaseOut, SignatureCheckOut } from './http-schemas';

const READ = ['qa', 'admin'] as const;
const ACT = ['qa'] as const;
const CaseParams = z.object({ id: schemas.id('qac') }).strict();
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const text = (max: number) => z.string().trim().min(3).max(max);

export function qaModule(ports: QaPorts): RouteModule {
  const queue = route({
    method: 'get', path: '/qa/quarantine', operationId: 'listQaCases', response: z.object({ cases: z.array(QaCaseListItemOut) }), summary: 'The QA queue: quarantined shipments\' cases, newest first', tags: ['quality'], access: READ,
    query: z.object({ status: z.enum(CASE_STATES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
    async handler({ query }) {
      return { body: { cases: await listCases(appDb(), query) } };
    },
  });

  const one = route({
    method: 'get', path: '/qa/quarantine/:id', operationId: 'getQaCase', response: QaCaseDetailOut, errors: { 404: { codes: ['qa_case_not_found'] } }, summary: 'One QA case: its reasons, steps and signatures', tags: ['quality'], access: READ,
    params: CaseParams,
    async handler({ params }) {
      return { body: await getCase(appDb(), params.id) };
    },
  });

  const acknowledge = route({
    method: 'post', path: '/qa/quarantine/:id/acknowledge', operationId: 'acknowledgeQaCase', response: QaCaseOut, errors: { 404: { codes: ['qa_case_not_found'] }, 409: { codes: ['qa_transition_not_allowed'] } }, summary: 'Acknowledge a new case (open → acknowledged)', tags: ['quality'], access: ACT,
    params: CaseParams, successStatus: 200,
    body: z.object({ note: z.string().trim().max(2000).optional() }).strict(),
    async handler({ params, body }, rc) {
      return { body: await acknowledgeCase(params.id, body.note, rc) };
    },
  });

  const investigate = route({
    method: 'post', path: '/qa/quarantine/:id/investigate', operationId: 'investigateQaCase', response: QaCaseOut, errors: { 404: { codes: ['qa_case_not_found'] }, 409: { codes: ['qa_transition_not_allowed'] } }, summary: 'Record the investigation: root cause and CAPA (acknowledged → investigated)', tags: ['quality'], access: ACT,
    params: CaseParams, successStatus: 200,
    body: z.object({ rootCause: text(4000), capa: text(4000) }).strict(),
    async handler({ params, body }, rc) {
      return { body: await investigateCase(params.id, body, rc) };
    },
  });

  const dispose = route({
    method: 'post', path: '/qa/quarantine/:id/dispose', operationId: 'disposeQaCase', response: QaCaseDetailOut,
    errors: { 403: { codes: ['signature_invalid_credentials'] }, 409: { codes: ['qa_transition_not_allowed', 'same_signer', 'disposition_mismatch', 'record_changed_since_first_signature'] } },
    summary: 'Sign the disposition (release, or reject: destroy / return to supplier). Re-authenticates; a critical case needs two different QA signers',
    tags: ['quality'], access: ACT, params: CaseParams, successStatus: 200,
    body: z.object({ disposition: z.enum(DISPOSITIONS), rejectAction: z.enum(REJECT_ACTIONS).optional(), signature: SignatureInput, reason: z.string().trim().max(2000).optional() }).strict(),
    async handler({ params, body }, rc) {
      return { body: await disposeCase(params.id, body, rc, ports) };
    },
  });

  const verify = route({
    method: 'get', path: '/qa/quarantine/:id/signatures/verify', operationId: 'verifyQaSignatures', response: SignatureCheckOut, summary: 'Check the case\'s signatures against the shipment\'s record as it is now', tags: ['quality'], access: READ,
    params: CaseParams,
    async handler({ params }) {
      return { body: await verifyCaseSignatures(appDb(), params.id, ports) };
    },
  });

  const proposeChange = route({
    method: 'post', path: '/qa/change-requests', operationId: 'proposeChangeRequest', response: ChangeRequestOut, summary: 'Propose an alarm-profile change (in force once another QA user approves it with an e-signature)', tags: ['quality'], access: ACT,
    reasonRequired: true,
    body: z.object({
      targetType: z.literal('alarm_profile'),
      facilityId: z.string().regex(/^(\*|[a-z]+_[a-z0-9]{2,40})$/),
      productClass: z.enum(PRODUCT_CLASSES),
      override: z.record(z.string(), z.unknown()),
      escalation: EscalationSchema.default([]),
      reason: schemas.reason,
    }).strict(),
    async handler({ body }, rc) {
      return { body: await proposeProfileChange({ facilityId: body.facilityId, productClass: body.productClass, override: body.override as ProfileOverride, escalation: body.escalation }, body.reason, rc) };
    },
  });

  const listChanges = route({
    method: 'get', path: '/qa/change-requests', operationId: 'listChangeRequests', response: z.object({ changeRequests: z.array(ChangeRequestOut) }), summary: 'Change requests with the value each replaced', tags: ['quality'], access: READ,
    query: z.object({ status: z.enum(['proposed', 'in_force', 'withdrawn']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
    async handler({ query }) {
      return { body: { changeRequests: await listChangeRequests(appDb(), query) } };
    },
  });

  const approve = route({
    method: 'post', path: '/qa/change-requests/:id/approve', operationId: 'approveChangeRequest', response: ChangeRequestOut, summary: 'Approve a change request with an e-signature (another QA user than the proposer); it comes into force', tags: ['quality'], access: ACT,
    params: z.object({ id: schemas.id('chg') }).strict(), successStatus: 200,
    body: z.object({ signature: SignatureInput }).strict(),
    async handler({ params, body }, rc) {
      return { body: await approveChange(params.id, body.signature, rc) };
    },
  });

  const Period = z.object({ from: instant, to: instant }).strict();
  const reviewReport = route({
    method: 'get', path: '/qa/audit-review', operationId: 'getAuditReview', response: AuditReviewOut, summary: 'Audit-trail review report of a period: every row, their digest and QA\'s sign-offs', tags: ['quality'], access: READ,
    query: Period,
    async handler({ query }) {
      return { body: await auditReviewReport(appDb(), query.from, query.to) };
    },
  });

  const reviewSignOff = route({
    method: 'post', path: '/qa/audit-reviews', operationId: 'signOffAuditReview', response: AuditSignOffOut, summary: 'Sign off the audit-trail review of an ended period (e-signature, meaning "reviewed")', tags: ['quality'], access: ACT,
    body: z.object({ from: instant, to: instant, comment: text(4000), signature: SignatureInput }).strict(),
    async handler({ body }, rc) {
      return { status: 201, body: await signOffAuditReview(body, rc) };
    },
  });

  return { name: 'qa', routes: [queue, one, acknowledge, investigate, dispose, verify, proposeChange, listChanges, approve, reviewReport, reviewSignOff] };
}
