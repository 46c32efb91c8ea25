/**
 * A dispatcher's edits to a facility's current plan: move a shipment to a rider at a place in
 * their route, reorder a rider's deliveries, or unpin. `previewEdit` shows the affected riders'
 * new sequences with ETAs and every rule the edit breaks, scheduled by the optimizer's own route
 * evaluation on the same problem planning builds (loadFacilityProblem); `applyEdit` stores the
 * result as the facility's new plan, pins what was moved so later re-plans keep it with its
 * rider, and refuses (409 plan_changed) when the plan is no longer the one the preview was of.
 */
import { z } from 'zod';
import { appDb, withTx, type Queryable } from '../platform/db/pool';
import { AppError } from '../platform/errors';
import { newId } from '../platform/ids';
import { publishFeed } from '../platform/feed';
import { schemas, type AuditEntry } from '../platform/http/route';
import { evaluateSequences, type Breach, type EvaluatedRoute, type Problem, type StopRef } from './optimizer';
import { currentPlan, loadFacilityProblem, pinShipment, type AssignmentHook, type FacilityProblem } from './planning';
import { describePlanReason, planReasonText } from './plan-reason';

export const PlanEditInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('assign'), shipmentId: schemas.id('shp'), riderId: schemas.id('rdr'),
    /** Place among the rider's deliveries (0 = first); default last. */
    position: z.number().int().min(0).max(1000).optional(),
  }).strict(),
  z.object({ type: z.literal('reorder'), riderId: schemas.id('rdr'), shipmentIds: z.array(schemas.id('shp')).min(1).max(500) }).strict(),
  z.object({ type: z.literal('unpin'), shipmentId: schemas.id('shp') }).strict(),
]).meta({ description: 'assign: move a shipment to a rider (at a position among their deliveries); reorder: a rider\'s deliveries in their new order; unpin: let the optimizer move a shipment again' });
export type PlanEdit = z.infer<typeof PlanEditInput>;

interface StoredStop { shipmentId: string; step: 'pickup' | 'delivery'; eta: string; lateness: number; lat: number; lng: number; locked: boolean }
type Seq = StopRef[];

/** A broken rule as the API answers it: minutes, units, the rider and shipment it is about. */
export interface PreviewBreach {
  rule: Breach['rule']; riderId: string; shipmentId: string | null;
  /** Minutes past the promise (late), of ride time over the holdover limit (holdover), past the shift end (shift). */
  minutes?: number; limitMinutes?: number; load?: number; capacity?: number; dimension?: string; pinnedTo?: string;
  /** False when the rule was already broken before the edit. */
  new: boolean;
}

export interface PreviewRoute {
  riderId: string;
  stops: StoredStop[];
  travelS: number; distanceM: number;
  /** Delivery order before the edit (shipment ids). */
  before: string[];
}

export interface EditPreview {
  facilityId: string; basePlanId: string; timeZone: string; computedAt: string;
  edit: PlanEdit; routes: PreviewRoute[]; breaches: PreviewBreach[];
  /** Open shipments on no route after the edit. */
  unassigned: string[];
}

const DIMENSIONS = ['ambient', 'chilled', 'frozen'];
const min = (s: number) => Math.round((s / 60) * 10) / 10;

/** Base plan's sequences for the riders the problem has, locked (picked-up) stops first as the optimizer keeps them. */
function baseSequences(fp: FacilityProblem, plan: NonNullable<Awaited<ReturnType<typeof currentPlan>>>): Map<string, Seq> {
  const jobs = new Map(fp.problem.jobs.map((j) => [j.id, j] as const));
  const seqs = new Map<string, Seq>();
  const placed = new Set<string>();
  for (const v of fp.problem.vehicles) {
    const locked = [...(v.lockedPrefix ?? [])];
    for (const s of locked) placed.add(`${s.jobId}/${s.step}`);
    seqs.set(v.id, locked);
  }
  for (const r of plan.routes) {
    const seq = seqs.get(r.riderId);
    if (!seq) continue;
    for (const st of r.stops as StoredStop[]) {
      const j = jobs.get(st.shipmentId);
      if (!j || (j.kind === 'delivery' && st.step === 'pickup')) continue;
      const key = `${st.shipmentId}/${st.step}`;
      // Locked stops are placed already: a shipment picked up since the plan stays where it is.
      if (placed.has(key)) continue;
      placed.add(key);
      seq.push({ jobId: st.shipmentId, step: st.step });
    }
  }
  // Pickups whose delivery went missing (or the reverse) would not be a shipment: drop the half.
  for (const [v, seq] of seqs) {
    const has = new Set(seq.map((s) => `${s.jobId}/${s.step}`));
    seqs.set(v, seq.filter((s) => jobs.get(s.jobId)!.kind === 'delivery' || has.has(`${s.jobId}/pickup`) && has.has(`${s.jobId}/delivery`)));
  }
  return seqs;
}

