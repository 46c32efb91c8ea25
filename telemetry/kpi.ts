/** What the KPI figures need from telemetry: excursions per shipment and how fast alarms were answered. */
import type { Queryable } from '../platform/db/pool';
import { EXCURSION_TYPES } from './alarms/store';

/** Excursion alarms (distinct) that concerned each of these shipments. */
export async function excursionsByShipment(q: Queryable, shipmentIds: string[]): Promise<Map<string, number>> {
  if (!shipmentIds.length) return new Map();
  const { rows } = await q.query(
    `SELECT s AS shipment_id, count(DISTINCT a.id)::int AS n
       FROM telemetry.alarms a, unnest(a.shipment_ids) s
      WHERE a.shipment_ids && $1::text[] AND s = ANY($1) AND a.type = ANY($2::text[])
      GROUP BY s`, [shipmentIds, EXCURSION_TYPES]);
  return new Map(rows.map((r) => [r.shipment_id as string, r.n as number]));
}

export interface AlarmResponse {
  raised: number;
  acknowledged: number;
  /** Minutes from raised (server time) to acknowledged; null when none was acknowledged. */
  medianAckMin: number | null;
  p90AckMin: number | null;
  /** Share of the alarms raised that someone acknowledged within 5 minutes. */
  within5MinRate: number | null;
}

/** Alarms raised in [from, to), optionally about one facility. */
export async function alarmResponse(q: Queryable, by: { from: Date; to: Date; facilityId?: string }): Promise<AlarmResponse> {
  const { rows } = await q.query(
    `SELECT count(*)::int AS raised, count(acknowledged_at)::int AS acked,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at) / 60) FILTER (WHERE acknowledged_at IS NOT NULL) AS p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at) / 60) FILTER (WHERE acknowledged_at IS NOT NULL) AS p90,
            count(*) FILTER (WHERE acknowledged_at - created_at <= interval '5 minutes')::int AS fast
       FROM telemetry.alarms
      WHERE created_at >= $1 AND created_at < $2 AND ($3::text IS NULL OR $3 = ANY(facility_ids))`, [by.from, by.to, by.facilityId ?? null]);
  const r = rows[0];
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return { raised: r.raised, acknowledged: r.acked, medianAckMin: round(r.p50), p90AckMin: round(r.p90), within5MinRate: r.raised ? r.fast / r.raised : null };
}

/** An alarm about one or more shipments, with when it was raised (server time) and acknowledged. */
export interface ShipmentAlarm { id: string; type: string; shipmentIds: string[]; createdAt: Date; acknowledgedAt: Date | null }

/** Every alarm (any type) that concerned one of these shipments. */
export async function alarmsOfShipments(q: Queryable, shipmentIds: string[]): Promise<ShipmentAlarm[]> {
  if (!shipmentIds.length) return [];
  const { rows } = await q.query(
    `SELECT id, type, shipment_ids, created_at, acknowledged_at FROM telemetry.alarms WHERE shipment_ids && $1::text[]`, [shipmentIds]);
  return rows.map((r) => ({ id: r.id, type: r.type, shipmentIds: r.shipment_ids, createdAt: r.created_at, acknowledgedAt: r.acknowledged_at }));
}
