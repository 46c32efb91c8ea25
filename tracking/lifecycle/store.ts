/**
 * Applies a lifecycle action to a shipment: one transaction locks the shipment's state row,
 * asks the machine, runs the action's effect on custody (dispatch) and appends the event with
 * the answer given; after commit the feed, the planner and the customer hear of it.
 *
 * A rider app's offline queue sends each action with a client event id: the same id again
 * finds the stored event and gets the same answer, however often it is replayed.
 */
import type pg from 'pg';
import { appDb, withTx, type Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { publishFeed } from '../../platform/feed';
import type { AuditEntry } from '../../platform/http/route';
import { bindShipment, checkSealAtDoor, endCustody, handOverCustody, markReturning, collectAtStore, custodyChanged, custodyHistory, type OpenExcursions } from '../../dispatch';
import { precoolOf, type Precool } from '../../telemetry';
import { decide, IN_CUSTODY, type Action, type FailCode, type State } from './machine';
import { checkCode, issueDeliveryCode, codeRequired } from '../pod/delivery-code';
import { podFileForEvent } from '../pod/uploads';
import { custodyRecord } from './custody-record';
import { acceptOffer, openOfferTo } from './handover';

export interface Actor { id: string | null; role: string; riderId: string | null; facilityId: string | null }

export interface ActionInput {
  action: Action;
  clientEventId?: string;
  deviceAt?: Date;
  location?: { lat: number; lng: number };
  accuracyM?: number;
  note?: string;
  boxId?: string;
  label?: string;
  riderId?: string;
  code?: string;
  /** deliver: the seal number read at the door. */
  seal?: string;
  reason?: FailCode;
  toRiderId?: string;
  toFacilityId?: string;
  /** Proof-of-delivery files uploaded before the event (tracking/pod/uploads.ts). */
  photoId?: string;
  signatureId?: string;
}

export interface LifecycleDeps {
  openExcursions: OpenExcursions;
  /** The customer hears of a step (notifications); optional so tests can leave it out. */
  notify?: (n: { shipmentId: string; kind: 'picked_up' | 'arriving' | 'delivered' | 'failed'; code?: string; reason?: string }) => Promise<void>;
  /**
   * Runs inside the step's transaction after its event is stored, so what it writes commits or
   * rolls back with the step (app/ quarantines a cold-chain breach or a cold return through it).
   */
  onTransition?: (q: Queryable, t: { shipmentId: string; from: State; to: State; action: Action; failCode: FailCode | null; coldClasses: string[]; at: Date }) => Promise<void>;
  /** The delivery failed (after commit): app/ sends a replacement for a cold-chain breach. */
  failed?: (e: { shipmentId: string; failCode: FailCode; at: Date }) => Promise<void>;
  /** The shipment reached an end state (after commit): app/ seals its temperature record. */
  ended?: (e: { shipmentId: string; state: State; at: Date }) => Promise<void>;
}

export interface ActionAnswer { status: number; body: Record<string, unknown> }

/** What the transaction learnt: the dispatch shipment and the state row, locked. */
interface Locked {
  shipment: { id: string; orderId: string; facilityId: string; status: string; riderId: string | null; coldClasses: string[]; mode: 'rider' | 'pickup'; channel: string; rx: boolean; token: string };
  state: { state: State; seq: number; riderId: string | null; holderFacilityId: string | null };
}

const STATE_OF_DISPATCH: Record<string, State> = {
  held: 'planned', ready: 'planned', assigned: 'assigned', picked_up: 'picked_up', returning: 'returning',
  delivered: 'delivered', returned: 'returned', cancelled: 'cancelled',
};

async function lock(c: pg.PoolClient, shipmentId: string): Promise<Locked> {
  const { rows } = await c.query(
    `SELECT s.id, s.order_id, s.facility_id, s.status, s.rider_id, s.cold_classes, o.delivery_mode, o.channel, o.rx_status, o.token
       FROM dispatch.shipments s JOIN dispatch.orders o ON o.id = s.order_id WHERE s.id = $1`, [shipmentId]);
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
  const shipment = {
    id: r.id, orderId: r.order_id, facilityId: r.facility_id, status: r.status, riderId: r.rider_id, coldClasses: r.cold_classes,
    mode: r.delivery_mode === 'pickup' ? 'pickup' as const : 'rider' as const, channel: r.channel, rx: r.rx_status !== 'not_required', token: r.token,
  };
  // A shipment's first action starts its state from where dispatch has it (planned or assigned).
  await c.query(`INSERT INTO tracking.shipment_state (shipment_id, order_id, state, rider_id) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`,
    [r.id, r.order_id, STATE_OF_DISPATCH[r.status] ?? 'planned', r.rider_id]);
  const st = (await c.query(`SELECT state, seq, rider_id, holder_facility_id FROM tracking.shipment_state WHERE shipment_id = $1 FOR UPDATE`, [shipmentId])).rows[0];
  return { shipment, state: { state: st.state, seq: st.seq, riderId: st.rider_id, holderFacilityId: st.holder_facility_id } };
}

/** Who may do what to a shipment: the carrying (or assigned) rider, the store's partner, staff. */
async function authorise(c: Queryable, actor: Actor, l: Locked, input: ActionInput): Promise<void> {
  const { role } = actor;
  if (role === 'admin' || role === 'dispatcher' || role === 'system') return;
  if (role === 'rider') {
    const riderSteps: Action[] = ['arrive_pickup', 'pick_up', 'depart', 'arriving', 'deliver', 'fail', 'start_return', 'return', 'hand_over'];
    if (!riderSteps.includes(input.action)) throw new AppError('forbidden', 'not_a_rider_step', `A rider cannot "${input.action}"; the store or a dispatcher does that.`);
    const holder = l.state.riderId ?? l.shipment.riderId;
    // The rider a handover was offered to takes the shipment over themselves (handover.ts).
    if (holder && holder !== actor.riderId && !(input.action === 'hand_over' && await openOfferTo(c, l.shipment.id, actor.riderId!))) {
      throw new AppError('forbidden', 'other_rider', `Shipment ${l.shipment.id} is with another rider.`);
    }
    if (!holder) {
      // Not yet assigned: a rider of the shipment's own facility may take it.
      const home = (await c.query(`SELECT home_facility_id FROM dispatch.riders WHERE id = $1`, [actor.riderId])).rows[0]?.home_facility_id;
      if (home !== l.shipment.facilityId) throw new AppError('forbidden', 'other_facility', `Shipment ${l.shipment.id} leaves from another facility.`);
    }
    return;
  }
  if (role === 'partner') {
    const own = actor.facilityId === l.shipment.facilityId || actor.facilityId === l.state.holderFacilityId || (input.action === 'hand_over' && input.toFacilityId === actor.facilityId);
    if (!own) throw new AppError('forbidden', 'other_store', 'A partner account may only act on its own store\'s shipments.');
    const storeSteps: Action[] = ['ready_for_pickup', 'collect', 'return', 'hand_over'];
    if (!storeSteps.includes(input.action)) throw new AppError('forbidden', 'not_a_store_step', `A store cannot "${input.action}"; the rider does that.`);
    return;
  }
  throw new AppError('forbidden', 'role_not_allowed', `A ${role} account does not move shipments.`);
}

/** A label's QR holds the tracking link; the rider may also type the shipment id or the token. */
function labelMatches(label: string, l: Locked): boolean {
  const v = label.trim();
  return v === l.shipment.id || v === l.shipment.token || v.endsWith(`/t/${l.shipment.token}`);
}

/** The photo and signature an event names, checked to be this shipment's, for its record. */
async function proofOf(c: Queryable, shipmentId: string, input: ActionInput): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (input.photoId) out.photo = pick(await podFileForEvent(c, shipmentId, input.photoId, 'photo'));
  if (input.signatureId) out.signature = pick(await podFileForEvent(c, shipmentId, input.signatureId, 'signature'));
  return out;
}
const pick = (f: { id: string; sha256: string }) => ({ id: f.id, sha256: f.sha256 });

