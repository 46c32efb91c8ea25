import { describe, expect, it } from 'vitest';
import type { BoxCustody } from '../../ports';
import { readingContext } from './evaluate';
import { evaluateSeries, initExcursionState } from '../../excursion';
import { at, chilled, fmt, reading, type Step } from '../../excursion/testing';

const custody = (etaAt: Date | null, doorWindows: BoxCustody['doorWindows'] = []): BoxCustody => ({
  shipmentId: 'shp_1', orderToken: 't', facilityId: 'fac_1', riderId: null, temperatureClass: 'chilled', skuIds: [],
  stabilityBudgetMin: null, from: new Date(0), to: null, etaAt, doorWindows,
});

describe('a reading’s context from its custody', () => {
  it('gives the pre-alarm the time left until the shipment’s ETA, and nothing once the ETA has passed or is unknown', () => {
    const ts = Date.parse('2026-12-05T10:00:00Z');
    expect(readingContext(custody(new Date(ts + 25 * 60_000)), ts)).toEqual({ remainingEtaMs: 25 * 60_000 });
    expect(readingContext(custody(new Date(ts - 60_000)), ts)).toBeUndefined();
    expect(readingContext(custody(null), ts)).toBeUndefined();
  });
});

describe('door openings against the custody’s door windows', () => {
  // Pickup at minute 0 (window −10..5), the rider at the customer's door from 40 (window 39..45).
  const windows: BoxCustody['doorWindows'] = [
    { from: new Date(at(-10)), to: new Date(at(5)), why: 'pickup' },
    { from: new Date(at(39)), to: new Date(at(45)), why: 'handover' },
  ];
  const c = custody(null, windows);

  it('marks a reading inside a window as expected (ends included) and leaves the rest without context', () => {
    expect(readingContext(c, at(5))).toEqual({ doorExpected: true });
    expect(readingContext(c, at(5) + 1)).toBeUndefined();
    expect(readingContext(c, at(39))).toEqual({ doorExpected: true });
    expect(readingContext(custody(new Date(at(50)), windows), at(40))).toEqual({ doorExpected: true, remainingEtaMs: 10 * 60_000 });
  });

  it('opened 2 min at pickup and 3 min at the customer’s door: no DOOR_OPEN; opened mid-route: DOOR_OPEN at the first open reading', () => {
    const steps: Step[] = [
      { m: 0, t: 5, door: true }, { m: 1, t: 5, door: true }, { m: 2, t: 5, door: false },
      { m: 20, t: 5, door: false }, { m: 21, t: 5, door: true }, { m: 22, t: 5, door: false },
      { m: 40, t: 5, door: true }, { m: 42, t: 5, door: true }, { m: 43, t: 5, door: false },
    ];
    const p = chilled();
    let state = initExcursionState({ boxId: 'box_1', shipmentId: 'shp_1', pairedAt: at(0) }, p);
    const events: string[] = [];
    for (const s of steps) {
      const r = reading(s);
      const ctx = readingContext(c, r.ts);
      const out = evaluateSeries(state, [ctx ? { ...r, ctx } : r], p);
      state = out.state;
      events.push(...out.events.filter((e) => e.type === 'DOOR_OPEN').map(fmt));
    }
    expect(events).toEqual(['21 DOOR_OPEN raise', '22 DOOR_OPEN clear']);
  });
});
