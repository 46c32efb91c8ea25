import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBirth, decodeStatus, decodeTelemetry } from './decode';
import type { RejectReason } from './decode';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));
const TOPIC = 'dt/coldchain/box/box_0042/telemetry';
/** Server receive time used for every captured payload: 2026-11-22T12:00:00Z. */
const R = Date.UTC(2026, 10, 22, 12, 0, 0);

describe('decodeTelemetry: captured payloads that must be rejected', () => {
  const cases: Array<[file: string, reason: RejectReason, path?: (string | number)[]]> = [
    ['truncated.txt', 'malformed_json'],
    ['not-utf8.bin', 'malformed_json'],
    ['unknown-schema.json', 'unknown_schema', ['schema']],
    ['missing-ts.json', 'invalid_payload', ['readings', 1, 'ts']],
    ['extra-pii-field.json', 'invalid_payload', []],
    ['topic-mismatch.json', 'topic_mismatch', ['boxId']],
    ['probe-disconnected.json', 'absurd_value', ['readings', 0, 't', 1]],
    ['rh-out-of-range.json', 'absurd_value', ['readings', 0, 'rh']],
    ['unsynced-clock.json', 'absurd_value', ['readings', 0, 'ts']],
    ['future-ts.json', 'future_timestamp', ['readings', 0, 'ts']],
  ];
  it.each(cases)('%s → %s', (file, reason, path) => {
    const res = decodeTelemetry(TOPIC, fixture(file), R);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reason).toBe(reason);
    expect(res.detail.length).toBeGreaterThan(0);
    if (path) expect(res.path).toEqual(path);
  });

  it('names the unrecognised key for a strict-object violation (PII cannot sneak in)', () => {
    const res = decodeTelemetry(TOPIC, fixture('extra-pii-field.json'), R);
    expect(!res.ok && res.detail).toContain('recipientPhone');
  });
});

describe('decodeTelemetry: accepted payloads', () => {
  it('decodes a single live reading with both timestamps', () => {
    const res = decodeTelemetry(TOPIC, fixture('live-single.json'), R);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.readings).toEqual([
      {
        boxId: 'box_0042', fw: '1.4.2', seq: 1042, readingIndex: 0, ts: R - 1000, receivedAt: R,
        probes: [4.8, 5.1], rh: 61, door: false, batt: 87, hist: false, driftMs: -1000, driftFlag: false,
      },
    ]);
  });

  it('decodes a buffered batch, keeps device ts and leaves optional fields null', () => {
    const res = decodeTelemetry(TOPIC, fixture('batch-hist.json'), R);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.readings.map((r) => [r.readingIndex, r.ts, r.hist, r.driftFlag])).toEqual([
      [0, 1795341600000, true, false],
      [1, 1795341660000, true, false],
      [2, 1795341720000, true, false],
      [3, 1795348799000, false, false],
    ]);
    expect(res.readings[2]).toMatchObject({ probes: [8.4, 8.9], rh: null, door: true, batt: 89 });
    expect(res.readings[3]).toMatchObject({ probes: [4.9], rh: null, door: null, batt: null });
  });

  it('flags clock drift on live readings only and never replaces the device ts', () => {
    const res = decodeTelemetry(TOPIC, fixture('clock-behind.json'), R);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.readings.map((r) => [r.ts, r.hist, r.driftMs, r.driftFlag])).toEqual([
      [R - 240_000, true, -240_000, false],
      [R - 180_000, false, -180_000, true],
    ]);
  });

  it('accepts a string payload as well as bytes', () => {
    const res = decodeTelemetry(TOPIC, fixture('live-single.json').toString('utf8'), R);
    expect(res.ok).toBe(true);
  });
});

