/**
 * What tracking needs to send a customer a delivery notice (tracking/notify), and nothing
 * else: the decrypted phone leaves dispatch only through {@link customerContactForNotification},
 * to be handed to the SMS adapter and never logged or stored.
 */
import type { Queryable } from '../../platform/db/pool';
import { openPii } from './personal-data';

export interface NotificationContact {
  orderId: string;
  shipmentId: string;
  /** The order's public tracking token (the link in the message). */
  token: string;
  /** The sales channel the order came from (app, mini_program, third_party, store_pos). */
  channel: string;
  externalRef: string | null;
  /** The customer's phone, decrypted: personal data, for the SMS adapter only. */
  phone: string;
  /** The customer's language when the order records one (BCP 47), else null. */
  language: string | null;
  /** The fulfilling facility's IANA time zone, for times in the message. */
  timeZone: string;
  eta: Date | null;
  dueAt: Date;
}

/**
 * The contact of the customer a shipment goes to, for a delivery notice; null when there is no
 * such shipment or its personal data was purged (dispatch/orders/personal-data.ts). Decrypts the phone: call it only to send the notice.
 */
export async function customerContactForNotification(q: Queryable, shipmentId: string): Promise<NotificationContact | null> {
  const { rows } = await q.query(
    `SELECT o.id, o.token, o.channel, o.external_ref, o.customer_phone_enc, o.language,
            f.time_zone, s.eta, s.due_at
       FROM dispatch.shipments s JOIN dispatch.orders o ON o.id = s.order_id JOIN dispatch.facilities f ON f.id = s.facility_id
      WHERE s.id = $1`, [shipmentId]);
  const r = rows[0];
  const phone = r ? openPii(r.customer_phone_enc, `${r.id}:phone`) : null;
  // A purged order has no one left to notify.
  if (!r || phone === null) return null;
  return {
    orderId: r.id, shipmentId, token: r.token, channel: r.channel, externalRef: r.external_ref,
    phone,
    language: r.language ?? null, timeZone: r.time_zone, eta: r.eta, dueAt: r.due_at,
  };
}

/**
 * Shipments with a rider (picked up, not yet handed over) that will miss or have missed their
 * promised window: the current ETA, or `now` when that is later, is past `due_at`.
 */
export async function shipmentsPastPromise(q: Queryable, now: Date): Promise<Array<{ shipmentId: string; eta: Date | null; dueAt: Date }>> {
  const { rows } = await q.query(
    `SELECT id, eta, due_at FROM dispatch.shipments
      WHERE status = 'picked_up' AND greatest(coalesce(eta, $1), $1) > due_at`, [now]);
  return rows.map((r) => ({ shipmentId: r.id, eta: r.eta, dueAt: r.due_at }));
}
