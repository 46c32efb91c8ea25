import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalReading, quantizeReading } from './canonical';
import type { LogReading } from './canonical';
import { appendToChain, buildChain, chainStep, genesisHash, verifyChain } from './hash-chain';
import type { StoredLogRow } from './hash-chain';

const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);
const r = (i: number, over: Partial<LogReading> = {}): LogReading => ({
  boxId: 'box_0042', fw: '1.4.2', seq: 100 + i, readingIndex: 0, ts: T0 + i * 60_000, receivedAt: T0 + i * 60_000 + 800,
  probes: [4.8 + i / 10, 5.1], rh: 61, door: false, batt: 87, hist: false, ...over,
});
const READINGS = Array.from({ length: 12 }, (_, i) => r(i));
const rowsOf = (shipmentId: string, readings: LogReading[]): StoredLogRow[] =>
  buildChain(shipmentId, readings).map((e, i) => ({ index: e.index, reading: readings[i], hash: e.hash }));

describe('canonicalReading', () => {
  it('golden string: fixed key order, 4 decimals, no whitespace', () => {
    expect(canonicalReading(r(0))).toBe(
      '{"batt":87.0000,"boxId":"box_0042","door":false,"fw":"1.4.2","hist":false,"probes":[4.8000,5.1000],' +
        `"readingIndex":0,"receivedAt":${T0 + 800},"rh":61.0000,"seq":100,"ts":${T0}}`,
    );
  });
  it('ignores the key order of the input and any extra fields', () => {
    const scrambled = Object.fromEntries(Object.entries({ ...r(3), driftFlag: true, extra: 'x' }).reverse()) as unknown as LogReading;
    expect(canonicalReading(scrambled)).toBe(canonicalReading(r(3)));
  });
  it.each([
    ['−0 prints as 0', { probes: [-0] }, '"probes":[0.0000]'],
    ['tiny negative prints as 0', { probes: [-0.00001] }, '"probes":[0.0000]'],
    ['1/16 °C steps are exact', { probes: [-18.0625] }, '"probes":[-18.0625]'],
    ['nulls', { rh: null, door: null, batt: null }, '"batt":null'],
  ])('%s', (_n, over, fragment) => expect(canonicalReading(r(0, over as Partial<LogReading>))).toContain(fragment));
  it.each([
    ['NaN probe', { probes: [NaN] }],
    ['Infinity rh', { rh: Infinity }],
    ['fractional ts', { ts: T0 + 0.5 }],
  ])('throws on %s', (_n, over) => expect(() => canonicalReading(r(0, over as Partial<LogReading>))).toThrow());
  it('quantizeReading makes stored = hashed', () => {
    const q = quantizeReading(r(0, { probes: [4.812345] }));
    expect(q.probes).toEqual([4.8123]);
    expect(canonicalReading(q)).toBe(canonicalReading(r(0, { probes: [4.812345] })));
  });
});

