/**
 * A box's colour on the live map: its worst ongoing alarm, else whether it reports at all.
 * Clusters of boxes take the worst (lowest rank) of what they hold.
 */
import type { Severity } from '../../../../web-shared/api/types';

export type BoxMapState = 'critical' | 'alarm' | 'offline' | 'ok';
export const BOX_STATES: BoxMapState[] = ['critical', 'alarm', 'offline', 'ok'];
export const BOX_COLOR: Record<BoxMapState, string> = { critical: '#b91c1c', alarm: '#ea580c', offline: '#9ca3af', ok: '#0891b2' };

/** `severity`: the box's worst alarm whose condition is still active; `online`: from its latest state (null: never heard). */
export function boxStateOf(severity: Severity | undefined, online: boolean | null | undefined): BoxMapState {
  if (severity === 'critical') return 'critical';
  if (severity) return 'alarm';
  return online ? 'ok' : 'offline';
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, warning: 3 };
export function worseSeverity(a: Severity | undefined, b: Severity): Severity {
  return a && SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}