/** What an action does besides moving the state; may refuse. Runs inside the transaction. */
interface Effect { detail: Record<string, unknown>; riderId?: string | null; holderFacilityId?: string | null; replan?: string; code?: string; refuse?: AppError; forceTo?: State; failCode?: FailCode }

async function effect(c: pg.PoolClient, l: Locked, input: ActionInput, actor: Actor, audit: (q: Queryable, e: AuditEntry) => Promise<void>, deps: LifecycleDeps, now: Date): Promise<Effect> {
  const s = l.shipment;
  switch (input.action) {
    case 'pick_up': {
      const rider = actor.role === 'rider' ? actor.riderId! : input.riderId ?? s.riderId;
      if (!rider) throw new AppError('invalid_input', 'rider_required', 'Name the rider who takes the shipment (riderId).');
      if (!input.boxId) throw new AppError('invalid_input', 'box_required', 'Scan the box\'s QR code (boxId) to pick up.');
      if (actor.role === 'rider' && !input.label) throw new AppError('invalid_input', 'label_required', 'Scan the shipment label\'s QR code (label) to pick up.');
      if (input.label && !labelMatches(input.label, l)) throw new AppError('conflict', 'wrong_label', `The label scanned is not shipment ${s.id}'s: check the bag and scan its own label.`);
      const box = (await c.query(`SELECT rider_id, precool_minutes, sample_interval_s FROM dispatch.boxes WHERE id = $1`, [input.boxId])).rows[0];
      if (!box) throw new AppError('not_found', 'box_not_found', `No box ${input.boxId}: scan the box's QR code again.`);
      if (box.rider_id !== rider) throw new AppError('conflict', 'box_not_paired', box.rider_id ? `Box ${input.boxId} is paired with another rider: take your own box, or have it paired to you first.` : `Box ${input.boxId} is not paired with you: pair it before loading.`);
      for (const cls of s.coldClasses) {
        if (cls === 'ambient') continue;
        const p: Precool = await precoolOf(c, input.boxId, cls as 'chilled' | 'frozen', { now, minutes: box.precool_minutes, sampleIntervalS: box.sample_interval_s });
        if (!p.ready) throw new AppError('conflict', 'box_not_precooled', p.message, { reason: p.reason, temperatureClass: cls });
      }
      const bound = await bindShipment(c, { shipmentId: s.id, boxId: input.boxId, riderId: rider, audit, now });
      const code = await issueDeliveryCode(c, s.id);
      return { detail: { boxId: input.boxId, compartments: bound.compartments, holdoverMinutes: bound.holdoverMinutes, warnings: bound.warnings }, riderId: rider, holderFacilityId: null, replan: `shipment ${s.id} picked up`, code };
    }
    case 'deliver':
    case 'collect': {
      const open = input.action === 'deliver' ? await deps.openExcursions(s.id) : [];
      if (open.length) {
        await markReturning(c, s.id);
        return {
          detail: { alarms: open }, forceTo: 'failed', failCode: 'cold_chain_breach', replan: `shipment ${s.id} failed: cold-chain breach`,
          refuse: new AppError('conflict', 'cold_chain_breach',
            `Do not hand this over: the box had a temperature excursion (${open.map((a) => `${a.type} in ${a.boxId}`).join(', ')}). Keep the box closed and bring the shipment back; QA decides what happens to it.`, { alarms: open, state: 'failed' }),
        };
      }
      if (input.seal) {
        const broken = await checkSealAtDoor(c, s.id, input.seal, { id: actor.id, role: actor.role }, audit, now);
        if (broken) return { detail: {}, refuse: broken };
      }
      if (codeRequired(s)) {
        const wrong = await checkCode(c, s.id, input.code);
        if (wrong) {
          if (wrong.code === 'delivery_code_locked' && wrong.justLocked) {
            await publishFeed({ type: 'delivery_code.locked', facilityId: s.facilityId, riders: l.state.riderId ? [l.state.riderId] : [], shipmentId: s.id, orderId: s.orderId });
          }
          return { detail: {}, refuse: wrong.error };
        }
      }
      const proof = await proofOf(c, s.id, input);
      if (input.action === 'collect') {
        await collectAtStore(c, { shipmentId: s.id, actorId: actor.id, audit });
        return { detail: proof, replan: undefined };
      }
      await endCustody(c, { shipmentId: s.id, outcome: 'delivered', actorId: actor.id, audit, now });
      return { detail: proof, riderId: null, holderFacilityId: null, replan: `shipment ${s.id} delivered` };
    }
    case 'fail': {
      if (!input.reason) throw new AppError('invalid_input', 'reason_required', 'Say why the delivery failed (reason: customer_absent, refused, wrong_address, cold_chain_breach or damaged).');
      const proof = await proofOf(c, s.id, input);
      await markReturning(c, s.id);
      return { detail: proof, failCode: input.reason, replan: `shipment ${s.id} failed: ${input.reason}` };
    }
    case 'return': {
      await endCustody(c, { shipmentId: s.id, outcome: 'returned', actorId: actor.id, audit, now });
      return { detail: {}, riderId: null, holderFacilityId: null, replan: `shipment ${s.id} returned` };
    }
    case 'hand_over': {
      const holder = l.state.riderId ?? s.riderId;
      const offer = actor.role === 'rider' && holder !== actor.riderId ? await openOfferTo(c, s.id, actor.riderId!) : null;
      if (offer) return acceptHandover(c, l, input, actor, offer, audit, now);
      if (!!input.toRiderId === !!input.toFacilityId) throw new AppError('invalid_input', 'handover_target', 'Hand over to exactly one of a rider (toRiderId) or a store (toFacilityId).');
      if (input.toRiderId) {
        const r = (await c.query(`SELECT home_facility_id, active FROM dispatch.riders WHERE id = $1`, [input.toRiderId])).rows[0];
        if (!r?.active) throw new AppError('not_found', 'rider_not_found', `No active rider ${input.toRiderId}.`);
      } else if (!(await c.query(`SELECT 1 FROM dispatch.facilities WHERE id = $1`, [input.toFacilityId])).rowCount) {
        throw new AppError('not_found', 'facility_not_found', `No store ${input.toFacilityId}.`);
      }
      const h = await handOverCustody(c, { shipmentId: s.id, toRiderId: input.toRiderId ?? null, toFacilityId: input.toFacilityId ?? null, boxId: input.boxId, audit, now });
      return { detail: { fromRiderId: h.fromRiderId, toRiderId: input.toRiderId ?? null, toFacilityId: input.toFacilityId ?? null, boxId: h.boxId }, riderId: input.toRiderId ?? null, holderFacilityId: input.toFacilityId ?? null, replan: `shipment ${s.id} handed over` };
    }
    case 'ready_for_pickup': {
      if (s.status !== 'ready') throw new AppError('conflict', 'shipment_not_ready', `Shipment ${s.id} is ${s.status}: only a paid (ready) order can be put out for collection.`);
      return { detail: {}, code: await issueDeliveryCode(c, s.id) };
    }
    case 'arrive_pickup': return { detail: {}, riderId: actor.role === 'rider' ? actor.riderId : l.state.riderId };
    default: return { detail: {} };
  }
}