describe('hash chain', () => {
  it('genesis is SHA-256 of the domain-prefixed shipment id, and h1 = SHA-256(h0 bytes ‖ canonical)', () => {
    const g = createHash('sha256').update('coldchain.templog/1:shp_abc').digest('hex');
    expect(genesisHash('shp_abc')).toBe(g);
    const h1 = createHash('sha256').update(Buffer.from(g, 'hex')).update(canonicalReading(r(0))).digest('hex');
    expect(buildChain('shp_abc', [r(0)])[0]).toEqual({ index: 1, canonical: canonicalReading(r(0)), hash: h1 });
  });
  it('an untouched chain verifies and reports its head', () => {
    const rows = rowsOf('shp_abc', READINGS);
    expect(verifyChain('shp_abc', rows)).toEqual({ ok: true, count: 12, head: { index: 12, hash: rows[11].hash } });
    expect(verifyChain('shp_abc', [])).toEqual({ ok: true, count: 0, head: { index: 0, hash: genesisHash('shp_abc') } });
  });
  it('appending in two batches gives the same chain as one batch', () => {
    const all = buildChain('shp_abc', READINGS);
    const first = buildChain('shp_abc', READINGS.slice(0, 5));
    const rest = appendToChain({ index: 5, hash: first[4].hash }, READINGS.slice(5));
    expect([...first, ...rest]).toEqual(all);
  });
  it('the same readings under another shipment id break at index 1', () => {
    const res = verifyChain('shp_other', rowsOf('shp_abc', READINGS));
    expect(res.ok === false && [res.firstBrokenIndex, res.reason]).toEqual([1, 'hash_mismatch']);
  });

  const tampers: Array<[string, (x: LogReading) => LogReading]> = [
    ['a probe value by 0.1 °C', (x) => ({ ...x, probes: [x.probes[0] + 0.1, x.probes[1]] })],
    ['the device ts by 1 ms', (x) => ({ ...x, ts: x.ts + 1 })],
    ['receivedAt', (x) => ({ ...x, receivedAt: x.receivedAt - 60_000 })],
    ['the door flag', (x) => ({ ...x, door: !x.door })],
    ['the hist flag', (x) => ({ ...x, hist: !x.hist })],
    ['rh to null', (x) => ({ ...x, rh: null })],
    ['a dropped probe', (x) => ({ ...x, probes: x.probes.slice(0, 1) })],
    ['the seq', (x) => ({ ...x, seq: x.seq + 1 })],
  ];
  const positions = [0, 1, 5, 11];
  it.each(tampers.flatMap(([name, f]) => positions.map((p) => [name, p, f] as const)))('changing %s of row %i breaks verification exactly there', (_n, p, f) => {
    const rows = rowsOf('shp_abc', READINGS);
    rows[p] = { ...rows[p], reading: f(rows[p].reading) };
    const res = verifyChain('shp_abc', rows);
    expect(res.ok === false && [res.firstBrokenIndex, res.reason]).toEqual([p + 1, 'hash_mismatch']);
  });
  it('changing a stored hash breaks at that row', () => {
    const rows = rowsOf('shp_abc', READINGS);
    rows[7] = { ...rows[7], hash: rows[7].hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    const res = verifyChain('shp_abc', rows);
    expect(res.ok === false && res.firstBrokenIndex).toBe(8);
  });
  it('deleting a row is an index gap at its position', () => {
    const rows = rowsOf('shp_abc', READINGS);
    rows.splice(4, 1);
    const res = verifyChain('shp_abc', rows);
    expect(res.ok === false && [res.firstBrokenIndex, res.reason]).toEqual([5, 'index_gap']);
  });
  it('swapping two rows (with their indexes) breaks at the first of them', () => {
    const rows = rowsOf('shp_abc', READINGS);
    const a = rows[3];
    const b = rows[6];
    rows[3] = { ...b, index: a.index };
    rows[6] = { ...a, index: b.index };
    const res = verifyChain('shp_abc', rows);
    expect(res.ok === false && res.firstBrokenIndex).toBe(4);
  });
  it('a NaN written into the table is reported, not thrown', () => {
    const rows = rowsOf('shp_abc', READINGS);
    rows[2] = { ...rows[2], reading: { ...rows[2].reading, probes: [NaN] } };
    const res = verifyChain('shp_abc', rows);
    expect(res.ok === false && [res.firstBrokenIndex, res.reason]).toEqual([3, 'unserialisable']);
  });
  it('truncation and a fully recomputed chain are caught only against an anchored head', () => {
    const rows = rowsOf('shp_abc', READINGS);
    const anchor = { index: 12, hash: rows[11].hash };
    expect(verifyChain('shp_abc', rows.slice(0, 10)).ok).toBe(true);
    const t = verifyChain('shp_abc', rows.slice(0, 10), anchor);
    expect(t.ok === false && [t.firstBrokenIndex, t.reason]).toEqual([11, 'truncated']);
    // attacker edits row 3 and recomputes every hash after it
    const forged = READINGS.map((x, i) => (i === 2 ? { ...x, probes: [5, 5] } : x));
    const forgedRows = rowsOf('shp_abc', forged);
    expect(verifyChain('shp_abc', forgedRows).ok).toBe(true);
    const f = verifyChain('shp_abc', forgedRows, anchor);
    expect(f.ok === false && f.reason).toBe('anchor_mismatch');
    // an anchor from an earlier day still matches an intact chain that has grown since
    expect(verifyChain('shp_abc', rows, { index: 5, hash: rows[4].hash }).ok).toBe(true);
  });
  it('chainStep rejects a malformed previous hash', () => {
    expect(() => chainStep('xyz', '{}')).toThrow();
  });
});
