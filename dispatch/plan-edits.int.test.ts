import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appDb } from '../platform/db/pool';
import { startTestApi, makeUser, call, type TestApi, type TestUser } from '../platform/testing/harness';
import { subscribeFeedForTest } from './testing/feed';
import { planFacility, closeSolver } from './planning';
import { pairBox } from './network';
import { facility, sku, stock, box, rider, orderBody, near, dispatchRoutes } from './testing/fixtures';

let api: TestApi;
let dispatcher: TestUser, qa: TestUser;
beforeAll(async () => {
  api = await startTestApi([dispatchRoutes()]);
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
});
afterAll(async () => { await api.close(); await closeSolver(); });

const post = (path: string, body: unknown, token = dispatcher.token) => call(api.url, 'POST', `/api/v1${path}`, { token, body });

/** A facility with two riders with boxes, and shipments placed at the given points with their promise (minutes). */
async function setup(orders: Array<{ at: { lat: number; lng: number }; promise: number; dueInMinutes?: number }>) {
  const f = await facility({ at: near(0.006, -0.006), radiusM: 3000, riders: 0 });
  const riders = [];
  for (let i = 0; i < 2; i++) {
    const r = await rider(f.id);
    const b = await box(f.id, { classes: ['ambient', 'chilled'], capacity: 10 });
    await pairBox(appDb(), b.id, r.id);
    riders.push(r.id as string);
  }
  const dry = await sku({ cls: 'ambient' });
  await stock(f.id, dry.id, 50);
  const shipments: string[] = [];
  for (const o of orders) {
    const body = orderBody([{ skuId: dry.id, quantity: 1 }], { delivery: { mode: 'instant', promiseMinutes: o.promise } });
    (body.customer as any).location = o.at;
    const r = await post('/orders', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    shipments.push(r.body.shipments[0].id);
    // Promises start at 30 min; a tighter one (an order already waiting) is set directly.
    if (o.dueInMinutes) await appDb().query(`UPDATE dispatch.shipments SET due_at = now() + make_interval(mins => $2) WHERE id = $1`, [r.body.shipments[0].id, o.dueInMinutes]);
  }
  const plan = await planFacility(f.id, 'test');
  return { f, riders, shipments, planId: plan!.planId };
}

const riderOf = async (plan: any, shipmentId: string) => plan.routes.find((r: any) => r.stops.some((s: any) => s.shipmentId === shipmentId))?.riderId as string;
const deliveriesOf = (route: any) => route.stops.filter((s: any) => s.step === 'delivery').map((s: any) => s.shipmentId);

describe('plan edits', () => {
  it('previews a move with new ETAs and a broken promise window in minutes, changing nothing', async () => {
    // One shipment due in 8 min near the store, one far away with 2 h.
    const { f, riders, shipments: [near1, far], planId } = await setup([{ at: near(0.004, -0.004), promise: 30, dueInMinutes: 8 }, { at: near(-0.012, 0.01), promise: 120 }]);
    const plan = (await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token })).body;
    const owner = await riderOf(plan, far);
    // Move the urgent one onto the far one's rider, after the far delivery: it arrives late.
    const r = await post(`/facilities/${f.id}/plan/preview`, { edit: { type: 'assign', shipmentId: near1, riderId: owner, position: 1 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.basePlanId).toBe(planId);
    expect(r.body.timeZone).toBe('Asia/Shanghai');
    const route = r.body.routes.find((x: any) => x.riderId === owner);
    expect(deliveriesOf(route)).toEqual([far, near1]);
    const pickup = route.stops.findIndex((s: any) => s.shipmentId === near1 && s.step === 'pickup');
    expect(pickup).toBeGreaterThanOrEqual(0);
    expect(pickup).toBeLessThan(route.stops.findIndex((s: any) => s.shipmentId === near1 && s.step === 'delivery'));
    const etas = route.stops.map((s: any) => Date.parse(s.eta));
    expect([...etas].sort((a, b) => a - b)).toEqual(etas);
    const late = r.body.breaches.find((b: any) => b.rule === 'late' && b.shipmentId === near1);
    expect(late, JSON.stringify(r.body.breaches)).toMatchObject({ riderId: owner, new: true });
    expect(late.minutes).toBeGreaterThan(0);
    // ETA − promise = the minutes reported.
    const due = (await appDb().query('SELECT due_at FROM dispatch.shipments WHERE id = $1', [near1])).rows[0].due_at.getTime();
    const eta = Date.parse(route.stops.find((s: any) => s.shipmentId === near1 && s.step === 'delivery').eta);
    expect(Math.abs((eta - due) / 60000 - late.minutes)).toBeLessThan(0.1);
    // Nothing written.
    expect((await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token })).body.planId).toBe(planId);
    expect(riders).toContain(owner);
  });

  it('applies: new plan with the new order, shipment pinned and assigned, audit with reason, plan on the feed', async () => {
    const { f, riders, shipments: [a, b], planId } = await setup([{ at: near(0.004, -0.004), promise: 120 }, { at: near(0.001, -0.009), promise: 120 }]);
    const events: any[] = [];
    const stop = await subscribeFeedForTest((e) => events.push(e));
    // Both on rider 0, b first then a.
    await post(`/facilities/${f.id}/plan/edits`, { basePlanId: planId, edit: { type: 'assign', shipmentId: a, riderId: riders[0] }, reason: 'rider 0 takes both' }).then((r) => expect(r.status, JSON.stringify(r.body)).toBe(200));
    const v2 = (await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token })).body;
    const r2 = await post(`/facilities/${f.id}/plan/edits`, { basePlanId: v2.planId, edit: { type: 'assign', shipmentId: b, riderId: riders[0], position: 0 }, reason: 'b is on the way' });
    expect(r2.status, JSON.stringify(r2.body)).toBe(200);
    const v3 = (await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token })).body;
    expect(v3.planId).toBe(r2.body.planId);
    // The reason names the dispatcher by display name, for the board to say in its language.
    expect(v3.reasonCode).toEqual({ kind: 'edit', params: { edit: 'assign', userId: expect.stringMatching(/^usr_/), userName: dispatcher.username } });
    expect(deliveriesOf(v3.routes.find((x: any) => x.riderId === riders[0]))).toEqual([b, a]);
    expect(v3.routes.find((x: any) => x.riderId === riders[1])).toBeUndefined();
    // Reorder: a first.
    const r3 = await post(`/facilities/${f.id}/plan/edits`, { basePlanId: v3.planId, edit: { type: 'reorder', riderId: riders[0], shipmentIds: [a, b] }, reason: 'customer a waits at home' });
    expect(r3.status, JSON.stringify(r3.body)).toBe(200);
    const v4 = (await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token })).body;
    expect(deliveriesOf(v4.routes[0])).toEqual([a, b]);
    const rows = (await appDb().query('SELECT id, rider_id, pinned_rider_id, status, eta FROM dispatch.shipments WHERE id = ANY($1) ORDER BY eta', [[a, b]])).rows;
    expect(rows.map((x) => [x.id, x.rider_id, x.pinned_rider_id, x.status])).toEqual([[a, riders[0], riders[0], 'assigned'], [b, riders[0], riders[0], 'assigned']]);
    const audit = (await appDb().query(`SELECT reason, old_value, new_value FROM platform.audit_log WHERE entity_id = $1 AND action = 'plan.edit' ORDER BY id`, [f.id])).rows;
    expect(audit.map((x) => x.reason)).toEqual(['rider 0 takes both', 'b is on the way', 'customer a waits at home']);
    expect(audit[2].old_value.planId).toBe(v3.planId);
    expect(audit[2].new_value.routes).toEqual([{ riderId: riders[0], deliveries: [a, b] }]);
    // The optimizer keeps pinned shipments with their rider.
    await planFacility(f.id, 'test re-plan');
    const v5 = (await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token })).body;
    expect(await riderOf(v5, a)).toBe(riders[0]);
    expect(await riderOf(v5, b)).toBe(riders[0]);
    for (let i = 0; i < 50 && !events.some((e) => e.type === 'plan' && e.planId === r3.body.planId); i++) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(events.find((e) => e.type === 'plan' && e.planId === r3.body.planId)).toMatchObject({ facilityId: f.id, edit: 'reorder' });
    // Unpin: the pin goes, the order stays until the next re-plan.
    const u = await post(`/facilities/${f.id}/plan/edits`, { basePlanId: v5.planId, edit: { type: 'unpin', shipmentId: a }, reason: 'let the optimizer decide' });
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect((await appDb().query('SELECT pinned_rider_id FROM dispatch.shipments WHERE id = $1', [a])).rows[0].pinned_rider_id).toBeNull();
  });

  it('answers 409 plan_changed with what moved when a re-plan came after the preview', async () => {
    const { f, riders, shipments: [a], planId } = await setup([{ at: near(0.004, -0.004), promise: 120 }]);
    const plan = (await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token })).body;
    const from = await riderOf(plan, a);
    const to = riders.find((r) => r !== from)!;
    const preview = await post(`/facilities/${f.id}/plan/preview`, { edit: { type: 'assign', shipmentId: a, riderId: to } });
    expect(preview.status).toBe(200);
    // Someone else moves it first (their edit is a newer plan).
    const other = await post(`/facilities/${f.id}/plan/edits`, { basePlanId: planId, edit: { type: 'assign', shipmentId: a, riderId: to }, reason: 'the other dispatcher' });
    expect(other.status).toBe(200);
    const stale = await post(`/facilities/${f.id}/plan/edits`, { basePlanId: preview.body.basePlanId, edit: { type: 'assign', shipmentId: a, riderId: to, position: 0 }, reason: 'mine' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('plan_changed');
    expect(stale.body.error.details).toMatchObject({ basePlanId: planId, currentPlanId: other.body.planId, moved: [{ shipmentId: a, fromRiderId: from, toRiderId: to }] });
    // A concurrent re-plan by the optimizer is a change too.
    await planFacility(f.id, 'new order arrived');
    const stale2 = await post(`/facilities/${f.id}/plan/edits`, { basePlanId: other.body.planId, edit: { type: 'unpin', shipmentId: a }, reason: 'mine again' });
    expect(stale2.status).toBe(409);
    expect(stale2.body.error.details.currentReason).toBe('new order arrived');
    expect(stale2.body.error.details.currentReasonCode).toEqual({ kind: 'other', params: { text: 'new order arrived' } });
    // Refused as stale even when the edit no longer fits the newer plan (the rider's stops changed).
    const stale3 = await post(`/facilities/${f.id}/plan/edits`, { basePlanId: planId, edit: { type: 'reorder', riderId: from, shipmentIds: [a] }, reason: 'based on the first plan' });
    expect([stale3.status, stale3.body.error.code]).toEqual([409, 'plan_changed']);
  });

  it('refuses bad edits with a stable code', async () => {
    const { f, riders, shipments: [a, b], planId } = await setup([{ at: near(0.004, -0.004), promise: 120 }, { at: near(0.001, -0.009), promise: 120 }]);
    const other = await facility({ at: near(0.02, 0.02), riders: 1 });
    const otherRider = (await appDb().query('SELECT id FROM dispatch.riders WHERE home_facility_id = $1', [other.id])).rows[0].id;
    const cases: Array<[unknown, number, string]> = [
      [{ edit: { type: 'assign', shipmentId: a, riderId: otherRider } }, 422, 'rider_unavailable'],
      [{ edit: { type: 'assign', shipmentId: 'shp_nope0001', riderId: riders[0] } }, 422, 'shipment_not_open'],
      [{ edit: { type: 'reorder', riderId: riders[0], shipmentIds: [a, a] } }, 422, 'reorder_mismatch'],
      [{ edit: { type: 'teleport', shipmentId: a } }, 400, 'validation_failed'],
      [{ edit: { type: 'assign', shipmentId: a, riderId: riders[0], position: -1 } }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const r = await post(`/facilities/${f.id}/plan/preview`, body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const noReason = await post(`/facilities/${f.id}/plan/edits`, { basePlanId: planId, edit: { type: 'assign', shipmentId: b, riderId: riders[0] } });
    expect(noReason.status).toBe(400);
    const foreign = await post(`/facilities/${f.id}/plan/edits`, { basePlanId: (await planFacility(other.id, 'test'))!.planId, edit: { type: 'assign', shipmentId: b, riderId: riders[0] }, reason: 'wrong plan' });
    expect([foreign.status, foreign.body.error.code]).toEqual([422, 'unknown_plan']);
    const none = await post(`/facilities/${other.id}/plan/preview`, { edit: { type: 'unpin', shipmentId: a } });
    expect([none.status, none.body.error.code]).toEqual([422, 'shipment_not_open']);
  });

  it('lets admin and dispatcher edit, a partner only its own store, and refuses QA', async () => {
    const { f, riders, shipments: [a] } = await setup([{ at: near(0.004, -0.004), promise: 120 }]);
    const body = { edit: { type: 'assign', shipmentId: a, riderId: riders[1] } };
    const admin = await makeUser('admin');
    expect((await post(`/facilities/${f.id}/plan/preview`, body, admin.token)).status).toBe(200);
    expect((await post(`/facilities/${f.id}/plan/preview`, body, qa.token)).status).toBe(403);
    const ownPartner = await makeUser('partner', { facilityId: f.id });
    expect((await post(`/facilities/${f.id}/plan/preview`, body, ownPartner.token)).status).toBe(200);
    const otherPartner = await makeUser('partner', { facilityId: (await facility({ riders: 0 })).id });
    const r = await post(`/facilities/${f.id}/plan/preview`, body, otherPartner.token);
    expect([r.status, r.body.error.code]).toEqual([403, 'other_store']);
    const g = await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan/geometry`, { token: otherPartner.token });
    expect(g.status).toBe(403);
    expect((await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan/geometry`)).status).toBe(401);
  });

  it('draws each rider\'s planned route on the roads', async () => {
    const { f } = await setup([{ at: near(0.004, -0.004), promise: 120 }, { at: near(-0.004, -0.002), promise: 120 }]);
    const g = await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan/geometry`, { token: dispatcher.token });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    expect(g.body.routes.length).toBeGreaterThan(0);
    for (const r of g.body.routes) {
      expect(r.onRoads).toBe(true);
      // Road geometry bends: more vertices than stops, and a distance at least the straight line's.
      expect(r.geometry.coordinates.length).toBeGreaterThan(3);
      expect(r.distanceM).toBeGreaterThan(300);
    }
  });
});
