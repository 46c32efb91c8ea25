import { describe, expect, it } from 'vitest';
import { canSeePersonalData, decidePersonalDataAccess, recipientFor, type DeliveryAccessContext } from './access-policy';

const t0 = Date.parse('2026-11-23T10:00:00+08:00');
const min = 60_000;
const at = (m: number) => new Date(t0 + m * min);

const rider = { role: 'rider', riderId: 'rdr_a' };
const otherRider = { role: 'rider', riderId: 'rdr_b' };
const admin = { role: 'admin' };
const dispatcher = { role: 'dispatcher' };
const qa = { role: 'qa', riderId: null };

// Picked up at +10 min, handed over at +40 min.
const ctx = (nowMin: number, over: Partial<DeliveryAccessContext> = {}): DeliveryAccessContext => ({
  assignedRiderId: 'rdr_a',
  pickedUpAt: at(10),
  endedAt: at(40),
  now: at(nowMin),
  ...over,
});

describe('canSeePersonalData over a delivery’s life', () => {
  it('assigned rider: masked before pickup, visible in custody, masked right after handover (grace 0)', () => {
    const timeline = [0, 9, 10, 25, 40, 41, 24 * 60].map((m) => [m, canSeePersonalData(rider, ctx(m))]);
    expect(timeline).toEqual([
      [0, false],
      [9, false],
      [10, true],
      [25, true],
      [40, true],
      [41, false],
      [1440, false],
    ]);
  });

  it('a configurable grace keeps it visible a little longer', () => {
    expect(canSeePersonalData(rider, ctx(44, { graceMs: 5 * min }))).toBe(true);
    expect(canSeePersonalData(rider, ctx(45, { graceMs: 5 * min }))).toBe(true);
    expect(canSeePersonalData(rider, ctx(46, { graceMs: 5 * min }))).toBe(false);
    expect(() => canSeePersonalData(rider, ctx(46, { graceMs: -1 }))).toThrow(RangeError);
  });

  it('a still-active delivery (no end yet) stays visible to the assigned rider', () => {
    expect(canSeePersonalData(rider, ctx(600, { endedAt: null }))).toBe(true);
    expect(canSeePersonalData(rider, ctx(600, { pickedUpAt: null, endedAt: null }))).toBe(false);
  });

  it('admins always, everyone else never', () => {
    for (const m of [0, 25, 100]) {
      expect(canSeePersonalData(admin, ctx(m))).toBe(true);
      expect(canSeePersonalData(otherRider, ctx(m))).toBe(false);
      expect(canSeePersonalData(dispatcher, ctx(m))).toBe(false);
      expect(canSeePersonalData(qa, ctx(m))).toBe(false);
    }
    expect(canSeePersonalData({ role: 'rider' }, ctx(25))).toBe(false);
    expect(canSeePersonalData(rider, ctx(25, { assignedRiderId: null }))).toBe(false);
  });

  it('explains decisions', () => {
    expect(decidePersonalDataAccess(rider, ctx(5)).reason).toBe('not_picked_up');
    expect(decidePersonalDataAccess(rider, ctx(50)).reason).toBe('delivery_ended');
    expect(decidePersonalDataAccess(otherRider, ctx(20)).reason).toBe('not_assigned_rider');
    expect(decidePersonalDataAccess(dispatcher, ctx(20)).reason).toBe('role_not_allowed');
  });

  it('recipientFor masks for everyone not allowed', () => {
    const pii = { name: '张三', phone: '13812345678', address: '天河区天河路385号1503室' };
    expect(recipientFor(pii, rider, ctx(20))).toEqual({ ...pii, masked: false, reason: 'assigned_rider_active' });
    expect(recipientFor(pii, dispatcher, ctx(20))).toEqual({
      name: '张*',
      phone: '138******78',
      address: '天河区天河路385号****室',
      masked: true,
      reason: 'role_not_allowed',
    });
  });
});
