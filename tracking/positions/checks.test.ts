import { describe, it, expect } from 'vitest';
import { checkFixes, type Fix } from './checks';
import { arrivingCandidates } from './arriving';

const T0 = Date.parse('2025-06-01T08:00:00Z');
const limits = { maxFutureMs: 300_000, maxSpeedMps: 200 / 3.6, maxAccuracyM: 500 };
const extent = { minLat: 23.0, minLng: 113.2, maxLat: 23.3, maxLng: 113.5 };
/** A fix `s` seconds after T0, `dLat` degrees north of 23.13 N (1e-3 ° ≈ 111 m). */
const fix = (s: number, dLat = 0, accuracyM: number | null = 10, lng = 113.32): Fix => ({ at: T0 + s * 1000, lat: 23.13 + dLat, lng, accuracyM });
const run = (prev: Fix | null, fixes: Fix[], now = T0 + 60_000) => checkFixes(prev, fixes, { now, extent, limits });

describe('checkFixes', () => {
  it('accepts a plausible track and names its newest fix the latest', () => {
    // 10 s apart, ~55 m each: 20 km/h.
    const r = run(null, [fix(0), fix(10, 0.0005), fix(20, 0.001), fix(30, 0.0015), fix(40, 0.002)]);
    expect(r.flags).toEqual([null, null, null, null, null]);
    expect(r.latest).toBe(4);
  });

  it('future_time: more than 5 min ahead of the server clock; 4 min is a phone clock running fast', () => {
    const now = T0;
    const r = run(null, [fix(0), fix(240, 0.0001), fix(301, 0.0002)], now);
    expect(r.flags).toEqual([null, null, 'future_time']);
    expect(r.latest).toBe(1);
  });

  it('impossible_jump: faster than 200 km/h from the previous accepted fix, accuracy radii allowed', () => {
    // 10 s at 200 km/h = 556 m. 0.006 ° ≈ 667 m: a jump. 0.0045 ° ≈ 500 m: fine.
    expect(run(fix(0), [fix(10, 0.006)]).flags).toEqual(['impossible_jump']);
    expect(run(fix(0), [fix(10, 0.0045)]).flags).toEqual([null]);
    // The same 667 m with two 100 m accuracy radii is still believable.
    expect(run(fix(0, 0, 100), [fix(10, 0.006, 100)]).flags).toEqual([null]);
  });

  it('a jump is judged against the last ACCEPTED fix: a flagged one does not become the reference', () => {
    // Fix 1 teleports 5 km; fix 2 is back on track next to fix 0 and is accepted.
    const r = run(fix(0), [fix(10, 0.045), fix(20, 0.0005)]);
    expect(r.flags).toEqual(['impossible_jump', null]);
    expect(r.latest).toBe(1);
  });

  it('outside_network: beyond the network extent; no network means no such flag', () => {
    expect(run(null, [fix(0, 0, 10, 114.0)]).flags).toEqual(['outside_network']);
    expect(checkFixes(null, [fix(0, 0, 10, 114.0)], { now: T0, extent: null, limits }).flags).toEqual([null]);
  });

  it('low_accuracy: worse than 500 m; unknown accuracy is not flagged', () => {
    const r = run(null, [fix(0, 0, 501), fix(10, 0, 500), fix(20, 0, null)]);
    expect(r.flags).toEqual(['low_accuracy', null, null]);
  });

  it('an offline stretch sent out of order is checked in device-time order', () => {
    const track = Array.from({ length: 300 }, (_, i) => fix(i * 5, i * 0.0002)); // 22 m per 5 s
    const shuffled = [...track].reverse();
    const r = run(null, shuffled, T0 + 3600_000);
    expect(r.flags.every((f) => f === null)).toBe(true);
    expect(r.latest).toBe(0); // the newest fix, first in the shuffled batch
  });

  it('a fix older than the stored latest is stored and accepted but does not become the latest', () => {
    const r = run(fix(100), [fix(50, 0.0001)]);
    expect(r.flags).toEqual([null]);
    expect(r.latest).toBeNull();
  });

  it('the same fix sent again (outbox replay) is not a jump and not a newer latest', () => {
    const r = run(fix(10), [fix(10)]);
    expect(r.flags).toEqual([null]);
    expect(r.latest).toBeNull();
  });
});

describe('arrivingCandidates', () => {
  const ctx = { planId: 'pln_x', stops: [
    { shipmentId: 'shp_a', lat: 23.14, lng: 113.32, inTransit: true },
    { shipmentId: 'shp_b', lat: 23.14, lng: 113.32, inTransit: false },
  ] };
  it('the earliest fix within the radius of a stop in transit; none for a shipment not in transit', () => {
    // 0.008 ° ≈ 890 m away, then 0.0075 ≈ 280 m, then 0.0078 ≈ 220 m.
    const fixes = [fix(0, 0.002), fix(10, 0.0075), fix(20, 0.0078)];
    expect(arrivingCandidates(fixes, ctx, 300)).toEqual([{ shipmentId: 'shp_a', fix: fixes[1] }]);
    expect(arrivingCandidates(fixes, ctx, 200)).toEqual([]);
    expect(arrivingCandidates(fixes, null, 300)).toEqual([]);
  });
});
