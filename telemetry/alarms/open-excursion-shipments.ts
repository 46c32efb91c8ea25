import type { Queryable } from '../../platform/db/pool';
import { EXCURSION_TYPES } from './store';

/**
 * Every shipment with a temperature excursion not yet resolved and recorded since
 * `recordedSince`, with its earliest such alarm: one read for a periodic pass (tracking's
 * customer notice, GDP 9.2) where `openExcursions` would be one query per shipment.
 */
export async function shipmentsWithOpenExcursions(q: Queryable, recordedSince: Date): Promise<Array<{ shipmentId: string; alarmId: string; type: string }>> {
  const { rows } = await q.query(
    `SELECT DISTINCT ON (s.shipment_id) s.shipment_id, a.id, a.type
       FROM telemetry.alarms a CROSS JOIN LATERAL unnest(a.shipment_ids) AS s(shipment_id)
      WHERE a.status <> 'resolved' AND a.type = ANY($1::text[]) AND a.created_at >= $2
      ORDER BY s.shipment_id, a.raised_at`, [EXCURSION_TYPES, recordedSince]);
  return rows.map((r) => ({ shipmentId: r.shipment_id, alarmId: r.id, type: r.type }));
}
