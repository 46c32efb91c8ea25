/**
 * The version of a shipment's temperature record that a QA signature is bound to (Part 11
 * §11.70, COMPLIANCE C.33): its custody legs, every reading of those legs in event-time order in
 * the log's canonical form (telemetry/log/canonical.ts, `coldchain.templog/1`), and its excursion
 * alarms with their acknowledgement and resolution notes, as one canonical JSON document whose
 * SHA-256 is the digest. Readings are those shipment-curve.ts draws (a leg's box, inside the
 * leg, attached to the shipment at ingest), here every one of them rather than downsampled.
 *
 * This is the one place that defines "the record version": once records are sealed
 * (telemetry/record/), this function can return the sealed chain head instead and every
 * signature check follows.
 */
import type { Queryable } from '../../platform/db/pool';
import { sha256Hex } from '../../platform/auth/esign';
import { canonicalReading } from '../log/canonical';
import type { CustodyLeg } from '../record/shipment-curve';
import { canonicalJson } from './canonical-json';
import type { QaPorts } from './ports';

export const RECORD_VERSION_FORMAT = 'coldchain.qa-record/1';

export interface RecordVersion {
  /** SHA-256 (hex) of `canonicalJson(document)`. */
  sha256: string;
  readings: number;
  alarms: number;
  legs: number;
}

/** Alarm types that belong to a shipment's temperature record (excursions and lost monitoring). */
const RECORD_ALARM_TYPES = ['TEMP_HIGH', 'TEMP_LOW', 'FREEZE', 'CUMULATIVE', 'BUDGET_EXCEEDED', 'MONITORING_LOST'];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Legs as dispatch lists them (one per compartment), once per box and interval, in time order. */
function distinctLegs(legs: CustodyLeg[]): Array<{ boxId: string; from: string; to: string | null }> {
  const seen = new Map<string, { boxId: string; from: string; to: string | null }>();
  for (const l of legs) {
    const leg = { boxId: l.boxId, from: new Date(l.from).toISOString(), to: l.to ? new Date(l.to).toISOString() : null };
    seen.set(`${leg.boxId}|${leg.from}|${leg.to}`, leg);
  }
  return [...seen.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.boxId < b.boxId ? -1 : 1));
}

/** The canonical document of the shipment's record as it is now (see the module comment). */
export async function recordVersionDocument(shipmentId: string, ctx: { q: Queryable; ports: QaPorts }): Promise<{ doc: Record<string, unknown>; readings: number; alarms: number; legs: number }> {
  const legs = distinctLegs((await ctx.ports.custodyLegs(shipmentId)) ?? []);
  const [readings, alarms] = await Promise.all([
    legs.length ? ctx.q.query(
      `WITH legs AS (SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS l(box_id, f, t))
       SELECT DISTINCT r.box_id, r.ts, r.received_at, r.seq, r.reading_index, r.fw, r.t, r.rh, r.door, r.batt, r.hist
         FROM legs JOIN telemetry.readings r ON r.box_id = legs.box_id AND r.ts >= legs.f AND (legs.t IS NULL OR r.ts <= legs.t)
        WHERE $1 = ANY(r.shipment_ids)
        ORDER BY r.ts, r.box_id`,
      [shipmentId, legs.map((l) => l.boxId), legs.map((l) => l.from), legs.map((l) => l.to)]) : Promise.resolve({ rows: [] as any[] }),
    ctx.q.query(
      `SELECT id, box_id, type, severity, raised_at, retrospective, acknowledged_at, acknowledged_by, ack_note, resolved_at, resolved_by, resolve_note
         FROM telemetry.alarms WHERE $1 = ANY(shipment_ids) AND type = ANY($2::text[]) ORDER BY raised_at, id`,
      [shipmentId, RECORD_ALARM_TYPES]),
  ]);
  const doc = {
    format: RECORD_VERSION_FORMAT,
    shipmentId,
    legs,
    readings: readings.rows.map((r) => canonicalReading({
      boxId: r.box_id, fw: r.fw, seq: Number(r.seq), readingIndex: r.reading_index, ts: r.ts.getTime(), receivedAt: r.received_at.getTime(),
      probes: r.t, rh: r.rh, door: r.door, batt: r.batt, hist: r.hist,
    })),
    alarms: alarms.rows.map((a) => ({
      id: a.id, boxId: a.box_id, type: a.type, severity: a.severity, raisedAt: iso(a.raised_at), retrospective: a.retrospective,
      notes: [
        ...(a.acknowledged_at ? [{ kind: 'acknowledged', at: iso(a.acknowledged_at), by: a.acknowledged_by, text: a.ack_note }] : []),
        ...(a.resolved_at ? [{ kind: 'resolved', at: iso(a.resolved_at), by: a.resolved_by, text: a.resolve_note }] : []),
      ],
    })),
  };
  return { doc, readings: readings.rows.length, alarms: alarms.rows.length, legs: legs.length };
}

/** SHA-256 of the shipment's record version: what a QA disposition signature commits to. */
export async function recordVersionDigest(shipmentId: string, ctx: { q: Queryable; ports: QaPorts }): Promise<RecordVersion> {
  const d = await recordVersionDocument(shipmentId, ctx);
  return { sha256: sha256Hex(canonicalJson(d.doc)), readings: d.readings, alarms: d.alarms, legs: d.legs };
}
