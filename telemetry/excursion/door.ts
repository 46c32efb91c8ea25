/**
 * Door/lid open too long (COMPLIANCE A.20, D.44). Openings inside the pickup/handover geofence and
 * time window (`ctx.doorExpected`) get a longer allowance; anywhere else the default is to alarm
 * on the first open reading. The door never suppresses temperature evaluation: the engine runs
 * every temperature rule on every reading regardless of this state.
 */
import { makeEvent } from './events';
import type { AlarmProfile } from './profile';
import type { EvalReading, RuleResult } from './types';

export interface DoorState {
  openSince: number | null;
  raised: boolean;
}

export const emptyDoor = (): DoorState => ({ openSince: null, raised: false });

/** Advances DOOR_OPEN by one reading. A reading without a door field changes nothing. */
export function updateDoor(state: DoorState, r: EvalReading, p: AlarmProfile): RuleResult<DoorState> {
  if (r.door === null) return { state, events: [] };
  if (!r.door) {
    if (!state.raised) return { state: emptyDoor(), events: [] };
    const details = { openSince: state.openSince, durationMs: r.ts - (state.openSince ?? r.ts) };
    return { state: emptyDoor(), events: [makeEvent('DOOR_OPEN', 'clear', r.ts, p, details)] };
  }
  const openSince = state.openSince ?? r.ts;
  const expected = r.ctx?.doorExpected === true;
  const maxMs = expected ? p.door.expectedOpenMaxMs : p.door.unexpectedOpenMaxMs;
  if (state.raised || r.ts - openSince < maxMs) return { state: { openSince, raised: state.raised }, events: [] };
  const details = { openSince, durationMs: r.ts - openSince, expected, maxMs };
  return { state: { openSince, raised: true }, events: [makeEvent('DOOR_OPEN', 'raise', r.ts, p, details)] };
}
