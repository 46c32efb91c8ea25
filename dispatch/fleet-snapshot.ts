/**
 * The picture of boxes and riders that sourcing uses (orders/create.ts), cached per process.
 */
import { prepared, type Queryable } from '../platform/db/pool';
import { getKey } from '../platform/config/registry';
import { dispatchKeys } from './config';
import type { BoxAvailability, ColdClass } from './domain/sourcing';

/**
 * Boxes and riders as sourcing sees them, for every facility: which boxes can leave (calibrated,
 * not in maintenance; one out on delivery counts as free again at the latest ETA of what it
 * carries) and how many riders are online. Read at most every DISPATCH_FLEET_SNAPSHOT_MS per
 * process (the caller that finds it expired waits for the new read; callers meanwhile get the
 * previous one), not per order: placing an order reserves stock, not a box or a rider (the planner
 * assigns those), so a picture a second old decides as well as a fresh one, and the order path
 * saves the statement's grouping work. Changes made through this process are seen at once
 * ({@link fleetChanged}).
 */
/**
 * boxes: per facility, per cold class it has boxes for; riders: online per facility; coldPauses:
 * per facility, the not-yet-ended "no instant cold delivery" periods as [from, until) ms (a pause
 * set through this process is seen at once, through another within the snapshot's age).
 */
export interface FleetSnapshot { at: number; today: string; boxes: Map<string, Partial<Record<ColdClass, BoxAvailability>>>; riders: Map<string, number>; coldPauses: Map<string, Array<[number, number]>> }

/** Instant cold delivery is paused at the facility at `now`. */
export function coldPausedAt(snap: FleetSnapshot, facilityId: string, now: Date): boolean {
  const t = now.getTime();
  return snap.coldPauses.get(facilityId)?.some(([from, until]) => from <= t && t < until) ?? false;
}

const fleetStatement = prepared(`SELECT
   (SELECT coalesce(json_agg(json_build_array(facility_id, temperature_class, free_now, next_free_at)), '[]') FROM (
      SELECT b.facility_id, c.temperature_class, count(*) FILTER (WHERE b.status = 'available') AS free_now,
             min(CASE WHEN b.status = 'in_use' THEN (SELECT max(s.eta) FROM dispatch.custody k JOIN dispatch.shipments s ON s.id = k.shipment_id
                                                     WHERE k.box_id = b.id AND k.to_at IS NULL) END) AS next_free_at
        FROM dispatch.boxes b JOIN dispatch.box_compartments c ON c.box_id = b.id
       WHERE b.calibration_due >= $1::date AND b.status IN ('available','in_use')
       GROUP BY 1, 2) x) AS boxes,
   (SELECT coalesce(json_agg(json_build_array(home_facility_id, n)), '[]') FROM (
      SELECT home_facility_id, count(*) AS n FROM dispatch.riders WHERE active AND status = 'online' GROUP BY 1) y) AS riders,
   (SELECT coalesce(json_agg(json_build_array(facility_id, extract(epoch FROM from_at) * 1000, extract(epoch FROM until_at) * 1000)), '[]')
      FROM dispatch.cold_pauses WHERE lifted_at IS NULL AND until_at > now()) AS cold_pauses`);

let fleet: FleetSnapshot | undefined;
let fleetLoading: { today: string; promise: Promise<FleetSnapshot> } | undefined;
let fleetGeneration = 0;

/** Drops the cached fleet picture (a box or rider changed through this process). */
export function fleetChanged(): void {
  fleet = undefined;
  fleetLoading = undefined; // a read already under way may predate the change: later callers read again
  fleetGeneration++;
}

export async function fleetSnapshot(q: Queryable, today: string): Promise<FleetSnapshot> {
  const ttl = getKey(dispatchKeys.fleetSnapshotMs);
  const age = fleet && fleet.today === today ? Date.now() - fleet.at : Infinity;
  if (age < ttl) return fleet!;
  if (ttl > 0 && fleetLoading?.today === today) {
    // While one caller reads again, the others decide on the previous picture (then at most two
    // TTLs old) instead of all waiting for that read behind the pool's queue every TTL.
    if (age < 2 * ttl) return fleet!;
    return fleetLoading.promise; // callers share a read under way (with a TTL of 0 each reads for itself)
  }
  const generation = fleetGeneration;
  const loading: Promise<FleetSnapshot> = (async () => {
    const at = Date.now();
    const { rows: [r] } = await q.query(fleetStatement([today]));
    const snap: FleetSnapshot = {
      at, today,
      boxes: new Map(),
      riders: new Map((r.riders as [string, number][]).map(([f, n]) => [f, n])),
      coldPauses: new Map(),
    };
    for (const [f, from, until] of r.cold_pauses as [string, number, number][]) {
      const list = snap.coldPauses.get(f) ?? [];
      list.push([Number(from), Number(until)]);
      snap.coldPauses.set(f, list);
    }
    for (const [f, cls, freeNow, next] of r.boxes as [string, string, number, string | null][]) {
      let of = snap.boxes.get(f);
      if (!of) snap.boxes.set(f, (of = {}));
      of[cls as ColdClass] = { freeNow, nextFreeAt: next ? new Date(next) : null };
    }
    if (generation === fleetGeneration && ttl > 0) fleet = snap;
    return snap;
  })().finally(() => { if (fleetLoading?.promise === loading) fleetLoading = undefined; });
  fleetLoading = { today, promise: loading };
  return loading;
}