const deliveries = (seq: Seq) => seq.filter((s) => s.step === 'delivery').map((s) => s.jobId);

/** Puts a shipment's pickup with the trip its delivery joins: after the last pickup before it, else just before it. */
function placePickup(seq: Seq, jobId: string, lockedCount: number): void {
  const d = seq.findIndex((s) => s.jobId === jobId && s.step === 'delivery');
  let at = d;
  for (let i = d - 1; i >= lockedCount; i--) if (seq[i].step === 'pickup') { at = i + 1; break; }
  seq.splice(at, 0, { jobId, step: 'pickup' });
}

function lockedCountOf(fp: FacilityProblem, riderId: string): number {
  return fp.problem.vehicles.find((v) => v.id === riderId)?.lockedPrefix?.length ?? 0;
}

/** Applies the edit to the sequences (in place) and the problem's pins; returns the affected riders and the shipments to pin. */
function applyToSequences(fp: FacilityProblem, seqs: Map<string, Seq>, edit: PlanEdit): { riders: string[]; pins: Array<{ shipmentId: string; riderId: string | null }> } {
  const jobs = new Map(fp.problem.jobs.map((j) => [j.id, j] as const));
  const riderOf = (shipmentId: string) => [...seqs].find(([, s]) => s.some((x) => x.jobId === shipmentId))?.[0] ?? null;
  const lockedOn = (shipmentId: string) => fp.problem.vehicles.find((v) => v.lockedPrefix?.some((x) => x.jobId === shipmentId))?.id ?? null;
  if (edit.type === 'unpin') {
    const job = jobs.get(edit.shipmentId);
    if (!job) throw new AppError('unprocessable', 'shipment_not_open', `Shipment ${edit.shipmentId} is not an open delivery of this facility.`);
    if (lockedOn(edit.shipmentId)) throw new AppError('unprocessable', 'shipment_picked_up', `Shipment ${edit.shipmentId} is already picked up: it stays with its rider.`);
    delete (job as { pinnedVehicle?: string }).pinnedVehicle;
    const r = riderOf(edit.shipmentId);
    return { riders: r ? [r] : [], pins: [{ shipmentId: edit.shipmentId, riderId: null }] };
  }
  const seq = seqs.get(edit.riderId);
  if (!seq) throw new AppError('unprocessable', 'rider_unavailable', `Rider ${edit.riderId} is not an available rider of this facility (offline, or of another facility).`);
  const locked = lockedCountOf(fp, edit.riderId);
  if (edit.type === 'assign') {
    const job = jobs.get(edit.shipmentId);
    if (!job) throw new AppError('unprocessable', 'shipment_not_open', `Shipment ${edit.shipmentId} is not an open delivery of this facility.`);
    const holder = lockedOn(edit.shipmentId);
    if (holder) throw new AppError('unprocessable', 'shipment_picked_up', `Shipment ${edit.shipmentId} is already picked up by ${holder}: it stays with that rider.`);
    const from = riderOf(edit.shipmentId);
    if (from) seqs.set(from, seqs.get(from)!.filter((s) => s.jobId !== edit.shipmentId));
    const target = seqs.get(edit.riderId)!;
    const ds = target.map((s, i) => ({ s, i })).filter(({ s, i }) => s.step === 'delivery' && i >= locked);
    const pos = Math.min(edit.position ?? ds.length, ds.length);
    const at = pos < ds.length ? ds[pos].i : target.length;
    target.splice(at, 0, { jobId: edit.shipmentId, step: 'delivery' });
    placePickup(target, edit.shipmentId, locked);
    (job as { pinnedVehicle?: string }).pinnedVehicle = edit.riderId;
    return { riders: from && from !== edit.riderId ? [from, edit.riderId] : [edit.riderId], pins: [{ shipmentId: edit.shipmentId, riderId: edit.riderId }] };
  }
  // reorder: the rider's deliveries after the locked ones, every one named once.
  const movable = seq.slice(locked).filter((s) => s.step === 'delivery').map((s) => s.jobId);
  const lockedIds = new Set(seq.slice(0, locked).map((s) => s.jobId));
  const wanted = edit.shipmentIds.filter((s) => !lockedIds.has(s));
  if (wanted.length !== movable.length || new Set(wanted).size !== wanted.length || wanted.some((s) => !movable.includes(s))) {
    throw new AppError('unprocessable', 'reorder_mismatch', `The new order must name each of the rider's ${movable.length} not-yet-picked-up deliveries once (got ${wanted.length}); reload the plan and try again.`, { expected: movable });
  }
  // Deliveries take each other's places; pickups stay, except one now after its delivery moves up with it.
  let k = 0;
  const next = seq.map((s, i) => (i >= locked && s.step === 'delivery' ? { jobId: wanted[k++], step: 'delivery' as const } : s));
  for (const id of wanted) {
    const p = next.findIndex((s) => s.jobId === id && s.step === 'pickup');
    const d = next.findIndex((s) => s.jobId === id && s.step === 'delivery');
    if (p > d) { next.splice(p, 1); placePickup(next, id, locked); }
  }
  seqs.set(edit.riderId, next);
  for (const id of wanted) (jobs.get(id) as { pinnedVehicle?: string }).pinnedVehicle = edit.riderId;
  return { riders: [edit.riderId], pins: wanted.map((shipmentId) => ({ shipmentId, riderId: edit.riderId })) };
}

