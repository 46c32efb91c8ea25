/**
 * A cold shipment whose box went too warm is not handed over: the box's real readings go through
 * MQTT and the ingest (wired as app/ wires it) into a TEMP_HIGH alarm, and the rider's "deliver"
 * fails the delivery as a cold-chain breach, telling them to bring it back. Once QA resolves the
 * alarm before the door, nothing blocks any more.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { connectService } from '../platform/mqtt/client';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { startIngestService, type RunningIngest } from '../telemetry/ingest';
import { routeModules } from './modules';
import { telemetryPorts } from './telemetry-ports';
import { warmShipment as warm } from './testing/warm-shipment';

process.env.TELEMETRY_CACHE_TTL_MS = '0';

let api: TestApi;
let ingest: RunningIngest;
let pub: MqttClient;
let dispatcher: TestUser, qa: TestUser;

beforeAll(async () => {
  api = await startTestApi(routeModules);
  ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-h-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  pub = await connectService({ clientId: uniq('pub-') });
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
});
afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await api?.close();
});

const warmShipment = (celsius: number) => warm({ apiUrl: api.url, pub, dispatcher, celsius });

describe('handing over a cold shipment', () => {
  it('an unresolved excursion refuses "deliver", fails the delivery as a cold-chain breach and says to bring it back; the return is taken', async () => {
    // 9.5 °C against a limit of 8 °C.
    const w = await warmShipment(9.5);
    const refused = await w.act({ action: 'deliver', code: await w.code(), clientEventId: 'door-1' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('cold_chain_breach');
    expect(refused.body.error.message).toMatch(/TEMP_HIGH/);
    expect(refused.body.error.message).toMatch(/bring the shipment back/);
    expect(refused.body.error.details).toMatchObject({ state: 'failed', alarms: [{ alarmId: w.alarmId, type: 'TEMP_HIGH', boxId: w.boxId }] });
    // The app's queue sends it again: the same answer.
    const again = await w.act({ action: 'deliver', code: await w.code(), clientEventId: 'door-1' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('cold_chain_breach');
    const lc = (await call(api.url, 'GET', `/api/v1/shipments/${w.shp}/lifecycle`, { token: dispatcher.token })).body;
    expect(lc.state).toBe('failed');
    expect(lc.events.at(-1)).toMatchObject({ action: 'fail', reason: 'cold_chain_breach' });
    expect((await call(api.url, 'GET', `/api/v1/orders/${w.orderId}`, { token: dispatcher.token })).body.status).not.toBe('delivered');
    expect((await w.act({ action: 'start_return' })).body.state).toBe('returning');
    expect((await w.act({ action: 'return' }, dispatcher.token)).body.state).toBe('returned');
  });

  it('once QA has resolved the alarm (a false reading, say), the handover goes through', async () => {
    const w = await warmShipment(12);
    const resolved = await call(api.url, 'POST', `/api/v1/telemetry/alarms/${w.alarmId}/resolve`, { token: qa.token, body: { note: 'probe touched the lid; product checked' } });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const done = await w.act({ action: 'deliver', code: await w.code() });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('delivered');
  });
});
