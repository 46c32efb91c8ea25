/**
 * Applies box lifecycle steps (machine.ts): one transaction locks the box row, brings the state
 * up to what the box's readings say (pre_cooling → ready, or back), asks the machine, appends
 * the event and moves the projection (boxes.lifecycle_state, seal_number). The pre-cool judgement
 * is the one pickup uses (telemetry's precoolOf), passed in as a port: dispatch does not read
 * the readings itself.
 */
import type pg from 'pg';
import { appDb, withTx, type Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { getKey } from '../../platform/config/registry';
import type { AuditFn } from '../orders/types';
import { dispatchKeys } from '../config';
import { decideBox, normaliseSeal, readingsStep, type BoxAction, type BoxState, type Checklist, type StaffAction } from './machine';

export type Readiness = { ready: true; since: string } | { ready: false; reason: string; message: string };
/** Has the box been in range for its pre-cool minutes, up to now? (telemetry's `precoolOf`) */
export type ReadinessCheck = (q: Queryable, boxId: string, cls: 'chilled' | 'frozen', opts: { now: Date; minutes: number; sampleIntervalS: number }) => Promise<Readiness>;

export interface BoxActor { id: string | null; role: string | null; facilityId?: string | null }

interface LockedBox { id: string; facilityId: string; state: BoxState; seq: number; sealNumber: string | null; precoolMinutes: number; sampleIntervalS: number; coldClasses: Array<'chilled' | 'frozen'> }

async function lockBox(c: Queryable, boxId: string): Promise<LockedBox> {
  const { rows } = await c.query(
    `SELECT b.id, b.facility_id, b.lifecycle_state, b.lifecycle_seq, b.seal_number, b.precool_minutes, b.sample_interval_s,
            array(SELECT DISTINCT temperature_class FROM dispatch.box_compartments WHERE box_id = b.id AND temperature_class <> 'ambient' ORDER BY 1) AS cold
       FROM dispatch.boxes b WHERE b.id = $1 FOR UPDATE OF b`, [boxId]);
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'box_not_found', `No box ${boxId}.`);
  return { id: r.id, facilityId: r.facility_id, state: r.lifecycle_state, seq: r.lifecycle_seq, sealNumber: r.seal_number, precoolMinutes: r.precool_minutes, sampleIntervalS: r.sample_interval_s, coldClasses: r.cold };
}

/** The box's pre-cool state over every cold compartment it has (a box with none is ready). */
async function readinessOf(c: Queryable, box: LockedBox, check: ReadinessCheck, now: Date): Promise<Readiness & { temperatureClass?: string }> {
  let since = now.toISOString();
  for (const cls of box.coldClasses) {
    const r = await check(c, box.id, cls, { now, minutes: box.precoolMinutes, sampleIntervalS: box.sampleIntervalS });
    if (!r.ready) return { ...r, temperatureClass: cls };
    if (r.since < since) since = r.since;
  }
  return { ready: true, since };
}

interface Append { action: BoxAction; to: BoxState; actor: BoxActor; checklist?: Checklist; sealNumber?: string; shipmentId?: string; detail?: Record<string, unknown> }