const breachKey = (riderId: string, b: Breach) => `${riderId}/${b.rule}/${b.jobId}`;

function toPreviewBreach(riderId: string, b: Breach, isNew: boolean): PreviewBreach {
  const base = { rule: b.rule, riderId, shipmentId: b.jobId, new: isNew };
  switch (b.rule) {
    case 'late': return { ...base, minutes: min(b.lateS) };
    case 'holdover': return { ...base, minutes: min(b.rideS - b.limitS), limitMinutes: min(b.limitS) };
    case 'capacity': return { ...base, load: b.load, capacity: b.capacity, dimension: b.dimension < 0 ? 'stops' : DIMENSIONS[b.dimension] ?? String(b.dimension) };
    case 'shift': return { ...base, minutes: min(b.overS) };
    case 'pin': return { ...base, pinnedTo: b.pinnedTo };
    default: return base;
  }
}

interface Computed { preview: EditPreview; evaluated: Map<string, EvaluatedRoute>; pins: Array<{ shipmentId: string; riderId: string | null }>; plan: NonNullable<Awaited<ReturnType<typeof currentPlan>>>; fp: FacilityProblem }

async function compute(facilityId: string, edit: PlanEdit, now: Date): Promise<Computed> {
  const [plan, fp] = await Promise.all([currentPlan(facilityId), loadFacilityProblem(facilityId, now)]);
  if (!fp) throw new AppError('not_found', 'facility_not_found', `No facility ${facilityId}.`);
  if (!plan) throw new AppError('not_found', 'no_plan', `Facility ${facilityId} has no plan yet: re-optimise it first.`);
  const original: Problem = structuredClone(fp.problem);
  const seqs = baseSequences(fp, plan);
  const before = new Map([...seqs].map(([k, v]) => [k, [...v]]));
  const { riders, pins } = applyToSequences(fp, seqs, edit);
  const after = evaluateSequences(fp.problem, riders.map((r) => ({ vehicleId: r, stops: seqs.get(r)! })));
  const was = evaluateSequences(original, riders.map((r) => ({ vehicleId: r, stops: before.get(r)! })));
  const old = new Set(was.flatMap((r) => r.breaches.map((b) => breachKey(r.vehicleId, b))));
  const at = (s: number) => new Date(fp.t0 + s * 1000).toISOString();
  const routes: PreviewRoute[] = after.map((r) => ({
    riderId: r.vehicleId,
    stops: r.stops.map((s) => ({ shipmentId: s.jobId, step: s.step, eta: at(s.start), lateness: s.lateness, lat: fp.points[s.location].lat, lng: fp.points[s.location].lng, locked: s.locked })),
    travelS: Math.round(r.travelTime), distanceM: Math.round(r.distance), before: deliveries(before.get(r.vehicleId)!),
  }));
  const onRoute = new Set([...seqs.values()].flatMap((s) => s.map((x) => x.jobId)));
  return {
    preview: {
      facilityId, basePlanId: plan.planId, timeZone: fp.timeZone, computedAt: now.toISOString(), edit, routes,
      breaches: after.flatMap((r) => r.breaches.map((b) => toPreviewBreach(r.vehicleId, b, !old.has(breachKey(r.vehicleId, b))))),
      unassigned: fp.problem.jobs.map((j) => j.id).filter((id) => !onRoute.has(id)),
    },
    evaluated: new Map(after.map((r) => [r.vehicleId, r])), pins, plan, fp,
  };
}

