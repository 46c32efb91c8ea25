/** Dispatch HTTP routes (thin: who may do what and validation here; the work in network, orders/, custody and planning). */
import { z } from 'zod';
import { appDb, withTx } from '../platform/db/pool';
import { AppError } from '../platform/errors';
import { route, schemas, type RequestContext, type RouteModule } from '../platform/http/route';
import {
  BoxInput, FacilityInput, LotInput, RiderInput, SkuInput, createBox, createFacility, createRider, createSku, getBox, getFacilities, pairBox, receiveLot, stockOf,
  calibrationState, searchSkus, listRiders, setRiderStatus, riderHomeFacility, recordRiderPosition, listBoxes,
} from './network';
import { createOrder } from './orders/create';
import { cancelOrder, confirmOrder, reviewRx } from './orders/lifecycle';
import { replaceShipment, type ReplacementGrounds } from './orders/replace';
import type { CancelHook } from './orders/types';
import { getOrder, listOrders, openOrdersForMap, orderEvents } from './orders/read';
import { custodyHistory } from './custody';
import { importOrdersCsv } from './csv-import';
import { requestPlan } from './planning-trigger';
import { currentPlan, pinShipment, planFacility, type AssignmentHook } from './planning';
import { planEditRoutes } from './plan-edits-http';
import { deviceRoutes } from './devices-http';
import { coldWeatherRoutes } from './cold-weather-http';
import { forecastRoutes } from './forecast/http';
import { latLngInputSchema } from '../geo';
import { localDateOf } from './domain/zoned-time';
import { getKey } from '../platform/config/registry';
import { fleetChanged } from './fleet-snapshot';
import { dispatchKeys } from './config';
import { publishFeed } from '../platform/feed';
import { orderRequestSchema } from './domain/order-schema';
import {
  BoxListItemOut, BoxOut, BoxWithCalibrationOut, CsvImportOut, MapOrderOut, CustodySpanOut, FacilityOut, LotOut, OrderEventOut, OrderListItemOut, OrderOut, PlanOut,
  RiderOut, RiderPlanOut, RiderWithPositionOut, SkuOut, StockLotOut, ReplacementOut,
} from './http-schemas';
import * as examples from './http-examples';
import { planReasonText } from './plan-reason';
import { availabilityRoutes, type AvailabilityOptions } from './availability-http';
import { boxLifecycleRoutes } from './box-lifecycle/http';
import type { ReadinessCheck } from './box-lifecycle/store';

const id = (p: string) => z.object({ id: schemas.id(p) }).strict();
const actor = (rc: RequestContext) => ({ id: rc.user?.id ?? null, role: rc.user?.role ?? null });
const actedBy = (rc: RequestContext) => ({ actor: actor(rc), audit: rc.audit });
const staff = ['admin', 'dispatcher', 'qa'] as const;

/** A partner user may act only on its own store. */
function ownStore(rc: RequestContext, facilityId: string): void {
  if (rc.user?.role === 'partner' && rc.user.facilityId !== facilityId) {
    throw new AppError('forbidden', 'other_store', 'A partner account may only see and change its own store.');
  }
}

