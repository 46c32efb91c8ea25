/** Telemetry settings: ingest, alarms, escalation, notification channels, feed. */
import { hostname } from 'node:os';
import { defineKey } from '../platform/config/registry';

const c = 'telemetry';

export const telemetryKeys = {
  ingestClientId: defineKey({
    context: c, env: 'INGEST_CLIENT_ID', type: 'string', default: `ingest-${hostname().toLowerCase().replace(/[^a-z0-9-]/g, '-')}-0`,
    doc: 'MQTT client id of this ingest process; must be stable across restarts (its persistent session holds unacknowledged messages) and unique per process',
  }),
  ingestShareGroup: defineKey({ context: c, env: 'INGEST_SHARE_GROUP', type: 'string', default: 'ingest', doc: 'MQTT 5 shared-subscription group ($share/<group>/…) the ingest processes split the load in' }),
  ingestSessionExpiryS: defineKey({ context: c, env: 'INGEST_SESSION_EXPIRY_S', type: 'int', default: 86_400, min: 60, unit: 's', doc: 'MQTT 5 Session Expiry Interval: how long the broker keeps queueing for a stopped ingest process' }),
  ingestBatchMax: defineKey({ context: c, env: 'INGEST_BATCH_MAX', type: 'int', default: 800, min: 1, max: 10_000, unit: 'messages', doc: 'Largest batch written in one transaction' }),
  ingestBatchWaitMs: defineKey({ context: c, env: 'INGEST_BATCH_WAIT_MS', type: 'int', default: 20, min: 0, max: 5000, unit: 'ms', doc: 'Longest a message waits for its batch to fill' }),
  ingestReceiveMax: defineKey({ context: c, env: 'INGEST_RECEIVE_MAX', type: 'int', default: 2000, min: 10, max: 65_535, unit: 'messages', doc: 'MQTT 5 Receive Maximum: unacknowledged messages the broker may have in flight to this process' }),
  ingestMetricsPort: defineKey({ context: c, env: 'INGEST_METRICS_PORT', type: 'int', default: 9464, min: 0, max: 65_535, unit: 'port', doc: 'Port of the ingest process /metrics (Prometheus); 0 = any free port' }),
  ingestMetricsHost: defineKey({ context: c, env: 'INGEST_METRICS_HOST', type: 'string', default: '127.0.0.1', doc: 'Address of the ingest process /metrics' }),
  maxFutureMs: defineKey({ context: c, env: 'TELEMETRY_MAX_FUTURE_MS', type: 'int', default: 300_000, min: 0, unit: 'ms', doc: 'A reading more than this ahead of server time is refused (future_timestamp)' }),
  driftFlagMs: defineKey({ context: c, env: 'TELEMETRY_DRIFT_FLAG_MS', type: 'int', default: 120_000, min: 0, unit: 'ms', doc: 'Live readings whose |device ts − receive time| exceeds this are flagged (COMPLIANCE F.63)' }),
  resendMaxMessages: defineKey({ context: c, env: 'TELEMETRY_RESEND_MAX', type: 'int', default: 10_000, min: 0, max: 1_000_000, unit: 'messages', doc: 'Most messages one resend request asks a box for (the newest of a larger gap); 0 = never ask' }),
  resendExpiryS: defineKey({ context: c, env: 'TELEMETRY_RESEND_EXPIRY_S', type: 'int', default: 3600, min: 1, unit: 's', doc: 'Message expiry of a resend request: a box that reconnects later than this does not get it' }),
  cacheTtlMs: defineKey({ context: c, env: 'TELEMETRY_CACHE_TTL_MS', type: 'int', default: 10_000, min: 0, unit: 'ms', doc: 'How long ingest caches box info, custody and alarm profiles' }),
  // The engine state (history + rule checkpoints) is written to Redis after every message; its
  // size grows with this (≈ 125 B per reading plus checkpoints), so it is a cost/horizon trade.
  maxHistory: defineKey({ context: c, env: 'TELEMETRY_EXCURSION_HISTORY', type: 'int', default: 360, min: 10, max: 10_000, unit: 'readings', doc: 'Readings kept per shipment for re-evaluating late (buffered) data; older late data is stored but not re-evaluated (360 = 6 h at 1 min)' }),
  tickIntervalMs: defineKey({ context: c, env: 'TELEMETRY_TICK_MS', type: 'int', default: 30_000, min: 1000, unit: 'ms', doc: 'Period of the liveness check (DATA_GAP, MONITORING_LOST) over boxes in custody' }),
  feedStateMinIntervalMs: defineKey({ context: c, env: 'TELEMETRY_FEED_STATE_MIN_MS', type: 'int', default: 1000, min: 0, unit: 'ms', doc: 'Least time between two latest-state events of one box on the real-time feed (alarms are never throttled)' }),
  escalationAfterMin: defineKey({ context: c, env: 'ALARM_ESCALATION_AFTER_MIN', type: 'number', default: 10, min: 0.001, unit: 'min', doc: 'Default minutes an alarm may stay unacknowledged before the next tier is notified' }),
  escalationMaxSteps: defineKey({ context: c, env: 'ALARM_ESCALATION_MAX_STEPS', type: 'int', default: 6, min: 1, max: 100, unit: 'steps', doc: 'Re-notifications of an unacknowledged alarm before escalation stops' }),
  notifyMinSeverity: defineKey({ context: c, env: 'ALARM_NOTIFY_MIN_SEVERITY', type: 'enum', values: ['critical', 'major', 'minor', 'warning'], default: 'minor', doc: 'Least severity that is notified and escalated (lower ones show on the feed only)' }),
  webhookUrl: defineKey({ context: c, env: 'ALARM_WEBHOOK_URL', type: 'string', default: '', doc: 'Signed webhook that receives every notified alarm (empty = off)' }),
  webhookSecret: defineKey({ context: c, env: 'ALARM_WEBHOOK_SECRET', type: 'string', default: '', secret: true, doc: 'Shared secret of the webhook signature (HMAC-SHA256)' }),
  smtpUrl: defineKey({ context: c, env: 'ALARM_SMTP_URL', type: 'string', default: '', secret: true, doc: 'SMTP server for alarm e-mail, e.g. smtp://user:pass@host:587 (empty = e-mail off)' }),
  smtpFrom: defineKey({ context: c, env: 'ALARM_SMTP_FROM', type: 'string', default: 'coldchain-alarms@localhost', doc: 'Sender address of alarm e-mail' }),
  smsUrl: defineKey({ context: c, env: 'ALARM_SMS_URL', type: 'string', default: '', doc: 'SMS provider endpoint: POST JSON {to, text, reference} (empty = SMS off)' }),
  smsToken: defineKey({ context: c, env: 'ALARM_SMS_TOKEN', type: 'string', default: '', secret: true, doc: 'Bearer token sent to the SMS provider' }),
  notifyTimeoutMs: defineKey({ context: c, env: 'ALARM_NOTIFY_TIMEOUT_MS', type: 'int', default: 10_000, min: 100, unit: 'ms', doc: 'Timeout of one notification delivery' }),
  escalationQueue: defineKey({ context: c, env: 'ALARM_QUEUE', type: 'string', default: 'telemetry-alarms', doc: 'BullMQ queue of alarm notification and escalation jobs' }),
  maintenanceQueue: defineKey({ context: c, env: 'TELEMETRY_MAINTENANCE_QUEUE', type: 'string', default: 'telemetry-maintenance', doc: 'BullMQ queue of partition creation and liveness ticks' }),
  partitionDaysAhead: defineKey({ context: c, env: 'TELEMETRY_PARTITION_DAYS_AHEAD', type: 'int', default: 7, min: 1, max: 366, unit: 'days', doc: 'Daily reading partitions created ahead' }),
  recordGapLimitMs: defineKey({ context: c, env: 'RECORD_GAP_LIMIT_MS', type: 'int', default: 300_000, min: 1000, unit: 'ms', doc: 'Monitoring limit of the temperature record: gaps between readings longer than this are counted in the seal and the figures (GSP App.3: transport ≤ 5 min)' }),
  recordPublicKeyFingerprint: defineKey({ context: c, env: 'RECORD_PUBLIC_KEY_FINGERPRINT', type: 'string', default: '', doc: 'Key id (16 hex digits) `verify-record` accepts for a public key embedded in an export; empty = only --public-key or --fingerprint' }),
  recordSealSweepMs: defineKey({ context: c, env: 'RECORD_SEAL_SWEEP_MS', type: 'int', default: 300_000, min: 1000, unit: 'ms', doc: 'How often the worker seals records of ended shipments that the end of the shipment did not seal (a crash after commit)' }),
};
