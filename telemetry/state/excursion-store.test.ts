import { describe, it, expect } from 'vitest';
import { evaluateSeries, initExcursionState, BASE_PROFILES } from '../excursion';
import { serializeState, historyDiff, type StoredState } from './excursion-store';

describe('excursion state serialisation', () => {
  it('round-trips to the same state as JSON.stringify, also after many evaluations share entries', () => {
    const p = { ...BASE_PROFILES.chilled, ignorePeriodMs: 0 };
    let exc = initExcursionState({ boxId: 'box_ser1', shipmentId: 'shp_ser1', pairedAt: 0 }, p);
    const meta: StoredState['meta'] = { boxId: 'box_ser1', shipmentId: 'shp_ser1', facilityId: 'fac_s1', riderId: null, temperatureClass: 'chilled', stabilityBudgetMin: null };
    for (let i = 0; i < 150; i++) {
      exc = evaluateSeries(exc, [{ ts: 1_700_000_000_000 + i * 60_000, seq: i, readingIndex: 0, receivedAt: 0, probes: [i % 20 === 0 ? 9 : 5], door: false, batt: 80, hist: false }], p, { maxHistory: 100 }).state;
      const text = serializeState({ exc, meta });
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ exc, meta })));
    }
    // A late reading re-evaluates from a checkpoint: still identical.
    exc = evaluateSeries(exc, [{ ts: 1_700_000_000_000 + 120 * 60_000 + 30_000, seq: 999, readingIndex: 0, receivedAt: 0, probes: [1], door: false, batt: 80, hist: true }], p, { maxHistory: 100 }).state;
    expect(JSON.parse(serializeState({ exc, meta }))).toEqual(JSON.parse(JSON.stringify({ exc, meta })));
  });
});

describe('history diff', () => {
  const a = { n: 1 }, b = { n: 2 }, c = { n: 3 }, d = { n: 4 };
  it('appends, trims the head, or replaces when the order changed', () => {
    expect(historyDiff(null, [a, b])).toEqual({ mode: 'r', trim: 0, push: [a, b] });
    expect(historyDiff([a, b], [a, b, c])).toEqual({ mode: 'a', trim: 0, push: [c] });
    expect(historyDiff([a, b, c], [b, c, d])).toEqual({ mode: 'a', trim: 1, push: [d] });
    expect(historyDiff([a, b, c], [a, c, b])).toMatchObject({ mode: 'r' }); // late reading re-sorted
    expect(historyDiff([a, b], [{ n: 1 }, b])).toMatchObject({ mode: 'r' }); // equal is not the same entry
    expect(historyDiff([a, b], [])).toEqual({ mode: 'a', trim: 2, push: [] });
    expect(historyDiff([a, b, c], [a, b])).toMatchObject({ mode: 'r' }); // shrank at the tail
  });
});
