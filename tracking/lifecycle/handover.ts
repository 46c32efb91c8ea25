/**
 * Rider-to-rider handover with the receiver's consent. The carrying rider offers a shipment to
 * another rider (`offerHandover`); nothing moves yet. The receiving rider accepts on their own
 * phone by sending the `hand_over` lifecycle step themselves, with the shipment label they
 * scanned and the box the shipment will ride in (store.ts checks both, then closes the offer
 * here with `acceptOffer`). So a custody leg is opened only by the rider who now has the goods in
 * hand, and the record says who offered, who took it, into which box and when.
 */
import type pg from 'pg';
import { appDb, withTx, type Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { publishFeed } from '../../platform/feed';
import type { AuditEntry } from '../../platform/http/route';
import { decide, type State } from './machine';
import type { Actor } from './store';

export interface HandoverOffer {
  id: number; shipmentId: string; fromRiderId: string; toRiderId: string; offeredAt: string;
  status: 'open' | 'accepted' | 'replaced'; closedAt: string | null; boxId: string | null;
  /** What the receiver needs to know to take it: temperature classes, never the goods. */
  coldClasses: string[];
}

const offerFrom = (r: Record<string, any>): HandoverOffer => ({
  id: Number(r.id), shipmentId: r.shipment_id, fromRiderId: r.from_rider_id, toRiderId: r.to_rider_id, offeredAt: r.offered_at.toISOString(),
  status: r.status, closedAt: r.closed_at?.toISOString() ?? null, boxId: r.box_id ?? null, coldClasses: r.cold_classes ?? [],
});

const SELECT = `SELECT h.*, s.cold_classes FROM tracking.handover_offers h JOIN dispatch.shipments s ON s.id = h.shipment_id`;

/**
 * The carrying rider (or staff, for them) offers `shipmentId` to rider `toRiderId`. Replaces an
 * open offer of the same shipment; the same client event id again answers the same offer.
 */
export async function offerHandover(shipmentId: string, input: { toRiderId: string; clientEventId?: string }, actor: Actor, audit: (q: Queryable, e: AuditEntry) => Promise<void>, now = new Date()): Promise<HandoverOffer> {
  let facilityId: string | null = null;
  const offer = await withTx(appDb(), async (c) => {
    if (input.clientEventId) {
      const seen = (await c.query(`${SELECT} WHERE h.shipment_id = $1 AND h.client_event_id = $2`, [shipmentId, input.clientEventId])).rows[0];
      if (seen) return offerFrom(seen);
    }
    const st = (await c.query(
      `SELECT s.id, s.facility_id, coalesce(t.state, 'planned') AS state, coalesce(t.rider_id, s.rider_id) AS holder
         FROM dispatch.shipments s LEFT JOIN tracking.shipment_state t ON t.shipment_id = s.id WHERE s.id = $1 FOR UPDATE OF s`, [shipmentId])).rows[0];
    if (!st) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
    const d = decide(st.state as State, 'hand_over');
    if (!d.ok) throw new AppError('conflict', d.code, `${d.message} Only a shipment you carry can be handed over.`, { state: st.state });
    if (actor.role === 'rider' && st.holder !== actor.riderId) throw new AppError('forbidden', 'other_rider', `Shipment ${shipmentId} is not with you: only the rider carrying it can hand it over.`);
    const from = st.holder as string | null;
    if (!from) throw new AppError('conflict', 'not_in_custody', `Shipment ${shipmentId} is not with a rider.`);
    if (input.toRiderId === from) throw new AppError('invalid_input', 'handover_to_self', 'Name the rider who takes the shipment over, not the one carrying it.');
    const r = (await c.query(`SELECT active FROM dispatch.riders WHERE id = $1`, [input.toRiderId])).rows[0];
    if (!r?.active) throw new AppError('not_found', 'rider_not_found', `No active rider ${input.toRiderId}: check the rider id the other rider shows you.`);
    await c.query(`UPDATE tracking.handover_offers SET status = 'replaced', closed_at = $2 WHERE shipment_id = $1 AND status = 'open'`, [shipmentId, now]);
    const { rows } = await c.query(
      `INSERT INTO tracking.handover_offers (shipment_id, from_rider_id, to_rider_id, offered_at, client_event_id) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [shipmentId, from, input.toRiderId, now, input.clientEventId ?? null]);
    await audit(c, { action: 'custody.handover_offer', entityType: 'shipment', entityId: shipmentId, newValue: { fromRiderId: from, toRiderId: input.toRiderId } });
    facilityId = st.facility_id;
    return offerFrom((await c.query(`${SELECT} WHERE h.id = $1`, [rows[0].id])).rows[0]);
  });
  // The receiving rider's phone hears of it at once (the feed goes to the riders named).
  if (facilityId) await publishFeed({ type: 'handover.offer', facilityId, riders: [offer.fromRiderId, offer.toRiderId], shipmentId, fromRiderId: offer.fromRiderId, toRiderId: offer.toRiderId, status: 'open', at: now.toISOString() });
  return offer;
}

/** The open offer of `shipmentId` to rider `riderId`, locked, or null. */
export async function openOfferTo(c: Queryable, shipmentId: string, riderId: string): Promise<{ id: number; fromRiderId: string } | null> {
  const r = (await c.query(`SELECT id, from_rider_id FROM tracking.handover_offers WHERE shipment_id = $1 AND to_rider_id = $2 AND status = 'open' FOR UPDATE`, [shipmentId, riderId])).rows[0];
  return r ? { id: Number(r.id), fromRiderId: r.from_rider_id } : null;
}

/** Closes an accepted offer (inside the `hand_over` step's transaction). */
export async function acceptOffer(c: pg.PoolClient, offerId: number, boxId: string, now: Date): Promise<void> {
  await c.query(`UPDATE tracking.handover_offers SET status = 'accepted', closed_at = $2, box_id = $3 WHERE id = $1`, [offerId, now, boxId]);
}

/** A rider's offers of the last day: those made to them (to take) and by them (to see taken). */
export async function offersOf(q: Queryable, riderId: string, now = new Date()): Promise<{ incoming: HandoverOffer[]; outgoing: HandoverOffer[] }> {
  const { rows } = await q.query(
    `${SELECT} WHERE (h.to_rider_id = $1 OR h.from_rider_id = $1) AND h.status <> 'replaced' AND h.offered_at > $2::timestamptz - interval '1 day'
      ORDER BY h.offered_at DESC LIMIT 200`, [riderId, now]);
  const all = rows.map(offerFrom);
  return { incoming: all.filter((o) => o.toRiderId === riderId), outgoing: all.filter((o) => o.fromRiderId === riderId) };
}
