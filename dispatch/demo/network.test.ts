import { beforeAll, describe, expect, it } from 'vitest';
import { allocateFefo } from '../domain/fefo';
import { isOpenAt, OpeningHoursSchema } from '../domain/opening-hours';
import { daysBetween, localDateOf } from '../domain/zoned-time';
import { generateDemoNetwork, TIANHE_BBOX, type DemoNetwork } from './network';
import { Rng } from './prng';

let net: DemoNetwork;
beforeAll(() => {
  net = generateDemoNetwork();
});

const share = (n: number, total: number) => n / total;

describe('Rng', () => {
  it('is deterministic per seed and stays in range', () => {
    const a = new Rng('x');
    const b = new Rng('x');
    const c = new Rng('y');
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
    const r = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
    }
    expect(() => r.pick([])).toThrow(RangeError);
  });
});

describe('generateDemoNetwork', () => {
  it('is deterministic: same seed → identical output; another seed differs', () => {
    expect(generateDemoNetwork()).toEqual(net);
    const other = generateDemoNetwork({ seed: 'other' });
    expect(other.counts.facilities).toBe(net.counts.facilities);
    expect(other.skus.map((s) => s.genericName.en)).not.toEqual(net.skus.map((s) => s.genericName.en));
  });

  it('has the requested counts', () => {
    const tiers = (t: string) => net.facilities.filter((f) => f.tier === t).length;
    expect([tiers('central'), tiers('forward'), tiers('store')]).toEqual([1, 6, 40]);
    expect(net.skus).toHaveLength(2000);
    expect(net.riders).toHaveLength(150);
    expect(net.boxes).toHaveLength(200);
    // Stock rows: central carries all eligible SKUs, forward 700, stores 220 (1–3 / 1–2 lots each).
    expect(net.lots.length).toBeGreaterThan(15_000);
    expect(net.lots.length).toBeLessThan(30_000);
    expect(net.counts).toEqual({
      facilities: 47,
      skus: 2000,
      lots: net.lots.length,
      riders: 150,
      boxes: 200,
    });
  });

  it('uses readable, unique, lowercase ids', () => {
    const check = (items: { id: string }[], prefix: string) => {
      for (const x of items) expect(x.id).toMatch(new RegExp(`^${prefix}_[a-z0-9]+$`));
      expect(new Set(items.map((x) => x.id)).size).toBe(items.length);
    };
    check(net.facilities, 'fac');
    check(net.skus, 'sku');
    check(net.lots, 'lot');
    check(net.riders, 'rdr');
    check(net.boxes, 'box');
  });

  it('catalogue shares: ~15 % chilled, ~2 % frozen, ~35 % Rx; all frozen Rx; SKUs distinct', () => {
    const n = net.skus.length;
    expect(share(net.skus.filter((s) => s.temperatureClass === 'chilled').length, n)).toBeCloseTo(0.15, 2);
    expect(share(net.skus.filter((s) => s.temperatureClass === 'frozen').length, n)).toBeCloseTo(0.02, 2);
    expect(share(net.skus.filter((s) => s.rx).length, n)).toBeCloseTo(0.35, 2);
    expect(net.skus.filter((s) => s.temperatureClass === 'frozen').every((s) => s.rx)).toBe(true);
    const keys = net.skus.map((s) => `${s.genericName.en}|${s.strength}|${s.packSize}|${s.manufacturer.en}`);
    expect(new Set(keys).size).toBe(n);
    for (const s of net.skus) {
      expect(s.volumeUnits).toBeGreaterThan(0);
      expect(s.genericName.zh).not.toBe('');
      expect(s.brandName.en).toMatch(/^[A-Z][a-z]+$/);
    }
  });

  it('facilities lie in the bounding box, have valid opening hours and the right cold capabilities', () => {
    const b = TIANHE_BBOX;
    for (const f of net.facilities) {
      expect(f.location.lat).toBeGreaterThanOrEqual(b.south);
      expect(f.location.lat).toBeLessThanOrEqual(b.north);
      expect(f.location.lng).toBeGreaterThanOrEqual(b.west);
      expect(f.location.lng).toBeLessThanOrEqual(b.east);
      expect(OpeningHoursSchema.safeParse(f.openingHours).success).toBe(true);
      if (f.tier !== 'store') expect(f.coldCapabilities).toEqual(['ambient', 'chilled', 'frozen']);
    }
    const stores = net.facilities.filter((f) => f.tier === 'store');
    const frozen = stores.filter((f) => f.coldCapabilities.includes('frozen')).length;
    const chilledOnly = stores.filter((f) => f.coldCapabilities.join() === 'ambient,chilled').length;
    expect(frozen).toBe(4);
    expect(chilledOnly).toBeGreaterThanOrEqual(30);
    expect(new Set(stores.map((f) => f.name.zh)).size).toBe(stores.length);
    // Mix of hours: some 24 h, some overnight (open at 01:00 local)
    const oneAm = new Date('2026-12-02T01:00:00+08:00');
    const openAtOne = stores.filter((f) => isOpenAt(f.openingHours, oneAm)).length;
    expect(openAtOne).toBeGreaterThanOrEqual(6);
    expect(openAtOne).toBeLessThan(stores.length / 2);
  });

  it('stock: valid references, stores carry only storable classes, expiries over ~2 years with some near expiry', () => {
    const fac = new Map(net.facilities.map((f) => [f.id, f]));
    const sku = new Map(net.skus.map((s) => [s.id, s]));
    const today = localDateOf(new Date(net.asOf));
    let near = 0;
    let maxDays = 0;
    for (const l of net.lots) {
      const f = fac.get(l.facilityId)!;
      const s = sku.get(l.skuId)!;
      expect(f).toBeDefined();
      expect(s).toBeDefined();
      expect(f.coldCapabilities).toContain(s.temperatureClass);
      expect(Number.isInteger(l.available) && l.available >= 0).toBe(true);
      const d = daysBetween(today, l.expiresOn);
      if (d >= 0 && d <= 45) near++;
      maxDays = Math.max(maxDays, d);
    }
    expect(maxDays).toBeGreaterThan(700);
    expect(maxDays).toBeLessThanOrEqual(730);
    expect(share(near, net.lots.length)).toBeGreaterThan(0.03);
    expect(share(near, net.lots.length)).toBeLessThan(0.1);
    // Per facility × SKU, lots feed FEFO directly.
    const lots = net.lots.filter((l) => l.facilityId === 'fac_cw01' && l.skuId === net.skus[0].id);
    expect(lots.length).toBeGreaterThanOrEqual(1);
    const r = allocateFefo({ lots: lots.map(({ id, expiresOn, available }) => ({ lotId: id, expiresOn, available })), quantity: 1, today, sellByMarginDays: 30 });
    expect(typeof r.ok).toBe('boolean');
  });

  it('riders: homes exist, vehicle mix ~70/20/10, shifts of five days', () => {
    const ids = new Set(net.facilities.map((f) => f.id));
    for (const r of net.riders) {
      expect(ids.has(r.homeFacilityId)).toBe(true);
      expect(r.shift.days).toHaveLength(5);
      expect(r.speedFactor).toBeGreaterThan(0);
    }
    const eb = share(net.riders.filter((r) => r.vehicle === 'e_bike').length, net.riders.length);
    expect(eb).toBeGreaterThan(0.55);
    expect(eb).toBeLessThan(0.85);
  });

  it('boxes: compartments, seasonal holdover, 5 calibration-overdue and 12 due within 30 days', () => {
    const today = localDateOf(new Date(net.asOf));
    const due = net.boxes.map((b) => daysBetween(today, b.calibrationDueOn));
    expect(due.filter((d) => d < 0)).toHaveLength(5);
    expect(due.filter((d) => d >= 0 && d <= 30)).toHaveLength(12);
    for (const b of net.boxes) {
      expect(b.compartments.length).toBeGreaterThan(0);
      expect(b.holdoverMinutes.winter).toBeGreaterThan(b.holdoverMinutes.summer);
      expect(b.batteryPct).toBeGreaterThanOrEqual(0);
      expect(b.batteryPct).toBeLessThanOrEqual(100);
    }
    const active = share(net.boxes.filter((b) => b.kind === 'active').length, net.boxes.length);
    expect(active).toBeGreaterThan(0.2);
    expect(active).toBeLessThan(0.4);
    expect(net.boxes.some((b) => b.compartments.some((c) => c.temperatureClass === 'frozen'))).toBe(true);
  });

  it('respects a custom bounding box and rejects an inverted one', () => {
    const bbox = { south: 31.2, west: 121.4, north: 31.25, east: 121.5 };
    const sh = generateDemoNetwork({ bbox, stores: 5, skus: 100, riders: 10, boxes: 20, skusPerForward: 50, skusPerStore: 20 });
    expect(sh.facilities.every((f) => f.location.lat >= 31.2 && f.location.lat <= 31.25)).toBe(true);
    expect(sh.counts.skus).toBe(100);
    expect(() => generateDemoNetwork({ bbox: { south: 2, west: 0, north: 1, east: 1 } })).toThrow(RangeError);
  });
});
