/**
 * The replayable telemetry harness against the real broker and ingest: box traffic recorded to a
 * file while no ingest runs is replayed faster than recorded into a running ingest, which stores
 * the readings with their device times, dead-letters the malformed message byte for byte (a binary
 * payload too), and stores nothing twice when the same file is replayed again; with retiming, the
 * device times move so the recording starts now.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { requireStack, uniq } from '../platform/testing/harness';
import { appDb } from '../platform/db/pool';
import { connectService } from '../platform/mqtt/client';
import { startIngestService, type RunningIngest } from './ingest';
import { FakeDispatch, telemetryPayload, topicOf, waitFor } from './testing/fakes';
import { RECORDING_FORMAT, readRecording, recordTraffic, RecordingError, replayTraffic, shiftDeviceTimes } from './replay/recording';

process.env.TELEMETRY_CACHE_TTL_MS = '0';

const dir = mkdtempSync(path.join(tmpdir(), 'replay-'));
const dispatch = new FakeDispatch();
const boxA = uniq('box_'), boxB = uniq('box_');
let pub: MqttClient, recorder: MqttClient, player: MqttClient;
let ingest: RunningIngest | undefined;
const cli = (...a: string[]) => promisify(execFile)('node', ['--import', 'tsx', 'app/cli.ts', ...a], { maxBuffer: 1 << 20 });
const readings = async (box: string) => (await appDb().query(`SELECT ts, seq, t FROM telemetry.readings WHERE box_id = $1 ORDER BY ts`, [box])).rows;

beforeAll(async () => {
  requireStack();
  dispatch.addBox(boxA, 'fac_replay001');
  dispatch.addBox(boxB, 'fac_replay001');
  pub = await connectService({ clientId: uniq('pub-rp-') });
  recorder = await connectService({ clientId: uniq('rec-rp-') });
  player = await connectService({ clientId: uniq('play-rp-') });
});
afterAll(async () => {
  await Promise.all([pub?.endAsync(), recorder?.endAsync(), player?.endAsync()]);
  await ingest?.close();
});

describe('telemetry record and replay', () => {
  const file = path.join(dir, 'run.jsonl');
  const t0 = Date.now() - 3_600_000; // device times an hour ago
  const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80]);

  it('records what boxes publish, in order, with its spacing, text as text and bytes as base64', async () => {
    const rec = await recordTraffic(recorder, file);
    for (let seq = 1; seq <= 3; seq++) {
      await pub.publishAsync(topicOf(boxA), telemetryPayload(boxA, [{ ts: t0 + seq * 60_000, t: [4 + seq] }], { seq, sentAt: t0 + seq * 60_000 }), { qos: 1 });
      await new Promise((r) => setTimeout(r, 250));
    }
    await pub.publishAsync(topicOf(boxB), telemetryPayload(boxB, [{ ts: t0, t: [5.5] }, { ts: t0 + 60_000, t: [6.5] }], { seq: 1, sentAt: t0 + 60_000 }), { qos: 1 });
    await pub.publishAsync(topicOf(boxB), garbage, { qos: 1 });
    await waitFor(() => readFileSync(file, 'utf8').split('\n').filter(Boolean).length === 6);
    expect(await rec.stop()).toBe(5);

    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: RECORDING_FORMAT, topics: ['dt/coldchain/box/+/+'] });
    expect(lines.slice(1).map((l) => l.topic)).toEqual([topicOf(boxA), topicOf(boxA), topicOf(boxA), topicOf(boxB), topicOf(boxB)]);
    expect(lines[2].t - lines[1].t).toBeGreaterThanOrEqual(200);
    expect(JSON.parse(lines[1].payload)).toMatchObject({ boxId: boxA, seq: 1 });
    expect(lines[5]).toMatchObject({ payloadBase64: garbage.toString('base64') });
    expect(lines[5].payload).toBeUndefined();
    // Nothing was listening: nothing stored yet.
    expect(await readings(boxA)).toEqual([]);
  });

  it('replays it faster than recorded into a running ingest: readings with their device times, the malformed message dead-lettered byte for byte', async () => {
    ingest = await startIngestService(dispatch, { clientId: uniq('ingest-rp-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
    const { header, messages } = await readRecording(file);
    const span = messages.at(-1)!.t;
    const r = await replayTraffic(player, header, messages, { speed: 4 });
    expect(r.sent).toBe(5);
    expect(r.wallMs).toBeGreaterThanOrEqual(span / 4 - 5); // it keeps the spacing, shrunk four times

    const a = await waitFor(async () => { const rows = await readings(boxA); return rows.length === 3 ? rows : null; });
    expect(a.map((x) => [new Date(x.ts).getTime(), Number(x.seq)])).toEqual([[t0 + 60_000, 1], [t0 + 120_000, 2], [t0 + 180_000, 3]]);
    await waitFor(async () => (await readings(boxB)).length === 2);
    const dead = await waitFor(async () => (await appDb().query(`SELECT reason, payload FROM telemetry.dead_letters WHERE topic = $1`, [topicOf(boxB)])).rows[0]);
    expect(Buffer.from(dead.payload).equals(garbage)).toBe(true);
    expect(dead.reason).toMatch(/\w+/);

    // The same file again: (boxId, seq) is the idempotency key, so nothing is stored twice.
    await replayTraffic(player, header, messages, { speed: Infinity });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await readings(boxA)).toHaveLength(3);
    expect(await readings(boxB)).toHaveLength(2);
  });

  it('retimed, a recording starts now: every device time moves by the same amount', async () => {
    const { header, messages } = await readRecording(file);
    const shift = Date.now() - Date.parse(header.startedAt);
    const moved = JSON.parse(shiftDeviceTimes(messages[3].payload, shift).toString());
    expect(moved.sentAt).toBe(t0 + 60_000 + shift);
    expect(moved.readings.map((x: { ts: number }) => x.ts)).toEqual([t0 + shift, t0 + 60_000 + shift]);
    expect(shiftDeviceTimes(messages[4].payload, shift).equals(garbage)).toBe(true); // not a contract message: untouched
    expect(shiftDeviceTimes(Buffer.from('online'), shift).toString()).toBe('online');
  });

  it('works from the command line: telemetry-record for a while, telemetry-replay with retiming', async () => {
    const out = path.join(dir, 'cli.jsonl');
    const recording = cli('telemetry-record', '--out', out, '--seconds', '4');
    const boxC = uniq('box_');
    // The recorder subscribes once its process is up; publish until it has a line.
    await waitFor(async () => {
      await pub.publishAsync(topicOf(boxC, 'status'), 'online', { qos: 1 });
      try { return readFileSync(out, 'utf8').includes(boxC); } catch { return false; }
    }, 15_000);
    expect((await recording).stdout).toMatch(/recorded \d+ message\(s\)/);

    // A hand-made recording of a box nobody has heard from, replayed as if it started now.
    const boxD = uniq('box_');
    dispatch.addBox(boxD, 'fac_replay001');
    const then = Date.parse('2026-01-01T00:00:00Z');
    const hand = path.join(dir, 'hand.jsonl');
    writeFileSync(hand, [
      JSON.stringify({ format: RECORDING_FORMAT, startedAt: new Date(then).toISOString(), topics: ['dt/coldchain/box/+/+'] }),
      JSON.stringify({ t: 0, topic: topicOf(boxD), qos: 1, retain: false, payload: telemetryPayload(boxD, [{ ts: then, t: [5] }], { seq: 1, sentAt: then }) }),
      JSON.stringify({ t: 60_000, topic: topicOf(boxD), qos: 1, retain: false, payload: telemetryPayload(boxD, [{ ts: then + 60_000, t: [5.2] }], { seq: 2, sentAt: then + 60_000 }) }),
    ].join('\n'));
    const before = Date.now();
    const played = await cli('telemetry-replay', '--in', hand, '--speed', 'max', '--retime');
    expect(played.stdout).toMatch(/replayed 2 message\(s\)/);
    const rows = await waitFor(async () => { const r = await readings(boxD); return r.length === 2 ? r : null; });
    expect(new Date(rows[0].ts).getTime()).toBeGreaterThanOrEqual(before);
    expect(new Date(rows[1].ts).getTime() - new Date(rows[0].ts).getTime()).toBe(60_000);
    await expect(cli('telemetry-replay', '--in', hand, '--speed', '0')).rejects.toThrow(/usage: telemetry-replay/);
  });

  it('refuses a file that is not a recording, or a line that is not a message, naming the line', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"format":"something-else"}\n');
    await expect(readRecording(bad)).rejects.toThrow(/bad\.jsonl:1: not a recording/);
    writeFileSync(bad, `{"format":"${RECORDING_FORMAT}","startedAt":"2026-01-01T00:00:00Z","topics":[]}\n{"t":-1,"topic":"x","qos":1,"retain":false,"payload":""}\n`);
    await expect(readRecording(bad)).rejects.toThrow(RecordingError);
    await expect(readRecording(bad)).rejects.toThrow(/bad\.jsonl:2: a message needs/);
    writeFileSync(bad, '');
    await expect(readRecording(bad)).rejects.toThrow(/empty/);
    const { header, messages } = await readRecording(file);
    await expect(replayTraffic(player, header, messages, { speed: 0 })).rejects.toThrow(/speed must be above 0/);
  });
});
