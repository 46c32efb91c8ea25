/** What creating, changing and reading an order share. */
import type { RequestContext } from '../../platform/http/route';

export type OrderStatus = 'awaiting_rx' | 'awaiting_confirmation' | 'confirmed' | 'in_delivery' | 'delivered' | 'cancelled';

import type { Queryable } from '../../platform/db/pool';

/** Who acts: a user, or a system actor (`system:recurring`) with no role. */
export interface Actor { id: string | null; role: string | null }

/** Writes an audit row through `q` (the transaction's client, so both commit together): the request's. */
export type AuditFn = RequestContext['audit'];

/**
 * Told, in the cancelling transaction, which shipments an order's cancellation ended, so
 * tracking appends their `cancel` events with it (or refuses, and the cancellation with it).
 */
export type CancelHook = (c: Queryable, shipmentIds: string[], by: { actorId: string | null; actorRole: string | null; reason: string }) => Promise<void>;

/** Who changes an order, and where the change is recorded. */
export interface ActedBy { actor: Actor; audit: AuditFn; onCancelled?: CancelHook }
