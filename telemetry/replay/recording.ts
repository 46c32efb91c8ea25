/**
 * A replayable telemetry harness (issue 22): record what boxes publish on the broker to a file,
 * and publish it again later — at the recorded pace, faster, or as fast as the broker takes it —
 * into any stack: for the drill, for regression (the same traffic, the same records and alarms),
 * and for the published alarm-latency figure.
 *
 * The file is JSON lines: a header `{ format, startedAt, topics }`, then one message per line
 * `{ t, topic, qos, retain, payload | payloadBase64 }` with `t` in ms since the recording started.
 * Payloads are kept byte for byte (a malformed one replays as malformed and reaches the
 * dead-letter store again); text payloads stay readable, others are base64.
 *
 * Replayed as recorded, the readings carry their old device times and the ingest files them as
 * the past they are. `retime` shifts every device time in the telemetry contract's messages
 * (readings' `ts`, `sentAt`) by the same amount so the recording starts now: its excursions then
 * raise alarms as live ones would. A box's (boxId, seq) is its idempotency key, so a recording
 * replayed twice into the same database is stored once.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { MqttClient } from 'mqtt';
import { TOPIC_PREFIX } from '../contract/topics';

export const RECORDING_FORMAT = 'coldchain.mqtt-recording/1';
/** Everything boxes publish: telemetry, birth and their retained status (the last will). */
export const BOX_TRAFFIC = `${TOPIC_PREFIX}/+/+`;

export interface RecordedMessage { t: number; topic: string; qos: 0 | 1 | 2; retain: boolean; payload: Buffer }
export interface RecordingHeader { format: typeof RECORDING_FORMAT; startedAt: string; topics: string[] }

const utf8 = new TextDecoder('utf-8', { fatal: true });
function encodeLine(m: RecordedMessage): string {
  let text: string | null = null;
  try { text = utf8.decode(m.payload); } catch { /* not text: base64 below */ }
  const body = text !== null ? { payload: text } : { payloadBase64: m.payload.toString('base64') };
  return JSON.stringify({ t: m.t, topic: m.topic, qos: m.qos, retain: m.retain, ...body });
}

/** Records the broker's box traffic into `file` until `stop()`; answers how many messages it wrote. */
export async function recordTraffic(client: MqttClient, file: string, topics: string[] = [BOX_TRAFFIC]): Promise<{ stop: () => Promise<number> }> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const startedAt = Date.now();
  const header: RecordingHeader = { format: RECORDING_FORMAT, startedAt: new Date(startedAt).toISOString(), topics };
  out.write(`${JSON.stringify(header)}\n`);
  let n = 0;
  const onMessage = (topic: string, payload: Buffer, packet: { qos: 0 | 1 | 2; retain: boolean }) => {
    n++;
    out.write(`${encodeLine({ t: Date.now() - startedAt, topic, qos: packet.qos, retain: packet.retain, payload })}\n`);
  };
  client.on('message', onMessage);
  await client.subscribeAsync(topics, { qos: 1 });
  return {
    async stop() {
      await client.unsubscribeAsync(topics);
      client.off('message', onMessage);
      out.end();
      await once(out, 'finish');
      return n;
    },
  };
}

export class RecordingError extends Error {}

/** Reads a recording; a line that is not a recorded message is an error naming the line. */
export async function readRecording(file: string): Promise<{ header: RecordingHeader; messages: RecordedMessage[] }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: RecordingHeader | null = null;
  const messages: RecordedMessage[] = [];
  let no = 0;
  for await (const line of lines) {
    no++;
    if (!line.trim()) continue;
    let v: Record<string, unknown>;
    try { v = JSON.parse(line); } catch { throw new RecordingError(`${file}:${no}: not JSON`); }
    if (!header) {
      if (v.format !== RECORDING_FORMAT) throw new RecordingError(`${file}:${no}: not a recording (format is ${JSON.stringify(v.format)}, expected ${RECORDING_FORMAT})`);
      header = v as unknown as RecordingHeader;
      continue;
    }
    const { t, topic, qos, retain, payload, payloadBase64 } = v;
    if (typeof t !== 'number' || t < 0 || typeof topic !== 'string' || ![0, 1, 2].includes(qos as number) || typeof retain !== 'boolean'
      || (typeof payload !== 'string' && typeof payloadBase64 !== 'string')) {
      throw new RecordingError(`${file}:${no}: a message needs t ≥ 0, topic, qos 0–2, retain and payload or payloadBase64`);
    }
    messages.push({ t, topic, qos: qos as 0 | 1 | 2, retain, payload: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payloadBase64 as string, 'base64') });
  }
  if (!header) throw new RecordingError(`${file}: empty, no recording header`);
  return { header, messages };
}

/**
 * The payload with every device time moved by `shiftMs`: a telemetry message's `sentAt` and its
 * readings' `ts`, a birth's `sentAt`. Anything that is not such a JSON message is returned as is.
 */
export function shiftDeviceTimes(payload: Buffer, shiftMs: number): Buffer {
  let v: unknown;
  try { v = JSON.parse(payload.toString('utf8')); } catch { return payload; }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return payload;
  const m = v as { sentAt?: unknown; readings?: unknown };
  let changed = false;
  if (typeof m.sentAt === 'number') { m.sentAt += shiftMs; changed = true; }
  if (Array.isArray(m.readings)) {
    for (const r of m.readings) if (r && typeof r === 'object' && typeof (r as { ts?: unknown }).ts === 'number') { (r as { ts: number }).ts += shiftMs; changed = true; }
  }
  return changed ? Buffer.from(JSON.stringify(m), 'utf8') : payload;
}

export interface ReplayOptions {
  /** 1 = the recorded pace, 10 = ten times faster, Infinity = as fast as the broker acknowledges. */
  speed: number;
  /** Shift device times so the recording's start is this instant (ms); undefined keeps them. */
  retimeTo?: number;
  /** Called with the count so far, at most every second. */
  onProgress?: (sent: number) => void;
}

/**
 * Publishes the messages in their recorded order and spacing divided by `speed`. Each publish
 * waits for the broker's acknowledgement (QoS 1), so the file's order is the broker's order.
 * Answers how long it took, ms.
 */
export async function replayTraffic(client: MqttClient, header: RecordingHeader, messages: RecordedMessage[], o: ReplayOptions): Promise<{ sent: number; wallMs: number }> {
  if (!(o.speed > 0)) throw new RecordingError(`speed must be above 0 (got ${o.speed})`);
  const shift = o.retimeTo === undefined ? 0 : o.retimeTo - Date.parse(header.startedAt);
  const start = performance.now();
  let lastReport = start;
  let sent = 0;
  for (const m of messages) {
    if (Number.isFinite(o.speed)) {
      const due = start + m.t / o.speed;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    }
    await client.publishAsync(m.topic, shift ? shiftDeviceTimes(m.payload, shift) : m.payload, { qos: m.qos, retain: m.retain });
    sent++;
    if (o.onProgress && performance.now() - lastReport >= 1000) { lastReport = performance.now(); o.onProgress(sent); }
  }
  return { sent, wallMs: performance.now() - start };
}
