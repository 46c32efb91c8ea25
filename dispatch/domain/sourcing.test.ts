import { describe, expect, it } from 'vitest';
import type { FefoResult } from './fefo';
import { parseOpeningHours } from './opening-hours';
import { decideSourcing, type SourcingCandidate, type SourcingOrder } from './sourcing';

const now = new Date('2026-11-23T10:00:00+08:00'); // Monday
const min = 60_000;
const plus = (m: number) => new Date(now.getTime() + m * min);

const open24h = parseOpeningHours({ alwaysOpen: true });
const closedToday = parseOpeningHours({ weekly: { tue: [{ open: '08:00', close: '22:00' }] } });

function ok(sku: string, qty: number): FefoResult {
  return { ok: true, requested: qty, picks: [{ lotId: `lot_${sku}`, expiresOn: '2027-06-30', quantity: qty }] };
}
const none: FefoResult = { ok: false, reason: 'insufficient_stock', requested: 1, sellable: 0, nearExpiry: 0, expired: 0, shortBy: 1 };
const near: FefoResult = { ok: false, reason: 'only_near_expiry', requested: 1, sellable: 0, nearExpiry: 5, expired: 0, shortBy: 1 };

// Order: two ambient lines and one chilled line (insulin).
const order: SourcingOrder = {
  items: [
    { sku: 'sku_a', quantity: 2, temperatureClass: 'ambient' },
    { sku: 'sku_ins', quantity: 1, temperatureClass: 'chilled' },
    { sku: 'sku_x', quantity: 1, temperatureClass: 'ambient' },
  ],
  deliveryMode: 'instant',
  promise: { latest: plus(60) },
};

const fullStock = { sku_a: ok('sku_a', 2), sku_ins: ok('sku_ins', 1), sku_x: ok('sku_x', 1) };

function cand(id: string, over: Partial<SourcingCandidate> = {}): SourcingCandidate {
  return {
    facilityId: id,
    tier: 'store',
    inService: true,
    openingHours: open24h,
    coldCapabilities: ['ambient', 'chilled'],
    stock: fullStock,
    boxes: { chilled: { freeNow: 1 } },
    travelSeconds: 15 * 60,
    riders: { availableNow: 2 },
    cost: 10,
    ...over,
  };
}

describe('decideSourcing: one facility', () => {
  it('picks the cheapest facility that serves everything on time and explains the rest', () => {
    const d = decideSourcing(
      order,
      [
        cand('fac_far', { inService: false }),
        cand('fac_pricey', { cost: 20 }),
        cand('fac_cheap', { cost: 8 }),
        cand('fac_nox', { stock: { ...fullStock, sku_x: none } }),
      ],
      { now },
    );
    expect(d.status).toBe('single');
    expect(d.shipments).toHaveLength(1);
    const s = d.shipments[0];
    expect(s.facilityId).toBe('fac_cheap');
    expect(s.boxClasses).toEqual(['chilled']);
    // 10 min handling + 15 min travel
    expect(s.eta.toISOString()).toBe(plus(25).toISOString());
    expect(s.meetsPromise).toBe(true);
    expect(s.lines.map((l) => [l.sku, l.picks[0].lotId])).toEqual([
      ['sku_a', 'lot_sku_a'],
      ['sku_ins', 'lot_sku_ins'],
      ['sku_x', 'lot_sku_x'],
    ]);
    const byId = Object.fromEntries(d.candidates.map((c) => [c.facilityId, c]));
    expect(byId.fac_far).toMatchObject({ outcome: 'rejected', reasons: [{ code: 'out_of_service_area' }] });
    expect(byId.fac_pricey).toMatchObject({ outcome: 'eligible', reasons: [] });
    expect(byId.fac_nox).toMatchObject({
      outcome: 'partial',
      reasons: [{ code: 'out_of_stock', sku: 'sku_x', detail: 'insufficient_stock' }],
      servableSkus: ['sku_a', 'sku_ins'],
    });
    expect(d.summary.en).toBe(
      'fac_cheap serves all 3 lines, ETA 10:25; 3 in range, 1 out of stock of SKU sku_x, 1 other could also serve',
    );
    expect(d.summary.zh).toBe(
      '由 fac_cheap 配送全部 3 行商品，预计 10:25 送达；3 家在范围内，1 家缺货 SKU sku_x，另有 1 家可服务',
    );
  });

  it('leaves the summaries empty when asked to, deciding the same', () => {
    const cs = [cand('fac_pricey', { cost: 20 }), cand('fac_cheap', { cost: 8 })];
    const quiet = decideSourcing(order, cs, { now, summaries: false });
    const full = decideSourcing(order, cs, { now });
    expect(quiet.summary).toEqual({ en: '', zh: '' });
    expect(full.summary.en).not.toBe('');
    expect({ ...quiet, summary: null }).toEqual({ ...full, summary: null });
  });

  it('breaks exact ties deterministically by facility id, whatever the input order', () => {
    const cs = [cand('fac_b'), cand('fac_a'), cand('fac_c')];
    expect(decideSourcing(order, cs, { now }).shipments[0].facilityId).toBe('fac_a');
    expect(decideSourcing(order, [...cs].reverse(), { now }).shipments[0].facilityId).toBe('fac_a');
  });

  it('prefers an on-time facility to a cheaper late one (allowLate), and uses a late one only if nothing is on time', () => {
    const late = cand('fac_late', { cost: 1, travelSeconds: 90 * 60 });
    const onTime = cand('fac_ontime', { cost: 50 });
    expect(decideSourcing(order, [late, onTime], { now, allowLate: true }).shipments[0].facilityId).toBe('fac_ontime');
    const d = decideSourcing(order, [late], { now, allowLate: true });
    expect(d.status).toBe('single');
    expect(d.shipments[0].meetsPromise).toBe(false);
    expect(d.summary.en).toContain('(late)');
    const strict = decideSourcing(order, [late], { now });
    expect(strict.status).toBe('unservable');
    expect(strict.candidates[0].reasons).toMatchObject([{ code: 'cannot_meet_promise', detail: 'late' }]);
    expect(strict.candidates[0].reasons[0].eta?.toISOString()).toBe(plus(100).toISOString());
  });
});

