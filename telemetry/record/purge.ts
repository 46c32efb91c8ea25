/**
 * The retention purge of temperature records and the QA records about them (COMPLIANCE A.8,
 * A.21). The planner here picks sealed records whose retention has run out by
 * {@link retainUntil}; each is then deleted by telemetry.record_purge (telemetry/sql/
 * record_purge.sql), which decides retention again with the database's clock and refuses a
 * younger record whoever asks. Run daily by the worker and by `npm run cli -- purge`.
 */
import type pg from 'pg';
import { retainUntil, pastRetention, RECORD_RETENTION_YEARS } from './retention';

/** What the purge asks of dispatch: the latest lot expiry ('YYYY-MM-DD') of each shipment's order. */
export interface RetentionPorts {
  latestLotExpiry(shipmentIds: string[]): Promise<Map<string, string | null>>;
}

export interface PurgeCandidate { shipmentId: string; endedAt: string; latestExpiry: string | null; retainUntil: string }
export interface PurgeResult {
  dryRun: boolean;
  /** Sealed records older than the 5-year minimum that were looked at. */
  checked: number;
  /** Past retention (all of them on a dry run; the purged ones otherwise). */
  purged: PurgeCandidate[];
  /** Kept by the database's own check (or an open QA case), with its reason. */
  refused: Array<{ shipmentId: string; reason: string }>;
}

/** SQLSTATE of telemetry.record_purge's refusals. */
export const PURGE_REFUSED = 'CCR01';

export class RecordPurgeRefused extends Error {
  readonly code = 'retention_refused';
  constructor(message: string) { super(message); this.name = 'RecordPurgeRefused'; }
}

/**
 * Deletes one shipment's quality record through the SQL guard.
 * @throws RecordPurgeRefused when the record is unsealed, under retention or under QA review
 */
export async function purgeRecord(db: pg.Pool, shipmentId: string, actor = 'system:retention'): Promise<Record<string, unknown>> {
  try {
    const { rows } = await db.query('SELECT telemetry.record_purge($1, $2) AS r', [shipmentId, actor]);
    return rows[0].r;
  } catch (e) {
    if ((e as { code?: string }).code === PURGE_REFUSED) throw new RecordPurgeRefused((e as Error).message);
    throw e;
  }
}

/**
 * One purge pass.
 * @param o.now the planner's clock (default now); the SQL guard uses the database's own
 * @param o.dryRun list what would go, delete nothing (default false)
 * @param o.limit records per pass, oldest first (default 1000)
 */
export async function purgeExpiredRecords(db: pg.Pool, ports: RetentionPorts, o: { now?: Date; dryRun?: boolean; limit?: number; actor?: string } = {}): Promise<PurgeResult> {
  const now = o.now ?? new Date();
  const dryRun = o.dryRun ?? false;
  const { rows } = await db.query(
    `SELECT shipment_id, ended_at FROM telemetry.record_seals
      WHERE ended_at < $1::timestamptz - make_interval(years => $2) ORDER BY ended_at, shipment_id LIMIT $3`,
    [now, RECORD_RETENTION_YEARS, o.limit ?? 1000]);
  const expiries = rows.length ? await ports.latestLotExpiry(rows.map((r) => r.shipment_id)) : new Map<string, string | null>();
  const result: PurgeResult = { dryRun, checked: rows.length, purged: [], refused: [] };
  for (const r of rows) {
    const latestExpiry = expiries.get(r.shipment_id) ?? null;
    if (!pastRetention(now, r.ended_at, [latestExpiry])) continue;
    const c: PurgeCandidate = { shipmentId: r.shipment_id, endedAt: r.ended_at.toISOString(), latestExpiry, retainUntil: retainUntil(r.ended_at, [latestExpiry]).toISOString() };
    if (dryRun) { result.purged.push(c); continue; }
    try {
      await purgeRecord(db, c.shipmentId, o.actor);
      result.purged.push(c);
    } catch (e) {
      if (!(e instanceof RecordPurgeRefused)) throw e;
      result.refused.push({ shipmentId: c.shipmentId, reason: e.message });
    }
  }
  return result;
}
