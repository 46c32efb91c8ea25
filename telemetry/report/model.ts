/**
 * A shipment's temperature report (COMPLIANCE B.22, B.24, A.1–2, C.35, D.50): what the PDF and
 * the CSV both print, assembled once. The readings are the boxes' own, inside the shipment's
 * custody legs, in event-time order; the figures are telemetry/log's `shipmentReport` (the same
 * time accounting as the excursion engine); the alarms carry who acknowledged them and why.
 * Who the shipment is, its legs and its boxes come from dispatch and tracking through
 * `ReportSubject`, which app/ builds: telemetry does not read their tables.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/pool';
import { resolveStored } from '../alarms/profiles';
import { PRODUCT_CLASSES, type ProductClass } from '../excursion/profile';
import { shipmentReport, type ShipmentReport } from '../log/report';
import { verifyStoredRecord } from '../record/service';
import { getKey } from '../../platform/config/registry';
import { telemetryKeys } from '../config';

export interface ReportSubject {
  shipmentId: string;
  /** The order's pseudonymous token: the report names no customer. */
  orderToken: string;
  facility: { id: string; name: string; timeZone: string };
  /** The lifecycle state when the report was made (delivered, returned, in_transit, …). */
  state: string;
  /** The cold class the record is about (the shipment's coldest). */
  temperatureClass: 'chilled' | 'frozen';
  /** Allowed cumulative time out of range of the most fragile item, minutes; null = none set. */
  stabilityBudgetMin: number | null;
  legs: Array<{ boxId: string | null; holder: string; from: Date; to: Date | null }>;
  boxes: Array<{ id: string; probes: number; sampleIntervalS: number; calibrationDue: string; calibrationState: 'ok' | 'due_soon' | 'overdue' }>;
}

export interface ReportReading { ts: Date; boxId: string; probes: number[]; door: boolean | null; hist: boolean }

export interface ReportAlarm {
  id: string; boxId: string; type: string; severity: string; status: string; raisedAt: Date;
  acknowledgedAt: Date | null; acknowledgedBy: string | null; ackNote: string | null;
  resolvedAt: Date | null; resolvedBy: string | null; resolveNote: string | null;
  /** The alarm chain: who was told at which escalation tier, by which channel, with what outcome (no addresses). */
  notifications: Array<{ tier: number; channel: string; contactId: string | null; outcome: string; at: Date }>;
}

/** The hash-chained record behind the report (telemetry/record): is it what was captured? */
export interface ReportIntegrity {
  entries: number;
  sealed: boolean;
  anchored: boolean;
  /** Hex head hash of the sealed part; null before the seal. */
  sealHead: string | null;
  verified: boolean;
  /** true when verification finds an entry that no longer matches what was captured (COMPLIANCE B.22/C.35). */
  modifiedSinceCapture: boolean;
  firstBroken: { index: number; boxId: string | null; ts: string | null; reason: string } | null;
}

/** QA's decision on the shipment (telemetry/qa), with its signatures. */
export interface ReportDisposition {
  caseId: string; status: string; disposition: string | null; rejectAction: string | null; rootCause: string | null; capa: string | null;
  signatures: Array<{ printedName: string; meaning: string; signedAt: Date; signedAtLocal: string }>;
}

export interface TemperatureReport {
  subject: ReportSubject;
  limits: { low: number; high: number; freezeLimit: number | null; gapLimitMs: number };
  readings: ReportReading[];
  figures: ShipmentReport;
  /** Budget minus time out of range, minutes; null when no budget is set. Negative = overspent. */
  budgetLeftMin: number | null;
  alarms: ReportAlarm[];
  integrity: ReportIntegrity;
  disposition: ReportDisposition | null;
  generatedAt: Date;
  /** SHA-256 of everything above but `generatedAt`: the same data gives the same hash. */
  contentSha256: string;
}

const MAX_READINGS = 200_000;