describe('decideSourcing: rejection reasons', () => {
  it('reports every code', () => {
    const frozenOrder: SourcingOrder = {
      ...order,
      items: [...order.items, { sku: 'sku_vac', quantity: 1, temperatureClass: 'frozen' }],
    };
    const stock = { ...fullStock, sku_vac: ok('sku_vac', 1) };
    const d = decideSourcing(
      frozenOrder,
      [
        cand('fac_out', { inService: false, stock }),
        cand('fac_closed', { openingHours: closedToday, stock }),
        cand('fac_noroute', { travelSeconds: null, stock }),
        cand('fac_nofrozen', { stock }),
        cand('fac_nobox', { coldCapabilities: ['ambient', 'chilled', 'frozen'], stock, boxes: { chilled: { freeNow: 0 }, frozen: { freeNow: 1 } } }),
        cand('fac_norider', { coldCapabilities: ['ambient', 'chilled', 'frozen'], stock, boxes: { chilled: { freeNow: 1 }, frozen: { freeNow: 1 } }, riders: { availableNow: 0 } }),
        cand('fac_near', { coldCapabilities: ['ambient', 'chilled', 'frozen'], stock: { ...stock, sku_ins: near }, boxes: { chilled: { freeNow: 1 }, frozen: { freeNow: 1 } } }),
      ],
      { now, allowSplit: false },
    );
    expect(d.status).toBe('unservable');
    const reasons = Object.fromEntries(d.candidates.map((c) => [c.facilityId, c.reasons.map((r) => [r.code, r.sku, r.detail])]));
    expect(reasons).toEqual({
      fac_out: [['out_of_service_area', undefined, undefined]],
      fac_closed: [['closed', undefined, undefined]],
      // Line checks come first now (routing is skipped for facilities with nothing to offer).
      fac_noroute: [['unroutable', undefined, undefined], ['no_cold_capability', 'sku_vac', undefined]],
      fac_nofrozen: [['no_cold_capability', 'sku_vac', undefined]],
      fac_nobox: [['no_box', 'sku_ins', 'none']],
      fac_norider: [['cannot_meet_promise', undefined, 'no_rider']],
      fac_near: [['out_of_stock', 'sku_ins', 'only_near_expiry']],
    });
    // Each code's words in the summary, counted once per candidate in range by its first reason.
    expect(d.summary.en).toContain('6 in range, 1 closed, 1 unroutable, 1 without frozen storage, 1 out of stock of SKU sku_ins, 1 without a free chilled box, 1 cannot meet the promise');
    expect(d.summary.zh).toContain('6 家在范围内，1 家未营业，1 家无法规划路线，1 家无冷冻能力，1 家缺货 SKU sku_ins，1 家无可用冷藏箱，1 家无法按时送达');
  });

  it('builds the “no facility can serve” summary in English and Chinese', () => {
    const d = decideSourcing(
      order,
      [
        cand('fac_1', { stock: { ...fullStock, sku_x: none } }),
        cand('fac_2', { stock: { sku_a: ok('sku_a', 2), sku_ins: ok('sku_ins', 1) } }),
        cand('fac_3', { openingHours: closedToday }),
        cand('fac_4', { inService: false }),
      ],
      { now },
    );
    expect(d.status).toBe('unservable');
    expect(d.unservableSkus).toEqual(['sku_x']);
    expect(d.summary.en).toBe('no facility can serve: 3 in range, 2 out of stock of SKU sku_x, 1 closed; no facility has SKU sku_x');
    expect(d.summary.zh).toBe('无可服务门店：3 家在范围内，2 家缺货 SKU sku_x，1 家未营业；无门店可供应 SKU sku_x');
    expect(d.candidates.find((c) => c.facilityId === 'fac_2')?.reasons).toEqual([
      { code: 'out_of_stock', sku: 'sku_x', temperatureClass: 'ambient', detail: 'not_stocked' },
    ]);
  });

  it('waits for a box that frees up in time, but rejects one that frees up too late', () => {
    const soon = cand('fac_soon', { boxes: { chilled: { freeNow: 0, nextFreeAt: plus(20) } } });
    const d = decideSourcing(order, [soon], { now });
    expect(d.shipments[0].eta.toISOString()).toBe(plus(45).toISOString()); // 20 + 10 handling + 15 travel
    const tooLate = cand('fac_late', { boxes: { chilled: { freeNow: 0, nextFreeAt: plus(40) } } });
    expect(decideSourcing(order, [tooLate], { now }).candidates[0].reasons).toMatchObject([
      { code: 'no_box', sku: 'sku_ins', detail: 'free_too_late' },
    ]);
  });

  it('with no candidates at all', () => {
    const d = decideSourcing(order, [], { now });
    expect(d.summary.en).toBe('no facility can serve: 0 in range; no facility has SKU sku_a, sku_ins, sku_x');
  });
});

