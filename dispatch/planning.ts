/**
 * Planning (DESIGN.md flow 2): a facility's open shipments and online riders become a
 * cold-chain VRP — pickup at the facility before delivery at the door, the promise window,
 * box compartment capacity per temperature class, and each cold shipment's time out of the
 * fridge ≤ the box's validated holdover minus a safety margin. Shipments already picked up
 * stay with their rider. The optimizer runs in a worker thread within a time budget; the plan
 * is stored, shipments get their rider and ETA, and a `plan` event goes to the live feed.
 */
import type { Job } from 'bullmq';
import { appDb, withTx, type Queryable } from '../platform/db/pool';
import { AppError } from '../platform/errors';
import { newId } from '../platform/ids';
import { getKey } from '../platform/config/registry';
import { logger } from '../platform/logger';
import { publishFeed } from '../platform/feed';
import { dispatchKeys } from './config';
import { sharedRoutingEngine as routingEngine } from '../geo';
import { seasonOf } from './network';
import { ambientOutlook, holdoverBudget, type HoldoverBudget } from './holdover-budget';
import { REFERENCE_AMBIENT_C } from './domain/holdover';
import { localDateOf } from './domain/zoned-time';
import { shiftWindow } from './domain/shift';
import { createSolverWorker, type Problem, type Job as VrpJob, type Vehicle, type Solution, type StopRef } from './optimizer';
import type { PlanJob } from './planning-trigger';
import { describePlanReason } from './plan-reason';

const CLASSES = ['ambient', 'chilled', 'frozen'] as const;
/** A rider without a paired box still carries ambient goods in a bag (units). */
const BAG_UNITS = 20;

interface ShipmentRow {
  id: string; status: string; units: Record<string, number>; cold_classes: string[]; rider_id: string | null; pinned_rider_id: string | null;
  due_at: Date; window_start: Date | null; lat: number; lng: number; picked_at: Date | null;
  /** The open custody leg's budget (set at pickup) and its box's season table (legs from before budgets were kept). */
  holdover: { minutes: number | null; season: { summer: number; winter: number } } | null;
}

export interface PlanResult { planId: string; facilityId: string; served: number; unassigned: Array<{ shipmentId: string; reason: string; detail: string }>; routes: number }

let solverThread: ReturnType<typeof createSolverWorker> | undefined;
/** One optimizer thread per process, kept between runs (a new thread costs ~0.3–0.5 s to start). */
function solver() {
  solverThread ??= createSolverWorker();
  return solverThread;
}
export async function closeSolver(): Promise<void> {
  const s = solverThread;
  solverThread = undefined;
  await s?.close();
}

/** What a planning round works on: the facility's problem as the optimizer sees it, and where its locations are. */
export interface FacilityProblem {
  facilityId: string; timeZone: string; t0: number; problem: Problem; points: Array<{ lat: number; lng: number }>; shipments: ShipmentRow[];
  /** The holdover limit given to cold shipments not yet in a box, and why (null: no cold shipment or no box). */
  holdover: PlanHoldover | null;
}

/**
 * The fleet holdover a plan used: the shortest among the riders' boxes at the hottest forecast
 * hour at the facility over the plan's horizon, with the same boxes' figure at 25 °C, so the
 * dispatcher reads "holdover 240 min at 35 °C forecast (300 min at 25 °C)".
 */
export interface PlanHoldover extends HoldoverBudget {
  referenceAmbientC: number;
  /** The hottest hour's start (ISO), when a forecast was used. */
  forecastAt: string | null;
  /** A severe-weather flag covers the facility's area during the horizon. */
  severe: boolean;
  /** The weather made the budget shorter than at the reference ambient. */
  shortened: boolean;
}

/** How far ahead the planner reads the forecast: the latest promise among the shipments, within these bounds. */
const HORIZON_MIN_MS = 3_600_000;
const HORIZON_MAX_MS = 12 * 3_600_000;

