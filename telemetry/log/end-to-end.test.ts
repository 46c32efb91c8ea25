/**
 * The path the ingest pipeline will take, on public APIs only: decode a captured message →
 * evaluate → append to the shipment's chain → verify → report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeTelemetry } from '../contract';
import type { NormalizedReading } from '../contract';
import { evaluateSeries, initExcursionState, resolveProfile, summarize } from '../excursion';
import type { EvalReading } from '../excursion';
import { buildChain, shipmentReport, verifyChain } from '.';

const R = Date.UTC(2026, 10, 22, 12, 0, 0);
const RECIPIENTS = ['usr_a', 'usr_b', 'usr_c'].map((contactId) => ({ channel: 'sms' as const, contactId }));

describe('decode → evaluate → chain → report', () => {
  it('a buffered batch with a door opening and a short warm spell', () => {
    const decoded = decodeTelemetry('dt/coldchain/box/box_0042/telemetry', readFileSync(join(import.meta.dirname, '../contract/fixtures/batch-hist.json')), R);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const res = resolveProfile('chilled', { facility: { recipients: RECIPIENTS } });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const profile = res.profile;
    // a NormalizedReading is an EvalReading; the pipeline adds the custody context
    const readings: EvalReading[] = decoded.readings.map((r: NormalizedReading) => ({ ...r, ctx: { doorExpected: false } }));
    const state = initExcursionState({ boxId: 'box_0042', shipmentId: 'shp_1', pairedAt: readings[0].ts - 20 * 60_000 }, profile);
    const out = evaluateSeries(state, readings, profile);
    expect(out.events.filter((e) => e.type === 'DOOR_OPEN' || e.type === 'WARN_HIGH').map((e) => [e.type, e.action, e.retrospective])).toEqual([
      ['WARN_HIGH', 'raise', true],
      ['DOOR_OPEN', 'raise', true],
      ['WARN_HIGH', 'clear', false],
    ]);
    expect(summarize(out.state, profile).maxC).toBe(8.9);

    const chain = buildChain('shp_1', decoded.readings);
    const rows = chain.map((e, i) => ({ index: e.index, reading: decoded.readings[i], hash: e.hash }));
    const verified = verifyChain('shp_1', rows);
    expect(verified.ok).toBe(true);
    const report = shipmentReport(decoded.readings, profile, { chainVerified: verified.ok });
    // 8.9 °C held from 08:02 until the live reading ~2 h later, and a 2 h hole in the record
    expect(report.result).toBe('FAIL');
    expect(report.reasons).toEqual(['out_of_range', 'gap']);
  });
});