async function append(c: Queryable, box: LockedBox, e: Append, now: Date): Promise<void> {
  const seq = box.seq + 1;
  await c.query(
    `INSERT INTO dispatch.box_events (box_id, seq, action, from_state, to_state, at, actor_id, actor_role, checklist, seal_number, shipment_id, detail)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [box.id, seq, e.action, box.state, e.to, now, e.actor.id, e.actor.role, e.checklist ? JSON.stringify(e.checklist) : null, e.sealNumber ?? null, e.shipmentId ?? null, JSON.stringify(e.detail ?? {})]);
  // The seal stays on the box while it carries; it is gone once the box is back.
  const seal = e.action === 'seal' ? e.sealNumber! : ['sealed', 'in_use'].includes(e.to) ? box.sealNumber : null;
  await c.query(`UPDATE dispatch.boxes SET lifecycle_state = $2, lifecycle_seq = $3, seal_number = $4 WHERE id = $1`, [box.id, e.to, seq, seal]);
  Object.assign(box, { state: e.to, seq, sealNumber: seal });
}

const SYSTEM: BoxActor = { id: null, role: 'system' };

/** Moves a pre-cooling or ready box as its readings say; returns the readings' judgement when asked. */
async function catchUp(c: Queryable, box: LockedBox, check: ReadinessCheck, now: Date): Promise<(Readiness & { temperatureClass?: string }) | null> {
  if (!['pre_cooling', 'ready', 'packed'].includes(box.state)) return null;
  const r = await readinessOf(c, box, check, now);
  const step = readingsStep(box.state, r.ready);
  if (step) await append(c, box, { action: step, to: step === 'became_ready' ? 'ready' : 'pre_cooling', actor: SYSTEM, detail: r.ready ? { since: r.since } : { reason: r.reason } }, now);
  return r;
}

export interface BoxStepInput { action: StaffAction; checklist?: Partial<Checklist>; sealNumber?: string; note?: string }

const INPUT_ERRORS = new Set(['checklist_incomplete', 'seal_number_required', 'seal_number_invalid']);

function partnerOwns(actor: BoxActor, box: LockedBox): void {
  if (actor.role === 'partner' && actor.facilityId !== box.facilityId) throw new AppError('forbidden', 'other_store', 'A partner account may only handle its own store\'s boxes.');
}

/** A staff step on a box (POST /boxes/:id/lifecycle). */
export async function applyBoxStep(boxId: string, input: BoxStepInput, actor: BoxActor, check: ReadinessCheck, audit: AuditFn, now = new Date()) {
  return withTx(appDb(), async (c) => {
    const box = await lockBox(c, boxId);
    partnerOwns(actor, box);
    const readiness = await catchUp(c, box, check, now);
    if (input.action === 'return') {
      const carrying = await c.query(`SELECT shipment_id FROM dispatch.custody WHERE box_id = $1 AND to_at IS NULL LIMIT 1`, [boxId]);
      if (carrying.rowCount) throw new AppError('conflict', 'box_carrying', `Box ${boxId} still carries shipment ${carrying.rows[0].shipment_id}: deliver or return that shipment first.`);
    }
    const d = decideBox(box.state, { ...input, readingsReady: readiness?.ready === true });
    if (!d.ok) {
      const details = { state: box.state, ...(d.details ?? {}), ...(d.code === 'box_not_precooled' && readiness && !readiness.ready ? { reason: readiness.reason, readings: readiness.message } : {}) };
      throw new AppError(INPUT_ERRORS.has(d.code) ? 'invalid_input' : 'conflict', d.code, d.message, details);
    }
    const sealNumber = input.action === 'seal' ? normaliseSeal(input.sealNumber!) : undefined;
    if (sealNumber) {
      const used = await c.query(`SELECT box_id FROM dispatch.box_events WHERE action = 'seal' AND seal_number = $1`, [sealNumber]);
      if (used.rowCount) throw new AppError('conflict', 'seal_number_used', `Seal ${sealNumber} was already used; a seal is used once. Take a new seal.`);
    }
    const from = box.state;
    const checklist = input.action === 'pack' ? { coolantIsolated: true, productPlaced: true, probePositioned: true } : undefined;
    await append(c, box, { action: input.action, to: d.to, actor, checklist, sealNumber, detail: input.note ? { note: input.note } : {} }, now);
    await audit(c, { action: `box.${input.action}`, entityType: 'box', entityId: boxId, oldValue: { state: from }, newValue: { state: d.to, ...(sealNumber ? { sealNumber } : {}), ...(checklist ? { checklist } : {}) } });
    // A box whose readings were already in range when its pre-cool started is ready at once.
    return view(c, box, await catchUp(c, box, check, now));
  });
}

/** A box's lifecycle state and events (GET /boxes/:id/lifecycle), brought up to its readings first. */
export async function boxLifecycle(boxId: string, actor: BoxActor, check: ReadinessCheck, now = new Date()) {
  return withTx(appDb(), async (c) => {
    const box = await lockBox(c, boxId);
    partnerOwns(actor, box);
    const readiness = await catchUp(c, box, check, now);
    return view(c, box, readiness);
  });
}

async function view(q: Queryable, box: LockedBox, readiness: (Readiness & { temperatureClass?: string }) | null) {
  const { rows } = await q.query(
    `SELECT seq, action, from_state, to_state, at, actor_id, actor_role, checklist, seal_number, shipment_id, detail
       FROM dispatch.box_events WHERE box_id = $1 ORDER BY seq DESC LIMIT 200`, [box.id]);
  return {
    boxId: box.id, facilityId: box.facilityId, state: box.state, sealNumber: box.sealNumber, precoolMinutes: box.precoolMinutes,
    readiness: readiness && (box.state === 'pre_cooling' || box.state === 'ready' || box.state === 'packed')
      ? (readiness.ready ? { ready: true, since: readiness.since, reason: null, message: null } : { ready: false, since: null, reason: readiness.reason, message: readiness.message })
      : null,
    events: rows.reverse().map((r) => ({
      seq: r.seq, action: r.action, from: r.from_state, to: r.to_state, at: r.at.toISOString(), actor: { id: r.actor_id, role: r.actor_role },
      checklist: r.checklist, sealNumber: r.seal_number, shipmentId: r.shipment_id, detail: r.detail,
    })),
  };
}

/**
 * At pickup (custody.ts bindShipment, inside its transaction, the box row already locked): a
 * sealed box starts carrying. With DISPATCH_REQUIRE_SEAL the box must be sealed (or already
 * carrying this sealing's goods); without it, a box not in the lifecycle is left alone.
 */
export async function boxPickedUp(c: pg.PoolClient, boxId: string, shipmentId: string, riderId: string | null, now: Date): Promise<void> {
  const box = await lockBox(c, boxId);
  const sealed = box.state === 'sealed' || box.state === 'in_use';
  if (!sealed) {
    if (getKey(dispatchKeys.requireSeal)) throw new AppError('conflict', 'box_not_sealed', `Box ${boxId} is ${box.state.replace('_', '-')}, not sealed: it must be pre-cooled, packed with the checklist and sealed before pickup.`, { state: box.state });
    return;
  }
  await append(c, box, { action: 'pick_up', to: 'in_use', actor: SYSTEM, shipmentId, detail: { riderId } }, now);
}

/**
 * The seal number read at the door against the one the carrying box was sealed with. A
 * mismatch is recorded on the box (seal_mismatch, the number read) and returned as the refusal;
 * the expected number is kept out of the message, so the door cannot learn it.
 */
export async function checkSealAtDoor(c: pg.PoolClient, shipmentId: string, read: string, actor: BoxActor, audit: AuditFn, now: Date): Promise<AppError | null> {
  const leg = (await c.query(`SELECT box_id FROM dispatch.custody WHERE shipment_id = $1 AND to_at IS NULL ORDER BY from_at DESC, id DESC LIMIT 1`, [shipmentId])).rows[0];
  if (!leg) return null;
  const box = await lockBox(c, leg.box_id);
  const seen = normaliseSeal(read);
  if (box.sealNumber && box.sealNumber === seen) return null;
  await append(c, box, { action: 'seal_mismatch', to: box.state, actor, sealNumber: seen, shipmentId, detail: { sealed: box.sealNumber !== null } }, now);
  await audit(c, { action: 'box.seal_mismatch', entityType: 'box', entityId: box.id, newValue: { shipmentId, read: seen } });
  return new AppError('conflict', 'seal_mismatch',
    box.sealNumber
      ? 'The seal number read is not the one this box was sealed with: do not hand the goods over. Keep the box closed and call the dispatcher.'
      : 'This box was not sealed with a recorded seal: do not hand the goods over. Keep the box closed and call the dispatcher.',
    { boxId: box.id });
}
