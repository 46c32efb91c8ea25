/**
 * Replacement shipments wired to their grounds: tracking says whether a delivery failed, QA
 * whether the goods are quarantined (dispatch owns neither). A delivery that fails as a
 * cold-chain breach is replaced at once: the customer still needs the medicine, and the goods
 * in the box are QA's now whatever QA decides.
 */
import { appDb } from '../platform/db/pool';
import { isAppError } from '../platform/errors';
import { logger } from '../platform/logger';
import { replaceShipment, type ReplacementGrounds } from '../dispatch';
import { lifecycleOf, type LifecycleDeps } from '../tracking';
import { restockAllowed } from '../telemetry';

export const replacementGrounds: ReplacementGrounds = async (shipmentId) => {
  const [lc, qa] = await Promise.all([lifecycleOf(appDb(), shipmentId), restockAllowed(appDb(), shipmentId)]);
  const fail = lc?.events.filter((e) => e.action === 'fail').at(-1);
  return { failed: !!fail, failCode: fail?.reason ?? null, quarantined: !!qa.caseId && !qa.allowed };
};

const system = { id: 'system:replacement', role: 'system' };

/** LifecycleDeps.failed: a cold-chain breach gets its replacement (a failure here is logged; a dispatcher can still ask by API). */
export const replaceOnBreach: NonNullable<LifecycleDeps['failed']> = async (e) => {
  if (e.failCode !== 'cold_chain_breach') return;
  try {
    const r = await replaceShipment(e.shipmentId, system, { grounds: replacementGrounds, cause: 'cold_chain_breach', now: e.at, onExisting: 'return' });
    logger.info({ shipmentId: e.shipmentId, replacementId: r.id, facilityId: r.facilityId }, 'replacement shipment placed after a cold-chain breach');
  } catch (err) {
    // no_stock_for_replacement has told the dispatchers on the feed already.
    logger[isAppError(err) && err.status === 409 ? 'warn' : 'error']({ err, shipmentId: e.shipmentId }, 'no replacement shipment placed after a cold-chain breach');
  }
};