describe('decodeTelemetry: thresholds and options', () => {
  const msg = (readings: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ schema: 'coldbox.telemetry/1', boxId: 'box_0042', fw: '1.4.2', seq: 1, sentAt: R - 1000, readings, ...extra });
  const live = (ts: number, t: number[] = [5]) => ({ ts, t, hist: false });

  const cases: Array<[name: string, payload: string, opts: Parameters<typeof decodeTelemetry>[3], expected: RejectReason | 'ok']> = [
    ['ts exactly 5 min ahead is accepted', msg([live(R + 300_000)]), {}, 'ok'],
    ['ts 5 min + 1 ms ahead is rejected', msg([live(R + 300_001)]), {}, 'future_timestamp'],
    ['configurable future window', msg([live(R + 60_001)]), { maxFutureMs: 60_000 }, 'future_timestamp'],
    ['sentAt in the future', msg([live(R)], { sentAt: R + 600_000 }), {}, 'future_timestamp'],
    ['−90 °C is the default physical floor', msg([live(R, [-90])]), {}, 'ok'],
    ['−90.1 °C is absurd', msg([live(R, [-90.1])]), {}, 'absurd_value'],
    ['+90.1 °C is absurd', msg([live(R, [90.1])]), {}, 'absurd_value'],
    ['configurable physical range', msg([live(R, [-50])]), { tempRangeC: [-40, 60] }, 'absurd_value'],
    ['batt 101 % is absurd', msg([{ ...live(R), batt: 101 }]), {}, 'absurd_value'],
    ['rh −1 % is absurd', msg([{ ...live(R), rh: -1 }]), {}, 'absurd_value'],
    ['no probes', msg([live(R, [])]), {}, 'invalid_payload'],
    ['nine probes', msg([live(R, [1, 2, 3, 4, 5, 6, 7, 8, 9])]), {}, 'invalid_payload'],
    ['empty readings', msg([]), {}, 'invalid_payload'],
    ['missing hist flag', msg([{ ts: R, t: [5] }]), {}, 'invalid_payload'],
    ['fractional seq', msg([live(R)], { seq: 1.5 }), {}, 'invalid_payload'],
    ['too many readings', msg(Array.from({ length: 11 }, (_, i) => live(R - i * 60_000))), { maxReadings: 10 }, 'too_many_readings'],
    ['exactly max readings', msg(Array.from({ length: 10 }, (_, i) => live(R - i * 60_000))), { maxReadings: 10 }, 'ok'],
    ['JSON array payload', '[1,2]', {}, 'invalid_payload'],
    ['JSON null payload', 'null', {}, 'invalid_payload'],
    ['no schema field', JSON.stringify({ boxId: 'box_0042' }), {}, 'unknown_schema'],
  ];
  it.each(cases)('%s', (_name, payload, opts, expected) => {
    const res = decodeTelemetry(TOPIC, payload, R, opts);
    expect(res.ok ? 'ok' : res.reason).toBe(expected);
  });

  it('rejects a non-telemetry topic before looking at the payload', () => {
    const res = decodeTelemetry('dt/coldchain/box/box_0042/birth', fixture('live-single.json'), R);
    expect(!res.ok && res.reason).toBe('invalid_topic');
  });

  it('the drift threshold is configurable and strict (> not ≥)', () => {
    const p = msg([live(R - 120_000), live(R - 120_001)]);
    const res = decodeTelemetry(TOPIC, p, R);
    expect(res.ok && res.readings.map((r) => r.driftFlag)).toEqual([false, true]);
    const res2 = decodeTelemetry(TOPIC, p, R, { driftFlagMs: 600_000 });
    expect(res2.ok && res2.readings.map((r) => r.driftFlag)).toEqual([false, false]);
  });
});

describe('decodeBirth / decodeStatus', () => {
  it('decodes the captured birth message', () => {
    const res = decodeBirth('dt/coldchain/box/box_0042/birth', fixture('birth.json'));
    expect(res.ok && res.message).toMatchObject({ sampleIntervalS: 60, clockOffsetMs: -35, probes: [{ id: 'p0' }, { id: 'p1' }] });
  });
  it('rejects a birth on another box topic', () => {
    const res = decodeBirth('dt/coldchain/box/box_0043/birth', fixture('birth.json'));
    expect(!res.ok && res.reason).toBe('topic_mismatch');
  });
  it('rejects a birth without probes', () => {
    const b = { ...JSON.parse(fixture('birth.json').toString()), probes: [] };
    const res = decodeBirth('dt/coldchain/box/box_0042/birth', JSON.stringify(b));
    expect(!res.ok && res.reason).toBe('invalid_payload');
  });
  it('decodes the LWT offline payload', () => {
    expect(decodeStatus('dt/coldchain/box/box_0042/status', fixture('status-offline.txt'))).toEqual({ ok: true, boxId: 'box_0042', status: 'offline' });
  });
  it('rejects an unknown status', () => {
    const res = decodeStatus('dt/coldchain/box/box_0042/status', 'sleeping');
    expect(!res.ok && res.reason).toBe('invalid_payload');
  });
});
