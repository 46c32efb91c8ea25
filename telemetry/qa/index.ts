/** QA disposition: quarantine cases, e-signed dispositions, change requests, audit-trail review. */
export { qaModule } from './http';
export type { QaPorts } from './ports';
export { quarantineFromLifecycle, lifecycleReason, restockAllowed, verifyCaseSignatures, CASE_STATES } from './cases';
export { recordVersionDigest, RECORD_VERSION_FORMAT, type RecordVersion } from './record-digest';
