/**
 * Appends readings to shipments' temperature records (issue 17, COMPLIANCE C.37): one
 * transaction per ingest batch, three statements whatever the batch size (lock the heads,
 * [only on a redelivery: which readings are in already], write entries + heads + addenda).
 *
 * Order: a record is chained in **arrival order** — each batch's readings of a shipment are
 * appended after everything appended before, sorted by device time within the batch. A
 * buffered reading that arrives late is therefore appended, never inserted, and the chain is
 * never rewritten; its `ts` is in the entry, and every view of the record (export, summary,
 * report) sorts by `ts`. Chain order ≠ display order, and the verifier only needs chain order.
 *
 * After the seal, a batch's readings for a shipment form one addendum that continues the same
 * chain and is signed with the server's Ed25519 key (the sealed part is never touched).
 */
import type pg from 'pg';
import { withTx } from '../../platform/db/pool';
import { canonicalReading, type LogReading } from '../log/canonical';
import { chainStepBytes } from '../log/hash-chain';
import type { RecordKey } from './keys';
import { signAddendum } from './statements';

export interface RecordCandidate {
  shipmentId: string;
  reading: LogReading;
  /** false when the reading row already existed (a redelivery): it may be in the record already */
  isNew: boolean;
}

export interface AppendResult { entries: number; addenda: number }

/**
 * @param key the signer of addenda, asked for only when a sealed record receives readings
 */
export async function appendRecords(db: pg.Pool, cands: RecordCandidate[], key: () => RecordKey): Promise<AppendResult> {
  if (!cands.length) return { entries: 0, addenda: 0 };
  const byShipment = new Map<string, RecordCandidate[]>();
  for (const c of cands) {
    let l = byShipment.get(c.shipmentId);
    if (!l) byShipment.set(c.shipmentId, (l = []));
    l.push(c);
  }
  const shipments = [...byShipment.keys()].sort();
  return withTx(db, async (c) => {
    const heads = (await c.query(`SELECT * FROM telemetry.record_lock_heads($1::text[])`, [shipments])).rows;
    const known = new Set<string>();
    const maybe = cands.filter((x) => !x.isNew);
    if (maybe.length) {
      const { rows } = await c.query(
        `SELECT e.shipment_id, e.box_id, round(extract(epoch FROM e.ts) * 1000)::int8 AS ts
           FROM unnest($1::text[], $2::text[], $3::float8[]) AS u(s, b, t)
           JOIN telemetry.record_entries e ON e.shipment_id = u.s AND e.box_id = u.b AND e.ts = to_timestamp(u.t / 1000)`,
        [maybe.map((x) => x.shipmentId), maybe.map((x) => x.reading.boxId), maybe.map((x) => x.reading.ts)]);
      for (const r of rows) known.add(`${r.shipment_id}|${r.box_id}|${r.ts}`);
    }
    const e = { shp: [] as string[], idx: [] as number[], box: [] as string[], ts: [] as number[], hash: [] as string[], add: [] as number[] };
    const h = { shp: [] as string[], idx: [] as number[], head: [] as string[], addenda: [] as number[] };
    const a = { shp: [] as string[], no: [] as number[], from: [] as number[], to: [] as number[], head: [] as string[], key: [] as string[], sig: [] as string[] };
    for (const head of heads) {
      const list = byShipment.get(head.shipment_id)!.sort((p, q) => p.reading.ts - q.reading.ts || (p.reading.boxId < q.reading.boxId ? -1 : 1));
      let idx: number = head.idx;
      let prev: Buffer = head.head;
      let hash = '';
      const addendum = head.sealed ? head.addenda + 1 : 0;
      const from = idx + 1;
      for (const cand of list) {
        const r = cand.reading;
        const k = `${head.shipment_id}|${r.boxId}|${r.ts}`;
        if (known.has(k)) continue;
        known.add(k); // the same reading twice in one batch (two messages carrying it)
        prev = chainStepBytes(prev, canonicalReading(r));
        hash = prev.toString('hex');
        idx += 1;
        e.shp.push(head.shipment_id); e.idx.push(idx); e.box.push(r.boxId); e.ts.push(r.ts); e.hash.push(hash); e.add.push(addendum);
      }
      if (idx === head.idx) continue;
      h.shp.push(head.shipment_id); h.idx.push(idx); h.head.push(hash); h.addenda.push(addendum || head.addenda);
      if (addendum) {
        const k = key();
        const facts = { shipmentId: head.shipment_id, no: addendum, fromIndex: from, toIndex: idx, head: hash };
        a.shp.push(head.shipment_id); a.no.push(addendum); a.from.push(from); a.to.push(idx); a.head.push(hash); a.key.push(k.keyId); a.sig.push(signAddendum(facts, k.privateKey));
      }
    }
    if (e.shp.length) {
      await c.query(`SELECT telemetry.record_write($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
        [e.shp, e.idx, e.box, e.ts, e.hash, e.add, h.shp, h.idx, h.head, h.addenda, a.shp, a.no, a.from, a.to, a.head, a.key, a.sig]);
    }
    return { entries: e.shp.length, addenda: a.shp.length };
  });
}
