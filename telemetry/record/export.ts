/**
 * A shipment's temperature record as one self-contained document (`RecordExport`): entries
 * in chain order with the readings they commit to (re-read from telemetry.readings, so a
 * change to either table shows), the seal, the signed addenda, the anchor with the seal's
 * audit path, and the public key. `verifyRecord` (./verify.ts) checks it offline.
 */
import { prepared, type Queryable } from '../../platform/db/pool';
import { LOG_FORMAT, type LogReading } from '../log/canonical';
import type { RecordKey } from './keys';
import { SEAL_COLUMNS, sealFromRow } from './seal';
import { EXPORT_FORMAT, type RecordExport } from './verify';

const ms = (col: string) => `round(extract(epoch FROM ${col}) * 1000)::int8`;

/** Named statements: planning them on every export cost more than running them. */
const Q = {
  entries: prepared(`SELECT idx, addendum, box_id, ${ms('ts')} AS ts, encode(hash, 'hex') AS hash FROM telemetry.record_entries WHERE shipment_id = $1 ORDER BY idx`),
  seal: prepared(`SELECT ${SEAL_COLUMNS} FROM telemetry.record_seals WHERE shipment_id = $1`),
  addenda: prepared(`SELECT no, from_idx, to_idx, encode(head, 'hex') AS head, key_id, sig, created_at FROM telemetry.record_addenda WHERE shipment_id = $1 ORDER BY no`),
  anchor: prepared(`SELECT a.id, a.day::text AS day, encode(a.root, 'hex') AS root, a.leaf_count, a.key_id, a.sig, a.created_at, l.position, l.proof
    FROM telemetry.record_anchor_leaves l JOIN telemetry.record_anchors a ON a.id = l.anchor_id WHERE l.shipment_id = $1`),
  readings: prepared(`SELECT r.box_id, ${ms('r.ts')} AS ts, r.fw, r.seq, r.reading_index, ${ms('r.received_at')} AS rx, r.t, r.rh, r.door, r.batt, r.hist
    FROM telemetry.readings r JOIN unnest($1::text[], $2::float8[], $3::float8[]) AS u(b, f, t) ON r.box_id = u.b
   WHERE r.ts >= to_timestamp($4::float8 / 1000) AND r.ts <= to_timestamp($5::float8 / 1000)
     AND r.ts >= to_timestamp(u.f / 1000) AND r.ts <= to_timestamp(u.t / 1000)`),
};

/**
 * The readings the entries point at, by box and time range: a range on the partition key lets
 * PostgreSQL open only the partitions of those days, where a join on (box_id, ts) probed
 * every partition's index once per entry (bench:records: verify p50 65 ms → 27 ms on a loaded
 * 2-core machine).
 */
export async function readingsOf(q: Queryable, entries: Array<{ box_id: string; ts: string }>): Promise<Map<string, LogReading>> {
  const span = new Map<string, [number, number]>();
  for (const e of entries) {
    const t = Number(e.ts);
    const s = span.get(e.box_id);
    if (!s) span.set(e.box_id, [t, t]); else { if (t < s[0]) s[0] = t; if (t > s[1]) s[1] = t; }
  }
  const out = new Map<string, LogReading>();
  if (!span.size) return out;
  const { rows } = await q.query(Q.readings(
    // ±1 ms: the bounds must not depend on how a float rounds at the edges
    [[...span.keys()], [...span.values()].map((s) => s[0] - 1), [...span.values()].map((s) => s[1] + 1),
      Math.min(...[...span.values()].map((s) => s[0])) - 1, Math.max(...[...span.values()].map((s) => s[1])) + 1]));
  for (const r of rows) {
    const ts = Number(r.ts);
    out.set(`${r.box_id}|${ts}`, { boxId: r.box_id, fw: r.fw, seq: Number(r.seq), readingIndex: r.reading_index, ts, receivedAt: Number(r.rx), probes: r.t, rh: r.rh, door: r.door, batt: r.batt, hist: r.hist });
  }
  return out;
}

/** A shipment with no reading in custody yet has an empty record: no entry, its chain at the genesis. */
export async function loadRecordExport(q: Queryable, shipmentId: string, key: RecordKey, now = new Date()): Promise<RecordExport> {
  const [entries, seal, addenda, anchor] = await Promise.all([
    q.query(Q.entries([shipmentId])), q.query(Q.seal([shipmentId])), q.query(Q.addenda([shipmentId])), q.query(Q.anchor([shipmentId])),
  ]);
  const readings = await readingsOf(q, entries.rows);
  const a = anchor.rows[0];
  return {
    format: EXPORT_FORMAT, canonicalFormat: LOG_FORMAT, shipmentId, exportedAt: now.toISOString(),
    entries: entries.rows.map((r) => {
      const ts = Number(r.ts);
      return { index: r.idx, addendum: r.addendum, boxId: r.box_id, ts, reading: readings.get(`${r.box_id}|${ts}`) ?? null, hash: r.hash };
    }),
    seal: seal.rows[0] ? sealFromRow(seal.rows[0]) : null,
    addenda: addenda.rows.map((r) => ({ shipmentId, no: r.no, fromIndex: r.from_idx, toIndex: r.to_idx, head: r.head, keyId: r.key_id, sig: r.sig, createdAt: r.created_at.toISOString() })),
    anchor: a ? { id: Number(a.id), day: a.day, root: a.root, leafCount: a.leaf_count, keyId: a.key_id, sig: a.sig, leafIndex: a.position, proof: a.proof, createdAt: a.created_at.toISOString() } : null,
    publicKey: { keyId: key.keyId, pem: key.publicPem },
  };
}