/**
 * The receiving rider takes over a shipment offered to them: they scanned its label and the box
 * it rides in from now on, which must be paired with them and, for cold goods, pre-cooled (as at
 * pickup). The custody leg moves to them and the offer is closed in the same transaction.
 */
async function acceptHandover(c: pg.PoolClient, l: Locked, input: ActionInput, actor: Actor, offer: { id: number; fromRiderId: string }, audit: (q: Queryable, e: AuditEntry) => Promise<void>, now: Date): Promise<Effect> {
  const s = l.shipment;
  const me = actor.riderId!;
  if (input.toFacilityId || (input.toRiderId && input.toRiderId !== me)) throw new AppError('invalid_input', 'handover_target', 'Taking over a shipment offered to you moves it to you: leave out toRiderId and toFacilityId.');
  if (!input.label) throw new AppError('invalid_input', 'label_required', 'Scan the shipment label\'s QR code (label) to take the shipment over.');
  if (!labelMatches(input.label, l)) throw new AppError('conflict', 'wrong_label', `The label scanned is not shipment ${s.id}'s: check the bag and scan its own label.`);
  if (!input.boxId) throw new AppError('invalid_input', 'box_required', 'Scan the QR code of the box the shipment rides in from now on (boxId).');
  const box = (await c.query(`SELECT rider_id, precool_minutes, sample_interval_s FROM dispatch.boxes WHERE id = $1`, [input.boxId])).rows[0];
  if (!box) throw new AppError('not_found', 'box_not_found', `No box ${input.boxId}: scan the box's QR code again.`);
  if (box.rider_id !== me) throw new AppError('conflict', 'box_not_paired', box.rider_id ? `Box ${input.boxId} is paired with another rider: put the shipment in your own box, or have this box paired to you first.` : `Box ${input.boxId} is not paired with you: pair it before loading.`);
  for (const cls of s.coldClasses) {
    if (cls === 'ambient') continue;
    const p: Precool = await precoolOf(c, input.boxId, cls as 'chilled' | 'frozen', { now, minutes: box.precool_minutes, sampleIntervalS: box.sample_interval_s });
    if (!p.ready) throw new AppError('conflict', 'box_not_precooled', p.message, { reason: p.reason, temperatureClass: cls });
  }
  const h = await handOverCustody(c, { shipmentId: s.id, toRiderId: me, toFacilityId: null, boxId: input.boxId, audit, now });
  await acceptOffer(c, offer.id, h.boxId, now);
  return { detail: { fromRiderId: h.fromRiderId ?? offer.fromRiderId, toRiderId: me, toFacilityId: null, boxId: h.boxId, offerId: offer.id }, riderId: me, holderFacilityId: null, replan: `shipment ${s.id} handed over` };
}

