/** Orders as their readers may see them: one order, its history, the console's list. */
import type { Queryable } from '../../platform/db/pool';
import { Where } from '../../platform/db/where';
import { getKey } from '../../platform/config/registry';
import { openPii } from './personal-data';
import { maskRecipient, decidePersonalDataAccess, type PiiViewer, type RecipientPii } from '../../platform/privacy';
import type { LatLng } from '../../geo';
import { dispatchKeys } from '../config';
import type { OrderStatus } from './types';
import { seasonOf } from '../network';

export interface OrderView {
  id: string; token: string; channel: string; externalRef: string | null; status: OrderStatus; deliveryMode: string;
  window: { start: string | null; end: string };
  customer: { name: string; phone: string; address: string; location: LatLng | null; masked: boolean; purged: boolean };
  rx: { ref: string | null; status: string; reviewedBy: string | null; reviewedAt: string | null; note: string | null };
  /** `name` is the SKU's name; null for riders, who never see what they carry (privacy rule: no drug names on the rider's side). */
  items: Array<{ line: number; skuId: string; name: string | null; quantity: number }>;
  shipments: Array<{ id: string; facilityId: string; status: string; riderId: string | null; eta: string | null; dueAt: string; coldClasses: string[]; replaces: string | null; replacedBy: string | null }>;
  decision: unknown;
  reservationExpiresAt: string | null;
  cancelReason: string | null;
  createdAt: string;
}

/** A reader of orders: a partner sees its own store's orders only, a rider those it carries. */
export type OrderViewer = PiiViewer & { facilityId?: string | null };

/**
 * The customer as a viewer may see them: whole when the privacy policy allows, else masked
 * (张*, 138******78); the door's location also for dispatchers, who plan routes to it.
 */
export function customerView(customer: RecipientPii & { location: LatLng }, viewer: PiiViewer, access: { allowed: boolean }): OrderView['customer'] {
  return { ...(access.allowed ? customer : maskRecipient(customer)), location: access.allowed || viewer.role === 'dispatcher' ? customer.location : null, masked: !access.allowed, purged: false };
}

/** A SKU's name as `viewer` may see it: riders never see drug names. */
export const itemName = (viewer: PiiViewer, name: string | null): string | null => (viewer.role === 'rider' ? null : name);

/**
 * Reads an order as `viewer` may see it (null when it may not see it at all): personal data
 * decrypted only for admins and the assigned rider while the delivery is active; masked
 * (张*, 138******78) for everyone else.
 */