describe('decideSourcing: split only when no single facility can serve', () => {
  const ambientOnly = { sku_a: ok('sku_a', 2), sku_x: ok('sku_x', 1) };

  it('splits into two shipments (cold line from the forward warehouse) when nobody has everything', () => {
    const d = decideSourcing(
      order,
      [
        cand('fac_store', { stock: ambientOnly, cost: 5 }),
        cand('fac_fwd', { tier: 'forward', stock: { sku_ins: ok('sku_ins', 1) }, cost: 7, travelSeconds: 20 * 60 }),
        cand('fac_other', { stock: { sku_x: ok('sku_x', 1) }, cost: 1 }),
      ],
      { now },
    );
    expect(d.status).toBe('split');
    expect(d.shipments.map((s) => [s.facilityId, s.lines.map((l) => l.sku), s.boxClasses])).toEqual([
      ['fac_store', ['sku_a', 'sku_x'], []],
      ['fac_fwd', ['sku_ins'], ['chilled']],
    ]);
    expect(d.totalCost).toBe(12);
    expect(d.candidates.find((c) => c.facilityId === 'fac_other')?.outcome).toBe('partial');
    expect(d.summary.en).toBe(
      'split into 2 shipments: fac_store (2 lines), fac_fwd (1 line); no single facility can serve every line: 3 in range, 1 out of stock of SKU sku_a',
    );
    expect(d.summary.zh).toBe(
      '拆分为 2 个包裹：fac_store（2 行）、fac_fwd（1 行）；无单一门店可满足全部商品：3 家在范围内，1 家缺货 SKU sku_a',
    );
  });

  it('never splits when one facility can serve everything, even if a split is cheaper', () => {
    const d = decideSourcing(
      order,
      [cand('fac_all', { cost: 100 }), cand('fac_s1', { stock: ambientOnly, cost: 1 }), cand('fac_s2', { stock: { sku_ins: ok('sku_ins', 1) }, cost: 1 })],
      { now },
    );
    expect(d.status).toBe('single');
    expect(d.shipments[0].facilityId).toBe('fac_all');
  });

  it('prefers two shipments to three, then the cheaper pair', () => {
    const d = decideSourcing(
      order,
      [
        cand('fac_a', { stock: { sku_a: ok('sku_a', 2) }, cost: 1 }),
        cand('fac_i', { stock: { sku_ins: ok('sku_ins', 1) }, cost: 1 }),
        cand('fac_x', { stock: { sku_x: ok('sku_x', 1) }, cost: 1 }),
        cand('fac_ix', { stock: { sku_ins: ok('sku_ins', 1), sku_x: ok('sku_x', 1) }, cost: 9 }),
        cand('fac_ix2', { stock: { sku_ins: ok('sku_ins', 1), sku_x: ok('sku_x', 1) }, cost: 6 }),
      ],
      { now },
    );
    expect(d.status).toBe('split');
    expect(d.shipments.map((s) => s.facilityId).sort()).toEqual(['fac_a', 'fac_ix2']);
  });

  it('falls back to greedy set cover for three shipments, and respects maxShipments and allowSplit', () => {
    const cs = [
      cand('fac_a', { stock: { sku_a: ok('sku_a', 2) } }),
      cand('fac_i', { stock: { sku_ins: ok('sku_ins', 1) } }),
      cand('fac_x', { stock: { sku_x: ok('sku_x', 1) } }),
    ];
    const d = decideSourcing(order, cs, { now });
    expect(d.status).toBe('split');
    expect(d.shipments.map((s) => s.facilityId)).toEqual(['fac_a', 'fac_i', 'fac_x']);
    expect(decideSourcing(order, cs, { now, maxShipments: 2 }).status).toBe('unservable');
    expect(decideSourcing(order, cs, { now, allowSplit: false }).status).toBe('unservable');
  });
});

