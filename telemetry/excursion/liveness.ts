/**
 * Liveness (COMPLIANCE D.45): DATA_GAP (warning) after dataGapFactor × sample interval without
 * data, MONITORING_LOST (alarm) after monitoringLostMs or at once on the retained LWT "offline".
 * Runs on server time (receivedAt / now / status time), not on device event time: it is about
 * whether data is arriving, and it stays out of event-time re-evaluation.
 */
import { makeEvent } from './events';
import type { AlarmProfile } from './profile';
import type { ExcursionEvent, RuleResult } from './types';

export interface LivenessState {
  /** server time of the last data (or pairing, before the first reading) */
  lastSeenAt: number;
  online: boolean | null;
  dataGap: boolean;
  monitoringLost: boolean;
}

export const emptyLiveness = (startedAt: number): LivenessState => ({ lastSeenAt: startedAt, online: null, dataGap: false, monitoringLost: false });

const gapAfterMs = (p: AlarmProfile) => p.dataGapFactor * p.sampleIntervalMs;

/**
 * Periodic check at server time `now` (call it at least once per sample interval for the
 * 5 min + one tick latency of D.45). `retrospective` marks raises detected late, on arrival.
 */
export function tickLiveness(state: LivenessState, now: number, p: AlarmProfile, retrospective = false): RuleResult<LivenessState> {
  const silence = now - state.lastSeenAt;
  const next = { ...state };
  const events: ExcursionEvent[] = [];
  // A late detection (on arrival) is dated when the threshold was passed, not when noticed.
  if (!state.dataGap && silence > gapAfterMs(p)) {
    next.dataGap = true;
    const at = retrospective ? state.lastSeenAt + gapAfterMs(p) : now;
    events.push(makeEvent('DATA_GAP', 'raise', at, p, { lastSeenAt: state.lastSeenAt, silenceMs: silence }, { retrospective }));
  }
  if (!state.monitoringLost && silence > p.monitoringLostMs) {
    next.monitoringLost = true;
    const at = retrospective ? state.lastSeenAt + p.monitoringLostMs : now;
    events.push(makeEvent('MONITORING_LOST', 'raise', at, p, { cause: 'no_data', lastSeenAt: state.lastSeenAt, silenceMs: silence }, { retrospective }));
  }
  return { state: next, events };
}

/** Data arrived at server time `receivedAt`: late-detect a silence the ticks missed, then clear. */
export function livenessOnArrival(state: LivenessState, receivedAt: number, p: AlarmProfile): RuleResult<LivenessState> {
  const { state: s, events } = tickLiveness(state, receivedAt, p, true);
  const details = { lastSeenAt: state.lastSeenAt, silenceMs: Math.max(0, receivedAt - state.lastSeenAt) };
  if (s.dataGap) events.push(makeEvent('DATA_GAP', 'clear', receivedAt, p, details));
  if (s.monitoringLost) events.push(makeEvent('MONITORING_LOST', 'clear', receivedAt, p, details));
  return {
    state: { lastSeenAt: Math.max(state.lastSeenAt, receivedAt), online: true, dataGap: false, monitoringLost: false },
    events,
  };
}

/**
 * Retained status message. `offline` (the LWT) raises MONITORING_LOST at once; `online` only
 * records the fact: monitoring is back when data is, so the next reading clears the alarm.
 */
export function livenessOnStatus(state: LivenessState, status: 'online' | 'offline', at: number, p: AlarmProfile): RuleResult<LivenessState> {
  if (status === 'online') return { state: { ...state, online: true }, events: [] };
  const next = { ...state, online: false };
  if (state.monitoringLost) return { state: next, events: [] };
  next.monitoringLost = true;
  return { state: next, events: [makeEvent('MONITORING_LOST', 'raise', at, p, { cause: 'offline', lastSeenAt: state.lastSeenAt })] };
}