const facilities = [
  route({
    method: 'get', path: '/facilities', operationId: 'listFacilities', response: z.object({ facilities: z.array(FacilityOut) }), summary: 'List facilities', tags: ['network'], access: [...staff, 'partner'],
    query: z.object({ tier: z.enum(['central', 'forward', 'store']).optional() }).strict(),
    async handler({ query }, rc) {
      let list = await getFacilities(appDb());
      if (query.tier) list = list.filter((f) => f.tier === query.tier);
      if (rc.user?.role === 'partner') list = list.filter((f) => f.id === rc.user!.facilityId);
      return { body: { facilities: list } };
    },
  }),
  route({
    method: 'post', path: '/facilities', operationId: 'createFacility', response: FacilityOut, errors: { 409: { codes: ['already_exists'] } }, summary: 'Create a facility with its service area', tags: ['network'], access: ['admin'],
    body: FacilityInput,
    async handler({ body }, rc) {
      return withTx(appDb(), async (c) => {
        const f = await createFacility(c, body);
        await rc.audit(c, { action: 'facility.create', entityType: 'facility', entityId: f.id, newValue: f });
        return { body: f };
      });
    },
  }),
  route({
    method: 'get', path: '/facilities/:id', operationId: 'getFacility', response: FacilityOut, errors: { 403: { codes: ['other_store'] }, 404: { codes: ['facility_not_found'] } }, summary: 'One facility', tags: ['network'], access: [...staff, 'partner'], params: id('fac'),
    async handler({ params }, rc) {
      ownStore(rc, params.id);
      const [f] = await getFacilities(appDb(), [params.id]);
      if (!f) throw new AppError('not_found', 'facility_not_found', `No facility ${params.id}.`);
      return { body: f };
    },
  }),
  route({
    method: 'get', path: '/facilities/:id/stock', operationId: 'listFacilityStock', response: z.object({ lots: z.array(StockLotOut) }), errors: { 403: { codes: ['other_store'] } }, summary: 'Stock lots of a facility (FEFO order)', tags: ['stock'], access: [...staff, 'partner'], params: id('fac'),
    query: z.object({ skuId: z.string().max(60).optional() }).strict(),
    async handler({ params, query }, rc) {
      ownStore(rc, params.id);
      return { body: { lots: await stockOf(appDb(), params.id, query.skuId) } };
    },
  }),
  route({
    method: 'post', path: '/facilities/:id/lots', operationId: 'receiveLot', response: LotOut, errors: { 403: { codes: ['other_store'] }, 422: { codes: ['reference_not_found'] } }, summary: 'Receive stock (a lot)', tags: ['stock'], access: ['admin', 'partner'], params: id('fac'),
    body: LotInput,
    async handler({ params, body }, rc) {
      ownStore(rc, params.id);
      return withTx(appDb(), async (c) => {
        const lot = await receiveLot(c, params.id, body);
        await rc.audit(c, { action: 'stock.receive', entityType: 'lot', entityId: lot.id, newValue: { ...lot, received: body.quantity } });
        return { body: lot };
      });
    },
  }),
];

