/**
 * Decoder for box messages: topic + raw payload bytes → validated, normalised readings, or a
 * stable rejection code for the dead-letter store. Pure: the server receive time is an argument.
 */
import { BirthMessageSchema, StatusPayloadSchema, TELEMETRY_SCHEMA_ID, BIRTH_SCHEMA_ID, TelemetryMessageSchema } from './schema';
import type { BirthMessage, BoxStatus, TelemetryMessage } from './schema';
import { parseTopic } from './topics';

/** Stable rejection codes; the dead-letter store and metrics key on these, never rename. */
export type RejectReason =
  | 'invalid_topic'
  | 'malformed_json'
  | 'unknown_schema'
  | 'invalid_payload'
  | 'topic_mismatch'
  | 'future_timestamp'
  | 'absurd_value'
  | 'too_many_readings';

export interface Rejection {
  ok: false;
  reason: RejectReason;
  /** Human-readable explanation; for `invalid_payload` it starts with the zod issue path. */
  detail: string;
  /** zod issue path for `invalid_payload`, JSON path-ish for `absurd_value`/`future_timestamp`. */
  path?: (string | number)[];
}

/** A reading as the rest of the pipeline sees it: one row of the readings table. */
export interface NormalizedReading {
  boxId: string;
  fw: string;
  /** Message seq; (boxId, seq, readingIndex) identifies the row (COMPLIANCE D.48). */
  seq: number;
  readingIndex: number;
  /** Device sample time, Unix ms. Kept as sent, even when drifting (F.63). */
  ts: number;
  /** Server receive time, Unix ms. */
  receivedAt: number;
  /** Probe temperatures, °C. */
  probes: number[];
  rh: number | null;
  door: boolean | null;
  batt: number | null;
  hist: boolean;
  /** ts − receivedAt, ms (positive = device clock ahead). */
  driftMs: number;
  /** |driftMs| > driftFlagMs on a live (hist:false) reading. */
  driftFlag: boolean;
}

export interface DecodedTelemetry {
  ok: true;
  message: TelemetryMessage;
  readings: NormalizedReading[];
}

export type DecodeResult = DecodedTelemetry | Rejection;

export interface DecodeOptions {
  /** Reject a reading whose ts is more than this ahead of receivedAt. Default 300 000 ms (5 min). */
  maxFutureMs?: number;
  /** Flag live readings whose |ts − receivedAt| exceeds this. Default 120 000 ms (2 min, F.63). */
  driftFlagMs?: number;
  /** Max readings per message. Default 1 000 (a 72 h buffer at 1 min is flushed in ≥5 batches). */
  maxReadings?: number;
  /** Physically possible probe temperature, °C. Default [−90, 90]. */
  tempRangeC?: [number, number];
  /** Earliest plausible device ts, Unix ms. Default 2020-01-01T00:00Z (an unsynced RTC reads 1970/2000). */
  minTs?: number;
}

export const DECODE_DEFAULTS: Required<DecodeOptions> = {
  maxFutureMs: 5 * 60_000,
  driftFlagMs: 2 * 60_000,
  maxReadings: 1000,
  tempRangeC: [-90, 90],
  minTs: Date.UTC(2020, 0, 1),
};

const reject = (reason: RejectReason, detail: string, path?: (string | number)[]): Rejection =>
  path ? { ok: false, reason, detail, path } : { ok: false, reason, detail };

function parseJson(payload: Uint8Array | string): { ok: true; value: unknown } | Rejection {
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    return reject('malformed_json', 'payload is not valid UTF-8');
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return reject('malformed_json', (e as Error).message.slice(0, 200));
  }
}

/**
 * Decodes one telemetry message.
 *
 * Check order (first failure wins): topic → JSON → `schema` id → reading count (before zod, so a
 * huge batch is not validated item by item) → zod shape → payload boxId vs topic → physical
 * ranges → future timestamps. A message is accepted or rejected whole: the raw payload of a
 * rejection goes to the dead-letter store, so nothing is lost (COMPLIANCE A.5, C.38).
 *
 * @param topic MQTT topic, must be `dt/coldchain/box/<boxId>/telemetry`
 * @param payload raw payload bytes (or already-decoded text)
 * @param receivedAt server receive time, Unix ms
 * @param opts limits, see {@link DecodeOptions} for defaults
 */
