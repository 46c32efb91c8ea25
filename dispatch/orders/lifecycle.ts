/**
 * An order after it is placed, until it leaves the facility: payment confirmed, prescription
 * reviewed, cancelled, or its reservation expired. Each change locks the order and records an
 * order event and an audit row in the same transaction.
 */
import type pg from 'pg';
import { appDb, withTx } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit/audit';
import { requestPlanSoon } from '../planning-trigger';
import type { ActedBy, OrderStatus } from './types';
import { planReasonText } from '../plan-reason';

async function lockOrder(c: pg.PoolClient, id: string) {
  const { rows } = await c.query('SELECT id, status, rx_status FROM dispatch.orders WHERE id = $1 FOR UPDATE', [id]);
  if (!rows[0]) throw new AppError('not_found', 'order_not_found', `No order ${id}.`);
  return rows[0] as { id: string; status: OrderStatus; rx_status: string };
}

async function releaseStock(c: pg.PoolClient, orderId: string): Promise<number> {
  const { rows } = await c.query(
    `UPDATE dispatch.reservations SET status = 'released' WHERE order_id = $1 AND status IN ('held','confirmed') RETURNING lot_id, quantity`, [orderId]);
  for (const r of rows) await c.query('UPDATE dispatch.lots SET reserved = reserved - $2 WHERE id = $1', [r.lot_id, r.quantity]);
  return rows.reduce((a, r) => a + r.quantity, 0);
}

/** Cancels an order that has not left yet; its stock is released in the same transaction. */
export async function cancelOrder(id: string, reason: string, { actor, audit, onCancelled }: ActedBy): Promise<void> {
  const facilities = await withTx(appDb(), async (c) => {
    const o = await lockOrder(c, id);
    if (['delivered', 'cancelled', 'in_delivery'].includes(o.status)) {
      throw new AppError('conflict', 'order_not_cancellable', `Order ${id} is ${o.status} and can no longer be cancelled.`);
    }
    const picked = await c.query(`SELECT 1 FROM dispatch.shipments WHERE order_id = $1 AND status IN ('picked_up','delivered')`, [id]);
    if (picked.rowCount) throw new AppError('conflict', 'order_not_cancellable', `Order ${id} has left the facility; use a return instead.`);
    const units = await releaseStock(c, id);
    const { rows } = await c.query(`UPDATE dispatch.shipments SET status = 'cancelled', rider_id = NULL, updated_at = now() WHERE order_id = $1 RETURNING id, facility_id`, [id]);
    if (onCancelled && rows.length) await onCancelled(c, rows.map((r) => r.id), { actorId: actor.id, actorRole: actor.role, reason });
    await c.query(`UPDATE dispatch.orders SET status = 'cancelled', cancel_reason = $2, reservation_expires_at = NULL, updated_at = now() WHERE id = $1`, [id, reason]);
    await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,'cancelled','cancelled',$2,$3)`, [id, actor.id, JSON.stringify({ reason, unitsReleased: units })]);
    await audit(c, { action: 'order.cancel', entityType: 'order', entityId: id, oldValue: { status: o.status }, newValue: { status: 'cancelled', unitsReleased: units }, reason });
    return [...new Set(rows.map((r) => r.facility_id as string))];
  });
  for (const f of facilities) void requestPlanSoon(f, planReasonText({ kind: 'order_cancelled', params: { orderId: id } }));
}

/** Payment confirmed (or a held order released for delivery): reservation confirmed, shipments ready. */
async function confirmInTx(c: pg.PoolClient, id: string): Promise<string[]> {
  await c.query(`UPDATE dispatch.reservations SET status = 'confirmed' WHERE order_id = $1 AND status = 'held'`, [id]);
  const { rows } = await c.query(`UPDATE dispatch.shipments SET status = 'ready', updated_at = now() WHERE order_id = $1 AND status = 'held' RETURNING facility_id`, [id]);
  await c.query(`UPDATE dispatch.orders SET status = 'confirmed', reservation_expires_at = NULL, updated_at = now() WHERE id = $1`, [id]);
  return [...new Set(rows.map((r) => r.facility_id as string))];
}

export async function confirmOrder(id: string, { actor, audit }: ActedBy): Promise<void> {
  const facilities = await withTx(appDb(), async (c) => {
    const o = await lockOrder(c, id);
    if (o.status !== 'awaiting_confirmation') throw new AppError('conflict', 'order_not_awaiting_confirmation', `Order ${id} is ${o.status}.`);
    const f = await confirmInTx(c, id);
    await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id) VALUES ($1,'confirmed','confirmed',$2)`, [id, actor.id]);
    await audit(c, { action: 'order.confirm', entityType: 'order', entityId: id, oldValue: { status: o.status }, newValue: { status: 'confirmed' } });
    return f;
  });
  for (const f of facilities) void requestPlanSoon(f, planReasonText({ kind: 'order_confirmed', params: { orderId: id } }));
}

