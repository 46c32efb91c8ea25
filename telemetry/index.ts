/** Telemetry's public face for other contexts and the composition root. */
export { telemetryModule, closeTelemetryHttp } from './http';
export { startTelemetryWorkers, runLivenessTick, ensurePartitions } from './workers';
export { startIngestService, type IngestOptions } from './ingest';
export type { TelemetryPorts, BoxCustody, BoxInfo } from './ports';
export { telemetryKeys } from './config';
export { closeFeed } from './feed/bus';
