/**
 * Telemetry's public face: what app/ and other contexts may import. Telemetry imports no other
 * context; what it needs from dispatch comes in as TelemetryPorts, which app/ (the composition
 * root) builds and passes to startTelemetryWorkers and startIngestService.
 */
export { telemetryModule, closeTelemetryHttp } from './http';
export { startTelemetryWorkers, runLivenessTick, ensurePartitions } from './workers';
export { startIngestService, type IngestOptions } from './ingest';
export type { TelemetryPorts, BoxCustody, BoxInfo, RecordPorts, RecordShipment } from './ports';
export { telemetryKeys } from './config';
export { closeFeed } from './feed/bus';
export { openExcursions, EXCURSION_TYPES } from './alarms/store';
export { precoolOf, classLimits, type Precool } from './readiness/precool';
export { shipmentCurve, type ShipmentCurve, type CustodyLeg } from './record/shipment-curve';
export { temperatureReportModule, type ReportSubjectOf } from './report/http';
export type { ReportSubject, TemperatureReport } from './report/model';
export { shipmentsWithOpenExcursions } from './alarms/open-excursion-shipments';
// The transports of the SMS adapter and the signed webhook, for other senders (customer notices).
export { postSms, postSignedWebhook, signWebhook, verifyWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, type SmsTarget, type WebhookTarget } from './alarms/notify';
export { excursionsByShipment, alarmResponse, alarmsOfShipments, type AlarmResponse, type ShipmentAlarm } from './kpi';
// QA disposition (issue 17): routes built with dispatch's custody (QaPorts from app/), the
// lifecycle's quarantine entry point, and whether a returned shipment may be restocked.
export { qaModule, quarantineFromLifecycle, restockAllowed, recordVersionDigest, type QaPorts } from './qa';
// The per-shipment temperature record: routes, sealing (called by app/ when a shipment ends),
// the anchor job's body, and the offline verifier the CLI runs.
export { recordModule } from './record/http';
export { sealShipmentRecord, sealEndedRecords, exportRecord, verifyStoredRecord, recordSummary, facilityRecordArchive } from './record/service';
export { archivePeriod, ARCHIVE_MAX_DAYS, type ArchivePeriod, type ArchiveManifest } from './record/archive';
export { verifyRecordArchive, archivePublicKeyPem, type ArchiveVerification } from './record/archive-verify';
export { looksLikeUstar, readUstar } from './record/ustar';
export { anchorPendingSeals } from './record/anchor';
// Retention (COMPLIANCE A.8, A.21): the rule, and the purge through its SQL guard.
export { retainUntil, pastRetention, RECORD_RETENTION_YEARS } from './record/retention';
export { purgeExpiredRecords, purgeRecord, RecordPurgeRefused, type RetentionPorts, type PurgeResult } from './record/purge';
export { recordKey, recordKeyFrom, keyIdOf } from './record/keys';
export { verifyRecord, type RecordExport, type RecordVerification } from './record/verify';
export { recordTraffic, readRecording, replayTraffic, shiftDeviceTimes, RecordingError, RECORDING_FORMAT, BOX_TRAFFIC, type RecordedMessage, type RecordingHeader } from './replay/recording';