/** Applies `input` to shipment `shipmentId` as `actor`; the answer is stored with the event. */
export async function applyAction(shipmentId: string, input: ActionInput, actor: Actor, audit: (q: Queryable, e: AuditEntry) => Promise<void>, deps: LifecycleDeps, now = new Date()): Promise<ActionAnswer> {
  if (input.clientEventId) {
    const seen = await replayed(appDb(), shipmentId, input.clientEventId, actor);
    if (seen) return seen;
  }
  let after: (() => Promise<void>) | undefined;
  let refusal: AppError | undefined;
  const answer = await withTx(appDb(), async (c) => {
    const l = await lock(c, shipmentId);
    if (input.clientEventId) {
      const seen = await replayed(c, shipmentId, input.clientEventId, actor);
      if (seen) return seen;
    }
    await authorise(c, actor, l, input);
    const d = decide(l.state.state, input.action, l.shipment.mode);
    if (!d.ok) {
      const extra = input.action === 'deliver' && l.state.state === 'failed' ? ' It failed earlier: bring it back (start_return, then return).' : '';
      throw new AppError('conflict', d.code, d.message + extra, { state: l.state.state });
    }
    const eff = await effect(c, l, input, actor, audit, deps, now);
    if (eff.refuse && !eff.forceTo) { refusal = eff.refuse; return null; }
    const to = eff.forceTo ?? d.to;
    const action = eff.forceTo === 'failed' ? 'fail' : input.action;
    const riderId = eff.riderId !== undefined ? eff.riderId : l.state.riderId;
    const holder = eff.holderFacilityId !== undefined ? eff.holderFacilityId : l.state.holderFacilityId;
    const seq = l.state.seq + 1;
    const body: Record<string, unknown> = {
      shipmentId, orderId: l.shipment.orderId, state: to, seq, action, ...(eff.failCode ? { reason: eff.failCode } : {}), ...eff.detail,
    };
    const status = eff.refuse ? eff.refuse.status : 200;
    const stored = eff.refuse ? { status, body: { error: { code: eff.refuse.code, message: eff.refuse.message, details: eff.refuse.details } } } : { status, body };
    await c.query(
      `INSERT INTO tracking.shipment_events (shipment_id, seq, action, from_state, to_state, code, note, actor_id, actor_role, rider_id, client_event_id, device_at, location, accuracy_m, detail, answer)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12, CASE WHEN $13::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($13,$14),4326) END, $15,$16,$17)`,
      [shipmentId, seq, action, l.state.state, to, eff.failCode ?? null, input.note ?? null, actor.id, actor.role, riderId, input.clientEventId ?? null, input.deviceAt ?? null,
        input.location?.lng ?? null, input.location?.lat ?? null, input.accuracyM ?? null, JSON.stringify(eff.detail), JSON.stringify({ ...stored, actorId: actor.id })]);
    await audit(c, { action: `shipment.${action}`, entityType: 'shipment', entityId: shipmentId, oldValue: { state: l.state.state }, newValue: { state: to, ...(eff.failCode ? { reason: eff.failCode } : {}) } });
    if (deps.onTransition && to !== l.state.state) {
      await deps.onTransition(c, { shipmentId, from: l.state.state, to, action, failCode: eff.failCode ?? null, coldClasses: l.shipment.coldClasses, at: now });
    }
    const ended = ['delivered', 'returned', 'cancelled', 'collected'].includes(to);
    await c.query(
      `UPDATE tracking.shipment_state SET state = $2, seq = $3, rider_id = $4, holder_facility_id = $5, updated_at = now(),
              picked_up_at = CASE WHEN $6 THEN coalesce(picked_up_at, $8) ELSE picked_up_at END, ended_at = CASE WHEN $7 THEN $8 ELSE ended_at END
        WHERE shipment_id = $1`,
      [shipmentId, to, seq, riderId, holder, action === 'pick_up', ended, now]);
    if (eff.refuse) refusal = eff.refuse;
    const s = l.shipment;
    after = async () => {
      await publishFeed({ type: 'shipment.state', facilityId: s.facilityId, riders: [riderId, l.state.riderId].filter((x): x is string => !!x), shipmentId, orderId: s.orderId, state: to, action, at: now.toISOString() });
      if (eff.replan) await custodyChanged(s.facilityId, eff.replan);
      const kind = action === 'pick_up' ? 'picked_up' : action === 'arriving' ? 'arriving' : to === 'delivered' ? 'delivered' : action === 'fail' ? 'failed' : null;
      if (ended && deps.ended) await deps.ended({ shipmentId, state: to, at: now });
      if (action === 'fail' && eff.failCode && deps.failed) await deps.failed({ shipmentId, failCode: eff.failCode, at: now });
      if (kind && deps.notify) await deps.notify({ shipmentId, kind, ...(kind === 'picked_up' && eff.code ? { code: eff.code } : {}), ...(eff.failCode ? { reason: eff.failCode } : {}) }).catch(() => undefined);
    };
    return stored;
  });
  if (after) await after();
  if (refusal) throw refusal;
  return answer!;
}

