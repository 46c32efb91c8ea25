/**
 * Gap repair against the real stack: a box whose seq jumps is asked, on its own command topic,
 * for the messages in between; its answers from the store-and-forward buffer (original seq,
 * hist readings) fill the record and ask for nothing more.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { requireStack, uniq } from '../platform/testing/harness';
import { appDb } from '../platform/db/pool';
import { connectMqtt } from '../platform/mqtt/client';
import { DynsecAdmin } from '../platform/mqtt/dynsec';
import { startIngestService, type RunningIngest } from './ingest';
import { ResendCommandSchema, type ResendCommand } from './contract';
import { FakeDispatch, telemetryPayload, topicOf, waitFor } from './testing/fakes';

process.env.TELEMETRY_CACHE_TTL_MS = '0';

const dispatch = new FakeDispatch();
let ingest: RunningIngest;
let box: MqttClient;
const boxId = uniq('box_');
const commands: Array<{ topic: string; body: unknown; expiryS: number | undefined; qos: number }> = [];
const readings = async () => (await appDb().query(`SELECT ts, seq, hist FROM telemetry.readings WHERE box_id = $1 ORDER BY ts`, [boxId])).rows;

beforeAll(async () => {
  requireStack();
  dispatch.addBox(boxId, 'fac_gap00001');
  ingest = await startIngestService(dispatch, { clientId: uniq('ingest-gap-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  const admin = await DynsecAdmin.connect();
  const creds = await admin.setBoxCredentials(boxId);
  await admin.close();
  box = await connectMqtt({ username: boxId, clientId: boxId, password: creds.password, reconnectPeriod: 0 });
  box.on('message', (topic, payload, packet) => commands.push({ topic, body: JSON.parse(payload.toString()), expiryS: packet.properties?.messageExpiryInterval, qos: packet.qos }));
  await box.subscribeAsync(`cmd/coldchain/box/${boxId}/#`, { qos: 1 });
});
afterAll(async () => {
  await box?.endAsync();
  await ingest?.close();
});

describe('gap repair', () => {
  it('asks a box for the messages its seq skipped, stores its buffered answers once, and asks nothing of the answers', async () => {
    const t0 = Date.now() - 60_000;
    const send = (seq: number, hist = false) => box.publishAsync(topicOf(boxId), telemetryPayload(boxId, [{ ts: t0 + seq * 10_000, t: [5], hist }], { seq }), { qos: 1 });
    await send(1);
    await send(2);
    await waitFor(async () => (await readings()).length === 2);
    expect(commands).toEqual([]); // no jump, nothing asked

    await send(5); // 3 and 4 were lost (say, dropped by a broker restart)
    const asked = await waitFor(() => commands[0]);
    expect(asked.topic).toBe(`cmd/coldchain/box/${boxId}/resend`);
    expect(asked.qos).toBe(1);
    // A command expires (COMPLIANCE 66): the broker forwards what is left of TELEMETRY_RESEND_EXPIRY_S (3600).
    expect(asked.expiryS).toBeGreaterThan(3590);
    const cmd = ResendCommandSchema.parse(asked.body) as ResendCommand;
    expect(cmd).toMatchObject({ boxId, fromSeq: 3, toSeq: 4 });
    expect(cmd.requestedAt).toBeGreaterThan(t0);

    // The box answers from its buffer, once and — as a reconnect might — twice.
    for (const seq of [3, 4, 3, 4]) await send(seq, true);
    const rows = await waitFor(async () => { const r = await readings(); return r.length === 5 ? r : null; });
    expect(rows.map((r) => [Number(r.seq), r.hist])).toEqual([[1, false], [2, false], [3, true], [4, true], [5, false]]);
    await send(6);
    await waitFor(async () => (await readings()).length === 6);
    expect(commands).toHaveLength(1);
  });

  it('asks for at most TELEMETRY_RESEND_MAX of a huge jump, the newest', async () => {
    const before = commands.length;
    await box.publishAsync(topicOf(boxId), telemetryPayload(boxId, [{ t: [5] }], { seq: 1_000_000 }), { qos: 1 });
    const cmd = (await waitFor(() => commands[before])).body as ResendCommand;
    expect(cmd).toMatchObject({ fromSeq: 1_000_000 - 10_000, toSeq: 999_999 });
  });
});
