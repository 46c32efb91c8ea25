/** Prometheus metrics of the ingest pipeline (scraped at the ingest process's /metrics). */
import { counter, histogram, gauge } from '../../platform/metrics';

export const ingestMetrics = {
  messages: counter('telemetry_messages_total', 'MQTT messages handled, by kind and outcome (stored, duplicate, dead_letter)', ['kind', 'outcome']),
  deadLetters: counter('telemetry_dead_letters_total', 'Refused messages by reason code', ['reason']),
  readings: counter('telemetry_readings_total', 'Readings by outcome (stored, duplicate) and origin (live, hist)', ['outcome', 'origin']),
  driftFlagged: counter('telemetry_readings_drift_flagged_total', 'Live readings whose device clock is off by more than the drift limit'),
  batchSeconds: histogram('telemetry_batch_seconds', 'Time to run one batch through every stage', ['stage'], [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]),
  batchSize: histogram('telemetry_batch_messages', 'Messages per batch', [], [1, 10, 50, 100, 250, 500, 1000, 2000]),
  batchRetries: counter('telemetry_batch_retries_total', 'Batches run again after a failure'),
  alarms: counter('telemetry_alarm_changes_total', 'Alarm changes by type and change', ['type', 'change']),
  casConflicts: counter('telemetry_excursion_cas_conflicts_total', 'Excursion state writes lost to another process (re-evaluated)'),
  beyondHorizon: counter('telemetry_readings_beyond_horizon_total', 'Late readings older than the kept history (TELEMETRY_EXCURSION_HISTORY): stored, not re-evaluated'),
  invalidProfiles: counter('telemetry_profile_invalid_total', 'Evaluations that used a stored alarm profile that does not validate (base thresholds, no recipients)'),
  resendRequests: counter('telemetry_resend_requests_total', 'Resend requests sent to boxes after a seq gap'),
  resendAsked: counter('telemetry_resend_messages_asked_total', 'Messages asked for again by resend requests'),
  queued: gauge('telemetry_ingest_queued_messages', 'Messages received and not yet acknowledged'),
};