/** The stored answer of an event this client already sent, or null. */
async function replayed(q: Queryable, shipmentId: string, clientEventId: string, actor: Actor): Promise<ActionAnswer | null> {
  const { rows } = await q.query(`SELECT answer FROM tracking.shipment_events WHERE shipment_id = $1 AND client_event_id = $2`, [shipmentId, clientEventId]);
  if (!rows[0]) return null;
  const a = rows[0].answer as ActionAnswer & { actorId: string | null };
  if (a.actorId !== actor.id) throw new AppError('conflict', 'client_event_id_reused', `Event id ${clientEventId} was already used by someone else on this shipment; send a new id.`);
  return { status: a.status, body: a.body };
}

/** A shipment's lifecycle: its state, every event and its custody legs. */
export async function lifecycleOf(q: Queryable, shipmentId: string) {
  const head = (await q.query(
    `SELECT s.id, s.order_id, s.facility_id, s.status, s.rider_id, s.created_at, t.state, t.rider_id AS holder, t.holder_facility_id, t.picked_up_at, t.ended_at
       FROM dispatch.shipments s LEFT JOIN tracking.shipment_state t ON t.shipment_id = s.id WHERE s.id = $1`, [shipmentId])).rows[0];
  if (!head) return null;
  const { rows } = await q.query(
    `SELECT seq, action, from_state, to_state, code, note, actor_id, actor_role, rider_id, client_event_id, device_at, server_at,
            ST_Y(location) AS lat, ST_X(location) AS lng, accuracy_m, detail
       FROM tracking.shipment_events WHERE shipment_id = $1 ORDER BY seq`, [shipmentId]);
  const events = rows.map((r) => ({
    seq: r.seq, action: r.action, from: r.from_state, to: r.to_state, reason: r.code, note: r.note, actor: { id: r.actor_id, role: r.actor_role }, riderId: r.rider_id,
    clientEventId: r.client_event_id, deviceAt: r.device_at?.toISOString() ?? null, serverAt: r.server_at.toISOString(),
    location: r.lat == null ? null : { lat: r.lat, lng: r.lng, accuracyM: r.accuracy_m }, detail: r.detail,
  }));
  const state: State = head.state ?? STATE_OF_DISPATCH[head.status] ?? 'planned';
  const spans = await custodyHistory(q, { shipmentId });
  return {
    shipmentId, orderId: head.order_id, facilityId: head.facility_id, state, riderId: head.holder ?? head.rider_id, inCustody: IN_CUSTODY.has(state),
    pickedUpAt: head.picked_up_at?.toISOString() ?? null, endedAt: head.ended_at?.toISOString() ?? null,
    events, custody: custodyRecord({ facilityId: head.facility_id, createdAt: head.created_at, state, endedAt: head.ended_at }, spans),
  };
}

