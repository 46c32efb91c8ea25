/**
 * Low battery (COMPLIANCE D.45): two levels with hysteresis so a charge hovering on a threshold
 * does not flap. Escalation low → critical is a clear followed by a raise at the new severity,
 * which keeps raise/clear alternating per type.
 */
import { makeEvent } from './events';
import type { AlarmProfile } from './profile';
import type { EvalReading, ExcursionEvent, RuleResult } from './types';

export type BatteryLevel = 'ok' | 'low' | 'critical';
export interface BatteryState {
  level: BatteryLevel;
}

export const emptyBattery = (): BatteryState => ({ level: 'ok' });

const SEVERITY = { low: 'minor', critical: 'major' } as const;

function target(level: BatteryLevel, batt: number, p: AlarmProfile): BatteryLevel {
  const { lowPct, criticalPct, hysteresisPct: h } = p.battery;
  if (batt <= criticalPct) return 'critical';
  if (level === 'critical' && batt <= criticalPct + h) return 'critical';
  if (batt <= lowPct) return 'low';
  if (level !== 'ok' && batt <= lowPct + h) return 'low';
  return 'ok';
}

/** Advances LOW_BATTERY by one reading; a reading without `batt` changes nothing. */
export function updateBattery(state: BatteryState, r: EvalReading, p: AlarmProfile): RuleResult<BatteryState> {
  if (r.batt === null) return { state, events: [] };
  const level = target(state.level, r.batt, p);
  if (level === state.level) return { state, events: [] };
  const events: ExcursionEvent[] = [];
  const details = { batt: r.batt, from: state.level, to: level };
  if (state.level !== 'ok') events.push(makeEvent('LOW_BATTERY', 'clear', r.ts, p, details, { severity: SEVERITY[state.level] }));
  if (level !== 'ok') events.push(makeEvent('LOW_BATTERY', 'raise', r.ts, p, details, { severity: SEVERITY[level] }));
  return { state: { level }, events };
}