/**
 * Loads a facility's open shipments and available riders as a VRP (null: no such facility).
 * Planning and the dispatcher's edit preview (plan-edits.ts) both start here, so an edit is
 * judged by the rules and travel times the optimizer plans with.
 */
export async function loadFacilityProblem(facilityId: string, now = new Date()): Promise<FacilityProblem | null> {
  const db = appDb();
  const fac = (await db.query(`SELECT id, ST_Y(location) AS lat, ST_X(location) AS lng, time_zone FROM dispatch.facilities WHERE id = $1`, [facilityId])).rows[0];
  if (!fac) return null;
  const [shipRes, riderRes] = await Promise.all([
    db.query(
      `SELECT s.id, s.status, s.units, s.cold_classes, s.rider_id, s.pinned_rider_id, s.due_at, s.window_start,
              ST_Y(o.location) AS lat, ST_X(o.location) AS lng,
              (SELECT min(k.from_at) FROM dispatch.custody k WHERE k.shipment_id = s.id AND k.to_at IS NULL) AS picked_at,
              (SELECT json_build_object('minutes', k.holdover_minutes, 'season', b.holdover_minutes) FROM dispatch.custody k JOIN dispatch.boxes b ON b.id = k.box_id
                WHERE k.shipment_id = s.id AND k.to_at IS NULL LIMIT 1) AS holdover
         FROM dispatch.shipments s JOIN dispatch.orders o ON o.id = s.order_id
        WHERE s.facility_id = $1 AND s.status IN ('ready','assigned','picked_up') AND o.delivery_mode <> 'pickup'
        ORDER BY s.due_at, s.id LIMIT 2000`, [facilityId]),
    db.query(
      `SELECT r.id, r.speed_factor, r.shifts, ST_Y(r.last_position) AS lat, ST_X(r.last_position) AS lng,
              b.holdover_minutes, m.holdover AS model_holdover, coalesce(json_object_agg(c.temperature_class, c.capacity_units) FILTER (WHERE c.box_id IS NOT NULL), '{}') AS capacity
         FROM dispatch.riders r
         LEFT JOIN dispatch.boxes b ON b.rider_id = r.id AND b.status IN ('available','in_use') AND b.calibration_due >= $2::date
         LEFT JOIN dispatch.device_models m ON m.id = b.model_id
         LEFT JOIN dispatch.box_compartments c ON c.box_id = b.id
        WHERE r.home_facility_id = $1 AND r.active AND (r.status = 'online' OR EXISTS (SELECT 1 FROM dispatch.shipments s WHERE s.rider_id = r.id AND s.status = 'picked_up'))
        GROUP BY r.id, b.id, m.id ORDER BY r.id`, [facilityId, localDateOf(now, fac.time_zone)]),
  ]);
  const shipments = shipRes.rows as ShipmentRow[];
  const riders = riderRes.rows;
  const t0 = now.getTime();
  const sec = (d: Date) => Math.round((d.getTime() - t0) / 1000);
  const season = seasonOf(now, fac.time_zone);
  const safetyS = getKey(dispatchKeys.holdoverSafetyMinutes) * 60;

  // Locations: 0 = facility, then riders' positions, then each shipment's door.
  const points = [{ lat: fac.lat, lng: fac.lng }];
  const riderLoc = new Map<string, number>();
  for (const r of riders) {
    if (r.lat == null) { riderLoc.set(r.id, 0); continue; }
    riderLoc.set(r.id, points.length);
    points.push({ lat: r.lat, lng: r.lng });
  }
  const doorLoc = new Map<string, number>();
  for (const s of shipments) { doorLoc.set(s.id, points.length); points.push({ lat: s.lat, lng: s.lng }); }
  const table = points.length > 1 ? await routingEngine().table(points, points) : { durations: [[0]], distances: [[0]] };

  // Holdover for shipments not yet in a box: the shortest among the boxes riders carry, at the
  // hottest forecast hour at the facility until the latest promise (a route's hours lie inside it).
  const coldWaiting = shipments.filter((s) => s.cold_classes.length > 0 && s.status !== 'picked_up');
  let holdover: PlanHoldover | null = null;
  if (coldWaiting.length) {
    const lastDue = Math.max(...coldWaiting.map((s) => s.due_at.getTime()));
    const horizonEnd = new Date(t0 + Math.min(HORIZON_MAX_MS, Math.max(HORIZON_MIN_MS, lastDue - t0)));
    const outlook = await ambientOutlook({ lat: fac.lat, lng: fac.lng }, now, horizonEnd);
    let best: HoldoverBudget | null = null;
    for (const r of riders) {
      const b = holdoverBudget(r.model_holdover, r.holdover_minutes, outlook?.ambientC ?? null, now, fac.time_zone);
      if (b && (!best || b.minutes < best.minutes)) best = b;
    }
    if (best) {
      holdover = {
        ...best, referenceAmbientC: REFERENCE_AMBIENT_C, forecastAt: best.basis === 'ambient' ? outlook?.at ?? null : null, severe: !!outlook?.severe,
        shortened: best.referenceMinutes !== null && best.minutes < best.referenceMinutes,
      };
    }
  }
  const fleetHoldover = holdover?.minutes ?? Infinity;
  const pickupS = getKey(dispatchKeys.pickupServiceS);
  const deliveryS = getKey(dispatchKeys.deliveryServiceS);
  const amountOf = (s: ShipmentRow) => CLASSES.map((c) => s.units[c] ?? 0);
  const jobs: VrpJob[] = [];
  const locked = new Map<string, StopRef[]>();
  for (const s of shipments) {
    const window = [Math.max(0, s.window_start ? sec(s.window_start) : 0), sec(s.due_at)] as const;
    const cold = s.cold_classes.length > 0;
    if (s.status === 'picked_up' && s.rider_id) {
      // Already in a box: deliver before the holdover runs out, on the same rider.
      const legMinutes = s.holdover ? s.holdover.minutes ?? s.holdover.season?.[season] : undefined;
      const holdS = legMinutes && s.picked_at ? legMinutes * 60 - safetyS - (t0 - s.picked_at.getTime()) / 1000 : undefined;
      jobs.push({ kind: 'delivery', id: s.id, location: doorLoc.get(s.id)!, service: deliveryS, timeWindow: [window[0], Math.max(window[0], window[1])], amount: amountOf(s), pinnedVehicle: s.rider_id, ...(cold && holdS !== undefined ? { deadline: Math.max(0, Math.floor(holdS)) } : {}) });
      if (!locked.has(s.rider_id)) locked.set(s.rider_id, []);
      locked.get(s.rider_id)!.push({ jobId: s.id, step: 'delivery' });
    } else {
      jobs.push({
        kind: 'shipment', id: s.id, amount: amountOf(s),
        pickup: { location: 0, service: pickupS, timeWindow: [0, Math.max(0, window[1])] },
        delivery: { location: doorLoc.get(s.id)!, service: deliveryS, timeWindow: window },
        ...(cold && Number.isFinite(fleetHoldover) ? { maxRideTime: fleetHoldover * 60 - safetyS } : {}),
        ...(s.pinned_rider_id ? { pinnedVehicle: s.pinned_rider_id } : {}),
      });
    }
  }
  const vehicles: Vehicle[] = riders.map((r) => {
    const cap = r.capacity as Record<string, number>;
    return {
      id: r.id, start: riderLoc.get(r.id), end: 0,
      shift: shiftWindow(r.shifts, now, fac.time_zone, getKey(dispatchKeys.defaultShiftHours) * 3600),
      capacity: [Math.max(cap.ambient ?? 0, BAG_UNITS), cap.chilled ?? 0, cap.frozen ?? 0],
      speedFactor: r.speed_factor,
      ...(locked.has(r.id) ? { lockedPrefix: locked.get(r.id) } : {}),
    };
  });
  // Deliveries pinned to a rider who is no longer listed (went offline mid-route) keep their pin;
  // the solver reports them unassigned with the reason, which the dispatcher sees.
  const problem: Problem = { durations: table.durations, distances: table.distances, vehicles, jobs, timeWindows: 'soft-delivery', now: 0 };
  return { facilityId, timeZone: fac.time_zone, t0, problem, points, shipments, holdover };
}

