/**
 * The `ingest` process: MQTT consumers of box telemetry (shared subscription, persistent
 * session). Stateless: run several; each needs its own stable INGEST_CLIENT_ID.
 */
import { closeAppDb } from '../platform/db/pool';
import { defaultPorts, type TelemetryPorts } from '../telemetry/ports';
import { startIngestService, type IngestOptions } from '../telemetry/ingest';
import '../telemetry/config';

/**
 * Starts ingest. `ports` default to dispatch's implementation (dispatch/index.ts
 * `telemetryPorts`), loaded lazily.
 */
export async function startIngest(ports?: TelemetryPorts, opts: IngestOptions = {}): Promise<{ close(): Promise<void> }> {
  const svc = await startIngestService(ports ?? (await defaultPorts()), opts);
  return {
    async close() {
      await svc.close();
      await closeAppDb();
    },
  };
}
