/**
 * The `ingest` process: MQTT consumers of box telemetry (shared subscription, persistent
 * session). Stateless: run several; each needs its own stable INGEST_CLIENT_ID.
 */
import { closeAppDb } from '../platform/db/pool';
import type { TelemetryPorts } from '../telemetry/ports';
import { startIngestService, type IngestOptions } from '../telemetry/ingest';
import '../telemetry/config';
import { telemetryPorts } from './telemetry-ports';

/** Starts ingest. `ports` default to dispatch's (./telemetry-ports.ts). */
export async function startIngest(ports: TelemetryPorts = telemetryPorts, opts: IngestOptions = {}): Promise<{ close(): Promise<void> }> {
  const svc = await startIngestService(ports, opts);
  return {
    async close() {
      await svc.close();
      await closeAppDb();
    },
  };
}
