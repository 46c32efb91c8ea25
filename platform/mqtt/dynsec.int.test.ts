/**
 * Per-box credentials against the real Mosquitto: a box may publish only under its own
 * topic, may not subscribe to another box's data, and a revoked box cannot connect.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { DynsecAdmin } from './dynsec';
import { connectMqtt, connectService } from './client';
import { requireStack, uniq, startTestApi, makeUser, call, type TestApi } from '../testing/harness';
import { devicesModule } from './routes';
import { closeDynsec } from './routes';

let admin: DynsecAdmin;
let service: MqttClient;
let api: TestApi;
const received: Array<{ topic: string; payload: string }> = [];

beforeAll(async () => {
  requireStack();
  admin = await DynsecAdmin.connect();
  service = await connectService({ clientId: uniq('svc-test-') });
  await service.subscribeAsync('dt/coldchain/#', { qos: 1 });
  service.on('message', (topic, p) => received.push({ topic, payload: p.toString() }));
  api = await startTestApi([devicesModule]);
});
afterAll(async () => {
  await admin?.close();
  await service?.endAsync();
  await api?.close();
  await closeDynsec();
});

const waitFor = async (pred: () => boolean, ms = 3000) => {
  const t0 = Date.now();
  while (!pred() && Date.now() - t0 < ms) await new Promise((r) => setTimeout(r, 25));
  return pred();
};

describe('per-box MQTT credentials', () => {
  it('issued through the API; the box publishes under its own topic only', async () => {
    const boxA = uniq('box_a'), boxB = uniq('box_b');
    const adminUser = await makeUser('admin');
    const dispatcher = await makeUser('dispatcher');
    expect((await call(api.url, 'POST', `/api/v1/boxes/${boxA}/mqtt-credentials`, { token: dispatcher.token, body: { reason: 'commissioning' } })).status).toBe(403);
    const res = await call(api.url, 'POST', `/api/v1/boxes/${boxA}/mqtt-credentials`, { token: adminUser.token, body: { reason: 'commissioning' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: boxA, clientId: boxA, topics: { publish: `dt/coldchain/box/${boxA}/#` } });
    await admin.setBoxCredentials(boxB);

    const a = await connectMqtt({ username: boxA, clientId: boxA, password: res.body.password, reconnectPeriod: 0 });
    try {
      await a.publishAsync(`dt/coldchain/box/${boxA}/telemetry`, 'own', { qos: 1 });
      // MQTT 5: the broker answers a refused QoS 1 publish with PUBACK reason 135 (not authorised).
      await expect(a.publishAsync(`dt/coldchain/box/${boxB}/telemetry`, 'forged', { qos: 1 })).rejects.toMatchObject({ code: 135 });
      expect(await waitFor(() => received.some((m) => m.payload === 'own'))).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(received.some((m) => m.payload === 'forged')).toBe(false);
      // Reading another box's data is refused too (SUBACK 135).
      await expect(a.subscribeAsync(`dt/coldchain/box/${boxB}/#`, { qos: 1 })).rejects.toThrow(/Not authorized/);
    } finally {
      await a.endAsync();
    }
  });

  it('a wrong password or a revoked box cannot connect', async () => {
    const box = uniq('box_r');
    const creds = await admin.setBoxCredentials(box);
    await expect(connectMqtt({ username: box, clientId: box, password: 'wrong', reconnectPeriod: 0 })).rejects.toThrow(/Not authorized|Bad User Name or Password|135|134/i);
    const ok = await connectMqtt({ username: box, clientId: box, password: creds.password, reconnectPeriod: 0 });
    await ok.endAsync();
    await admin.revokeBox(box);
    await expect(connectMqtt({ username: box, clientId: box, password: creds.password, reconnectPeriod: 0 })).rejects.toThrow();
  });

  it('a box id that could carry anything but an id is refused', async () => {
    await expect(admin.setBoxCredentials('box_A/../#')).rejects.toMatchObject({ code: 'invalid_box_id' });
    const adminUser = await makeUser('admin');
    const r = await call(api.url, 'POST', `/api/v1/boxes/${encodeURIComponent('Zhang San 13812345678')}/mqtt-credentials`, { token: adminUser.token, body: { reason: 'commissioning' } });
    expect(r.status).toBe(400);
  });
});
