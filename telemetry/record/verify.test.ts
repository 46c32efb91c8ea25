/**
 * The offline verifier on exports built in memory with the same primitives the database path
 * uses: intact, tampered entry by entry, a forged seal, addenda, the anchor's path and key.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOG_FORMAT, type LogReading } from '../log/canonical';
import { buildChain, genesisHash } from '../log/hash-chain';
import { merkleProofs } from '../log/merkle';
import { signDailyRoot } from '../log/signing';
import { keyIdOf, recordKeyFrom } from './keys';
import { sealDigest, signAddendum, type SealFacts } from './statements';
import { gapSummary } from './seal';
import { EXPORT_FORMAT, verifyRecord, type RecordExport } from './verify';

const key = recordKeyFrom(randomBytes(32).toString('base64url'));
const T0 = Date.UTC(2026, 11, 5, 8, 0, 0);
const r = (i: number, boxId = 'box_a'): LogReading => ({
  boxId, fw: '1.4.2', seq: i, readingIndex: 0, ts: T0 + i * 60_000, receivedAt: T0 + i * 60_000 + 700, probes: [4.5 + (i % 7) / 16, 5.0625], rh: 60, door: false, batt: 80, hist: false,
});

/** A sealed record of `n` readings, anchored among `others` other seals, with `late` readings in one signed addendum. */
function exported(n = 10, late = 0, others = 4): RecordExport {
  const shipmentId = 'shp_rec1';
  const readings = Array.from({ length: n + late }, (_, i) => r(i));
  const chain = buildChain(shipmentId, readings);
  const entries = chain.map((e, i) => ({ index: e.index, addendum: i < n ? 0 : 1, boxId: readings[i].boxId, ts: readings[i].ts, reading: readings[i], hash: e.hash }));
  const ts = readings.slice(0, n).map((x) => x.ts);
  const facts: SealFacts = {
    shipmentId, count: n, head: n ? chain[n - 1].hash : genesisHash(shipmentId), firstTs: ts[0] ?? null, lastTs: ts.at(-1) ?? null,
    custodyFrom: T0, custodyTo: T0 + n * 60_000, ...gapSummary([T0, ...ts, T0 + n * 60_000], 300_000), gapLimitMs: 300_000, outcome: 'delivered', endedAt: T0 + n * 60_000,
  };
  const digest = sealDigest(facts);
  const leaves = [...Array.from({ length: others }, () => randomBytes(32).toString('hex')), digest];
  const { root, proofs } = merkleProofs(leaves);
  const signed = signDailyRoot({ day: '2026-12-05', root, leafCount: leaves.length, order: [] }, key.privateKey, key.keyId);
  const addenda = late ? [{ shipmentId, no: 1, fromIndex: n + 1, toIndex: n + late, head: chain[n + late - 1].hash }] : [];
  return {
    format: EXPORT_FORMAT, canonicalFormat: LOG_FORMAT, shipmentId, exportedAt: new Date().toISOString(), entries,
    seal: { ...facts, digest, sealedAt: new Date(T0 + n * 60_000).toISOString() },
    addenda: addenda.map((a) => ({ ...a, keyId: key.keyId, sig: signAddendum(a, key.privateKey), createdAt: new Date().toISOString() })),
    anchor: { id: 1, day: '2026-12-05', root, leafCount: leaves.length, keyId: key.keyId, sig: signed.sig, leafIndex: others, proof: proofs[others], createdAt: new Date().toISOString() },
    publicKey: { keyId: key.keyId, pem: key.publicPem },
  };
}

