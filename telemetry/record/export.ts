/**
 * A shipment's temperature record as one self-contained document (`RecordExport`): entries
 * in chain order with the readings they commit to (re-read from telemetry.readings, so a
 * change to either table shows), the seal, the signed addenda, the anchor with the seal's
 * audit path, and the public key. `verifyRecord` (./verify.ts) checks it offline.
 */
import type { Queryable } from '../../platform/db/pool';
import { LOG_FORMAT, type LogReading } from '../log/canonical';
import type { RecordKey } from './keys';
import { SEAL_COLUMNS, sealFromRow } from './seal';
import { EXPORT_FORMAT, type RecordExport } from './verify';

const ms = (col: string) => `round(extract(epoch FROM ${col}) * 1000)::int8`;

/** null when the shipment has no record (no reading in custody, not sealed). */
export async function loadRecordExport(q: Queryable, shipmentId: string, key: RecordKey, now = new Date()): Promise<RecordExport | null> {
  const [entries, seal, addenda, anchor] = await Promise.all([
    q.query(
      `SELECT e.idx, e.addendum, e.box_id, ${ms('e.ts')} AS ts, encode(e.hash, 'hex') AS hash, r.box_id IS NOT NULL AS present,
              r.fw, r.seq, r.reading_index, ${ms('r.received_at')} AS rx, r.t, r.rh, r.door, r.batt, r.hist
         FROM telemetry.record_entries e
         LEFT JOIN telemetry.readings r ON r.box_id = e.box_id AND r.ts = e.ts
        WHERE e.shipment_id = $1 ORDER BY e.idx`, [shipmentId]),
    q.query(`SELECT ${SEAL_COLUMNS} FROM telemetry.record_seals WHERE shipment_id = $1`, [shipmentId]),
    q.query(`SELECT no, from_idx, to_idx, encode(head, 'hex') AS head, key_id, sig, created_at FROM telemetry.record_addenda WHERE shipment_id = $1 ORDER BY no`, [shipmentId]),
    q.query(
      `SELECT a.id, a.day::text AS day, encode(a.root, 'hex') AS root, a.leaf_count, a.key_id, a.sig, a.created_at, l.position, l.proof
         FROM telemetry.record_anchor_leaves l JOIN telemetry.record_anchors a ON a.id = l.anchor_id WHERE l.shipment_id = $1`, [shipmentId]),
  ]);
  if (!entries.rows.length && !seal.rows.length) return null;
  const a = anchor.rows[0];
  return {
    format: EXPORT_FORMAT, canonicalFormat: LOG_FORMAT, shipmentId, exportedAt: now.toISOString(),
    entries: entries.rows.map((r) => {
      const ts = Number(r.ts);
      const reading: LogReading | null = r.present
        ? { boxId: r.box_id, fw: r.fw, seq: Number(r.seq), readingIndex: r.reading_index, ts, receivedAt: Number(r.rx), probes: r.t, rh: r.rh, door: r.door, batt: r.batt, hist: r.hist }
        : null;
      return { index: r.idx, addendum: r.addendum, boxId: r.box_id, ts, reading, hash: r.hash };
    }),
    seal: seal.rows[0] ? sealFromRow(seal.rows[0]) : null,
    addenda: addenda.rows.map((r) => ({ shipmentId, no: r.no, fromIndex: r.from_idx, toIndex: r.to_idx, head: r.head, keyId: r.key_id, sig: r.sig, createdAt: r.created_at.toISOString() })),
    anchor: a ? { id: Number(a.id), day: a.day, root: a.root, leafCount: a.leaf_count, keyId: a.key_id, sig: a.sig, leafIndex: a.position, proof: a.proof, createdAt: a.created_at.toISOString() } : null,
    publicKey: { keyId: key.keyId, pem: key.publicPem },
  };
}