/**
 * A plan gave these shipments to a rider, or took them back (riderId null): one `assign` or
 * `unassign` event each, in the plan's transaction (dispatch's AssignmentHook). A shipment whose
 * state row another action holds right now is skipped rather than waited for: that action (a
 * pickup) is moving it anyway, and waiting here while it waits for the plan's shipment rows
 * would deadlock the two.
 */
export async function recordAssignments(c: Queryable, assignments: Array<{ shipmentId: string; riderId: string | null; planId: string; eta: Date | null }>): Promise<number> {
  const ids = assignments.map((a) => a.shipmentId);
  await c.query(
    `INSERT INTO tracking.shipment_state (shipment_id, order_id, state)
     SELECT id, order_id, 'planned' FROM dispatch.shipments WHERE id = ANY($1) ORDER BY id ON CONFLICT DO NOTHING`, [ids]);
  const { rows } = await c.query(
    `SELECT shipment_id, state, seq, rider_id FROM tracking.shipment_state WHERE shipment_id = ANY($1) ORDER BY shipment_id FOR UPDATE SKIP LOCKED`, [ids]);
  const by = new Map(assignments.map((a) => [a.shipmentId, a]));
  let n = 0;
  for (const r of rows) {
    const a = by.get(r.shipment_id)!;
    const action = a.riderId ? 'assign' : 'unassign';
    const d = decide(r.state, action, 'rider');
    if (r.rider_id === a.riderId || !d.ok) continue;
    const detail = { planId: a.planId, riderId: a.riderId, fromRiderId: r.rider_id, eta: a.eta?.toISOString() ?? null };
    const answer = { status: 200, body: { shipmentId: a.shipmentId, state: d.to, seq: r.seq + 1, action, ...detail }, actorId: 'system:planner' };
    await c.query(
      `INSERT INTO tracking.shipment_events (shipment_id, seq, action, from_state, to_state, actor_id, actor_role, rider_id, detail, answer)
       VALUES ($1,$2,$3,$4,$5,'system:planner','system',$6,$7,$8)`,
      [a.shipmentId, r.seq + 1, action, r.state, d.to, a.riderId, JSON.stringify(detail), JSON.stringify(answer)]);
    await c.query(`UPDATE tracking.shipment_state SET state = $4, seq = $2, rider_id = $3, updated_at = now() WHERE shipment_id = $1`, [a.shipmentId, r.seq + 1, a.riderId, d.to]);
    n++;
  }
  return n;
}

