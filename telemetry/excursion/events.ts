import type { AlarmProfile } from './profile';
import { severityOf } from './profile';
import type { EventDetails, EventType, ExcursionEvent, Severity } from './types';

/** Builds an event; severity from the profile unless given (LOW_BATTERY always gives it). */
export function makeEvent(
  type: EventType,
  action: 'raise' | 'clear',
  at: number,
  profile: AlarmProfile,
  details: EventDetails,
  opts: { severity?: Severity; retrospective?: boolean } = {},
): ExcursionEvent {
  const severity = opts.severity ?? (type === 'LOW_BATTERY' ? 'minor' : severityOf(profile, type));
  return { type, action, severity, at, retrospective: opts.retrospective ?? false, details };
}
