/**
 * The promises a shop page offers before an order exists — within 30 minutes, within 2 hours, by
 * the end of tomorrow — each as the delivery an order with that promise would ask sourcing for
 * (instant with `promiseMinutes` 30 or 120; scheduled, due at the end of tomorrow). Narrowest
 * first: the first class sourcing can serve is the one to show.
 */
import type { SourcingDeliveryMode } from './sourcing';
import { addDays, localDateOf, localToInstant, DEFAULT_TIME_ZONE } from './zoned-time';

export const PROMISE_CLASSES = ['30min', '2h', 'next_day'] as const;
export type PromiseClass = (typeof PROMISE_CLASSES)[number];

/** An instant order's `promiseMinutes` per class (the O2O range is 30 min – 2 h). */
export const INSTANT_PROMISE_MINUTES: Readonly<Record<Exclude<PromiseClass, 'next_day'>, number>> = { '30min': 30, '2h': 120 };

/** What sourcing is asked for an order with this promise, placed at `now`. */
export function promiseOfClass(cls: PromiseClass, now: Date, timeZone: string = DEFAULT_TIME_ZONE): { deliveryMode: SourcingDeliveryMode; promise: { latest: Date } } {
  if (cls === 'next_day') {
    // Due by local midnight at the end of tomorrow.
    return { deliveryMode: 'scheduled', promise: { latest: new Date(localToInstant(addDays(localDateOf(now, timeZone), 2), 0, timeZone)) } };
  }
  return { deliveryMode: 'instant', promise: { latest: new Date(now.getTime() + INSTANT_PROMISE_MINUTES[cls] * 60_000) } };
}
