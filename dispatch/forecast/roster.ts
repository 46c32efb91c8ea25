/**
 * A facility's demand forecast and recommended rider roster for a day (model.ts), from the
 * history the system keeps: the shipments it sent out by local hour (when a rider was needed:
 * an instant order when placed, a scheduled one at its window) and how long its riders took
 * from pickup to the door over the last 28 days.
 */
import type { Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { addDays, localDateOf } from '../domain/zoned-time';
import { forecastDay, rosterFor, type HourForecast } from './model';

/** When a facility has no delivery yet to learn from: a 3–5 km forward-warehouse ride on an e-bike. */
export const DEFAULT_RIDE_MIN = 15;

export interface RosterAnswer {
  facilityId: string; date: string; timeZone: string;
  target: number; promiseMin: number; weeks: number;
  ride: { oneWayMin: number; busyMinPerOrder: number; handlingMin: number; samples: number; basis: 'history' | 'default' };
  hours: Array<HourForecast & { riders: number; onTime: number }>;
  totals: { orders: number; peakRiders: number; peakHour: number | null; riderHours: number };
  ridersHome: number;
}

export async function demandRoster(q: Queryable, facilityId: string, o: { date?: string; target: number; promiseMin: number; weeks: number; now?: Date }): Promise<RosterAnswer> {
  const f = (await q.query(
    `SELECT time_zone, handling_seconds, created_at, (SELECT count(*)::int FROM dispatch.riders r WHERE r.home_facility_id = f.id) AS riders
       FROM dispatch.facilities f WHERE id = $1`, [facilityId])).rows[0];
  if (!f) throw new AppError('not_found', 'facility_not_found', `No facility ${facilityId}.`);
  const tz: string = f.time_zone;
  const now = o.now ?? new Date();
  const date = o.date ?? addDays(localDateOf(now, tz), 1);
  const from = addDays(date, -Math.max(14, o.weeks * 7));

  // Shipments needing a rider, by the local date and hour they needed one.
  const { rows: hist } = await q.query(
    `SELECT to_char(at AT TIME ZONE $2, 'YYYY-MM-DD') AS date, extract(hour FROM at AT TIME ZONE $2)::int AS hour, count(*)::int AS orders
       FROM (SELECT CASE WHEN o.delivery_mode = 'scheduled' THEN coalesce(s.window_start, s.due_at) ELSE o.created_at END AS at
               FROM dispatch.shipments s JOIN dispatch.orders o ON o.id = s.order_id
              WHERE s.facility_id = $1 AND o.delivery_mode <> 'pickup' AND s.status <> 'cancelled'
                AND o.created_at >= ($3::date - 1)::timestamp AT TIME ZONE $2 AND o.created_at < ($4::date + 1)::timestamp AT TIME ZONE $2) x
      WHERE at >= $3::date::timestamp AT TIME ZONE $2 AND at < $4::date::timestamp AT TIME ZONE $2
      GROUP BY 1, 2`, [facilityId, tz, from, date]);
  // Pickup to door, per delivered shipment of the last 28 days (the order's events name the shipment).
  const ride = (await q.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.at - p.at) / 60) AS median, count(*)::int AS n
       FROM dispatch.shipments s
       JOIN dispatch.order_events p ON p.order_id = s.order_id AND p.type = 'picked_up' AND p.detail->>'shipmentId' = s.id
       JOIN dispatch.order_events d ON d.order_id = s.order_id AND d.type = 'delivered' AND d.detail->>'shipmentId' = s.id
      WHERE s.facility_id = $1 AND s.status = 'delivered' AND d.at >= $2 AND d.at > p.at`, [facilityId, new Date(now.getTime() - 28 * 86_400_000)])).rows[0];

  const samples: number = ride.n;
  const oneWayMin = samples ? Number(ride.median) : DEFAULT_RIDE_MIN;
  const handlingMin = f.handling_seconds / 60;
  const busyMinPerOrder = 2 * oneWayMin + handlingMin;
  const since = localDateOf(f.created_at, tz);
  const forecast = forecastDay(hist, date, since, o.weeks);
  const roster = rosterFor(forecast, { busyMin: busyMinPerOrder, rideMin: oneWayMin + handlingMin, promiseMin: o.promiseMin, target: o.target });
  const hours = forecast.map((h, i) => ({ ...h, riders: roster[i].riders, onTime: roster[i].onTime }));
  const peak = hours.reduce<(typeof hours)[number] | null>((best, h) => (h.riders > (best?.riders ?? 0) ? h : best), null);
  return {
    facilityId, date, timeZone: tz, target: o.target, promiseMin: o.promiseMin, weeks: o.weeks,
    ride: { oneWayMin, busyMinPerOrder, handlingMin, samples, basis: samples ? 'history' : 'default' },
    hours,
    totals: { orders: hours.reduce((s, h) => s + h.orders, 0), peakRiders: peak?.riders ?? 0, peakHour: peak?.hour ?? null, riderHours: hours.reduce((s, h) => s + h.riders, 0) },
    ridersHome: f.riders,
  };
}