describe('verifyRecord (offline)', () => {
  it('an intact sealed, anchored record with an addendum verifies', () => {
    const v = verifyRecord(exported(10, 3), key.publicPem);
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v).toMatchObject({ ok: true, entries: 13, sealed: true, anchored: true, firstBroken: null });
  });

  it.each([1, 4, 10])('a probe value changed in entry %i is named as the first broken entry', (i) => {
    const x = exported(10);
    const e = x.entries[i - 1];
    e.reading = { ...e.reading!, probes: [e.reading!.probes[0] + 0.1, e.reading!.probes[1]] };
    const v = verifyRecord(x, key.publicPem);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ index: i, boxId: 'box_a', ts: new Date(e.ts).toISOString(), reason: 'hash_mismatch' });
  });

  it('a reading missing from the readings table is named at its entry', () => {
    const x = exported(10);
    x.entries[6].reading = null;
    expect(verifyRecord(x, key.publicPem).firstBroken).toMatchObject({ index: 7, reason: 'reading_missing' });
  });

  it('a chain recomputed after an edit no longer ends at the sealed head', () => {
    const x = exported(10);
    const forged = x.entries.map((e) => e.reading!).map((rd, i) => (i === 2 ? { ...rd, probes: [5, 5] } : rd));
    x.entries = buildChain(x.shipmentId, forged).map((e, i) => ({ ...x.entries[i], reading: forged[i], hash: e.hash }));
    const v = verifyRecord(x, key.publicPem);
    expect(v.ok).toBe(false);
    expect(v.checks.find((c) => c.check === 'chain')?.ok).toBe(false);
  });

  it('a dropped last entry is truncation against the seal', () => {
    const x = exported(10);
    x.entries.pop();
    expect(verifyRecord(x, key.publicPem).firstBroken).toMatchObject({ index: 10, reason: 'truncated' });
  });

  it('a changed seal fact (fewer gaps) breaks the seal digest and the anchor path', () => {
    const x = exported(10);
    x.seal!.gapsOverLimit = 0;
    x.seal!.largestGapMs = 1;
    const v = verifyRecord(x, key.publicPem);
    expect(v.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['seal']);
    x.seal!.digest = sealDigest(x.seal!);
    expect(verifyRecord(x, key.publicPem).checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['anchor']);
  });

  it('a late reading slipped into the sealed part, or left outside any signed addendum, fails', () => {
    const x = exported(10, 2);
    x.entries[10].addendum = 0;
    expect(verifyRecord(x, key.publicPem).ok).toBe(false);
    const y = exported(10, 2);
    y.addenda = [];
    expect(verifyRecord(y, key.publicPem).firstBroken).toMatchObject({ index: 11, reason: 'unsigned_after_seal' });
  });

  it('an addendum signed by another key, or a record checked with another key, fails', () => {
    const other = generateKeyPairSync('ed25519');
    const x = exported(10, 2);
    x.addenda[0].sig = signAddendum(x.addenda[0], other.privateKey);
    expect(verifyRecord(x, key.publicPem).checks.find((c) => c.check === 'addenda')?.ok).toBe(false);
    const v = verifyRecord(exported(10), other.publicKey);
    expect(v.ok).toBe(false);
    expect(v.checks.filter((c) => !c.ok).map((c) => c.check).sort()).toEqual(['anchor', 'key']);
    expect(keyIdOf(other.publicKey)).not.toBe(key.keyId);
  });

  it('a record with no reading is sealed at the genesis and verifies', () => {
    const x = exported(0, 0);
    expect(verifyRecord(x, key.publicPem).ok).toBe(true);
    expect(x.seal).toMatchObject({ count: 0, head: genesisHash('shp_rec1') });
  });

  it('gap summary: custody edges count, gaps over the limit are counted', () => {
    expect(gapSummary([0, 60_000, 400_000, 2_000_000], 300_000)).toEqual({ largestGapMs: 1_600_000, gapsOverLimit: 2 });
    expect(gapSummary([0, 1_800_000], 300_000)).toEqual({ largestGapMs: 1_800_000, gapsOverLimit: 1 });
  });

  it('an unsealed record verifies its chain so far and says it is not sealed', () => {
    const x = exported(5);
    x.seal = null;
    x.anchor = null;
    const v = verifyRecord(x, key.publicPem);
    expect(v).toMatchObject({ ok: true, sealed: false, anchored: false });
  });
});
