/**
 * What a temperature report needs from dispatch about a shipment: its order's token (never the
 * customer), its facility and zone, its cold classes and the most fragile item's stability
 * budget, and every box that carried it with its probes and calibration state.
 */
import type { Queryable } from '../platform/db/pool';
import { getKey } from '../platform/config/registry';
import { dispatchKeys } from './config';
import { calibrationState } from './network';
import { localDateOf } from './domain/zoned-time';

export interface ShipmentForReport {
  shipmentId: string;
  orderToken: string;
  facility: { id: string; name: string; timeZone: string };
  coldClasses: string[];
  /** Per cold class, the smallest stability budget of its items (minutes); absent = none set. */
  stabilityBudgetMin: Record<string, number>;
  boxes: Array<{ id: string; probes: number; sampleIntervalS: number; calibrationDue: string; calibrationState: 'ok' | 'due_soon' | 'overdue' }>;
}

export async function shipmentForReport(q: Queryable, shipmentId: string): Promise<ShipmentForReport | null> {
  const s = (await q.query(
    `SELECT s.id, s.cold_classes, o.token, f.id AS facility_id, f.name AS facility_name, f.time_zone,
            (SELECT json_object_agg(k.temperature_class, k.budget) FROM (
               SELECT sk.temperature_class, min(sk.stability_budget_min) AS budget
                 FROM dispatch.reservations r JOIN dispatch.skus sk ON sk.id = r.sku_id
                WHERE r.shipment_id = s.id AND sk.stability_budget_min IS NOT NULL GROUP BY sk.temperature_class) k) AS budgets
       FROM dispatch.shipments s JOIN dispatch.orders o ON o.id = s.order_id JOIN dispatch.facilities f ON f.id = s.facility_id
      WHERE s.id = $1`, [shipmentId])).rows[0];
  if (!s) return null;
  const boxes = (await q.query(
    `SELECT b.id, b.probes, b.sample_interval_s, to_char(b.calibration_due, 'YYYY-MM-DD') AS due
       FROM dispatch.boxes b WHERE b.id IN (SELECT box_id FROM dispatch.custody WHERE shipment_id = $1) ORDER BY b.id`, [shipmentId])).rows;
  const today = localDateOf(new Date());
  const warn = getKey(dispatchKeys.calibrationWarnDays);
  return {
    shipmentId, orderToken: s.token, facility: { id: s.facility_id, name: s.facility_name, timeZone: s.time_zone }, coldClasses: s.cold_classes,
    stabilityBudgetMin: s.budgets ?? {},
    boxes: boxes.map((b) => ({ id: b.id, probes: b.probes, sampleIntervalS: b.sample_interval_s, calibrationDue: b.due, calibrationState: calibrationState(b.due, today, warn).state })),
  };
}
