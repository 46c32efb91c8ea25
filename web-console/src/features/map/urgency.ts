/**
 * How urgent an open order is on the live map: minutes left to its promise, or to the end of its
 * box's holdover when that comes first (a cold order out in a box). Clusters take the worst.
 */
import type { MapOrder } from '../../../../web-shared/api/types';

export type Urgency = 'late' | 'critical' | 'soon' | 'ok';

/** Worst first: a cluster's rank is the minimum of its orders'. */
export const URGENCY_RANK: Record<Urgency, number> = { late: 0, critical: 1, soon: 2, ok: 3 };
export const URGENCY_BY_RANK: Urgency[] = ['late', 'critical', 'soon', 'ok'];
export const URGENCY_COLOR: Record<Urgency, string> = { late: '#7f1d1d', critical: '#dc2626', soon: '#f59e0b', ok: '#16a34a' };

/** Minutes left below which an order is critical / soon. */
export const CRITICAL_MIN = 15;
export const SOON_MIN = 30;

/** Minutes until the earlier of the promise and the holdover's end (negative: already past). */
export function minutesLeft(o: Pick<MapOrder, 'dueAt' | 'holdoverEndsAt'>, now: number): number {
  const due = Date.parse(o.dueAt);
  const end = o.holdoverEndsAt ? Math.min(due, Date.parse(o.holdoverEndsAt)) : due;
  return (end - now) / 60_000;
}

export function urgencyOf(o: Pick<MapOrder, 'dueAt' | 'holdoverEndsAt'>, now: number): Urgency {
  const m = minutesLeft(o, now);
  if (m < 0) return 'late';
  if (m < CRITICAL_MIN) return 'critical';
  if (m < SOON_MIN) return 'soon';
  return 'ok';
}