describe('decideSourcing: scheduled and pickup', () => {
  it('scheduled tomorrow: a store closed now but open in the window is fine; arrival not before the window', () => {
    const scheduled: SourcingOrder = {
      ...order,
      deliveryMode: 'scheduled',
      promise: { earliest: new Date('2026-11-24T14:00:00+08:00'), latest: new Date('2026-11-24T16:00:00+08:00') },
    };
    const d = decideSourcing(scheduled, [cand('fac_tue', { openingHours: closedToday })], { now });
    expect(d.status).toBe('single');
    expect(d.shipments[0].eta.toISOString()).toBe(new Date('2026-11-24T14:00:00+08:00').toISOString());
  });

  it('pickup needs no box or rider or route, and never splits', () => {
    const pickup: SourcingOrder = { ...order, deliveryMode: 'pickup', promise: { latest: plus(120) } };
    const d = decideSourcing(pickup, [cand('fac_p', { boxes: {}, riders: { availableNow: 0 }, travelSeconds: null })], { now });
    expect(d.status).toBe('single');
    expect(d.shipments[0]).toMatchObject({ facilityId: 'fac_p', boxClasses: [], meetsPromise: true });
    expect(d.shipments[0].eta.toISOString()).toBe(plus(10).toISOString());
    const split = decideSourcing(
      pickup,
      [cand('fac_1', { stock: { sku_a: ok('sku_a', 2), sku_x: ok('sku_x', 1) } }), cand('fac_2', { stock: { sku_ins: ok('sku_ins', 1) } })],
      { now },
    );
    expect(split.status).toBe('unservable');
  });

  it('pickup: the store must be open for collection before the window ends', () => {
    const shortDay = parseOpeningHours({ weekly: { mon: [{ open: '09:00', close: '10:05' }] } });
    const pickup: SourcingOrder = { ...order, deliveryMode: 'pickup', promise: { latest: plus(120) } };
    const d = decideSourcing(pickup, [cand('fac_p', { openingHours: shortDay })], { now });
    expect(d.status).toBe('unservable');
    expect(d.candidates[0].reasons).toMatchObject([{ code: 'cannot_meet_promise', detail: 'closed_at_collection' }]);
  });
});

describe('decideSourcing: bad input', () => {
  it('a promise already in the past is a promise problem, not a closed store', () => {
    const d = decideSourcing({ ...order, promise: { latest: plus(-5) } }, [cand('fac_a')], { now });
    expect(d.candidates[0].reasons).toEqual([{ code: 'cannot_meet_promise', detail: 'promise_in_past' }]);
  });

  it('rejects empty orders, duplicate SKUs and duplicate candidates', () => {
    expect(() => decideSourcing({ ...order, items: [] }, [], { now })).toThrow(RangeError);
    expect(() => decideSourcing({ ...order, items: [order.items[0], order.items[0]] }, [], { now })).toThrow(RangeError);
    expect(() => decideSourcing(order, [cand('fac_a'), cand('fac_a')], { now })).toThrow(RangeError);
  });
});