/** What the edit would do to the current plan; changes nothing. */
export async function previewEdit(facilityId: string, edit: PlanEdit, now = new Date()): Promise<EditPreview> {
  return (await compute(facilityId, edit, now)).preview;
}

async function routesOf(q: Queryable, planId: string): Promise<Map<string, string>> {
  const rows = (await q.query('SELECT rider_id, stops FROM dispatch.plan_routes WHERE plan_id = $1', [planId])).rows;
  const m = new Map<string, string>();
  for (const r of rows) for (const s of r.stops as StoredStop[]) if (s.step === 'delivery') m.set(s.shipmentId, r.rider_id);
  return m;
}

/** The 409 a stale edit gets: which plan replaced the one it was based on, and which shipments changed rider. */
async function planChanged(q: Queryable, facilityId: string, basePlanId: string, current: { id: string; created_at: Date; reason: string | null }): Promise<AppError> {
  const [a, b] = await Promise.all([routesOf(q, basePlanId), routesOf(q, current.id)]);
  const moved = [...new Set([...a.keys(), ...b.keys()])].filter((s) => a.get(s) !== b.get(s)).sort()
    .map((s) => ({ shipmentId: s, fromRiderId: a.get(s) ?? null, toRiderId: b.get(s) ?? null }));
  return new AppError('conflict', 'plan_changed',
    `The plan of ${facilityId} changed since the preview (${current.reason ?? 're-plan'}): ${moved.length} shipment(s) moved. Review the new plan and make the edit again.`,
    { basePlanId, currentPlanId: current.id, currentCreatedAt: current.created_at.toISOString(), currentReason: current.reason, currentReasonCode: await describePlanReason(q, current.reason), moved });
}

export interface AppliedEdit { planId: string; preview: EditPreview }

/**
 * Stores the edit as the facility's new plan if the current plan is still `basePlanId`;
 * otherwise 409 plan_changed with what moved. Audit row (with the request's reason) in the
 * same transaction; the plan goes to the feed after commit.
 */
