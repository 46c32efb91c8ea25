import { describe, expect, it } from 'vitest';
import { allocateFefo, type StockLot } from './fefo';

const today = '2026-11-23';

describe('allocateFefo', () => {
  const lots: StockLot[] = [
    { lotId: 'lot_c', expiresOn: '2027-06-30', available: 10 },
    { lotId: 'lot_a', expiresOn: '2027-01-31', available: 3 },
    { lotId: 'lot_b', expiresOn: '2027-01-31', available: 4 },
    { lotId: 'lot_near', expiresOn: '2026-12-10', available: 50 },
    { lotId: 'lot_old', expiresOn: '2026-11-01', available: 99 },
  ];

  it('picks earliest expiry first, ties by lotId, skipping near-expiry and expired lots', () => {
    const r = allocateFefo({ lots, quantity: 9, today, sellByMarginDays: 30 });
    expect(r).toEqual({
      ok: true,
      requested: 9,
      picks: [
        { lotId: 'lot_a', expiresOn: '2027-01-31', quantity: 3 },
        { lotId: 'lot_b', expiresOn: '2027-01-31', quantity: 4 },
        { lotId: 'lot_c', expiresOn: '2027-06-30', quantity: 2 },
      ],
    });
  });

  it('is independent of input order', () => {
    const a = allocateFefo({ lots, quantity: 12, today, sellByMarginDays: 30 });
    const b = allocateFefo({ lots: [...lots].reverse(), quantity: 12, today, sellByMarginDays: 30 });
    expect(a).toEqual(b);
  });

  it('uses the near lot when the margin allows it', () => {
    const r = allocateFefo({ lots, quantity: 5, today, sellByMarginDays: 7 });
    expect(r.ok && r.picks).toEqual([{ lotId: 'lot_near', expiresOn: '2026-12-10', quantity: 5 }]);
  });

  it('margin boundary: expiry exactly today+margin is blocked, +1 day is sellable', () => {
    const edge = [{ lotId: 'lot_x', expiresOn: '2026-12-23', available: 1 }];
    expect(allocateFefo({ lots: edge, quantity: 1, today, sellByMarginDays: 30 }).ok).toBe(false);
    expect(allocateFefo({ lots: edge, quantity: 1, today, sellByMarginDays: 29 }).ok).toBe(true);
    // margin 0: a lot expiring today is not sold
    expect(allocateFefo({ lots: [{ lotId: 'lot_t', expiresOn: today, available: 1 }], quantity: 1, today }).ok).toBe(false);
  });

  it('margin across a year end and a leap day', () => {
    const at = (expiresOn: string, day: string, margin: number) => allocateFefo({ lots: [{ lotId: 'l', expiresOn, available: 1 }], quantity: 1, today: day, sellByMarginDays: margin }).ok;
    expect(at('2027-01-04', '2026-12-25', 10)).toBe(false);
    expect(at('2027-01-05', '2026-12-25', 10)).toBe(true);
    expect(at('2028-03-01', '2028-02-27', 3)).toBe(false); // 27, 28, 29 Feb, 1 Mar
    expect(at('2028-03-02', '2028-02-27', 3)).toBe(true);
    expect(at('2026-12-24', '2026-12-25', 0)).toBe(false); // expired yesterday
  });

  it('reports only_near_expiry when blocked stock would have covered the order', () => {
    const r = allocateFefo({ lots, quantity: 30, today, sellByMarginDays: 30 });
    expect(r).toEqual({
      ok: false,
      reason: 'only_near_expiry',
      requested: 30,
      sellable: 17,
      nearExpiry: 50,
      expired: 99,
      shortBy: 13,
    });
  });

  it('reports insufficient_stock otherwise (expired units do not count)', () => {
    const r = allocateFefo({ lots, quantity: 100, today, sellByMarginDays: 30 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('insufficient_stock');
      expect(r.shortBy).toBe(83);
    }
    expect(allocateFefo({ lots: [], quantity: 1, today })).toMatchObject({ ok: false, reason: 'insufficient_stock' });
  });

  it('rejects malformed input', () => {
    expect(() => allocateFefo({ lots, quantity: 0, today })).toThrow(RangeError);
    expect(() => allocateFefo({ lots, quantity: 1.5, today })).toThrow(RangeError);
    expect(() => allocateFefo({ lots, quantity: 1, today, sellByMarginDays: -1 })).toThrow(RangeError);
    expect(() => allocateFefo({ lots, quantity: 1, today: '23/11/2026' })).toThrow(RangeError);
    expect(() =>
      allocateFefo({ lots: [{ lotId: 'a', expiresOn: '2027-01-01', available: -2 }], quantity: 1, today }),
    ).toThrow(RangeError);
    expect(() =>
      allocateFefo({
        lots: [
          { lotId: 'a', expiresOn: '2027-01-01', available: 1 },
          { lotId: 'a', expiresOn: '2027-02-01', available: 1 },
        ],
        quantity: 1,
        today,
      }),
    ).toThrow(/duplicate/);
  });
});
