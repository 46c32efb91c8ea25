import { describe, it, expect } from 'vitest';
import { promiseOfClass } from './promise-class';

describe('promiseOfClass', () => {
  const now = new Date('2026-03-10T14:20:00Z'); // 22:20 in Shanghai
  it('instant classes are now plus 30 min and 2 h', () => {
    expect(promiseOfClass('30min', now)).toEqual({ deliveryMode: 'instant', promise: { latest: new Date('2026-03-10T14:50:00Z') } });
    expect(promiseOfClass('2h', now)).toEqual({ deliveryMode: 'instant', promise: { latest: new Date('2026-03-10T16:20:00Z') } });
  });
  it('next day is due at the end of tomorrow in the local zone', () => {
    // Local 2026-03-10 22:20 → due 2026-03-12 00:00 Shanghai = 2026-03-11 16:00 UTC.
    expect(promiseOfClass('next_day', now)).toEqual({ deliveryMode: 'scheduled', promise: { latest: new Date('2026-03-11T16:00:00Z') } });
    // Just after local midnight the day changes: 2026-03-10 16:05 UTC is 00:05 on the 11th.
    expect(promiseOfClass('next_day', new Date('2026-03-10T16:05:00Z')).promise.latest).toEqual(new Date('2026-03-12T16:00:00Z'));
  });
});