/**
 * Dispatch cancelled these shipments (the order was cancelled before pickup): a `cancel` event
 * for each that tracking already follows, in dispatch's transaction. Shipments without a state
 * row need none: their state is read from dispatch's. A row that an action holds right now (a
 * pickup at this very moment) makes the cancellation fail with 409 rather than wait, as waiting
 * could deadlock with that action.
 */
export async function recordCancellations(c: Queryable, shipmentIds: string[], by: { actorId: string | null; actorRole: string | null; reason: string }): Promise<void> {
  let rows: Array<{ shipment_id: string; state: State; seq: number }>;
  try {
    rows = (await c.query(`SELECT shipment_id, state, seq FROM tracking.shipment_state WHERE shipment_id = ANY($1) ORDER BY shipment_id FOR UPDATE NOWAIT`, [shipmentIds])).rows;
  } catch (e) {
    if ((e as { code?: string }).code === '55P03') throw new AppError('conflict', 'shipment_busy', 'A rider is acting on this order\'s shipment right now (e.g. picking it up); look at the order again and cancel it if it has not left.');
    throw e;
  }
  for (const r of rows) {
    const d = decide(r.state, 'cancel', 'rider');
    if (!d.ok) throw new AppError('conflict', 'order_not_cancellable', `Shipment ${r.shipment_id} is ${r.state}; it can no longer be cancelled.`, { state: r.state });
    const answer = { status: 200, body: { shipmentId: r.shipment_id, state: 'cancelled', seq: r.seq + 1, action: 'cancel', reason: by.reason }, actorId: by.actorId };
    await c.query(
      `INSERT INTO tracking.shipment_events (shipment_id, seq, action, from_state, to_state, note, actor_id, actor_role, detail, answer)
       VALUES ($1,$2,'cancel',$3,'cancelled',$4,$5,$6,'{}',$7)`,
      [r.shipment_id, r.seq + 1, r.state, by.reason, by.actorId, by.actorRole, JSON.stringify(answer)]);
    await c.query(`UPDATE tracking.shipment_state SET state = 'cancelled', seq = $2, rider_id = NULL, ended_at = now(), updated_at = now() WHERE shipment_id = $1`, [r.shipment_id, r.seq + 1]);
  }
}
