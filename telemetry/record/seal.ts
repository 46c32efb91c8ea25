/**
 * Seals a shipment's temperature record when the shipment ends (delivered, returned,
 * cancelled after pickup, collected): under the head's lock, the entries so far become the
 * sealed part, and the seal keeps the head hash, the count, the first and last device time and
 * the gap summary over the custody interval (COMPLIANCE A.1: gaps longer than the monitoring
 * limit are counted). Idempotent: sealing a sealed record returns the seal it has. A record
 * with no reading at all is sealed too (count 0, the genesis as head, one gap over the whole
 * custody), because "nothing was recorded" is a finding, not an absence of a record.
 */
import type pg from 'pg';
import { withTx } from '../../platform/db/pool';
import { sealDigest, type SealFacts } from './statements';

export interface SealInput {
  outcome: 'delivered' | 'returned' | 'cancelled' | 'collected';
  endedAt: Date;
  /** custody legs of the shipment (boxes and intervals) */
  legs: Array<{ from: Date; to: Date | null }>;
  /** monitoring limit: gaps longer than this are counted, ms */
  gapLimitMs: number;
}

export interface Seal extends SealFacts { digest: string; sealedAt: string }

/** Largest gap and gaps over the limit between consecutive instants (sorted). */
export function gapSummary(points: number[], limitMs: number): { largestGapMs: number; gapsOverLimit: number } {
  let largestGapMs = 0;
  let gapsOverLimit = 0;
  for (let i = 1; i < points.length; i++) {
    const d = points[i] - points[i - 1];
    if (d > largestGapMs) largestGapMs = d;
    if (d > limitMs) gapsOverLimit++;
  }
  return { largestGapMs, gapsOverLimit };
}

export const sealFromRow = (r: Record<string, any>): Seal => ({
  shipmentId: r.shipment_id, count: r.count, head: r.head.toString('hex'),
  firstTs: r.first_ms === null ? null : Number(r.first_ms), lastTs: r.last_ms === null ? null : Number(r.last_ms),
  custodyFrom: r.from_ms === null ? null : Number(r.from_ms), custodyTo: r.to_ms === null ? null : Number(r.to_ms),
  largestGapMs: Number(r.largest_gap_ms), gapsOverLimit: r.gaps_over_limit, gapLimitMs: r.gap_limit_ms, outcome: r.outcome,
  endedAt: Number(r.ended_ms), digest: r.digest.toString('hex'), sealedAt: r.sealed_at.toISOString(),
});

const ms = (col: string) => `round(extract(epoch FROM ${col}) * 1000)::int8`;
export const SEAL_COLUMNS = `shipment_id, count, head, ${ms('first_ts')} AS first_ms, ${ms('last_ts')} AS last_ms, ${ms('custody_from')} AS from_ms,
  ${ms('custody_to')} AS to_ms, largest_gap_ms, gaps_over_limit, gap_limit_ms, outcome, ${ms('ended_at')} AS ended_ms, digest, sealed_at`;

export async function sealRecord(db: pg.Pool, shipmentId: string, input: SealInput): Promise<{ seal: Seal; created: boolean }> {
  return withTx(db, async (c) => {
    const [head] = (await c.query(`SELECT * FROM telemetry.record_lock_heads($1::text[])`, [[shipmentId]])).rows;
    if (head.sealed) {
      const { rows } = await c.query(`SELECT ${SEAL_COLUMNS} FROM telemetry.record_seals WHERE shipment_id = $1`, [shipmentId]);
      return { seal: sealFromRow(rows[0]), created: false };
    }
    const ts = (await c.query(`SELECT ${ms('ts')} AS t FROM telemetry.record_entries WHERE shipment_id = $1 ORDER BY ts`, [shipmentId])).rows.map((r) => Number(r.t));
    const froms = input.legs.map((l) => l.from.getTime());
    const tos = input.legs.map((l) => (l.to ?? input.endedAt).getTime());
    const custodyFrom = froms.length ? Math.min(...froms) : null;
    const custodyTo = tos.length ? Math.max(...tos) : null;
    const points = [...(custodyFrom !== null ? [custodyFrom] : []), ...ts, ...(custodyTo !== null ? [custodyTo] : [])].sort((a, b) => a - b);
    const facts: SealFacts = {
      shipmentId, count: head.idx, head: head.head.toString('hex'), firstTs: ts[0] ?? null, lastTs: ts.at(-1) ?? null, custodyFrom, custodyTo,
      ...gapSummary(points, input.gapLimitMs), gapLimitMs: input.gapLimitMs, outcome: input.outcome, endedAt: input.endedAt.getTime(),
    };
    const digest = sealDigest(facts);
    const toTs = (x: number | null) => (x === null ? null : new Date(x));
    const { rows } = await c.query(
      `INSERT INTO telemetry.record_seals (shipment_id, count, head, first_ts, last_ts, custody_from, custody_to, largest_gap_ms, gaps_over_limit, gap_limit_ms, outcome, ended_at, digest)
       VALUES ($1, $2, decode($3, 'hex'), $4, $5, $6, $7, $8, $9, $10, $11, $12, decode($13, 'hex')) RETURNING ${SEAL_COLUMNS}`,
      [shipmentId, facts.count, facts.head, toTs(facts.firstTs), toTs(facts.lastTs), toTs(custodyFrom), toTs(custodyTo), facts.largestGapMs, facts.gapsOverLimit,
        facts.gapLimitMs, facts.outcome, input.endedAt, digest]);
    await c.query(`UPDATE telemetry.record_heads SET sealed = true, updated_at = now() WHERE shipment_id = $1`, [shipmentId]);
    const seal = sealFromRow(rows[0]);
    // The stored row must state what was hashed (timestamptz keeps µs, the facts are ms).
    if (sealDigest(seal) !== digest) throw new Error(`seal of ${shipmentId}: stored facts do not hash to the digest`);
    return { seal, created: true };
  });
}
