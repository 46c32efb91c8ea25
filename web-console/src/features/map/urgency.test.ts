import { describe, expect, it } from 'vitest';
import { minutesLeft, urgencyOf } from './urgency';

const now = Date.parse('2026-12-05T08:00:00Z');
const at = (min: number) => new Date(now + min * 60_000).toISOString();

describe('order urgency on the live map', () => {
  it('counts minutes to the promise', () => {
    expect(minutesLeft({ dueAt: at(42), holdoverEndsAt: null }, now)).toBe(42);
    expect(urgencyOf({ dueAt: at(42), holdoverEndsAt: null }, now)).toBe('ok');
    expect(urgencyOf({ dueAt: at(29.9), holdoverEndsAt: null }, now)).toBe('soon');
    expect(urgencyOf({ dueAt: at(14), holdoverEndsAt: null }, now)).toBe('critical');
    expect(urgencyOf({ dueAt: at(-1), holdoverEndsAt: null }, now)).toBe('late');
  });

  it('takes the holdover end when it comes before the promise', () => {
    expect(minutesLeft({ dueAt: at(90), holdoverEndsAt: at(10) }, now)).toBe(10);
    expect(urgencyOf({ dueAt: at(90), holdoverEndsAt: at(10) }, now)).toBe('critical');
    // A holdover that outlasts the promise changes nothing.
    expect(urgencyOf({ dueAt: at(20), holdoverEndsAt: at(200) }, now)).toBe('soon');
  });
});