export async function getOrder(q: Queryable, id: string, as: { viewer: OrderViewer; now?: Date }): Promise<OrderView | null> {
  const { viewer, now = new Date() } = as;
  const { rows } = await q.query(`SELECT o.*, ST_Y(o.location) AS lat, ST_X(o.location) AS lng FROM dispatch.orders o WHERE id = $1`, [id]);
  const o = rows[0];
  if (!o) return null;
  const [items, ships, custody] = await Promise.all([
    q.query(`SELECT i.line_no, i.sku_id, i.quantity, k.name FROM dispatch.order_items i LEFT JOIN dispatch.skus k ON k.id = i.sku_id
              WHERE i.order_id = $1 ORDER BY i.line_no`, [id]),
    q.query('SELECT * FROM dispatch.shipments WHERE order_id = $1 ORDER BY created_at, id', [id]),
    q.query(`SELECT k.rider_id, min(k.from_at) AS picked, max(coalesce(k.to_at, 'infinity')) AS ended
               FROM dispatch.custody k JOIN dispatch.shipments s ON s.id = k.shipment_id WHERE s.order_id = $1 GROUP BY k.rider_id`, [id]),
  ]);
  if (viewer.role === 'partner' && !ships.rows.some((s) => s.facility_id === viewer.facilityId)) return null;
  if (viewer.role === 'rider' && !ships.rows.some((s) => s.rider_id === viewer.riderId)) return null;
  const mine = custody.rows.find((k) => k.rider_id === viewer.riderId);
  const decisionAccess = decidePersonalDataAccess(viewer, {
    assignedRiderId: ships.rows.find((s) => s.rider_id === viewer.riderId)?.rider_id ?? null,
    pickedUpAt: mine?.picked ?? null,
    endedAt: mine && Number.isFinite(new Date(mine.ended).getTime()) ? new Date(mine.ended) : null,
    now, graceMs: getKey(dispatchKeys.piiRiderGraceMinutes) * 60_000,
  });
  const name = openPii(o.customer_name_enc, `${id}:name`);
  // Erased after the complaint window (personal-data.ts): nothing left to show or mask.
  const customerOut: OrderView['customer'] = name === null
    ? { name: '', phone: '', address: '', location: viewer.role === 'admin' || viewer.role === 'dispatcher' ? { lat: o.lat, lng: o.lng } : null, masked: true, purged: true }
    : customerView({
      name,
      phone: openPii(o.customer_phone_enc, `${id}:phone`) ?? '',
      address: openPii(o.customer_address_enc, `${id}:address`) ?? '',
      location: { lat: o.lat, lng: o.lng },
    }, viewer, decisionAccess);
  return {
    id: o.id, token: o.token, channel: o.channel, externalRef: o.external_ref, status: o.status, deliveryMode: o.delivery_mode,
    window: { start: o.window_start?.toISOString() ?? null, end: o.window_end.toISOString() },
    customer: customerOut,
    rx: { ref: o.rx_ref, status: o.rx_status, reviewedBy: o.rx_reviewed_by, reviewedAt: o.rx_reviewed_at?.toISOString() ?? null, note: o.rx_note },
    items: items.rows.map((r) => ({ line: r.line_no, skuId: r.sku_id, name: itemName(viewer, r.name), quantity: r.quantity })),
    shipments: ships.rows.map((s) => ({
      id: s.id, facilityId: s.facility_id, status: s.status, riderId: s.rider_id, eta: s.eta?.toISOString() ?? null, dueAt: s.due_at.toISOString(), coldClasses: s.cold_classes,
      replaces: s.replaces_shipment_id, replacedBy: ships.rows.find((r) => r.replaces_shipment_id === s.id)?.id ?? null,
    })),
    decision: o.decision,
    reservationExpiresAt: o.reservation_expires_at?.toISOString() ?? null,
    cancelReason: o.cancel_reason,
    createdAt: o.created_at.toISOString(),
  };
}

export async function orderEvents(q: Queryable, id: string) {
  const { rows } = await q.query('SELECT at, type, status, actor_id, detail FROM dispatch.order_events WHERE order_id = $1 ORDER BY id', [id]);
  return rows.map((r) => ({ at: r.at.toISOString(), type: r.type, status: r.status, actorId: r.actor_id, detail: r.detail }));
}

export interface OrderFilter { facilityId?: string; status?: string; tier?: string; from?: Date; to?: Date; limit: number; before?: string }

/** Console list: newest first, keyset-paginated on (created_at, id); always masked. */
export async function listOrders(q: Queryable, f: OrderFilter) {
  const w = new Where()
    .add('o.status = ?', f.status).add('o.created_at >= ?', f.from).add('o.created_at < ?', f.to)
    .add('EXISTS (SELECT 1 FROM dispatch.shipments s WHERE s.order_id = o.id AND s.facility_id = ?)', f.facilityId)
    .add('EXISTS (SELECT 1 FROM dispatch.shipments s JOIN dispatch.facilities fa ON fa.id = s.facility_id WHERE s.order_id = o.id AND fa.tier = ?)', f.tier)
    .add('o.id < ?', f.before);
  const { rows } = await q.query(
    `SELECT o.id, o.status, o.channel, o.delivery_mode, o.window_end, o.created_at, o.rx_status,
            (SELECT json_agg(json_build_object('id', s.id, 'facilityId', s.facility_id, 'status', s.status, 'riderId', s.rider_id)) FROM dispatch.shipments s WHERE s.order_id = o.id) AS shipments
       FROM dispatch.orders o ${w.sql()} ORDER BY o.id DESC LIMIT ${w.param(f.limit)}`, w.args);
  return rows.map((r) => ({ id: r.id, status: r.status, channel: r.channel, deliveryMode: r.delivery_mode, dueAt: r.window_end.toISOString(), createdAt: r.created_at.toISOString(), rxStatus: r.rx_status, shipments: r.shipments ?? [] }));
}

