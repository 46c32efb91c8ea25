/**
 * The ordered list of ingest stages (Traccar-style handler chain). Adding a stage is one file
 * in ./stages and one line here.
 */
import { decodeStage } from './stages/decode';
import { validateStage } from './stages/validate';
import { dedupeStage } from './stages/dedupe';
import { custodyStage } from './stages/custody';
import { persistStage } from './stages/persist';
import { gapsStage } from './stages/gaps';
import { recordStage } from './stages/record';
import { evaluateStage } from './stages/evaluate';
import { publishStage } from './stages/publish';
import { ingestMetrics as m } from './metrics';
import type { Batch, Item, PipelineEnv, Stage } from './types';

export const STAGES: Stage[] = [decodeStage, validateStage, dedupeStage, custodyStage, persistStage, gapsStage, recordStage, evaluateStage, publishStage];

/**
 * Where the chain splits: stages before it (decode … record) touch no per-box state in this
 * process (gaps keeps its marks in Redis, one atomic script a batch; record keeps each shipment's chain under a row lock in the database), so the next
 * batch may run them while this batch runs the rest (evaluate, publish), which must go batch
 * after batch to keep each box in order.
 */
export const ORDERED_FROM = 'evaluate';

export function newBatch(msgs: Array<Pick<Item, 'topic' | 'payload' | 'receivedAt'>>): Batch {
  return {
    items: msgs.map((x) => ({ topic: x.topic, payload: x.payload, receivedAt: x.receivedAt, kind: null, boxId: null })),
    alarmChanges: [],
    stats: { readingsNew: 0, readingsDuplicate: 0, messagesNew: 0, deadLetters: 0 },
  };
}

/**
 * Runs one batch through every stage. Throws on the first failing stage; the caller retries
 * the whole batch (every stage is idempotent) and acknowledges the messages only after success.
 */
export async function runBatch(msgs: Array<Pick<Item, 'topic' | 'payload' | 'receivedAt'>>, env: PipelineEnv, stages: Stage[] = STAGES): Promise<Batch> {
  const batch = newBatch(msgs);
  await runStages(batch, env, stages);
  return batch;
}

export async function runStages(batch: Batch, env: PipelineEnv, stages: Stage[]): Promise<void> {
  for (const s of stages) {
    const end = m.batchSeconds.startTimer({ stage: s.name });
    await s.run(batch, env);
    end();
  }
}

/** The stages that may overlap with the previous batch, and the ordered rest. */
export function splitStages(stages: Stage[] = STAGES): { front: Stage[]; ordered: Stage[] } {
  const i = stages.findIndex((s) => s.name === ORDERED_FROM);
  return i < 0 ? { front: stages, ordered: [] } : { front: stages.slice(0, i), ordered: stages.slice(i) };
}
