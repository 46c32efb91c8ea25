/**
 * The delivery code's life in the database: issued at pickup (or when a store puts an order out
 * for collection), checked at handover, locked after too many wrong tries, re-issued by a
 * dispatcher. The code itself is derived (./code.ts); the table holds its keyed hash.
 */
import { createHmac } from 'node:crypto';
import type { Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';
import { trackingKeys } from '../config';
import { codeHash, codeMatches, issueCode } from './code';

let cached: { from: string; secret: Buffer } | undefined;
/** A key of its own for codes, derived from the server signing key (never the key itself). */
function secret(): Buffer {
  const k = getKey(keys.signingKey);
  if (cached?.from !== k) cached = { from: k, secret: createHmac('sha256', Buffer.from(k, 'base64url')).update('coldchain/tracking/delivery-code/v1').digest() };
  return cached.secret;
}

/** Prescription orders always need the code; others as their channel is configured. */
export function codeRequired(s: { rx: boolean; channel: string }): boolean {
  return s.rx || getKey(trackingKeys.codeRequiredChannels).includes(s.channel);
}

/** Issues (or re-issues, as a new generation) the shipment's code; returns it for the customer's message. */
export async function issueDeliveryCode(q: Queryable, shipmentId: string): Promise<string> {
  const { rows } = await q.query(
    `INSERT INTO tracking.delivery_codes (shipment_id, generation, code_hash) VALUES ($1, 1, '')
     ON CONFLICT (shipment_id) DO UPDATE SET generation = tracking.delivery_codes.generation + 1, tries = 0, locked_at = NULL, used_at = NULL, issued_at = now()
     RETURNING generation`, [shipmentId]);
  const code = issueCode(secret(), shipmentId, rows[0].generation);
  await q.query(`UPDATE tracking.delivery_codes SET code_hash = $2 WHERE shipment_id = $1`, [shipmentId, codeHash(secret(), shipmentId, code)]);
  return code;
}

/** The code the customer may be shown (tracking page), or null when none is live. */
export async function currentDeliveryCode(q: Queryable, shipmentId: string): Promise<string | null> {
  const { rows } = await q.query(`SELECT generation FROM tracking.delivery_codes WHERE shipment_id = $1 AND locked_at IS NULL AND used_at IS NULL`, [shipmentId]);
  return rows[0] ? issueCode(secret(), shipmentId, rows[0].generation) : null;
}

export interface CodeRefusal { code: 'delivery_code_missing' | 'delivery_code_locked' | 'delivery_code_required' | 'delivery_code_wrong'; error: AppError; justLocked: boolean }

/**
 * Checks a handover's code, counting wrong tries; null when it matches. Runs inside the
 * lifecycle's transaction, which commits the count even when the handover is refused.
 */
export async function checkCode(q: Queryable, shipmentId: string, attempt: string | undefined): Promise<CodeRefusal | null> {
  const row = (await q.query(`SELECT code_hash, tries, locked_at FROM tracking.delivery_codes WHERE shipment_id = $1 FOR UPDATE`, [shipmentId])).rows[0];
  const max = getKey(trackingKeys.codeMaxTries);
  const locked = (justLocked: boolean): CodeRefusal => ({ code: 'delivery_code_locked', justLocked, error: new AppError('locked', 'delivery_code_locked', `The delivery code is locked after ${max} wrong tries. The dispatcher has been told and can send the customer a new code: call the dispatcher.`) });
  if (!row) return { code: 'delivery_code_missing', justLocked: false, error: new AppError('conflict', 'delivery_code_missing', 'This shipment has no delivery code yet (it is issued at pickup): call the dispatcher.') };
  if (row.locked_at) return locked(false);
  if (!attempt) return { code: 'delivery_code_required', justLocked: false, error: new AppError('invalid_input', 'delivery_code_required', 'Ask the customer for the 6-digit delivery code (in their SMS and on their tracking page) and enter it.') };
  if (codeMatches(secret(), shipmentId, attempt, row.code_hash)) {
    await q.query(`UPDATE tracking.delivery_codes SET used_at = now() WHERE shipment_id = $1`, [shipmentId]);
    return null;
  }
  const tries = row.tries + 1;
  await q.query(`UPDATE tracking.delivery_codes SET tries = $2::int, locked_at = CASE WHEN $2::int >= $3::int THEN now() END WHERE shipment_id = $1`, [shipmentId, tries, max]);
  if (tries >= max) return locked(true);
  const left = max - tries;
  return { code: 'delivery_code_wrong', justLocked: false, error: new AppError('unprocessable', 'delivery_code_wrong', `That code does not match; ${left} ${left === 1 ? 'try' : 'tries'} left. Ask the customer to read it again from their SMS or tracking page.`, { triesLeft: left }) };
}
