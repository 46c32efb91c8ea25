/**
 * The door-opening rule (door-windows.ts) on timestamped sequences, minutes from a pickup at
 * 10:00 UTC: which openings are expected at pickup, at the customer's door, and mid-route.
 */
import { describe, expect, it } from 'vitest';
import { doorWindows, type DoorEvidence, type DoorWindowSettings } from './door-windows';

const T0 = Date.parse('2026-12-05T10:00:00Z');
const MIN = 60_000;
const m = (minute: number) => new Date(T0 + minute * MIN);
const S: DoorWindowSettings = { pickupBeforeMs: 10 * MIN, pickupAfterMs: 5 * MIN, fixBeforeMs: 1 * MIN, fixAfterMs: 5 * MIN, arrivingForMs: 15 * MIN };

const evidence = (e: Partial<DoorEvidence> = {}): DoorEvidence => ({ legFrom: m(0), fixesNear: [], arrivingAt: null, ...e });
/** For each minute, whether an opening then is expected. */
const expectedAt = (e: DoorEvidence, minutes: number[]) => {
  const ws = doorWindows(e, S);
  return minutes.map((x) => `${x}:${ws.some((w) => w.from <= m(x) && m(x) <= w.to) ? 'expected' : 'ALARM'}`);
};

describe('door openings expected at pickup and handover (geofence + time window)', () => {
  it('at pickup: from 10 min before the scan to 5 min after, ends included; later on the road it is not', () => {
    expect(expectedAt(evidence(), [-11, -10, 0, 3, 5, 6, 20])).toEqual(['-11:ALARM', '-10:expected', '0:expected', '3:expected', '5:expected', '6:ALARM', '20:ALARM']);
    expect(doorWindows(evidence(), S)).toEqual([{ from: m(-10), to: m(5), why: 'pickup' }]);
  });

  it('at the customer’s door: each fix within the radius opens [fix − 1 min, fix + 5 min]; fixes in a row make one window', () => {
    // The rider reaches the door at 30, waits while the phone reports every minute until 33, leaves.
    const e = evidence({ fixesNear: [m(30), m(31), m(32), m(33)] });
    expect(doorWindows(e, S)).toEqual([{ from: m(-10), to: m(5), why: 'pickup' }, { from: m(29), to: m(38), why: 'handover' }]);
    expect(expectedAt(e, [15, 28, 29, 30, 36, 38, 39, 45])).toEqual(['15:ALARM', '28:ALARM', '29:expected', '30:expected', '36:expected', '38:expected', '39:ALARM', '45:ALARM']);
  });

  it('a rider who passes the customer’s door twice gets two windows, not the time in between', () => {
    const e = evidence({ fixesNear: [m(20), m(40)] });
    expect(expectedAt(e, [19, 25, 30, 39, 45, 46])).toEqual(['19:expected', '25:expected', '30:ALARM', '39:expected', '45:expected', '46:ALARM']);
  });

  it('after the shipment became arriving, for 15 min; a fix at the door extends it', () => {
    expect(expectedAt(evidence({ arrivingAt: m(40) }), [39, 40, 55, 56])).toEqual(['39:ALARM', '40:expected', '55:expected', '56:ALARM']);
    const ws = doorWindows(evidence({ arrivingAt: m(40), fixesNear: [m(54)] }), S);
    expect(ws.at(-1)).toEqual({ from: m(40), to: m(59), why: 'handover' });
  });

  it('no fix near the delivery point and no arriving: only the pickup window (a relay leg gets its own from its start)', () => {
    expect(doorWindows(evidence({ legFrom: m(60) }), S)).toEqual([{ from: m(50), to: m(65), why: 'pickup' }]);
    expect(expectedAt(evidence({ legFrom: m(60) }), [0, 49, 50, 65, 66])).toEqual(['0:ALARM', '49:ALARM', '50:expected', '65:expected', '66:ALARM']);
  });
});
