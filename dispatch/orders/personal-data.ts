/**
 * The personal-data purge (COMPLIANCE E.55, PIPL Art.19/47, GDPR Art.5(1)(e)): once an order
 * has ended (delivered, cancelled, unservable, or every shipment closed) and
 * PRIVACY_PERSONAL_DATA_DAYS have passed (the delivery and complaint window), the customer's
 * encrypted name, phone and address are replaced by {@link PURGED_PII}, the phone's blind index
 * is dropped and the delivery point is coarsened to 0.01° (~1 km, what the public tracking page
 * shows at most). The quality record is untouched: it links to the shipment id and the order
 * token only, so it verifies as before (app/personal-data-purge.int.test.ts).
 */
import type pg from 'pg';
import type { Queryable } from '../../platform/db/pool';
import { withTx } from '../../platform/db/pool';
import { getKey } from '../../platform/config/registry';
import { recordAudit } from '../../platform/audit/audit';
import { piiRings } from '../../platform/pii';
import { decryptField } from '../../platform/privacy';
import { dispatchKeys } from '../config';

/** What an erased personal-data column holds instead of an AES-GCM envelope. */
export const PURGED_PII = 'purged:v1';
/** Printed where an erased name or phone would be (labels are not localised). */
export const PURGED_TEXT = '已清除 / purged';

/** Decrypts one personal-data column; null when it was purged. */
export function openPii(envelope: string, context: string): string | null {
  return envelope === PURGED_PII ? null : decryptField(envelope, piiRings().enc, { context });
}

// An order has ended as orderByToken (public.ts) says; it ended at the last status change.
const ENDED = `
  SELECT o.id, greatest(o.updated_at, s.last) AS ended_at
    FROM dispatch.orders o
    LEFT JOIN LATERAL (
      SELECT count(*) AS n, count(*) FILTER (WHERE status NOT IN ('delivered','cancelled','returned')) AS open, max(updated_at) AS last
        FROM dispatch.shipments WHERE order_id = o.id) s ON true
   WHERE o.customer_name_enc <> '${PURGED_PII}'
     AND (o.status IN ('delivered','cancelled','unservable') OR (s.n > 0 AND s.open = 0))`;

export interface PersonalDataPurge { dryRun: boolean; days: number; orders: string[] }

/**
 * Erases the personal data of orders that ended more than `days` before `now`.
 * @param o.now default the current time; @param o.days default PRIVACY_PERSONAL_DATA_DAYS;
 * @param o.dryRun list, change nothing; @param o.limit orders per pass (default 5000)
 */
export async function purgePersonalData(db: pg.Pool, o: { now?: Date; days?: number; dryRun?: boolean; limit?: number; actor?: string } = {}): Promise<PersonalDataPurge> {
  const now = o.now ?? new Date();
  const days = o.days ?? getKey(dispatchKeys.personalDataDays);
  const dryRun = o.dryRun ?? false;
  const { rows } = await db.query(
    `SELECT id FROM (${ENDED}) e WHERE e.ended_at < $1::timestamptz - make_interval(days => $2) ORDER BY e.ended_at, e.id LIMIT $3`,
    [now, days, o.limit ?? 5000]);
  const orders = rows.map((r) => r.id as string);
  if (dryRun || !orders.length) return { dryRun, days, orders };
  const done: string[] = [];
  for (const id of orders) {
    await withTx(db, async (c) => {
      // Re-checked under the row lock: an order reopened meanwhile keeps its data.
      const r = await c.query(
        `UPDATE dispatch.orders o SET customer_name_enc = $2, customer_phone_enc = $2, customer_address_enc = $2, customer_phone_idx = NULL,
                location = ST_SetSRID(ST_MakePoint(round(ST_X(o.location)::numeric, 2)::float8, round(ST_Y(o.location)::numeric, 2)::float8), 4326)
          WHERE o.id = $1 AND o.id IN (SELECT id FROM (${ENDED}) e WHERE e.id = $1 AND e.ended_at < $3::timestamptz - make_interval(days => $4))`,
        [id, PURGED_PII, now, days]);
      if (!r.rowCount) return;
      await recordAudit(c, { actorId: o.actor ?? 'system:privacy', actorRole: null, action: 'order.personal_data_purge', entityType: 'order', entityId: id, newValue: { fields: ['name', 'phone', 'address'], locationRoundedTo: 0.01, afterDays: days } });
      done.push(id);
    });
  }
  return { dryRun, days, orders: done };
}

/** Whether an order's personal data was purged. */
export async function personalDataPurged(q: Queryable, orderId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT customer_name_enc = $2 AS p FROM dispatch.orders WHERE id = $1', [orderId, PURGED_PII]);
  return rows[0]?.p === true;
}

/** Latest lot expiry ('YYYY-MM-DD') of each shipment's order, for the record retention (dispatch.order_latest_expiry). */
export async function latestLotExpiry(q: Queryable, shipmentIds: string[]): Promise<Map<string, string | null>> {
  const { rows } = await q.query(
    `SELECT s AS id, to_char(dispatch.order_latest_expiry(s), 'YYYY-MM-DD') AS expiry FROM unnest($1::text[]) s`, [shipmentIds]);
  return new Map(rows.map((r) => [r.id, r.expiry]));
}
