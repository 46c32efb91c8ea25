/**
 * An order as the public may see it through its tracking token: statuses, times, temperature
 * classes and a coarse destination, never a name, phone, address or drug name (COMPLIANCE 52).
 * The one personal datum used is the phone's last 4 digits, and only as a yes/no check.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/pool';
import { maskName, maskPhone } from '../../platform/privacy';
import { openPii, PURGED_TEXT } from './personal-data';

/**
 * The order behind a token and when it ended (null while it runs). One statement whether the
 * token exists or not, so an unknown token costs the same as a known one (COMPLIANCE 57).
 * An order has ended when it is delivered, cancelled or unservable, or when every shipment is
 * delivered, cancelled or returned; it ended at the last of those updates.
 */
export async function orderByToken(q: Queryable, token: string): Promise<{ orderId: string; endedAt: Date | null } | null> {
  const { rows } = await q.query(
    `SELECT o.id,
            CASE WHEN o.status IN ('delivered','cancelled','unservable') OR (s.n > 0 AND s.open = 0)
                 THEN greatest(o.updated_at, s.last) END AS ended_at
       FROM (SELECT $1::text AS token) t
       LEFT JOIN dispatch.orders o ON o.token = t.token
       LEFT JOIN LATERAL (
         SELECT count(*) AS n, count(*) FILTER (WHERE status NOT IN ('delivered','cancelled','returned')) AS open, max(updated_at) AS last
           FROM dispatch.shipments WHERE order_id = o.id) s ON true`, [token]);
  const r = rows[0];
  return r?.id ? { orderId: r.id, endedAt: r.ended_at ?? null } : null;
}

export interface PublicOrder {
  orderId: string;
  status: string;
  deliveryMode: string;
  window: { start: string | null; end: string };
  /** The door rounded to 0.001° (~100 m): enough for a map dot, not for an address. */
  destination: { lat: number; lng: number };
  shipments: Array<{ id: string; facilityId: string; status: string; riderId: string | null; eta: string | null; dueAt: string; windowStart: string | null; coldClasses: string[] }>;
  /** What is carried, by temperature class and prescription flag: no SKU ids or names. */
  items: Array<{ shipmentId: string | null; temperatureClass: string; rx: boolean; quantity: number }>;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export async function publicOrder(q: Queryable, orderId: string): Promise<PublicOrder | null> {
  const [o, ships, items] = await Promise.all([
    q.query(`SELECT id, status, delivery_mode, window_start, window_end, ST_Y(location) AS lat, ST_X(location) AS lng FROM dispatch.orders WHERE id = $1`, [orderId]),
    q.query(`SELECT id, facility_id, status, rider_id, eta, due_at, window_start, cold_classes FROM dispatch.shipments WHERE order_id = $1 ORDER BY created_at, id`, [orderId]),
    // The shipment an item travels in comes from its reservations; an item not yet reserved has none.
    q.query(`SELECT k.temperature_class, k.rx, sum(i.quantity)::int AS quantity,
                    (SELECT min(r.shipment_id) FROM dispatch.reservations r WHERE r.order_id = i.order_id AND r.sku_id = i.sku_id) AS shipment_id
               FROM dispatch.order_items i JOIN dispatch.skus k ON k.id = i.sku_id
              WHERE i.order_id = $1 GROUP BY 1, 2, 4 ORDER BY 4, 1`, [orderId]),
  ]);
  const r = o.rows[0];
  if (!r) return null;
  return {
    orderId: r.id, status: r.status, deliveryMode: r.delivery_mode,
    window: { start: r.window_start?.toISOString() ?? null, end: r.window_end.toISOString() },
    destination: { lat: round3(r.lat), lng: round3(r.lng) },
    shipments: ships.rows.map((s) => ({ id: s.id, facilityId: s.facility_id, status: s.status, riderId: s.rider_id, eta: s.eta?.toISOString() ?? null, dueAt: s.due_at.toISOString(), windowStart: s.window_start?.toISOString() ?? null, coldClasses: s.cold_classes })),
    items: items.rows.map((i) => ({ shipmentId: i.shipment_id, temperatureClass: i.temperature_class, rx: i.rx, quantity: i.quantity })),
  };
}

/**
 * Whether `last4` are the last 4 digits of the order's phone. Compared as hashes in constant
 * time so the answer's timing says nothing about how many digits matched.
 */
export async function phoneLast4Matches(q: Queryable, orderId: string, last4: string): Promise<boolean> {
  const { rows } = await q.query('SELECT customer_phone_enc FROM dispatch.orders WHERE id = $1', [orderId]);
  if (!rows[0]) return false;
  const phone = openPii(rows[0].customer_phone_enc, `${orderId}:phone`) ?? '';
  const digits = phone.replace(/\D/g, '').slice(-4);
  const h = (s: string) => createHash('sha256').update(s).digest();
  return /^\d{4}$/.test(last4) && digits.length === 4 && timingSafeEqual(h(digits), h(last4));
}

export interface ShipmentLabel {
  shipmentId: string; orderId: string; token: string; facilityId: string; coldClasses: string[];
  /** Masked per the e-waybill standard (COMPLIANCE 53): 张*, 138******78. */
  recipient: { name: string; phone: string };
}

/** What a bag label prints: masked recipient, the order's token and the temperature classes. */
export async function shipmentLabel(q: Queryable, shipmentId: string): Promise<ShipmentLabel | null> {
  const { rows } = await q.query(
    `SELECT s.id, s.order_id, s.facility_id, s.cold_classes, o.token, o.customer_name_enc, o.customer_phone_enc
       FROM dispatch.shipments s JOIN dispatch.orders o ON o.id = s.order_id WHERE s.id = $1`, [shipmentId]);
  const r = rows[0];
  if (!r) return null;
  const name = openPii(r.customer_name_enc, `${r.order_id}:name`);
  const phone = openPii(r.customer_phone_enc, `${r.order_id}:phone`);
  return {
    shipmentId: r.id, orderId: r.order_id, token: r.token, facilityId: r.facility_id, coldClasses: r.cold_classes,
    recipient: {
      name: name === null ? PURGED_TEXT : maskName(name),
      phone: phone === null ? PURGED_TEXT : maskPhone(phone),
    },
  };
}
