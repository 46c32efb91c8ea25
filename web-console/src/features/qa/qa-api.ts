/** The QA page's endpoints: one typed function each over the shared request client, typed from the generated schema. */
import { API_BASE, queryString, request, type Query } from '../../../../web-shared/api/client';
import type { Answer, QueryOf, RequestBody } from '../../../../web-shared/api/types';

const enc = encodeURIComponent;
const q = (id: string) => `/qa/quarantine/${enc(id)}`;
const shp = (id: string) => `/shipments/${enc(id)}`;

export type QaCaseItem = Answer<'listQaCases'>['cases'][number];
export type QaCaseDetail = Answer<'getQaCase'>;
export type QaStatus = QaCaseItem['status'];
export type Signature = RequestBody<'disposeQaCase'>['signature'];
export type Summary = Answer<'getTemperatureSummary'>;
export type Verification = Answer<'verifyTemperatureRecord'>;
export type SignatureCheck = Answer<'verifyQaSignatures'>;
export type Reading = Answer<'listReadings'> extends { readings: Array<infer R> } ? R : never;
export type Lifecycle = Answer<'getShipmentLifecycle'>;
export type ChangeRequest = Answer<'listChangeRequests'> extends { changeRequests: Array<infer R> } ? R : never;
export type AuditEntry = Answer<'listAuditEntries'> extends { entries: Array<infer R> } ? R : never;
export type AuditReview = Answer<'getAuditReview'>;
export type Lanes = Answer<'getLanes'>;
export type LaneQuery = QueryOf<'getLanes'>;

export const qaApi = {
  cases: (query: QueryOf<'listQaCases'>) => request<Answer<'listQaCases'>>('GET', '/qa/quarantine', { query: query as Query }),
  case: (id: string) => request<QaCaseDetail>('GET', q(id)),
  acknowledge: (id: string, note: string) => request<Answer<'acknowledgeQaCase'>>('POST', `${q(id)}/acknowledge`, { body: { note } satisfies RequestBody<'acknowledgeQaCase'> }),
  investigate: (id: string, rootCause: string, capa: string) =>
    request<Answer<'investigateQaCase'>>('POST', `${q(id)}/investigate`, { body: { rootCause, capa } satisfies RequestBody<'investigateQaCase'> }),
  dispose: (id: string, body: RequestBody<'disposeQaCase'>) => request<QaCaseDetail>('POST', `${q(id)}/dispose`, { body }),
  verifySignatures: (id: string) => request<SignatureCheck>('GET', `${q(id)}/signatures/verify`),
  summary: (shipmentId: string) => request<Summary>('GET', `${shp(shipmentId)}/temperature-summary`),
  verifyRecord: (shipmentId: string) => request<Verification>('GET', `${shp(shipmentId)}/temperature-record/verify`),
  lifecycle: (shipmentId: string) => request<Lifecycle>('GET', `${shp(shipmentId)}/lifecycle`),
  readings: (query: QueryOf<'listReadings'>) => request<Answer<'listReadings'>>('GET', '/telemetry/readings', { query: query as Query }),
  changeRequests: (query: QueryOf<'listChangeRequests'> = {}) => request<Answer<'listChangeRequests'>>('GET', '/qa/change-requests', { query: query as Query }),
  approveChange: (id: string, signature: Signature) =>
    request<Answer<'approveChangeRequest'>>('POST', `/qa/change-requests/${enc(id)}/approve`, { body: { signature } satisfies RequestBody<'approveChangeRequest'> }),
  audit: (query: QueryOf<'listAuditEntries'>) => request<Answer<'listAuditEntries'>>('GET', '/audit', { query: query as Query }),
  auditReview: (from: string, to: string) => request<AuditReview>('GET', '/qa/audit-review', { query: { from, to } }),
  lanes: (query: LaneQuery) => request<Lanes>('GET', '/lanes', { query: query as Query }),
  signOffAudit: (body: RequestBody<'signOffAuditReview'>) => request<Answer<'signOffAuditReview'>>('POST', '/qa/audit-reviews', { body }),
};

/** Links the browser follows itself (a download, not a fetch). */
export const lanesCsvUrl = (query: LaneQuery) => `${API_BASE}/lanes.csv${queryString(query as Query)}`;
export const reportUrl = (shipmentId: string, kind: 'pdf' | 'csv', lang: 'zh-CN' | 'en') => `${API_BASE}${shp(shipmentId)}/temperature-report.${kind}?lang=${lang}`;
