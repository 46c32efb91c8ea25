/**
 * The ingest pipeline, after Traccar's ProcessingHandler chain: a batch of MQTT messages goes
 * through an ordered list of small stages, one file each (see `pipeline.ts` for the list).
 * Every stage is idempotent, so a batch that fails anywhere is simply run again, and a QoS 1
 * redelivery after a crash changes nothing that was already stored.
 */
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import type { BirthMessage, DecodedTelemetry, DecodeOptions, NormalizedReading } from '../contract';
import type { BoxCustody, BoxInfo, TelemetryPorts } from '../ports';
import type { AlarmChange } from '../alarms/store';
import type { ProfileCache } from '../alarms/profiles';
import type { ExcursionStore } from '../state/excursion-store';
import type { Severity } from '../excursion';
import type { BoxCache, CustodyCache } from './caches';
import type { LatestWriter } from './latest';

/** Reason codes of the dead-letter store: the decoder's, plus validation's own. */
export type DeadLetterReason = string;

export interface IngestReading extends NormalizedReading {
  /** Shipments in the box at `ts` (attach-custody stage). */
  custody: BoxCustody[];
  /** sentAt of the message that carried it (with boxId and seq: the raw message's key), Unix ms. */
  sentAt: number;
  /** Set by persist: false when the row already existed (a redelivery or an overlapping flush). */
  isNew?: boolean;
}

export interface Item {
  topic: string;
  payload: Buffer;
  /** Server receive time, Unix ms. */
  receivedAt: number;
  kind: 'telemetry' | 'birth' | 'status' | null;
  boxId: string | null;
  rejected?: { reason: DeadLetterReason; detail: string };
  telemetry?: DecodedTelemetry;
  birth?: BirthMessage;
  status?: 'online' | 'offline';
  box?: BoxInfo;
  readings?: IngestReading[];
  /** In-batch duplicate of an earlier item (same box, sentAt, seq): skipped by persist. */
  duplicate?: boolean;
  /** Readings dropped by the in-batch dedupe (already carried by an earlier item). */
  inBatchDuplicates?: number;
}

export interface BatchStats {
  readingsNew: number;
  readingsDuplicate: number;
  messagesNew: number;
  deadLetters: number;
}

export interface Batch {
  items: Item[];
  alarmChanges: AlarmChange[];
  stats: BatchStats;
}

export interface PipelineEnv {
  db: pg.Pool;
  redis: Redis;
  ports: TelemetryPorts;
  boxes: BoxCache;
  custody: CustodyCache;
  profiles: ProfileCache;
  excursions: ExcursionStore;
  latest: LatestWriter;
  /** Alarm notification / escalation queue. */
  alarmQueue: Queue;
  decode: DecodeOptions;
  maxHistory: number;
  notifyMinSeverity: Severity;
  /** Asking boxes for what a seq gap says is missing (stages/gaps.ts). */
  resend: {
    /** Redis hash: box → highest seq stored. */
    markKey: string;
    maxMessages: number;
    /** Publishes a command to a box; never waits and never fails the batch. */
    send(topic: string, command: object): void;
  };
  now(): number;
}

/** One pipeline stage. Adding a stage is one file exporting one of these, and one line in pipeline.ts. */
export interface Stage {
  name: string;
  run(batch: Batch, env: PipelineEnv): Promise<void>;
}

export const live = (i: Item) => !i.rejected && !i.duplicate;