export async function applyEdit(facilityId: string, basePlanId: string, edit: PlanEdit, who: { userId: string; audit: (q: Queryable, e: AuditEntry) => Promise<void>; onAssigned?: AssignmentHook }, now = new Date()): Promise<AppliedEdit> {
  const db = appDb();
  const known = (await db.query('SELECT facility_id FROM dispatch.plans WHERE id = $1', [basePlanId])).rows[0];
  if (!known || known.facility_id !== facilityId) throw new AppError('unprocessable', 'unknown_plan', `Plan ${basePlanId} is not a plan of facility ${facilityId}.`);
  // A stale edit is refused before it is computed: against a newer plan it may not even make sense.
  const latest = (await db.query('SELECT id, created_at, reason FROM dispatch.plans WHERE facility_id = $1 ORDER BY created_at DESC LIMIT 1', [facilityId])).rows[0];
  if (latest.id !== basePlanId) throw await planChanged(db, facilityId, basePlanId, latest);
  const c0 = await compute(facilityId, edit, now);
  const { preview, evaluated, pins, plan } = c0;
  const planId = newId('pln');
  await withTx(db, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan:${facilityId}`]);
    const cur = (await c.query('SELECT id, created_at, reason FROM dispatch.plans WHERE facility_id = $1 ORDER BY created_at DESC LIMIT 1', [facilityId])).rows[0];
    if (cur.id !== basePlanId) throw await planChanged(c, facilityId, basePlanId, cur);
    const changed = new Set(preview.routes.map((r) => r.riderId));
    const stillUnassigned = new Set(preview.unassigned);
    await c.query(`INSERT INTO dispatch.plans (id, facility_id, reason, summary, unassigned) VALUES ($1,$2,$3,$4,$5)`, [
      planId, facilityId, planReasonText({ kind: 'edit', params: { edit: edit.type, userId: who.userId } }),
      JSON.stringify({ ...plan.summary, ...(plan.holdover ? { holdover: plan.holdover } : {}), editOf: basePlanId, edit: edit.type }),
      JSON.stringify((plan.unassigned as Array<{ shipmentId: string }>).filter((u) => stillUnassigned.has(u.shipmentId))),
    ]);
    for (const r of plan.routes) {
      if (changed.has(r.riderId)) continue;
      await c.query(`INSERT INTO dispatch.plan_routes (plan_id, rider_id, stops, travel_s, distance_m) VALUES ($1,$2,$3,$4,$5)`, [planId, r.riderId, JSON.stringify(r.stops), r.travelS, r.distanceM]);
    }
    const moving = preview.routes.flatMap((r) => r.stops.filter((s) => s.step === 'delivery').map((s) => s.shipmentId));
    const riderBefore = new Map((await c.query(`SELECT id, rider_id, status FROM dispatch.shipments WHERE id = ANY($1)`, [moving])).rows.map((x) => [x.id as string, x]));
    const reassigned: Parameters<AssignmentHook>[1] = [];
    for (const r of preview.routes) {
      if (!r.stops.length) continue;
      const ev = evaluated.get(r.riderId)!;
      await c.query(`INSERT INTO dispatch.plan_routes (plan_id, rider_id, stops, travel_s, distance_m) VALUES ($1,$2,$3,$4,$5)`, [planId, r.riderId, JSON.stringify(r.stops), ev.travelTime, ev.distance]);
      for (const s of r.stops) {
        if (s.step !== 'delivery') continue;
        await c.query(`UPDATE dispatch.shipments SET rider_id = $2, eta = $3, status = CASE WHEN status = 'ready' THEN 'assigned' ELSE status END, updated_at = now() WHERE id = $1`, [s.shipmentId, r.riderId, s.eta]);
        const was = riderBefore.get(s.shipmentId);
        if (was && ['ready', 'assigned'].includes(was.status) && was.rider_id !== r.riderId) reassigned.push({ shipmentId: s.shipmentId, riderId: r.riderId, planId, eta: new Date(s.eta) });
      }
    }
    if (reassigned.length && who.onAssigned) await who.onAssigned(c, reassigned);
    const pinned: Array<{ shipmentId: string; before: string | null; after: string | null }> = [];
    for (const p of pins) pinned.push({ shipmentId: p.shipmentId, before: (await pinShipment(c, p.shipmentId, p.riderId)).before, after: p.riderId });
    await who.audit(c, {
      action: 'plan.edit', entityType: 'facility', entityId: facilityId,
      oldValue: { planId: basePlanId, routes: preview.routes.map((r) => ({ riderId: r.riderId, deliveries: r.before })), pins: pinned.map((p) => ({ shipmentId: p.shipmentId, riderId: p.before })) },
      newValue: { planId, edit, routes: preview.routes.map((r) => ({ riderId: r.riderId, deliveries: deliveries(r.stops.map((s) => ({ jobId: s.shipmentId, step: s.step }))) })), pins: pinned.map((p) => ({ shipmentId: p.shipmentId, riderId: p.after })), breaches: preview.breaches.filter((b) => b.new) },
    });
  });
  const served = plan.routes.reduce((n, r) => n + (changed(r.riderId, preview) ? 0 : (r.stops as StoredStop[]).filter((s) => s.step === 'delivery').length), 0)
    + preview.routes.reduce((n, r) => n + r.stops.filter((s) => s.step === 'delivery').length, 0);
  const reason = planReasonText({ kind: 'edit', params: { edit: edit.type, userId: who.userId } });
  await publishFeed({ type: 'plan', facilityId, planId, reason, reasonCode: await describePlanReason(db, reason), served, unassigned: preview.unassigned.length, riders: [...new Set([...plan.routes.map((r) => r.riderId), ...preview.routes.map((r) => r.riderId)])], edit: edit.type });
  return { planId, preview };
}

const changed = (riderId: string, p: EditPreview) => p.routes.some((r) => r.riderId === riderId);
