/**
 * Builds and runs the ingest pipeline: MQTT consumer → batches → stages. `startIngestService`
 * is what the `ingest` process runs (app/ingest.ts); tests call it with in-memory ports.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';
import { appDb } from '../../platform/db/pool';
import { createQueue, redisConnection } from '../../platform/queue/queue';
import { metrics } from '../../platform/metrics';
import { logger } from '../../platform/logger';
import { telemetryKeys as k } from '../config';
import type { TelemetryPorts } from '../ports';
import { ProfileCache } from '../alarms/profiles';
import { ExcursionStore } from '../state/excursion-store';
import { BoxCache, CustodyCache } from './caches';
import { LatestWriter } from './latest';
import { startConsumer } from './consumer';
import { newBatch, runStages, splitStages } from './pipeline';
import type { Batch } from './types';
import type { PipelineEnv } from './types';
import type { Severity } from '../excursion';

export interface IngestOptions {
  clientId?: string;
  shareGroup?: string;
  /** Port of /metrics; default INGEST_METRICS_PORT; null = no metrics server. */
  metricsPort?: number | null;
  batchMax?: number;
  batchWaitMs?: number;
  /** MQTT Session Expiry Interval, s; default INGEST_SESSION_EXPIRY_S. */
  sessionExpiryS?: number;
}

export interface RunningIngest { metricsUrl: string | null; close(): Promise<void> }

export async function startIngestService(ports: TelemetryPorts, o: IngestOptions = {}): Promise<RunningIngest> {
  const db = appDb();
  const redis = redisConnection();
  const ttl = getKey(k.cacheTtlMs);
  const latest = new LatestWriter(db, redis, getKey(k.feedStateMinIntervalMs));
  const alarmQueue = createQueue(getKey(k.escalationQueue));
  const env: PipelineEnv = {
    db, redis, ports,
    boxes: new BoxCache(ports, ttl),
    custody: new CustodyCache(ports, ttl),
    profiles: new ProfileCache(db, ttl),
    excursions: new ExcursionStore(redis, getKey(keys.queuePrefix)),
    latest,
    alarmQueue,
    decode: { maxFutureMs: getKey(k.maxFutureMs), driftFlagMs: getKey(k.driftFlagMs) },
    maxHistory: getKey(k.maxHistory),
    notifyMinSeverity: getKey(k.notifyMinSeverity) as Severity,
    resend: {
      markKey: `${getKey(keys.queuePrefix)}:telemetry:seq-mark`,
      maxMessages: getKey(k.resendMaxMessages),
      send: (topic, command) => {
        // QoS 1 to a box that may be offline: the broker holds it for the box's session, not longer than the expiry.
        consumer?.client.publish(topic, JSON.stringify(command), { qos: 1, properties: { messageExpiryInterval: getKey(k.resendExpiryS) } }, (err) => {
          if (err) logger.warn({ err: err.message, topic }, 'resend request not sent');
        });
      },
    },
    now: () => Date.now(),
  };
  let consumer: Awaited<ReturnType<typeof startConsumer>> | undefined;
  latest.start();
  // Partitions ahead at start too, so a fresh deployment never writes into the default partition.
  await db.query('SELECT telemetry.ensure_partitions($1, 1)', [getKey(k.partitionDaysAhead)]);

  const stages = splitStages();
  consumer = await startConsumer({
    clientId: o.clientId ?? getKey(k.ingestClientId),
    shareGroup: o.shareGroup ?? getKey(k.ingestShareGroup),
    sessionExpiryS: o.sessionExpiryS ?? getKey(k.ingestSessionExpiryS),
    receiveMaximum: getKey(k.ingestReceiveMax),
    batchMax: o.batchMax ?? getKey(k.ingestBatchMax),
    batchWaitMs: o.batchWaitMs ?? getKey(k.ingestBatchWaitMs),
    prepare: async (msgs) => { const b = newBatch(msgs); await runStages(b, env, stages.front); return b; },
    finish: async (b) => { await runStages(b as Batch, env, stages.ordered); },
  });

  let server: http.Server | undefined;
  let metricsUrl: string | null = null;
  const port = o.metricsPort === undefined ? getKey(k.ingestMetricsPort) : o.metricsPort;
  if (port !== null) {
    server = http.createServer(async (req, res) => {
      if (req.url === '/metrics') {
        res.setHeader('content-type', metrics.contentType);
        res.end(await metrics.metrics());
      } else if (req.url === '/healthz') {
        res.end(JSON.stringify({ status: consumer.client.connected ? 'ok' : 'mqtt_disconnected' }));
      } else { res.statusCode = 404; res.end(); }
    });
    await new Promise<void>((r) => server!.listen(port, getKey(k.ingestMetricsHost), r));
    const a = server.address() as AddressInfo;
    metricsUrl = `http://${a.address}:${a.port}/metrics`;
  }
  logger.info({ metricsUrl }, 'ingest started');

  return {
    metricsUrl,
    async close() {
      await consumer.close();
      await latest.close();
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
      await Promise.allSettled([alarmQueue.close(), redis.quit()]);
    },
  };
}
