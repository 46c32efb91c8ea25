import { describe, expect, it } from 'vitest';
import type { BoxCustody } from '../../ports';
import { readingContext } from './evaluate';

const custody = (etaAt: Date | null): BoxCustody => ({
  shipmentId: 'shp_1', orderToken: 't', facilityId: 'fac_1', riderId: null, temperatureClass: 'chilled', skuIds: [],
  stabilityBudgetMin: null, from: new Date(0), to: null, etaAt,
});

describe('a reading’s context from its custody', () => {
  it('gives the pre-alarm the time left until the shipment’s ETA, and nothing once the ETA has passed or is unknown', () => {
    const ts = Date.parse('2026-12-05T10:00:00Z');
    expect(readingContext(custody(new Date(ts + 25 * 60_000)), ts)).toEqual({ remainingEtaMs: 25 * 60_000 });
    expect(readingContext(custody(new Date(ts - 60_000)), ts)).toBeUndefined();
    expect(readingContext(custody(null), ts)).toBeUndefined();
  });
});
