/**
 * Stage 5 — persist, in one transaction: raw messages, readings and dead letters, each as one
 * multi-row INSERT … SELECT FROM unnest(arrays) … ON CONFLICT DO NOTHING (one statement and
 * one round trip per table whatever the batch size; no 65 535-parameter limit). RETURNING tells
 * which readings are new, the others being redeliveries.
 */
import { createHash } from 'node:crypto';
import { withTx } from '../../../platform/db/pool';
import { ingestMetrics as m } from '../metrics';
import { live, type Stage } from '../types';

const DEAD_LETTER_MAX_BYTES = 64 * 1024;

export const persistStage: Stage = {
  name: 'persist',
  async run(batch, env) {
    const msgs = batch.items.filter((i) => live(i) && i.telemetry);
    const dead = batch.items.filter((i) => i.rejected);
    const readings = msgs.flatMap((i) => i.readings ?? []);
    const stats = batch.stats;
    stats.messagesNew = 0; stats.readingsNew = 0; stats.deadLetters = 0;
    stats.readingsDuplicate = batch.items.reduce((a, i) => a + (i.inBatchDuplicates ?? 0), 0);

    await withTx(env.db, async (c) => {
      if (msgs.length) {
        const r = await c.query(
          `INSERT INTO telemetry.messages (box_id, sent_at, seq, received_at, topic, fw, reading_count, payload)
           SELECT u.box_id, to_timestamp(u.sent_ms / 1000), u.seq, to_timestamp(u.rx_ms / 1000), u.topic, u.fw, u.n, u.payload
             FROM unnest($1::text[], $2::float8[], $3::int8[], $4::float8[], $5::text[], $6::text[], $7::int[], $8::text[]) AS u(box_id, sent_ms, seq, rx_ms, topic, fw, n, payload)
           ON CONFLICT DO NOTHING`,
          [msgs.map((i) => i.telemetry!.message.boxId), msgs.map((i) => i.telemetry!.message.sentAt), msgs.map((i) => i.telemetry!.message.seq),
            msgs.map((i) => i.receivedAt), msgs.map((i) => i.topic), msgs.map((i) => i.telemetry!.message.fw), msgs.map((i) => i.telemetry!.readings.length),
            msgs.map((i) => i.payload.toString('utf8'))],
        );
        stats.messagesNew = r.rowCount ?? 0;
      }
      if (readings.length) {
        const r = await c.query(
          `INSERT INTO telemetry.readings (box_id, ts, received_at, sent_at, seq, reading_index, fw, t, rh, door, batt, hist, drift_ms, drift_flag, shipment_ids)
           SELECT u.box_id, to_timestamp(u.ts / 1000), to_timestamp(u.rx / 1000), to_timestamp(u.sent / 1000), u.seq, u.idx, u.fw, u.t::float8[], u.rh, u.door, u.batt, u.hist, u.drift, u.flag, u.shp::text[]
             FROM unnest($1::text[], $2::float8[], $3::float8[], $4::float8[], $5::int8[], $6::int[], $7::text[], $8::text[], $9::float8[], $10::bool[], $11::float8[], $12::bool[], $13::int8[], $14::bool[], $15::text[])
               AS u(box_id, ts, rx, sent, seq, idx, fw, t, rh, door, batt, hist, drift, flag, shp)
           ON CONFLICT DO NOTHING
           RETURNING box_id, (extract(epoch FROM ts) * 1000)::int8 AS ts_ms`,
          [readings.map((r) => r.boxId), readings.map((r) => r.ts), readings.map((r) => r.receivedAt),
            readings.map((r) => r.sentAt),
            readings.map((r) => r.seq), readings.map((r) => r.readingIndex), readings.map((r) => r.fw),
            readings.map((r) => `{${r.probes.join(',')}}`), readings.map((r) => r.rh), readings.map((r) => r.door), readings.map((r) => r.batt),
            readings.map((r) => r.hist), readings.map((r) => r.driftMs), readings.map((r) => r.driftFlag),
            readings.map((r) => `{${[...new Set(r.custody.map((c) => c.shipmentId))].join(',')}}`)],
        );
        const fresh = new Set(r.rows.map((x) => `${x.box_id}|${x.ts_ms}`));
        for (const rd of readings) rd.isNew = fresh.has(`${rd.boxId}|${rd.ts}`);
        stats.readingsNew = fresh.size;
        stats.readingsDuplicate += readings.length - fresh.size;
      }
      if (dead.length) {
        const r = await c.query(
          `INSERT INTO telemetry.dead_letters (received_at, topic, box_id, reason, detail, payload, payload_bytes, payload_sha256)
           SELECT to_timestamp(u.rx / 1000), u.topic, u.box_id, u.reason, u.detail, u.payload, u.n, u.sha
             FROM unnest($1::float8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::int[], $8::bytea[]) AS u(rx, topic, box_id, reason, detail, payload, n, sha)
           ON CONFLICT DO NOTHING`,
          [dead.map((i) => i.receivedAt), dead.map((i) => i.topic), dead.map((i) => i.boxId), dead.map((i) => i.rejected!.reason), dead.map((i) => i.rejected!.detail),
            dead.map((i) => i.payload.subarray(0, DEAD_LETTER_MAX_BYTES)), dead.map((i) => i.payload.length), dead.map((i) => createHash('sha256').update(i.payload).digest())],
        );
        stats.deadLetters = r.rowCount ?? 0;
      }
    });

    // Counted after commit, so a retried batch is not counted twice.
    for (const i of dead) { m.deadLetters.inc({ reason: i.rejected!.reason }); m.messages.inc({ kind: i.kind ?? 'unknown', outcome: 'dead_letter' }); }
    for (const i of batch.items) {
      if (i.duplicate) m.messages.inc({ kind: 'telemetry', outcome: 'duplicate' });
      if (i.inBatchDuplicates) m.readings.inc({ outcome: 'duplicate', origin: 'in_batch' }, i.inBatchDuplicates);
    }
    // One increment per label set, not per message: this runs for every reading ingested.
    if (msgs.length) m.messages.inc({ kind: 'telemetry', outcome: 'stored' }, msgs.length);
    const counts = new Map<string, number>();
    let drift = 0;
    for (const r of readings) {
      const k = `${r.isNew ? 'stored' : 'duplicate'}|${r.hist ? 'hist' : 'live'}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      if (r.isNew && r.driftFlag) drift++;
    }
    for (const [k, n] of counts) {
      const [outcome, origin] = k.split('|');
      m.readings.inc({ outcome, origin }, n);
    }
    if (drift) m.driftFlagged.inc(drift);
  },
};
