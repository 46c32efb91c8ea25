/**
 * One ingest process for the bench (forked by run.ts, killed and restarted in the fault run):
 * the same service as `serve ingest` (app/ingest.ts), with the bench's in-memory dispatch
 * ports. Reports its /metrics URL to the parent over IPC.
 */
import { startIngestService } from '../../telemetry/ingest';
import { closeAppDb } from '../../platform/db/pool';
import { benchPorts } from './common';
import '../../telemetry/config';

const n = Number(process.env.BENCH_BOXES ?? 5000);
const pairedAt = new Date(Number(process.env.BENCH_PAIRED_AT));

const ingest = await startIngestService(benchPorts(n, pairedAt), { clientId: process.env.INGEST_CLIENT_ID ?? 'ingest-bench-0', metricsPort: 0 });
process.send?.({ ready: true, metricsUrl: ingest.metricsUrl });
const stop = async () => { await ingest.close(); await closeAppDb(); process.exit(0); };
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
