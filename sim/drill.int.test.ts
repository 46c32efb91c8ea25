/**
 * The cold-chain failure drill in CI: the same drill code as `npm run sim -- --drill
 * cold-chain-failure`, against the test stack wired as app/ wires it (api with the tracking page,
 * ingest, telemetry and dispatch workers on queues of this file's own), time-compressed by the
 * drill's profile.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApi, makeUser, uniq, type TestApi } from '../platform/testing/harness';
import { startIngestService, startTelemetryWorkers } from '../telemetry';
import { startDispatchWorkers, closePlanQueue } from '../dispatch';
import { routeModules } from '../app/modules';
import { telemetryPorts } from '../app/telemetry-ports';
import { recordPorts } from '../app/record-ports';
import { onAssigned, trackingPage } from '../app/tracking';
import { runDrill } from './drill';
import { SmsSink } from './sms-sink';

process.env.TELEMETRY_CACHE_TTL_MS = '0';
// Queues of this file only: a worker here must not take other files' jobs, nor they its own.
process.env.QUEUE_PREFIX = `drill${Date.now().toString(36)}`;
process.env.DISPATCH_PLAN_DEBOUNCE_MS = '200';

let api: TestApi;
let ingest: Awaited<ReturnType<typeof startIngestService>>;
let sms: SmsSink;
const stops: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  sms = await SmsSink.start();
  process.env.ALARM_SMS_URL = sms.url;
  api = await startTestApi(routeModules, [trackingPage]);
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-d-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  stops.push(await startTelemetryWorkers(telemetryPorts, recordPorts), await startDispatchWorkers({ planConcurrency: 1, onAssigned }));
});
afterAll(async () => {
  for (const s of stops) await s.close();
  await closePlanQueue();
  await ingest?.close();
  await api?.close();
  await sms?.close();
});

describe('the cold-chain failure drill', () => {
  it('a box fails mid-route on an insulin order: alarm chain, refused handover, replacement, quarantine, customer page and QA report', async () => {
    const admin = await makeUser('admin');
    const lines: string[] = [];
    const t0 = Date.now();
    const r = await runDrill({ baseUrl: api.url, mqttUrl: process.env.MQTT_URL!, admin: { username: admin.username, password: admin.password }, sms, log: (l) => { lines.push(l); console.log(l); } });
    expect(r.failed).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.steps.map((s) => s.step)).toEqual([
      'setup', 'precool', 'order', 'pickup', 'warning_then_alarm', 'reading_to_alarm', 'notified', 'escalation', 'seen', 'handover_refused', 'replacement', 'quarantine', 'tracking_page', 'qa_report',
    ]);
    expect(lines.every((l) => /^drill: \w+ ok \(.+\)$/.test(l))).toBe(true);
    expect(r.figures.reading_to_alarm_ms).toBeLessThanOrEqual(5000);
    expect(r.figures.recipients_notified).toBeGreaterThanOrEqual(3);
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 90_000);
});
