/**
 * Stage 6 — record: appends the batch's readings to the temperature record of every shipment
 * that was in the box at the reading's device time (telemetry/record/append.ts: one
 * transaction per batch, the hash chain computed here). Runs after persist, so a record entry
 * always points at a stored reading; a retried batch finds its readings already chained.
 */
import { recordKey } from '../../record/keys';
import { appendRecords, type RecordCandidate } from '../../record/append';
import { live, type Stage } from '../types';

export const recordStage: Stage = {
  name: 'record',
  async run(batch, env) {
    const cands: RecordCandidate[] = [];
    for (const it of batch.items) {
      if (!live(it) || !it.readings) continue;
      for (const r of it.readings) {
        if (!r.custody.length) continue;
        // One entry per shipment and reading; several orders may share a box.
        for (const shipmentId of new Set(r.custody.map((c) => c.shipmentId))) {
          cands.push({ shipmentId, reading: r, isNew: r.isNew !== false });
        }
      }
    }
    await appendRecords(env.db, cands, recordKey);
  },
};
