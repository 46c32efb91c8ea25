/**
 * A cold box's own lifecycle between deliveries (COMPLIANCE 15, 20), as a pure function over
 * events like the shipment lifecycle (tracking/lifecycle/machine.ts): `decide(state, step)` says
 * where a step leads or why it may not happen, `replay(events)` folds a stored history back to
 * its state. Nothing here reads a clock, a reading or a database; store.ts does.
 *
 *   idle → pre_cooling ⇄ ready → packed → sealed → in_use → returned → cleaning → idle
 *            └──────────┴→ idle (stop)     └────────┴→ returned (goods taken out before leaving)
 *
 * Staff steps: start_precool, stop_precool, pack (with the packing checklist), seal (with the
 * one-time seal number), return, clean, cleaned. The box's readings drive became_ready (in range
 * for its pre-cool minutes) and warmed (no longer in range before packing); the shipment pickup
 * drives pick_up. seal_mismatch records a wrong seal read at the door without moving the state.
 */

export const BOX_STATES = ['idle', 'pre_cooling', 'ready', 'packed', 'sealed', 'in_use', 'returned', 'cleaning'] as const;
export type BoxState = (typeof BOX_STATES)[number];

export const STAFF_ACTIONS = ['start_precool', 'stop_precool', 'pack', 'seal', 'return', 'clean', 'cleaned'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export const SYSTEM_ACTIONS = ['became_ready', 'warmed', 'pick_up', 'seal_mismatch'] as const;
export type BoxAction = StaffAction | (typeof SYSTEM_ACTIONS)[number];

/** The packing checklist (COMPLIANCE 15): every item must be ticked to pack. */
export const CHECKLIST_ITEMS = ['coolantIsolated', 'productPlaced', 'probePositioned'] as const;
export type Checklist = Record<(typeof CHECKLIST_ITEMS)[number], boolean>;

/** A one-time tamper seal's printed number: 6–20 letters and digits, compared without case. */
export const SEAL_NUMBER = /^[A-Za-z0-9]{6,20}$/;
export const normaliseSeal = (s: string): string => s.trim().toUpperCase();

/** For each step: the states it may leave from, and where it leads (null: the state stays). */
const RULES: Record<BoxAction, { from: readonly BoxState[] | 'any'; to: BoxState | null }> = {
  start_precool: { from: ['idle'], to: 'pre_cooling' },
  stop_precool: { from: ['pre_cooling', 'ready'], to: 'idle' },
  became_ready: { from: ['pre_cooling'], to: 'ready' },
  warmed: { from: ['ready'], to: 'pre_cooling' },
  pack: { from: ['ready'], to: 'packed' },
  seal: { from: ['packed'], to: 'sealed' },
  pick_up: { from: ['sealed', 'in_use'], to: 'in_use' },
  return: { from: ['packed', 'sealed', 'in_use'], to: 'returned' },
  clean: { from: ['returned'], to: 'cleaning' },
  cleaned: { from: ['cleaning'], to: 'idle' },
  seal_mismatch: { from: 'any', to: null },
};

/** What a step carries; the readiness answer is the box's readings as store.ts judged them. */
export interface BoxStep {
  action: BoxAction;
  checklist?: Partial<Checklist>;
  sealNumber?: string;
  /** Are the box's readings in range for its pre-cool minutes, up to now? (seal needs yes) */
  readingsReady?: boolean;
}

export type BoxRefusal = 'transition_not_allowed' | 'box_not_ready' | 'checklist_incomplete' | 'seal_number_required' | 'seal_number_invalid' | 'box_not_precooled';
export type BoxDecision = { ok: true; to: BoxState } | { ok: false; code: BoxRefusal; message: string; details?: Record<string, unknown> };

const possible = (s: BoxState) => (Object.keys(RULES) as BoxAction[]).filter((a) => RULES[a].from !== 'any' && (RULES[a].from as readonly BoxState[]).includes(s) && (STAFF_ACTIONS as readonly string[]).includes(a));

/** Where `step` takes a box in `state`, or why it may not. */
export function decideBox(state: BoxState, step: BoxStep): BoxDecision {
  const rule = RULES[step.action];
  if (rule.from !== 'any' && !rule.from.includes(state)) {
    if (step.action === 'pack' && state === 'pre_cooling') {
      return { ok: false, code: 'box_not_ready', message: 'The box is still pre-cooling: pack it once its readings have been in range for its pre-cool minutes.' };
    }
    return { ok: false, code: 'transition_not_allowed', message: `The box is ${state}; "${step.action}" is not possible now (possible: ${possible(state).join(', ') || 'nothing'}).`, details: { state } };
  }
  if (step.action === 'pack') {
    const missing = CHECKLIST_ITEMS.filter((k) => step.checklist?.[k] !== true);
    if (missing.length) return { ok: false, code: 'checklist_incomplete', message: `Tick every packing check before packing; not done: ${missing.join(', ')}.`, details: { missing } };
  }
  if (step.action === 'seal') {
    if (!step.sealNumber) return { ok: false, code: 'seal_number_required', message: 'Type or scan the number printed on the seal (sealNumber).' };
    if (!SEAL_NUMBER.test(step.sealNumber.trim())) return { ok: false, code: 'seal_number_invalid', message: 'A seal number is 6 to 20 letters and digits, as printed on the seal.' };
    if (step.readingsReady !== true) return { ok: false, code: 'box_not_precooled', message: 'The box\'s logger is not online and in range for its pre-cool minutes: do not seal it; check the coolant and the logger.' };
  }
  return { ok: true, to: rule.to ?? state };
}

/**
 * The step the box's readings call for, if any: a pre-cooling box whose readings have been in
 * range long enough becomes ready; a ready box that left the range (before packing) is
 * pre-cooling again.
 */
export function readingsStep(state: BoxState, readingsReady: boolean): 'became_ready' | 'warmed' | null {
  if (state === 'pre_cooling' && readingsReady) return 'became_ready';
  if (state === 'ready' && !readingsReady) return 'warmed';
  return null;
}

export interface StoredBoxEvent { action: BoxAction; from: BoxState; to: BoxState }

/** Folds a stored history back to its state; a step the machine would not have written is an error. */
export function replayBox(events: readonly StoredBoxEvent[], initial: BoxState = 'idle'): BoxState {
  let s = initial;
  for (const [i, e] of events.entries()) {
    if (e.from !== s) throw new Error(`event ${i} (${e.action}) starts from ${e.from}, but the history is at ${s}`);
    const rule = RULES[e.action];
    if (!rule) throw new Error(`event ${i}: unknown step ${e.action}`);
    if (rule.from !== 'any' && !rule.from.includes(s)) throw new Error(`event ${i} (${e.action}) is not a step from ${s}`);
    const to = rule.to ?? s;
    if (to !== e.to) throw new Error(`event ${i} (${e.action}) leads to ${to}, not ${e.to}`);
    s = to;
  }
  return s;
}