export interface RxReview { verdict: 'verified' | 'rejected'; note: string }

/** A pharmacist's verdict on the prescription: verified releases the order, rejected cancels it. */
export async function reviewRx(id: string, { verdict, note }: RxReview, { actor, audit }: ActedBy): Promise<void> {
  const facilities = await withTx(appDb(), async (c) => {
    const o = await lockOrder(c, id);
    if (o.rx_status !== 'pending' || o.status !== 'awaiting_rx') throw new AppError('conflict', 'rx_not_pending', `Order ${id} has no prescription awaiting review (rx ${o.rx_status}, order ${o.status}).`);
    await c.query(`UPDATE dispatch.orders SET rx_status = $2, rx_reviewed_by = $3, rx_reviewed_at = now(), rx_note = $4 WHERE id = $1`, [id, verdict, actor.id, note]);
    let f: string[] = [];
    if (verdict === 'verified') f = await confirmInTx(c, id);
    else {
      const units = await releaseStock(c, id);
      await c.query(`UPDATE dispatch.shipments SET status = 'cancelled', updated_at = now() WHERE order_id = $1`, [id]);
      await c.query(`UPDATE dispatch.orders SET status = 'cancelled', cancel_reason = $2, reservation_expires_at = NULL, updated_at = now() WHERE id = $1`, [id, `prescription rejected: ${note}`]);
      await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,'cancelled','cancelled',$2,$3)`, [id, actor.id, JSON.stringify({ reason: 'rx_rejected', unitsReleased: units })]);
    }
    await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,$2,$3,$4,$5)`,
      [id, `rx_${verdict}`, verdict === 'verified' ? 'confirmed' : 'cancelled', actor.id, JSON.stringify({ note })]);
    await audit(c, { action: `order.rx_${verdict}`, entityType: 'order', entityId: id, oldValue: { rxStatus: 'pending', status: o.status }, newValue: { rxStatus: verdict }, reason: note });
    return f;
  });
  for (const f of facilities) void requestPlanSoon(f, planReasonText({ kind: 'order_rx_verified', params: { orderId: id } }));
}

/** Releases reservations that were never confirmed in time (worker job, every minute). */
export async function expireReservations(now = new Date()): Promise<number> {
  const { rows } = await appDb().query(
    `SELECT id FROM dispatch.orders WHERE status IN ('awaiting_rx','awaiting_confirmation') AND reservation_expires_at <= $1 LIMIT 500`, [now]);
  let n = 0;
  for (const r of rows) {
    await withTx(appDb(), async (c) => {
      const o = await lockOrder(c, r.id);
      if (!['awaiting_rx', 'awaiting_confirmation'].includes(o.status)) return;
      const units = await releaseStock(c, r.id);
      await c.query(`UPDATE dispatch.shipments SET status = 'cancelled', updated_at = now() WHERE order_id = $1`, [r.id]);
      await c.query(`UPDATE dispatch.orders SET status = 'cancelled', cancel_reason = 'reservation_expired', reservation_expires_at = NULL, updated_at = now() WHERE id = $1`, [r.id]);
      await c.query(`INSERT INTO dispatch.order_events (order_id, type, status, actor_id, detail) VALUES ($1,'reservation_expired','cancelled','system:worker',$2)`, [r.id, JSON.stringify({ unitsReleased: units })]);
      await recordAudit(c, { actorId: 'system:worker', actorRole: null, action: 'order.expire', entityType: 'order', entityId: r.id,
        oldValue: { status: o.status }, newValue: { status: 'cancelled', unitsReleased: units }, reason: 'reservation not confirmed in time' });
      n++;
    });
  }
  return n;
}
