import { describe, it, expect } from 'vitest';
import { pastRetention, retainUntil } from './retention';

const at = (s: string) => new Date(s);

describe('retention of a quality record: max(5 years, latest lot expiry + 1 year) from delivery', () => {
  it('without a lot expiry the 5-year minimum applies', () => {
    expect(retainUntil(at('2026-03-10T08:30:00Z')).toISOString()).toBe('2031-03-10T08:30:00.000Z');
    expect(retainUntil(at('2026-03-10T08:30:00Z'), [null, undefined]).toISOString()).toBe('2031-03-10T08:30:00.000Z');
  });

  it('an expiry whose year after ends before the 5 years changes nothing', () => {
    expect(retainUntil(at('2026-03-10T08:30:00Z'), ['2027-06-30']).toISOString()).toBe('2031-03-10T08:30:00.000Z');
  });

  it('a late expiry extends it to one year after the end of the expiry day', () => {
    expect(retainUntil(at('2026-03-10T08:30:00Z'), ['2030-12-31']).toISOString()).toBe('2032-01-01T00:00:00.000Z');
  });

  it('several lots: the latest expiry counts, whatever the order and missing ones', () => {
    const lots = ['2031-05-01', null, '2033-02-14', '2029-01-01'];
    expect(retainUntil(at('2026-03-10T08:30:00Z'), lots).toISOString()).toBe('2034-02-15T00:00:00.000Z');
    expect(retainUntil(at('2026-03-10T08:30:00Z'), [...lots].reverse()).toISOString()).toBe('2034-02-15T00:00:00.000Z');
    expect(retainUntil(at('2026-03-10T08:30:00Z'), [new Date('2033-02-14T00:00:00Z')]).toISOString()).toBe('2034-02-15T00:00:00.000Z');
  });

  it('29 February: five years later is 1 March (kept a day longer, never shorter)', () => {
    expect(retainUntil(at('2024-02-29T12:00:00Z')).toISOString()).toBe('2029-03-01T12:00:00.000Z');
  });

  it('past retention only strictly after the instant', () => {
    const d = at('2020-01-01T00:00:00Z');
    expect(pastRetention(at('2025-01-01T00:00:00Z'), d)).toBe(false);
    expect(pastRetention(at('2025-01-01T00:00:00.001Z'), d)).toBe(true);
    expect(pastRetention(at('2025-06-01T00:00:00Z'), d, ['2024-12-31'])).toBe(false);
    expect(pastRetention(at('2026-01-01T00:00:00.001Z'), d, ['2024-12-31'])).toBe(true);
  });

  it('bad dates are errors, not a short retention', () => {
    expect(() => retainUntil(new Date('nope'))).toThrow(RangeError);
    expect(() => retainUntil(at('2026-01-01T00:00:00Z'), ['31/12/2030'])).toThrow(/bad expiry/);
  });
});
