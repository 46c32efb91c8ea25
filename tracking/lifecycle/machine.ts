/**
 * A shipment's delivery lifecycle as a pure function over events, like the excursion engine:
 * `decide(state, action)` says where an action leads or why it may not happen, and
 * `replay(events)` folds a stored history back to its state. Nothing here reads a clock or a
 * database; tracking/lifecycle/store.ts persists the events and applies their effects.
 *
 *   planned ⇄ assigned → at_pickup → picked_up → in_transit → arriving → delivered
 *                                        └──────────┴────────────┴→ failed → returning → returned
 *   planned → ready_for_pickup → collected                      (store pickup: no rider)
 *   planned | assigned | at_pickup | ready_for_pickup → cancelled
 *
 * A handover (rider to rider, or to a store in a relay) keeps the state and opens a new custody leg.
 */

export const STATES = [
  'planned', 'assigned', 'at_pickup', 'picked_up', 'in_transit', 'arriving', 'delivered',
  'failed', 'returning', 'returned', 'cancelled', 'ready_for_pickup', 'collected',
] as const;
export type State = (typeof STATES)[number];

export const ACTIONS = [
  'assign', 'unassign', 'arrive_pickup', 'pick_up', 'depart', 'arriving', 'deliver', 'fail', 'start_return',
  'return', 'hand_over', 'cancel', 'ready_for_pickup', 'collect',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Why a delivery failed; each is a stable code the rider app offers and reports count. */
export const FAIL_CODES = ['customer_absent', 'refused', 'wrong_address', 'cold_chain_breach', 'damaged'] as const;
export type FailCode = (typeof FAIL_CODES)[number];

export const TERMINAL: ReadonlySet<State> = new Set(['delivered', 'returned', 'cancelled', 'collected']);
/** States in which a rider (or a relay store) holds the goods. */
export const IN_CUSTODY: ReadonlySet<State> = new Set(['picked_up', 'in_transit', 'arriving', 'failed', 'returning']);

const BEFORE_PICKUP: State[] = ['planned', 'assigned', 'at_pickup'];
const CARRYING: State[] = ['picked_up', 'in_transit', 'arriving'];

/** For each action: the states it may leave from, and where it leads (null: the state stays). */
const RULES: Record<Action, { from: readonly State[]; to: State | null; delivery?: 'rider' | 'pickup' }> = {
  assign: { from: ['planned', 'assigned'], to: 'assigned', delivery: 'rider' },
  unassign: { from: ['assigned'], to: 'planned', delivery: 'rider' },
  arrive_pickup: { from: ['planned', 'assigned'], to: 'at_pickup', delivery: 'rider' },
  pick_up: { from: BEFORE_PICKUP, to: 'picked_up', delivery: 'rider' },
  depart: { from: ['picked_up'], to: 'in_transit' },
  arriving: { from: ['picked_up', 'in_transit'], to: 'arriving' },
  deliver: { from: CARRYING, to: 'delivered' },
  fail: { from: CARRYING, to: 'failed' },
  start_return: { from: ['failed'], to: 'returning' },
  return: { from: ['failed', 'returning'], to: 'returned' },
  hand_over: { from: [...CARRYING, 'returning'], to: null },
  cancel: { from: [...BEFORE_PICKUP, 'ready_for_pickup'], to: 'cancelled' },
  ready_for_pickup: { from: ['planned'], to: 'ready_for_pickup', delivery: 'pickup' },
  collect: { from: ['ready_for_pickup'], to: 'collected', delivery: 'pickup' },
};

export type Decision =
  | { ok: true; to: State }
  | { ok: false; code: 'transition_not_allowed' | 'shipment_ended' | 'wrong_delivery_mode'; message: string };

/**
 * Where `action` takes a shipment in `state`. `mode` is how the order is fulfilled: a store
 * pickup has no rider steps, a rider delivery no counter steps.
 */
export function decide(state: State, action: Action, mode: 'rider' | 'pickup' = 'rider'): Decision {
  const rule = RULES[action];
  if (TERMINAL.has(state)) {
    return { ok: false, code: 'shipment_ended', message: `The shipment is already ${state}; nothing more can happen to it.` };
  }
  if (rule.delivery && rule.delivery !== mode) {
    return { ok: false, code: 'wrong_delivery_mode', message: mode === 'pickup' ? `This order is collected at the store; "${action}" is a rider step.` : `This order is delivered by a rider; "${action}" is a store-pickup step.` };
  }
  if (!rule.from.includes(state)) {
    const next = ACTIONS.filter((a) => RULES[a].from.includes(state) && (!RULES[a].delivery || RULES[a].delivery === mode));
    return { ok: false, code: 'transition_not_allowed', message: `The shipment is ${state}; "${action}" is not possible now (possible: ${next.join(', ') || 'nothing'}).` };
  }
  return { ok: true, to: rule.to ?? state };
}

/** A cancellation after pickup is not a cancellation: the goods must come back first. */
export function cancelHint(state: State): string | null {
  return IN_CUSTODY.has(state) ? 'The goods are with a rider: report the delivery as failed and bring them back (fail, then return).' : null;
}

export interface StoredEvent { action: Action; from: State; to: State }

/**
 * Folds a history back to its state, checking every step: a history the machine would not
 * have written (a tampered or half-migrated row) is an error, not a guess.
 */
export function replay(events: readonly StoredEvent[], initial: State = 'planned', mode: 'rider' | 'pickup' = 'rider'): State {
  let s = initial;
  for (const [i, e] of events.entries()) {
    if (e.from !== s) throw new Error(`event ${i} (${e.action}) starts from ${e.from}, but the history is at ${s}`);
    const d = decide(s, e.action, mode);
    if (!d.ok) throw new Error(`event ${i} (${e.action}) is not a transition from ${s}: ${d.code}`);
    if (d.to !== e.to) throw new Error(`event ${i} (${e.action}) leads to ${d.to}, not ${e.to}`);
    s = d.to;
  }
  return s;
}
