/**
 * The temperature record's operations as the processes call them: seal a shipment that ended
 * (from the lifecycle, through app/, and from the worker's sweep), anchor, export, verify and
 * the live figures. Shipment facts come through RecordPorts (telemetry imports no other context).
 */
import type pg from 'pg';
import { getKey } from '../../platform/config/registry';
import type { Queryable } from '../../platform/db/pool';
import { telemetryKeys as k } from '../config';
import { resolveStored, loadProfileRows } from '../alarms/profiles';
import { PRODUCT_CLASSES, type ProductClass } from '../excursion/profile';
import type { RecordPorts, RecordShipment } from '../ports';
import { recordFigures, type RecordFigures } from './figures';
import { loadRecordExport, readingsOf } from './export';
import { recordArchive, sealedInPeriod, type ArchivePeriod } from './archive';
import { AppError } from '../../platform/errors';
import { recordKey } from './keys';
import { sealRecord, type Seal } from './seal';
import { verifyRecord, type RecordExport, type RecordVerification } from './verify';

/** Seals the record of a shipment that has ended; null when it has not ended or never had custody in a box. */
export async function sealShipmentRecord(db: pg.Pool, ports: RecordPorts, shipmentId: string): Promise<Seal | null> {
  const s = await ports.shipment(shipmentId);
  if (!s?.end) return null;
  if (!s.legs.length) {
    const { rowCount } = await db.query(`SELECT 1 FROM telemetry.record_heads WHERE shipment_id = $1`, [shipmentId]);
    if (!rowCount) return null;
  }
  const { seal } = await sealRecord(db, shipmentId, { outcome: s.end.outcome, endedAt: s.end.at, legs: s.legs, gapLimitMs: getKey(k.recordGapLimitMs) });
  return seal;
}

/**
 * The safety net for a seal lost between the lifecycle's commit and its after-commit call:
 * unsealed records idle for `idleMs` are sealed when their shipment has ended.
 */
export async function sealEndedRecords(db: pg.Pool, ports: RecordPorts, o: { idleMs?: number; limit?: number } = {}): Promise<{ checked: number; sealed: number }> {
  const { rows } = await db.query(
    `SELECT shipment_id FROM telemetry.record_heads WHERE NOT sealed AND updated_at < now() - make_interval(secs => $1 / 1000.0) ORDER BY updated_at LIMIT $2`,
    [o.idleMs ?? 120_000, o.limit ?? 500]);
  let sealed = 0;
  for (const r of rows) if (await sealShipmentRecord(db, ports, r.shipment_id)) sealed++;
  return { checked: rows.length, sealed };
}

export async function exportRecord(q: Queryable, shipmentId: string): Promise<RecordExport> {
  return loadRecordExport(q, shipmentId, recordKey());
}

/** Recomputes the stored record (chain, seal, addenda, Merkle path, signatures) with the server's key. */
export async function verifyStoredRecord(q: Queryable, shipmentId: string): Promise<RecordVerification> {
  return verifyRecord(await exportRecord(q, shipmentId), recordKey().publicKey);
}

export interface RecordSummary extends RecordFigures {
  shipmentId: string;
  temperatureClass: string;
  limits: { low: number; high: number; freezeLimit: number | null };
  gapLimitMs: number;
  sealed: boolean;
  asOf: string;
}

/** Live figures over the shipment's record so far (every leg, in event-time order). */
export async function recordSummary(q: Queryable, s: RecordShipment, now = new Date()): Promise<RecordSummary> {
  const cls: ProductClass = (PRODUCT_CLASSES as readonly string[]).includes(s.temperatureClass) ? s.temperatureClass as ProductClass : 'chilled';
  const [entries, profiles, sealed] = await Promise.all([
    q.query(`SELECT box_id, round(extract(epoch FROM ts) * 1000)::int8 AS ts FROM telemetry.record_entries WHERE shipment_id = $1`, [s.shipmentId])
      .then((r) => readingsOf(q, r.rows)),
    loadProfileRows(q),
    q.query(`SELECT 1 FROM telemetry.record_seals WHERE shipment_id = $1`, [s.shipmentId]),
  ]);
  const sku = s.stabilityBudgetMin === null ? undefined : { stabilityBudgetMs: Math.round(s.stabilityBudgetMin * 60_000) };
  const { profile } = resolveStored(cls, profiles, s.facilityId, sku);
  const readings = [...entries.values()];
  const gapLimitMs = getKey(k.recordGapLimitMs);
  const from = s.legs.length ? Math.min(...s.legs.map((l) => l.from.getTime())) : undefined;
  const to = s.legs.length ? Math.max(...s.legs.map((l) => (l.to ?? s.end?.at ?? now).getTime())) : undefined;
  const f = recordFigures(readings, profile, { from, to, gapLimitMs, stabilityBudgetMs: profile.stabilityBudgetMs });
  return {
    shipmentId: s.shipmentId, temperatureClass: cls, limits: { low: profile.low, high: profile.high, freezeLimit: profile.freezeLimit },
    gapLimitMs, sealed: (sealed.rowCount ?? 0) > 0, asOf: now.toISOString(), ...f,
  };
}

/**
 * The regulator's archive of a facility's sealed records for shipments that ended in the
 * period, as a stream of ustar bytes. Checks the facility before the first byte, so an unknown
 * one is a 404 answer rather than a broken stream.
 */
export async function facilityRecordArchive(q: Queryable, ports: RecordPorts, facilityId: string, period: ArchivePeriod, now = new Date()): Promise<AsyncGenerator<Buffer>> {
  const shipmentIds = await ports.facilityShipments(facilityId, await sealedInPeriod(q, period));
  if (!shipmentIds) throw new AppError('not_found', 'facility_not_found', `No facility ${facilityId}.`);
  return recordArchive(q, { facilityId, period, shipmentIds }, recordKey(), now);
}
