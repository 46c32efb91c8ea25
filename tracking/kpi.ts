/** What the KPI figures need from tracking: how each shipment ended, and riders at work per hour. */
import type { Queryable } from '../platform/db/pool';

export interface ShipmentOutcome { state: string; endedAt: Date | null; failCode: string | null }

export async function shipmentOutcomes(q: Queryable, shipmentIds: string[]): Promise<Map<string, ShipmentOutcome>> {
  if (!shipmentIds.length) return new Map();
  const { rows } = await q.query(
    `SELECT t.shipment_id, t.state, t.ended_at,
            (SELECT e.code FROM tracking.shipment_events e WHERE e.shipment_id = t.shipment_id AND e.action = 'fail' ORDER BY e.seq DESC LIMIT 1) AS fail_code
       FROM tracking.shipment_state t WHERE t.shipment_id = ANY($1)`, [shipmentIds]);
  return new Map(rows.map((r) => [r.shipment_id as string, { state: r.state, endedAt: r.ended_at, failCode: r.fail_code }]));
}

/**
 * Riders who picked up or delivered one of these shipments, per local hour of [from, to): the
 * riders at work, as the lifecycle saw them (positions would say the same at hundreds of times
 * the rows read).
 */
export async function ridersAtWorkByHour(q: Queryable, shipmentIds: string[], by: { from: Date; to: Date; timeZone: string }): Promise<number[]> {
  const hours = new Array<number>(24).fill(0);
  if (!shipmentIds.length) return hours;
  const { rows } = await q.query(
    `SELECT extract(hour FROM server_at AT TIME ZONE $4)::int AS h, count(DISTINCT rider_id)::int AS n
       FROM tracking.shipment_events
      WHERE shipment_id = ANY($1) AND action IN ('pick_up', 'deliver') AND rider_id IS NOT NULL AND server_at >= $2 AND server_at < $3
      GROUP BY 1`, [shipmentIds, by.from, by.to, by.timeZone]);
  for (const r of rows) hours[r.h] = r.n;
  return hours;
}