const catalogue = [
  route({
    method: 'get', path: '/skus', operationId: 'searchSkus', response: z.object({ skus: z.array(SkuOut) }), summary: 'Search SKUs', tags: ['catalogue'], access: [...staff, 'partner'],
    query: z.object({ q: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
    async handler({ query }) { return { body: { skus: await searchSkus(appDb(), { text: query.q, limit: query.limit }) } }; },
  }),
  route({
    method: 'post', path: '/skus', operationId: 'createSku', response: SkuOut, errors: { 409: { codes: ['already_exists'] } }, summary: 'Create a SKU', tags: ['catalogue'], access: ['admin'], body: SkuInput,
    async handler({ body }, rc) {
      return withTx(appDb(), async (c) => {
        const s = await createSku(c, body);
        await rc.audit(c, { action: 'sku.create', entityType: 'sku', entityId: s.id, newValue: s });
        return { body: s };
      });
    },
  }),
];

const fleet = [
  route({
    method: 'get', path: '/riders', operationId: 'listRiders', response: z.object({ riders: z.array(RiderWithPositionOut) }), summary: 'List riders', tags: ['fleet'], access: ['admin', 'dispatcher'],
    query: z.object({ facilityId: z.string().max(60).optional(), status: z.enum(['online', 'offline']).optional() }).strict(),
    async handler({ query }) { return { body: { riders: await listRiders(appDb(), query) } }; },
  }),
  route({
    method: 'post', path: '/riders', operationId: 'createRider', response: RiderOut, errors: { 409: { codes: ['already_exists'] }, 422: { codes: ['reference_not_found'] } }, summary: 'Create a rider', tags: ['fleet'], access: ['admin'], body: RiderInput,
    async handler({ body }, rc) {
      return withTx(appDb(), async (c) => {
        const r = await createRider(c, body);
        await rc.audit(c, { action: 'rider.create', entityType: 'rider', entityId: r.id, newValue: r });
        return { body: r };
      });
    },
  }),
  route({
    method: 'post', path: '/riders/:id/status', operationId: 'setRiderStatus', response: RiderOut, errors: { 403: { codes: ['other_rider'] }, 404: { codes: ['rider_not_found'] } }, summary: 'A rider goes online or offline (re-plans their facility)', tags: ['fleet'], access: ['admin', 'dispatcher', 'rider'],
    params: id('rdr'), body: z.object({ status: z.enum(['online', 'offline']) }).strict(), successStatus: 200,
    async handler({ params, body }, rc) {
      if (rc.user?.role === 'rider' && rc.user.riderId !== params.id) throw new AppError('forbidden', 'other_rider', 'A rider may only change their own status.');
      const r = await withTx(appDb(), async (c) => {
        const { before, rider } = await setRiderStatus(c, params.id, body.status);
        await rc.audit(c, { action: 'rider.status', entityType: 'rider', entityId: params.id, oldValue: { status: before }, newValue: { status: body.status } });
        return rider;
      });
      fleetChanged();
      await requestPlan(r.homeFacilityId, planReasonText({ kind: 'rider_status', params: { riderId: r.id, status: body.status } }));
      return { body: r };
    },
  }),
  route({
    method: 'get', path: '/boxes', operationId: 'listBoxes', response: z.object({ boxes: z.array(BoxListItemOut) }), summary: 'List cold boxes with calibration state', tags: ['fleet'], access: [...staff],
    query: z.object({ facilityId: z.string().max(60).optional() }).strict(),
    async handler({ query }) {
      return { body: { boxes: await listBoxes(appDb(), { facilityId: query.facilityId, today: localDateOf(new Date()), warnDays: getKey(dispatchKeys.calibrationWarnDays) }) } };
    },
  }),
  route({
    method: 'post', path: '/boxes', operationId: 'registerBox', response: BoxOut, errors: { 400: { codes: ['duplicate_compartment', 'device_model_not_found'] }, 409: { codes: ['already_exists'] } }, tags: ['fleet'], access: ['admin'], body: BoxInput,
    summary: 'Register a cold box; without modelId it gets the default device model, and its calibrationDue is kept as a declared certificate until one is uploaded',
    async handler({ body }, rc) {
      return withTx(appDb(), async (c) => {
        const b = await createBox(c, body, rc.user?.id ?? null);
        await rc.audit(c, { action: 'box.create', entityType: 'box', entityId: b.id, newValue: b });
        return { body: b };
      });
    },
  }),
  route({
    method: 'get', path: '/boxes/:id', operationId: 'getBox', response: BoxWithCalibrationOut, errors: { 404: { codes: ['box_not_found'] } }, summary: 'One box', tags: ['fleet'], access: [...staff, 'rider'], params: id('box'),
    async handler({ params }, rc) {
      const b = await getBox(appDb(), params.id);
      if (!b || (rc.user?.role === 'rider' && b.riderId !== rc.user.riderId)) throw new AppError('not_found', 'box_not_found', `No box ${params.id}.`);
      return { body: { ...b, calibration: calibrationState(b.calibrationDue, localDateOf(new Date()), getKey(dispatchKeys.calibrationWarnDays)) } };
    },
  }),
  route({
    method: 'post', path: '/boxes/:id/pairing', operationId: 'pairBox', response: BoxOut, errors: { 404: { codes: ['box_not_found', 'rider_not_found'] }, 409: { codes: ['model_not_gsp_accurate', 'no_calibration_certificate', 'calibration_overdue'] } }, summary: 'Pair a box with a rider (null unpairs); refused for a box whose model is not GSP-accurate or whose calibration certificate is missing or overdue', tags: ['fleet'], access: ['admin', 'dispatcher'], params: id('box'),
    body: z.object({ riderId: schemas.id('rdr').nullable() }).strict(), successStatus: 200,
    async handler({ params, body }, rc) {
      return withTx(appDb(), async (c) => {
        const before = await getBox(c, params.id);
        const b = await pairBox(c, params.id, body.riderId);
        await rc.audit(c, { action: 'box.pair', entityType: 'box', entityId: params.id, oldValue: { riderId: before?.riderId ?? null }, newValue: { riderId: b.riderId } });
        return { body: b };
      });
    },
  }),
  route({
    method: 'get', path: '/boxes/:id/custody', operationId: 'getBoxCustody', response: z.object({ custody: z.array(CustodySpanOut) }), summary: 'What this box carried, when', tags: ['custody'], access: [...staff], params: id('box'),
    async handler({ params }) { return { body: { custody: await custodyHistory(appDb(), { boxId: params.id }) } }; },
  }),
];

/**
 * A store's own fleet, for its partner page: the facility's boxes and riders, each scoped by
 * the facility in the path (GET /boxes and GET /riders are staff-wide lists).
 */
const storeFleet = [
  route({
    method: 'get', path: '/facilities/:id/boxes', operationId: 'listFacilityBoxes', response: z.object({ boxes: z.array(BoxListItemOut) }), errors: { 403: { codes: ['other_store'] } }, summary: 'Cold boxes of one facility with calibration state (partners: their own store)', tags: ['fleet'],
    access: [...staff, 'partner'], params: id('fac'),
    async handler({ params }, rc) {
      ownStore(rc, params.id);
      return { body: { boxes: await listBoxes(appDb(), { facilityId: params.id, today: localDateOf(new Date()), warnDays: getKey(dispatchKeys.calibrationWarnDays) }) } };
    },
  }),
  route({
    method: 'get', path: '/facilities/:id/riders', operationId: 'listFacilityRiders', response: z.object({ riders: z.array(RiderWithPositionOut) }), errors: { 403: { codes: ['other_store'] } }, summary: 'Riders based at one facility (partners: their own store)', tags: ['fleet'],
    access: ['admin', 'dispatcher', 'partner'], params: id('fac'),
    async handler({ params }, rc) {
      ownStore(rc, params.id);
      return { body: { riders: await listRiders(appDb(), { facilityId: params.id }) } };
    },
  }),
];

const orders = (deps: DispatchDeps) => [
  route({
    method: 'post', path: '/orders', operationId: 'placeOrder', response: OrderOut, errors: { 409: { codes: ['duplicate_order', 'stock_changed'] }, 422: { codes: ['no_facility_can_serve'], description: 'No facility can serve the order; details carry the sourcing decision' } }, summary: 'Place an order (sourcing + reservation); honours Idempotency-Key', tags: ['orders'],
    access: ['admin', 'dispatcher', 'partner'], idempotent: true, audit: 'none',
    // createOrder validates the body with this same schema (its issues carry their own stable codes).
    body: orderRequestSchema(), bodyValidation: 'handler',
    examples: { request: examples.placeOrderRequest, response: examples.order },
    async handler({ body }, rc) {
      if (rc.user?.role === 'partner') {
        const d = (body as { delivery?: { mode?: string; facilityId?: string } }).delivery;
        if (d?.mode === 'pickup' && d.facilityId && d.facilityId !== rc.user.facilityId) ownStore(rc, d.facilityId);
      }
      return { body: await createOrder(body, actor(rc), { viewer: rc.user! }) };
    },
  }),
  route({
    method: 'get', path: '/orders', operationId: 'listOrders', examples: { response: examples.orderList }, response: z.object({ orders: z.array(OrderListItemOut), nextBefore: z.string().nullable().meta({ description: 'Pass as `before` for the next page' }) }), summary: 'List orders (newest first; filter by facility, status, tier, time)', tags: ['orders'], access: [...staff, 'partner'],
    query: z.object({
      facilityId: z.string().max(60).optional(), status: z.enum(['awaiting_rx', 'awaiting_confirmation', 'confirmed', 'in_delivery', 'delivered', 'cancelled']).optional(),
      tier: z.enum(['central', 'forward', 'store']).optional(), from: z.coerce.date().optional(), to: z.coerce.date().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50), before: z.string().max(60).optional(),
    }).strict(),
    async handler({ query }, rc) {
      const f = rc.user?.role === 'partner' ? { ...query, facilityId: rc.user.facilityId! } : query;
      const list = await listOrders(appDb(), f);
      return { body: { orders: list, nextBefore: list.length === query.limit ? list[list.length - 1].id : null } };
    },
  }),
  route({
    method: 'get', path: '/map/orders', operationId: 'listMapOrders', response: z.object({ orders: z.array(MapOrderOut) }),
    summary: 'Open orders for the live map: delivery point, due time, cold holdover (no personal data; soonest due first, at most 5,000)', tags: ['orders'], access: [...staff, 'partner'],
    query: z.object({ facilityId: z.string().max(60).optional() }).strict(),
    async handler({ query }, rc) {
      const facilityId = rc.user?.role === 'partner' ? rc.user.facilityId! : query.facilityId;
      return { body: { orders: await openOrdersForMap(appDb(), facilityId) } };
    },
  }),
  route({
    method: 'get', path: '/orders/:id', operationId: 'getOrder', examples: { response: examples.order }, response: OrderOut, errors: { 404: { codes: ['order_not_found'] } }, summary: 'One order (personal data masked unless admin or the active rider)', tags: ['orders'], access: 'authenticated', params: id('ord'),
    async handler({ params }, rc) {
      const o = await getOrder(appDb(), params.id, { viewer: rc.user! });
      if (!o) throw new AppError('not_found', 'order_not_found', `No order ${params.id}.`);
      if (!o.customer.masked) await rc.audit(appDb(), { action: 'pii.read', entityType: 'order', entityId: params.id });
      return { body: o };
    },
  }),
  route({
    method: 'get', path: '/orders/:id/events', operationId: 'listOrderEvents', response: z.object({ events: z.array(OrderEventOut) }), errors: { 404: { codes: ['order_not_found'] } }, summary: 'Order history', tags: ['orders'], access: [...staff, 'partner'], params: id('ord'),
    async handler({ params }, rc) {
      if (!(await getOrder(appDb(), params.id, { viewer: rc.user! }))) throw new AppError('not_found', 'order_not_found', `No order ${params.id}.`);
      return { body: { events: await orderEvents(appDb(), params.id) } };
    },
  }),
  route({
    method: 'post', path: '/orders/:id/cancel', operationId: 'cancelOrder', response: OrderOut, errors: { 404: { codes: ['order_not_found'] }, 409: { codes: ['order_not_cancellable'] } }, summary: 'Cancel an order and release its stock', tags: ['orders'], access: ['admin', 'dispatcher', 'partner'], params: id('ord'),
    reasonRequired: true, body: z.object({ reason: schemas.reason }).strict(), successStatus: 200,
    async handler({ params, body }, rc) {
      if (!(await getOrder(appDb(), params.id, { viewer: rc.user! }))) throw new AppError('not_found', 'order_not_found', `No order ${params.id}.`);
      await cancelOrder(params.id, body.reason, { ...actedBy(rc), onCancelled: deps.onCancelled });
      return { body: await getOrder(appDb(), params.id, { viewer: rc.user! }) };
    },
  }),
  route({
    method: 'post', path: '/orders/:id/confirm', operationId: 'confirmOrder', response: OrderOut, errors: { 404: { codes: ['order_not_found'] }, 409: { codes: ['order_not_awaiting_confirmation'] } }, summary: 'Payment confirmed: the reservation becomes firm', tags: ['orders'], access: ['admin', 'dispatcher'], params: id('ord'), successStatus: 200,
    async handler({ params }, rc) {
      await confirmOrder(params.id, actedBy(rc));
      return { body: await getOrder(appDb(), params.id, { viewer: rc.user! }) };
    },
  }),
  route({
    method: 'post', path: '/orders/:id/rx-review', operationId: 'reviewPrescription', response: OrderOut, errors: { 404: { codes: ['order_not_found'] }, 409: { codes: ['rx_not_pending'] } }, summary: 'A pharmacist verifies or rejects the prescription', tags: ['orders'], access: ['admin', 'qa', 'partner'], params: id('ord'),
    body: z.object({ verdict: z.enum(['verified', 'rejected']), note: z.string().trim().min(3).max(500) }).strict(), successStatus: 200,
    async handler({ params, body }, rc) {
      if (!(await getOrder(appDb(), params.id, { viewer: rc.user! }))) throw new AppError('not_found', 'order_not_found', `No order ${params.id}.`);
      await reviewRx(params.id, body, actedBy(rc));
      return { body: await getOrder(appDb(), params.id, { viewer: rc.user! }) };
    },
  }),
  route({
    method: 'post', path: '/orders/import', operationId: 'importOrdersCsv', response: CsvImportOut, errors: { 400: { codes: ['csv_empty', 'csv_missing_columns', 'csv_too_many_rows'] } }, summary: 'Bulk import orders from a CSV export (per-row report)', tags: ['orders'], access: ['admin', 'dispatcher'], audit: 'none',
    body: z.object({ csv: z.string().min(1).max(900_000) }).strict(), successStatus: 200,
    async handler({ body }, rc) { return { body: await importOrdersCsv(body.csv, actor(rc)) }; },
  }),
];

const shipments = [
  route({
    method: 'get', path: '/shipments/:id/custody', operationId: 'getShipmentCustody', response: z.object({ custody: z.array(CustodySpanOut) }), summary: 'Custody history of a shipment', tags: ['custody'], access: [...staff], params: id('shp'),
    async handler({ params }) { return { body: { custody: await custodyHistory(appDb(), { shipmentId: params.id }) } }; },
  }),
  route({
    method: 'post', path: '/shipments/:id/pin', operationId: 'pinShipment', response: z.object({ shipmentId: z.string(), pinnedRiderId: z.string().nullable() }), errors: { 404: { codes: ['shipment_not_found'] } }, summary: 'Pin a shipment to a rider (the optimizer respects it); null unpins', tags: ['planning'], access: ['admin', 'dispatcher'], params: id('shp'),
    body: z.object({ riderId: schemas.id('rdr').nullable() }).strict(), successStatus: 200,
    async handler({ params, body }, rc) {
      const f = await withTx(appDb(), async (c) => {
        const { facilityId, before } = await pinShipment(c, params.id, body.riderId);
        await rc.audit(c, { action: 'shipment.pin', entityType: 'shipment', entityId: params.id, oldValue: { pinnedRiderId: before }, newValue: { pinnedRiderId: body.riderId } });
        return facilityId;
      });
      await requestPlan(f, planReasonText({ kind: 'shipment_pinned', params: { shipmentId: params.id } }));
      return { body: { shipmentId: params.id, pinnedRiderId: body.riderId } };
    },
  }),
];


const replacements = (deps: DispatchDeps) => [
  route({
    method: 'post', path: '/shipments/:id/replace', operationId: 'replaceShipment', response: ReplacementOut, successStatus: 201, idempotent: true, audit: 'none',
    errors: {
      404: { codes: ['shipment_not_found'] },
      409: { codes: ['not_replaceable', 'already_replaced', 'no_stock_for_replacement', 'stock_changed'], description: 'Not failed or quarantined; replaced already (details.replacedBy); no facility has the stock (dispatchers are told on the feed)' },
    },
    summary: 'Send the same items again from the nearest facility with stock, for a shipment whose delivery failed or that QA quarantined (reserved, linked, planned)', tags: ['orders'],
    access: ['admin', 'dispatcher'], params: id('shp'),
    async handler({ params }, rc) {
      if (!deps.replacementGrounds) throw new AppError('conflict', 'not_replaceable', 'Replacements are not wired in this process.');
      const r = await replaceShipment(params.id, actor(rc), { grounds: deps.replacementGrounds, cause: `requested by ${rc.user!.id}` });
      return { body: { id: r.id, orderId: r.orderId, replaces: r.replaces, facilityId: r.facilityId, eta: r.eta, dueAt: r.dueAt } };
    },
  }),
];

const planning = (deps: DispatchDeps) => [
  route({
    method: 'get', path: '/facilities/:id/plan', operationId: 'getFacilityPlan', examples: { response: examples.plan }, response: PlanOut, errors: { 403: { codes: ['other_store'] }, 404: { codes: ['no_plan'] } }, summary: 'The current route plan of a facility (riders, ordered stops, ETAs, unassigned with reasons)', tags: ['planning'],
    access: ['admin', 'dispatcher', 'partner'], params: id('fac'),
    async handler({ params }, rc) {
      ownStore(rc, params.id);
      const p = await currentPlan(params.id);
      if (!p) throw new AppError('not_found', 'no_plan', `Facility ${params.id} has no plan yet.`);
      return { body: p };
    },
  }),
  route({
    method: 'post', path: '/facilities/:id/plan', operationId: 'replanFacility', response: PlanOut, errors: { 404: { codes: ['facility_not_found'] } }, summary: 'Re-plan a facility now (synchronous)', tags: ['planning'], access: ['admin', 'dispatcher'], params: id('fac'), successStatus: 200,
    async handler({ params }, rc) {
      const r = await planFacility(params.id, planReasonText({ kind: 'manual', params: { userId: rc.user!.id } }), new Date(), { onAssigned: deps.onAssigned });
      if (!r) throw new AppError('not_found', 'facility_not_found', `No facility ${params.id}.`);
      await rc.audit(appDb(), { action: 'plan.run', entityType: 'facility', entityId: params.id, newValue: { planId: r.planId, served: r.served, unassigned: r.unassigned.length } });
      return { body: await currentPlan(params.id) };
    },
  }),
  // The rider app's first screen: the session says who the rider is, so the page can ask for its
  // route at the same moment it asks who is logged in (in parallel, not after /auth/me answers).
  // Declared before /riders/:id/plan, whose id pattern would refuse `me`.
  route({
    method: 'get', path: '/riders/me/plan', operationId: 'getOwnRiderPlan', response: RiderPlanOut, errors: { 404: { codes: ['rider_not_found'] } }, summary: 'The logged-in rider\'s current route (same answer as /riders/{id}/plan)', tags: ['planning'], access: ['rider'],
    async handler(_input, rc) {
      const riderId = rc.user!.riderId;
      const home = riderId ? await riderHomeFacility(appDb(), riderId) : null;
      if (!riderId || !home) throw new AppError('not_found', 'rider_not_found', 'This account is not linked to a rider.');
      const p = await currentPlan(home, riderId);
      return { body: p ? { planId: p.planId, createdAt: p.createdAt, route: p.routes[0] ?? null } : { planId: null, createdAt: null, route: null } };
    },
  }),
  route({
    method: 'get', path: '/riders/:id/plan', operationId: 'getRiderPlan', response: RiderPlanOut, errors: { 403: { codes: ['other_rider'] }, 404: { codes: ['rider_not_found'] } }, summary: 'A rider\'s current route (the rider app shows stops without drug names)', tags: ['planning'], access: ['admin', 'dispatcher', 'rider'], params: id('rdr'),
    async handler({ params }, rc) {
      if (rc.user?.role === 'rider' && rc.user.riderId !== params.id) throw new AppError('forbidden', 'other_rider', 'A rider sees only their own route.');
      const home = await riderHomeFacility(appDb(), params.id);
      if (!home) throw new AppError('not_found', 'rider_not_found', `No rider ${params.id}.`);
      const p = await currentPlan(home, params.id);
      return { body: p ? { planId: p.planId, createdAt: p.createdAt, route: p.routes[0] ?? null } : { planId: null, createdAt: null, route: null } };
    },
  }),
  route({
    method: 'post', path: '/riders/:id/position', operationId: 'reportRiderPosition', errors: { 403: { codes: ['other_rider'] }, 404: { codes: ['rider_not_found'] } }, summary: 'The rider app reports a position (WGS-84, or GCJ-02/BD-09 with crs)', tags: ['fleet'], access: ['rider', 'admin'], params: id('rdr'),
    body: z.object({ location: latLngInputSchema }).strict(), successStatus: 204, audit: 'none',
    async handler({ params, body }, rc) {
      if (rc.user?.role === 'rider' && rc.user.riderId !== params.id) throw new AppError('forbidden', 'other_rider', 'A rider reports only their own position.');
      // Positions are telemetry, not GMP changes: not in the audit trail. With tracking wired
      // (deps.recordPositions) the fix takes the batch path (server time, no accuracy), which
      // also puts it on the feed; without it, it lands on the rider row and the feed here.
      if (deps.recordPositions) {
        await deps.recordPositions(params.id, [{ at: new Date(), lat: body.location.lat, lng: body.location.lng, crs: 'wgs84', accuracyM: null }]);
        return { status: 204 };
      }
      const stored = await recordRiderPosition(appDb(), params.id, body.location);
      if (!stored) throw new AppError('not_found', 'rider_not_found', `No rider ${params.id}.`);
      await publishFeed({ type: 'rider.position', facilityId: stored.homeFacilityId, riders: [params.id], riderId: params.id, lat: body.location.lat, lng: body.location.lng, at: stored.at });
      return { status: 204 };
    },
  }),
];

/** What dispatch's routes ask of other contexts; the composition root (app/) gives it. */
export interface DispatchDeps {
  /**
   * Tracking's position batch path (tracking/positions `record`): when given, the older
   * single-position route stores through it (checks, history, latest, feed, ETA); without it
   * the position only lands on the rider row.
   */
  recordPositions?: (riderId: string, fixes: Array<{ at: Date; lat: number; lng: number; crs: 'wgs84'; accuracyM: number | null }>) => Promise<unknown>;
  /** Tracking records a plan's (re)assignments as lifecycle events (planning.ts AssignmentHook). */
  onAssigned?: AssignmentHook;
  /** Tracking records an order's cancellation on its shipments' lifecycles (orders/types.ts CancelHook). */
  onCancelled?: CancelHook;
  /** Whether a shipment failed or is quarantined (tracking, telemetry): POST /shipments/:id/replace asks it. */
  replacementGrounds?: ReplacementGrounds;
  /** Telemetry's pre-cool judgement of a box's readings (`precoolOf`): the box lifecycle's `ready`. */
  boxReadiness?: ReadinessCheck;
  /** The public availability route's rate limit (tests). */
  availability?: AvailabilityOptions;
}

export function dispatchModule(deps: DispatchDeps = {}): RouteModule {
  return { name: 'dispatch', routes: [...facilities, ...catalogue, ...fleet, ...storeFleet, ...orders(deps), ...availabilityRoutes(deps.availability), ...shipments, ...replacements(deps), ...planning(deps), ...planEditRoutes({ onAssigned: deps.onAssigned }), ...deviceRoutes, ...coldWeatherRoutes, ...forecastRoutes, ...boxLifecycleRoutes(deps.boxReadiness)] };
}