export async function assembleReport(q: Queryable, subject: ReportSubject, now = new Date()): Promise<TemperatureReport> {
  const cls = (PRODUCT_CLASSES as readonly string[]).includes(subject.temperatureClass) ? subject.temperatureClass as ProductClass : 'chilled';
  const legs = subject.legs.filter((l): l is typeof l & { boxId: string } => !!l.boxId);
  const [readings, alarms, notices, profiles, verification, seal, qaCase] = await Promise.all([
    legs.length ? q.query(
      `WITH legs AS (SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS l(box_id, f, t))
       SELECT r.ts, r.box_id, r.t, r.door, r.hist
         FROM legs JOIN telemetry.readings r ON r.box_id = legs.box_id AND r.ts >= legs.f AND r.ts <= legs.t
        WHERE $1 = ANY(r.shipment_ids)
        ORDER BY r.ts, r.box_id LIMIT ${MAX_READINGS}`,
      [subject.shipmentId, legs.map((l) => l.boxId), legs.map((l) => l.from), legs.map((l) => l.to ?? now)]) : Promise.resolve({ rows: [] as any[] }),
    q.query(
      `SELECT id, box_id, type, severity, status, raised_at, acknowledged_at, acknowledged_by, ack_note, resolved_at, resolved_by, resolve_note
         FROM telemetry.alarms WHERE $1 = ANY(shipment_ids) ORDER BY raised_at, id`, [subject.shipmentId]),
    q.query(
      `SELECT n.alarm_id, n.tier, n.channel, n.contact_id, n.outcome, n.at FROM telemetry.alarm_notifications n
         JOIN telemetry.alarms a ON a.id = n.alarm_id WHERE $1 = ANY(a.shipment_ids) ORDER BY n.at, n.id`, [subject.shipmentId]),
    q.query(`SELECT facility_id, product_class, override, escalation FROM telemetry.alarm_profiles WHERE facility_id IN ('*', $1) AND product_class = $2`, [subject.facility.id, cls]),
    verifyStoredRecord(q, subject.shipmentId),
    q.query(`SELECT encode(head, 'hex') AS head FROM telemetry.record_seals WHERE shipment_id = $1`, [subject.shipmentId]),
    q.query(
      `SELECT c.id, c.status, c.disposition, c.reject_action, c.root_cause, c.capa,
              coalesce((SELECT json_agg(json_build_object('printedName', s.printed_name, 'meaning', s.meaning, 'signedAt', s.signed_at, 'signedAtLocal', s.signed_at_local) ORDER BY s.signed_at)
                          FROM telemetry.qa_signatures s WHERE s.subject_type = 'qa_case' AND s.subject_id = c.id), '[]') AS sigs
         FROM telemetry.qa_cases c WHERE c.shipment_id = $1 ORDER BY c.opened_at DESC, c.id DESC LIMIT 1`, [subject.shipmentId]),
  ]);
  const { profile } = resolveStored(cls, profiles.rows.map((r) => ({ facilityId: r.facility_id, productClass: r.product_class, override: r.override, escalation: r.escalation })), subject.facility.id);
  const rs: ReportReading[] = readings.rows.map((r) => ({ ts: r.ts, boxId: r.box_id, probes: r.t, door: r.door, hist: r.hist }));
  const sampleMs = Math.max(1000, Math.min(...subject.boxes.map((b) => b.sampleIntervalS * 1000), 60_000));
  const from = subject.legs.length ? Math.min(...subject.legs.map((l) => l.from.getTime())) : undefined;
  const ends = subject.legs.map((l) => l.to?.getTime() ?? null);
  const to = ends.length && ends.every((e) => e !== null) ? Math.max(...(ends as number[])) : undefined;
  const gapLimitMs = getKey(telemetryKeys.recordGapLimitMs);
  const figures = shipmentReport(
    rs.map((r) => ({ ts: r.ts.getTime(), probes: r.probes })),
    { low: profile.low, high: profile.high, freezeLimit: profile.freezeLimit ?? null, sampleIntervalMs: sampleMs, maxHoldMs: 5 * 60_000 },
    // The record's own monitoring limit, so the report's gaps are the seal's and the summary's.
    { from, to, maxGapMs: gapLimitMs },
  );
  const budgetLeftMin = subject.stabilityBudgetMin === null ? null : Math.round((subject.stabilityBudgetMin - figures.timeOutOfRangeMs / 60_000) * 10) / 10;
  const body = {
    subject, limits: { low: profile.low, high: profile.high, freezeLimit: profile.freezeLimit ?? null, gapLimitMs }, readings: rs, figures, budgetLeftMin,
    alarms: alarms.rows.map((a): ReportAlarm => ({
      id: a.id, boxId: a.box_id, type: a.type, severity: a.severity, status: a.status, raisedAt: a.raised_at,
      acknowledgedAt: a.acknowledged_at, acknowledgedBy: a.acknowledged_by, ackNote: a.ack_note,
      resolvedAt: a.resolved_at, resolvedBy: a.resolved_by, resolveNote: a.resolve_note,
      notifications: notices.rows.filter((n) => n.alarm_id === a.id).map((n) => ({ tier: n.tier, channel: n.channel, contactId: n.contact_id, outcome: n.outcome, at: n.at })),
    })),
  };
  const c = qaCase.rows[0];
  const broken = verification.firstBroken;
  const extra = {
    integrity: {
      entries: verification.entries, sealed: verification.sealed, anchored: verification.anchored, sealHead: seal.rows[0]?.head ?? null,
      verified: verification.ok, modifiedSinceCapture: broken !== null, firstBroken: broken,
    },
    disposition: c ? {
      caseId: c.id, status: c.status, disposition: c.disposition, rejectAction: c.reject_action, rootCause: c.root_cause, capa: c.capa,
      signatures: (c.sigs as Array<{ printedName: string; meaning: string; signedAt: string; signedAtLocal: string }>).map((x) => ({ ...x, signedAt: new Date(x.signedAt) })),
    } : null,
  };
  const contentSha256 = createHash('sha256').update(JSON.stringify({ ...body, ...extra })).digest('hex');
  return { ...body, ...extra, generatedAt: now, contentSha256 };
}
