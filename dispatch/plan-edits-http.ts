/** HTTP routes of the dispatcher's plan edits (plan-edits.ts) and of the plan's road geometry. */
import { z } from 'zod';
import { AppError } from '../platform/errors';
import { route, schemas, type RequestContext } from '../platform/http/route';
import { sharedRoutingEngine, type LatLng } from '../geo';
import { PlanEditInput, applyEdit, previewEdit } from './plan-edits';
import { currentPlan, type AssignmentHook } from './planning';

const facilityParams = z.object({ id: schemas.id('fac') }).strict();

/** A partner user may plan only its own store's riders. */
function ownStore(rc: RequestContext, facilityId: string): void {
  if (rc.user?.role === 'partner' && rc.user.facilityId !== facilityId) {
    throw new AppError('forbidden', 'other_store', 'A partner account may only see and change its own store.');
  }
}

/** Road geometry per plan, kept while the plan is current somewhere (a plan never changes once stored). */
const geometryCache = new Map<string, unknown>();
const GEOMETRY_CACHE_PLANS = 64;
/** The routing engine takes up to 25 points per route (POST /geo/route's limit too). */
const POINTS_PER_CALL = 25;

async function roadLine(points: LatLng[]): Promise<{ coordinates: [number, number][]; durationS: number; distanceM: number; onRoads: boolean }> {
  const pts = points.filter((p, i) => i === 0 || p.lat !== points[i - 1].lat || p.lng !== points[i - 1].lng);
  if (pts.length < 2) return { coordinates: pts.map((p) => [p.lng, p.lat]), durationS: 0, distanceM: 0, onRoads: true };
  const coordinates: [number, number][] = [];
  let durationS = 0, distanceM = 0;
  try {
    for (let i = 0; i < pts.length - 1; i += POINTS_PER_CALL - 1) {
      const r = await sharedRoutingEngine().route(pts.slice(i, i + POINTS_PER_CALL));
      coordinates.push(...(coordinates.length ? r.geometry.coordinates.slice(1) : r.geometry.coordinates));
      durationS += r.durationS;
      distanceM += r.distanceM;
    }
    return { coordinates, durationS, distanceM, onRoads: true };
  } catch {
    // A stop the network does not reach is still drawn, as straight legs the map dashes.
    return { coordinates: pts.map((p) => [p.lng, p.lat]), durationS: 0, distanceM: 0, onRoads: false };
  }
}

const RouteGeometry = z.object({
  riderId: z.string(), onRoads: z.boolean().meta({ description: 'false: some leg is not routable, drawn straight' }),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) }),
  durationS: z.number(), distanceM: z.number(),
});

const breach = z.object({
  rule: z.enum(['late', 'holdover', 'capacity', 'shift', 'precedence', 'pin', 'unroutable']), riderId: z.string(), shipmentId: z.string().nullable(),
  minutes: z.number().optional(), limitMinutes: z.number().optional(), load: z.number().optional(), capacity: z.number().optional(),
  dimension: z.string().optional(), pinnedTo: z.string().optional(), new: z.boolean(),
});
const stop = z.object({ shipmentId: z.string(), step: z.enum(['pickup', 'delivery']), eta: z.string(), lateness: z.number(), lat: z.number(), lng: z.number(), locked: z.boolean() });
const Preview = z.object({
  facilityId: z.string(), basePlanId: z.string(), timeZone: z.string(), computedAt: z.string(), edit: PlanEditInput,
  routes: z.array(z.object({ riderId: z.string(), stops: z.array(stop), travelS: z.number(), distanceM: z.number(), before: z.array(z.string()) })),
  breaches: z.array(breach), unassigned: z.array(z.string()),
});

/** `onAssigned`: tracking records the edit's reassignments (planning.ts AssignmentHook). */
export const planEditRoutes = (hooks: { onAssigned?: AssignmentHook } = {}) => [
  route({
    method: 'post', path: '/facilities/:id/plan/preview', operationId: 'previewPlanEdit', errors: { 403: { codes: ['other_store'] }, 404: { codes: ['no_plan'] } }, summary: 'What an edit of the current plan would do: the affected riders\' stops with new ETAs and every rule it breaks (changes nothing)',
    tags: ['planning'], access: ['admin', 'dispatcher', 'partner'], params: facilityParams, audit: 'none', successStatus: 200,
    body: z.object({ edit: PlanEditInput }).strict(), response: Preview,
    async handler({ params, body }, rc) {
      ownStore(rc, params.id);
      return { body: await previewEdit(params.id, body.edit) };
    },
  }),
  route({
    method: 'post', path: '/facilities/:id/plan/edits', operationId: 'applyPlanEdit', errors: { 403: { codes: ['other_store'] }, 409: { codes: ['plan_changed'] } }, summary: 'Apply an edit to the plan it was previewed on (409 plan_changed when a re-plan came first); pins what moved',
    tags: ['planning'], access: ['admin', 'dispatcher', 'partner'], params: facilityParams, successStatus: 200, reasonRequired: true,
    body: z.object({ basePlanId: schemas.id('pln'), edit: PlanEditInput, reason: schemas.reason }).strict(),
    response: z.object({ planId: z.string(), preview: Preview }),
    async handler({ params, body }, rc) {
      ownStore(rc, params.id);
      return { body: await applyEdit(params.id, body.basePlanId, body.edit, { userId: rc.user!.id, audit: rc.audit, onAssigned: hooks.onAssigned }) };
    },
  }),
  route({
    method: 'get', path: '/facilities/:id/plan/geometry', operationId: 'getPlanGeometry', errors: { 403: { codes: ['other_store'] } }, summary: 'The current plan\'s routes on the roads, one GeoJSON line per rider (map layer)',
    tags: ['planning'], access: ['admin', 'dispatcher', 'partner'], params: facilityParams,
    response: z.object({ planId: z.string().nullable(), routes: z.array(RouteGeometry) }),
    async handler({ params }, rc) {
      ownStore(rc, params.id);
      const p = await currentPlan(params.id);
      if (!p) return { body: { planId: null, routes: [] } };
      const hit = geometryCache.get(p.planId);
      if (hit) return { body: hit };
      const routes = [];
      for (const r of p.routes) {
        const line = await roadLine((r.stops as Array<{ lat: number; lng: number }>).map((s) => ({ lat: s.lat, lng: s.lng })));
        routes.push({ riderId: r.riderId, onRoads: line.onRoads, geometry: { type: 'LineString' as const, coordinates: line.coordinates }, durationS: line.durationS, distanceM: line.distanceM });
      }
      const body = { planId: p.planId, routes };
      geometryCache.set(p.planId, body);
      if (geometryCache.size > GEOMETRY_CACHE_PLANS) geometryCache.delete(geometryCache.keys().next().value!);
      return { body };
    },
  }),
];
