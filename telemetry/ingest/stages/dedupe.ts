/**
 * Stage 3 — dedupe within the batch: the same message twice (QoS 1 redelivery after a
 * reconnect can race the original) or two messages carrying the same sample. Across batches
 * and processes the table keys do it: messages (box, sentAt, seq) and readings (box, ts), both
 * inserted with ON CONFLICT DO NOTHING (COMPLIANCE D.48). The engine dedupes its own input on
 * (box, ts) and (box, seq) as well, so a redelivered reading never raises an alarm twice.
 */
import type { Stage } from '../types';

export const dedupeStage: Stage = {
  name: 'dedupe',
  async run(batch) {
    const msgKeys = new Set<string>();
    const readingKeys = new Set<string>();
    for (const it of batch.items) {
      if (it.rejected || !it.telemetry) continue;
      const m = it.telemetry.message;
      const mk = `${m.boxId}|${m.sentAt}|${m.seq}`;
      if (msgKeys.has(mk)) { it.duplicate = true; it.inBatchDuplicates = it.telemetry.readings.length; continue; }
      msgKeys.add(mk);
      it.readings = it.telemetry.readings
        .filter((r) => { const k = `${r.boxId}|${r.ts}`; if (readingKeys.has(k)) return false; readingKeys.add(k); return true; })
        .map((r) => ({ ...r, custody: [], sentAt: m.sentAt }));
      it.inBatchDuplicates = it.telemetry.readings.length - it.readings.length;
    }
  },
};