/** Runs one planning round for a facility (idempotent: a rerun just plans again). */
/**
 * Told, inside the plan's transaction, which shipments the plan gave to a rider other than the
 * one they had, or took from its rider (riderId null): tracking records each as an `assign` or
 * `unassign` lifecycle event, committed together with the plan or not at all.
 */
export type AssignmentHook = (c: Queryable, assignments: Array<{ shipmentId: string; riderId: string | null; planId: string; eta: Date | null }>) => Promise<void>;

export async function planFacility(facilityId: string, reason = 'manual', now = new Date(), hooks: { onAssigned?: AssignmentHook } = {}): Promise<PlanResult | null> {
  const db = appDb();
  const loaded = await loadFacilityProblem(facilityId, now);
  if (!loaded) return null;
  const { problem, points, shipments, t0, holdover } = loaded;
  const { jobs, vehicles } = problem;
  const solution: Solution = jobs.length
    ? await solver().solve(problem, { timeMs: getKey(dispatchKeys.planTimeBudgetMs), seed: 1 }).catch(async (e) => {
      // A thread that crashed is not reused; the job's retry gets a fresh one.
      await closeSolver().catch(() => undefined);
      throw e;
    })
    : { routes: [], unassigned: [], summary: { served: 0, unassigned: 0, lateness: 0, travelTime: 0, distance: 0, cost: 0 }, stats: { iterations: 0, timeMs: 0 } };

  const planId = newId('pln');
  const at = (s: number) => new Date(t0 + s * 1000);
  await withTx(db, async (c) => {
    // One plan written per facility at a time: an applied edit checks the version under this lock.
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan:${facilityId}`]);
    await c.query(`INSERT INTO dispatch.plans (id, facility_id, reason, summary, unassigned) VALUES ($1,$2,$3,$4,$5)`,
      [planId, facilityId, reason, JSON.stringify({ ...solution.summary, ...solution.stats, riders: vehicles.length, shipments: jobs.length, ...(holdover ? { holdover } : {}) }),
        JSON.stringify(solution.unassigned.map((u) => ({ shipmentId: u.jobId, reason: u.reason, detail: u.detail })))]);
    const assigned = new Set<string>();
    const changed: Parameters<AssignmentHook>[1] = [];
    const before = new Map(shipments.map((s) => [s.id, s]));
    for (const r of solution.routes) {
      const stops = r.stops.map((st) => ({ shipmentId: st.jobId, step: st.step, eta: at(st.start).toISOString(), lateness: st.lateness, lat: points[st.location].lat, lng: points[st.location].lng, locked: st.locked }));
      await c.query(`INSERT INTO dispatch.plan_routes (plan_id, rider_id, stops, travel_s, distance_m) VALUES ($1,$2,$3,$4,$5)`,
        [planId, r.vehicleId, JSON.stringify(stops), r.travelTime, r.distance]);
      for (const st of r.stops) {
        if (st.step !== 'delivery') continue;
        assigned.add(st.jobId);
        await c.query(`UPDATE dispatch.shipments SET rider_id = $2, eta = $3, status = CASE WHEN status = 'ready' THEN 'assigned' ELSE status END, updated_at = now() WHERE id = $1`,
          [st.jobId, r.vehicleId, at(st.start)]);
        const was = before.get(st.jobId);
        if (was && ['ready', 'assigned'].includes(was.status) && was.rider_id !== r.vehicleId) changed.push({ shipmentId: st.jobId, riderId: r.vehicleId, planId, eta: at(st.start) });
      }
    }
    // Shipments the new plan could not place lose a stale assignment (picked-up ones keep their rider).
    const dropped = shipments.filter((s) => s.status === 'assigned' && !assigned.has(s.id)).map((s) => s.id);
    if (dropped.length) await c.query(`UPDATE dispatch.shipments SET rider_id = NULL, status = 'ready', updated_at = now() WHERE id = ANY($1)`, [dropped]);
    for (const id of dropped) changed.push({ shipmentId: id, riderId: null, planId, eta: null });
    if (changed.length && hooks.onAssigned) await hooks.onAssigned(c, changed);
  });
  await publishFeed({ type: 'plan', facilityId, planId, reason, reasonCode: await describePlanReason(db, reason), served: solution.summary.served, unassigned: solution.unassigned.length, riders: solution.routes.map((r) => r.vehicleId) });
  logger.info({ facilityId, planId, reason, served: solution.summary.served, unassigned: solution.unassigned.length, ms: solution.stats.timeMs }, 'plan stored');
  return { planId, facilityId, served: solution.summary.served, unassigned: solution.unassigned.map((u) => ({ shipmentId: u.jobId, reason: u.reason, detail: u.detail })), routes: solution.routes.length };
}

/** The current plan of a facility (or only one rider's route). */
export async function currentPlan(facilityId: string, riderId?: string) {
  const db = appDb();
  const p = (await db.query(`SELECT * FROM dispatch.plans WHERE facility_id = $1 ORDER BY created_at DESC LIMIT 1`, [facilityId])).rows[0];
  if (!p) return null;
  const routes = (await db.query(`SELECT rider_id, stops, travel_s, distance_m FROM dispatch.plan_routes WHERE plan_id = $1 ${riderId ? 'AND rider_id = $2' : ''} ORDER BY rider_id`, riderId ? [p.id, riderId] : [p.id])).rows;
  // The facility's whole plan also lists its open shipments (order, promise, pin) for the dispatch board.
  const open = riderId ? [] : (await db.query(
    `SELECT id, order_id, status, due_at, pinned_rider_id, cold_classes FROM dispatch.shipments
      WHERE facility_id = $1 AND status IN ('ready','assigned','picked_up') ORDER BY due_at, id LIMIT 2000`, [facilityId])).rows;
  const { holdover = null, ...summary } = p.summary as Record<string, unknown> & { holdover?: PlanHoldover };
  return {
    planId: p.id, facilityId, createdAt: p.created_at.toISOString(), reason: p.reason, reasonCode: await describePlanReason(db, p.reason),
    summary: summary as Record<string, number | string>, holdover, unassigned: p.unassigned,
    routes: routes.map((r) => ({ riderId: r.rider_id, stops: r.stops, travelS: r.travel_s, distanceM: r.distance_m })),
    ...(riderId ? {} : {
      shipments: open.map((s) => ({ id: s.id, orderId: s.order_id, status: s.status, dueAt: s.due_at.toISOString(), pinnedRiderId: s.pinned_rider_id, coldClasses: s.cold_classes })),
    }),
  };
}

/** BullMQ processor for PLAN_QUEUE. A worker that dies mid-plan leaves the job to be retried. */
export function planJobProcessor(hooks: { onAssigned?: AssignmentHook } = {}) {
  return (job: Job<PlanJob>): Promise<PlanResult | null> => planFacility(job.data.facilityId, job.data.reason, new Date(), hooks);
}

/**
 * Pins a shipment to a rider, whom the optimizer then keeps it with (null unpins), in the
 * caller's transaction. Returns the shipment's facility and the rider it was pinned to before.
 */
export async function pinShipment(c: Queryable, shipmentId: string, riderId: string | null): Promise<{ facilityId: string; before: string | null }> {
  const { rows } = await c.query('SELECT facility_id, pinned_rider_id FROM dispatch.shipments WHERE id = $1 FOR UPDATE', [shipmentId]);
  if (!rows[0]) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
  await c.query('UPDATE dispatch.shipments SET pinned_rider_id = $2, updated_at = now() WHERE id = $1', [shipmentId, riderId]);
  return { facilityId: rows[0].facility_id, before: rows[0].pinned_rider_id };
}
