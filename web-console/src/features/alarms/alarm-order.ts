/** Pure helpers of the alarm panel, testable without a DOM. */
import type { Alarm } from '../../../../web-shared/api/types';

const RANK: Record<string, number> = { critical: 0, major: 1, minor: 2, warning: 3 };
const STATUS: Record<string, number> = { active: 0, acknowledged: 1, resolved: 2 };

/** Unacknowledged first, then by severity (critical first), then newest first. */
export function sortAlarms(list: Alarm[]): Alarm[] {
  return [...list].sort((a, b) => (STATUS[a.status] - STATUS[b.status]) || (RANK[a.severity] - RANK[b.severity]) || (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : 0));
}

/** The page title with the count of unacknowledged alarms in front, as mail clients do. */
export function titleWithCount(base: string, active: number): string {
  return active > 0 ? `(${active}) ${base}` : base;
}

/** Whole minutes and seconds until `iso` from `now` ("m:ss"), or null when it is not ahead. */
export function countdown(iso: string | null | undefined, now: number): string | null {
  if (!iso) return null;
  const s = Math.round((Date.parse(iso) - now) / 1000);
  if (s <= 0) return null;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The excursion's span in ms for shading: from when the value left range (details.since) to clearedAt or now. */
export function excursionSpan(a: Pick<Alarm, 'details' | 'raisedAt' | 'clearedAt'>, now: number): [number, number] {
  const since = typeof a.details.since === 'number' ? a.details.since : Date.parse(a.raisedAt);
  return [since, a.clearedAt ? Date.parse(a.clearedAt) : now];
}