export function decodeTelemetry(
  topic: string,
  payload: Uint8Array | string,
  receivedAt: number,
  opts: DecodeOptions = {},
): DecodeResult {
  const o = { ...DECODE_DEFAULTS, ...opts };
  const t = parseTopic(topic);
  if (!t || t.kind !== 'telemetry') return reject('invalid_topic', `not a telemetry topic: ${topic.slice(0, 200)}`);

  const parsed = parseJson(payload);
  if (!parsed.ok) return parsed;
  const raw = parsed.value as Record<string, unknown> | null;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return reject('invalid_payload', 'payload is not a JSON object', []);
  if (raw.schema !== TELEMETRY_SCHEMA_ID) {
    return reject('unknown_schema', `schema ${JSON.stringify(raw.schema)?.slice(0, 100)} not supported, expected ${TELEMETRY_SCHEMA_ID}`, ['schema']);
  }
  if (Array.isArray(raw.readings) && raw.readings.length > o.maxReadings) {
    return reject('too_many_readings', `${raw.readings.length} readings > max ${o.maxReadings}`, ['readings']);
  }

  const res = TelemetryMessageSchema.safeParse(raw);
  if (!res.success) {
    const issue = res.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return reject('invalid_payload', `${path.join('.') || '(root)'}: ${issue.message}`, path);
  }
  const msg = res.data;
  if (msg.boxId !== t.boxId) return reject('topic_mismatch', `payload boxId ${msg.boxId} ≠ topic boxId ${t.boxId}`, ['boxId']);

  const [tMin, tMax] = o.tempRangeC;
  for (let i = 0; i < msg.readings.length; i++) {
    const r = msg.readings[i];
    for (let p = 0; p < r.t.length; p++) {
      if (r.t[p] < tMin || r.t[p] > tMax) {
        return reject('absurd_value', `readings.${i}.t.${p} = ${r.t[p]} °C outside [${tMin}, ${tMax}]`, ['readings', i, 't', p]);
      }
    }
    if (r.rh !== undefined && (r.rh < 0 || r.rh > 100)) return reject('absurd_value', `readings.${i}.rh = ${r.rh} outside [0, 100]`, ['readings', i, 'rh']);
    if (r.batt !== undefined && (r.batt < 0 || r.batt > 100)) return reject('absurd_value', `readings.${i}.batt = ${r.batt} outside [0, 100]`, ['readings', i, 'batt']);
    if (r.ts < o.minTs) return reject('absurd_value', `readings.${i}.ts = ${r.ts} before ${new Date(o.minTs).toISOString()} (unsynced clock?)`, ['readings', i, 'ts']);
    if (r.ts - receivedAt > o.maxFutureMs) {
      return reject('future_timestamp', `readings.${i}.ts is ${r.ts - receivedAt} ms ahead of receivedAt (max ${o.maxFutureMs})`, ['readings', i, 'ts']);
    }
  }
  if (msg.sentAt - receivedAt > o.maxFutureMs) {
    return reject('future_timestamp', `sentAt is ${msg.sentAt - receivedAt} ms ahead of receivedAt (max ${o.maxFutureMs})`, ['sentAt']);
  }

  const readings = msg.readings.map((r, readingIndex): NormalizedReading => {
    const driftMs = r.ts - receivedAt;
    return {
      boxId: msg.boxId,
      fw: msg.fw,
      seq: msg.seq,
      readingIndex,
      ts: r.ts,
      receivedAt,
      probes: r.t,
      rh: r.rh ?? null,
      door: r.door ?? null,
      batt: r.batt ?? null,
      hist: r.hist,
      driftMs,
      // Buffered readings are legitimately old; only live data can reveal a drifting clock.
      driftFlag: !r.hist && Math.abs(driftMs) > o.driftFlagMs,
    };
  });
  return { ok: true, message: msg, readings };
}

export type DecodeBirthResult = { ok: true; message: BirthMessage } | Rejection;

/** Decodes a birth message from `dt/coldchain/box/<boxId>/birth` (same reason codes). */
export function decodeBirth(topic: string, payload: Uint8Array | string): DecodeBirthResult {
  const t = parseTopic(topic);
  if (!t || t.kind !== 'birth') return reject('invalid_topic', `not a birth topic: ${topic.slice(0, 200)}`);
  const parsed = parseJson(payload);
  if (!parsed.ok) return parsed;
  const raw = parsed.value as Record<string, unknown> | null;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return reject('invalid_payload', 'payload is not a JSON object', []);
  if (raw.schema !== BIRTH_SCHEMA_ID) return reject('unknown_schema', `schema ${JSON.stringify(raw.schema)?.slice(0, 100)} not supported, expected ${BIRTH_SCHEMA_ID}`, ['schema']);
  const res = BirthMessageSchema.safeParse(raw);
  if (!res.success) {
    const issue = res.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return reject('invalid_payload', `${path.join('.') || '(root)'}: ${issue.message}`, path);
  }
  if (res.data.boxId !== t.boxId) return reject('topic_mismatch', `payload boxId ${res.data.boxId} ≠ topic boxId ${t.boxId}`, ['boxId']);
  return { ok: true, message: res.data };
}

export type DecodeStatusResult = { ok: true; boxId: string; status: BoxStatus } | Rejection;

/** Decodes the retained plain-text `online`/`offline` payload on `…/status`. */
export function decodeStatus(topic: string, payload: Uint8Array | string): DecodeStatusResult {
  const t = parseTopic(topic);
  if (!t || t.kind !== 'status') return reject('invalid_topic', `not a status topic: ${topic.slice(0, 200)}`);
  const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
  const res = StatusPayloadSchema.safeParse(text.trim());
  if (!res.success) return reject('invalid_payload', `status payload must be online|offline, got ${JSON.stringify(text.slice(0, 50))}`, []);
  return { ok: true, boxId: t.boxId, status: res.data };
}