/** The order a channel placed under its own order number, if any. */
export async function orderIdByExternalRef(q: Queryable, channel: string, externalRef: string): Promise<string | null> {
  const r = await q.query('SELECT id FROM dispatch.orders WHERE channel = $1 AND external_ref = $2', [channel, externalRef]);
  return r.rows[0]?.id ?? null;
}

/** An open order as the live map draws it: where, whose, and how much time it has left. */
export interface MapOrder {
  id: string; status: OrderStatus; location: LatLng; dueAt: string; facilityId: string; riderId: string | null;
  shipmentStatus: string; cold: boolean; holdoverEndsAt: string | null;
}

/** Most open orders the map is given at once (the console clusters them). */
export const MAP_ORDERS_MAX = 5000;

/**
 * Every open order with its earliest open shipment, soonest due first. `holdoverEndsAt`: a cold
 * shipment out in a box must be delivered before the budget its custody leg was given at pickup
 * (the box model's holdover at the forecast ambient; the box's season table for older legs) runs
 * out, counted from when custody started. No personal data: the point is the delivery
 * location, which the dispatcher's map needs; name, phone and address stay behind /orders/:id.
 */
export async function openOrdersForMap(q: Queryable, facilityId?: string): Promise<MapOrder[]> {
  const { rows } = await q.query(
    `SELECT o.id, o.status, o.window_end, ST_Y(o.location) AS lat, ST_X(o.location) AS lng,
            s.facility_id, s.rider_id, s.status AS shipment_status,
            s.cold_classes && ARRAY['chilled','frozen'] AS cold,
            k.from_at, k.holdover_minutes AS leg_minutes, b.holdover_minutes
       FROM dispatch.orders o
       JOIN LATERAL (SELECT * FROM dispatch.shipments s WHERE s.order_id = o.id AND s.status NOT IN ('delivered','cancelled','returned')
                      ORDER BY s.due_at LIMIT 1) s ON true
       LEFT JOIN LATERAL (SELECT k.from_at, k.box_id, k.holdover_minutes FROM dispatch.custody k
                           WHERE k.shipment_id = s.id AND k.to_at IS NULL AND k.temperature_class <> 'ambient' ORDER BY k.from_at LIMIT 1) k ON true
       LEFT JOIN dispatch.boxes b ON b.id = k.box_id
      WHERE o.status IN ('awaiting_rx','awaiting_confirmation','confirmed','in_delivery') AND ($1::text IS NULL OR s.facility_id = $1)
      ORDER BY o.window_end, o.id LIMIT ${MAP_ORDERS_MAX}`, [facilityId ?? null]);
  return rows.map((r) => {
    let holdoverEndsAt: string | null = null;
    if (r.from_at && (r.leg_minutes || r.holdover_minutes)) {
      const minutes = Number(r.leg_minutes ?? r.holdover_minutes[seasonOf(r.from_at)]);
      holdoverEndsAt = new Date(r.from_at.getTime() + minutes * 60_000).toISOString();
    }
    return {
      id: r.id, status: r.status, location: { lat: r.lat, lng: r.lng }, dueAt: r.window_end.toISOString(), facilityId: r.facility_id,
      riderId: r.rider_id, shipmentStatus: r.shipment_status, cold: !!r.cold, holdoverEndsAt,
    };
  });
}
