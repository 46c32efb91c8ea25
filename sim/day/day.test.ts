import { describe, it, expect } from 'vitest';
import { planOrders, perHour, isNightHour, HOURLY_WEIGHTS, type CityFacility } from './demand';
import { planShifts, onDuty } from './shifts';
import { ambientC, stepThermal, drawFaults, precoolReadings, DEFAULT_THERMAL } from './thermal';
import { along, gpsFix, haversineM, lineLengthM, type LngLat } from './motion';
import { Rng } from './rng';

const skus = [
  { id: 'sku_a', cold: false, rx: false }, { id: 'sku_b', cold: false, rx: true },
  { id: 'sku_c', cold: true, rx: false }, { id: 'sku_d', cold: true, rx: true },
];
const city: CityFacility[] = [
  { id: 'fac_fw1', tier: 'forward', location: { lat: 23.13, lng: 113.32 }, radiusM: 3000, skus },
  { id: 'fac_st1', tier: 'store', location: { lat: 23.12, lng: 113.3 }, radiusM: 2000, skus },
  { id: 'fac_cw1', tier: 'central', location: { lat: 23.14, lng: 113.34 }, radiusM: 300_000, skus },
];

describe('the day\'s orders', () => {
  const day = planOrders(1, city, { ordersPerDay: 10_000 });

  it('is the same day for the same seed, another for another seed', () => {
    expect(planOrders(1, city, { ordersPerDay: 500 })).toEqual(planOrders(1, city, { ordersPerDay: 500 }));
    expect(planOrders(2, city, { ordersPerDay: 500 })).not.toEqual(planOrders(1, city, { ordersPerDay: 500 }));
  });

  it('has a morning and an evening peak and about 35 % at night', () => {
    const h = perHour(day);
    expect(h.reduce((a, b) => a + b, 0)).toBe(10_000);
    const night = h.filter((_, i) => isNightHour(i)).reduce((a, b) => a + b, 0) / 10_000;
    expect(night).toBeGreaterThan(0.3);
    expect(night).toBeLessThan(0.4);
    const morningPeak = Math.max(...h.slice(8, 13)), midday = h[13], evening = Math.max(...h.slice(17, 22));
    expect(morningPeak).toBeGreaterThan(midday * 1.2);
    expect(evening).toBeGreaterThan(midday * 1.3);
    expect(h[4]).toBeLessThan(h[10] / 5);
    expect(HOURLY_WEIGHTS).toHaveLength(24);
    expect(day.every((o, i) => i === 0 || o.atMs >= day[i - 1].atMs)).toBe(true);
  });

  it('mixes instant, scheduled, recurring and store pickup, Rx, and the configured cold share', () => {
    const share = (f: (o: (typeof day)[number]) => boolean) => day.filter(f).length / day.length;
    expect(share((o) => o.mode === 'instant')).toBeCloseTo(0.72, 1);
    for (const m of ['scheduled', 'recurring', 'pickup'] as const) expect(share((o) => o.mode === m)).toBeGreaterThan(0.03);
    expect(share((o) => o.rx)).toBeCloseTo(0.15, 1);
    expect(share((o) => o.cold)).toBeCloseTo(0.25, 1);
    expect(share((o) => o.absent)).toBeGreaterThan(0.01);
    expect(day.filter((o) => o.mode === 'pickup').every((o) => o.facilityId === 'fac_st1' && !o.absent)).toBe(true);
    const colder = planOrders(1, city, { ordersPerDay: 2000, coldShare: 0.6 });
    expect(colder.filter((o) => o.cold).length / 2000).toBeCloseTo(0.6, 1);
  });

  it('places customers inside their facility\'s service area, never at the central warehouse', () => {
    for (const o of day) {
      const f = city.find((c) => c.id === o.facilityId)!;
      expect(f.tier).not.toBe('central');
      expect(haversineM([f.location.lng, f.location.lat], [o.customer.location.lng, o.customer.location.lat])).toBeLessThanOrEqual(f.radiusM + 1);
      expect(o.customer.phone).toMatch(/^139\d{8}$/);
    }
    const near = planOrders(1, city, { ordersPerDay: 200, maxCustomerDistanceM: 400 });
    expect(near.every((o) => haversineM([city[0].location.lng, city[0].location.lat], [o.customer.location.lng, o.customer.location.lat]) <= 400 + 1
      || haversineM([city[1].location.lng, city[1].location.lat], [o.customer.location.lng, o.customer.location.lat]) <= 400 + 1)).toBe(true);
  });

  it('refuses a city where no facility delivers', () => {
    expect(() => planOrders(1, [city[2]])).toThrow(/no facility delivers/);
  });
});

describe('rider shifts', () => {
  const riders = Array.from({ length: 400 }, (_, i) => ({ id: `rdr_${i}`, facilityId: 'fac_fw1' }));
  const shifts = planShifts(1, riders);
  it('puts more riders on at the evening peak than overnight, some at every hour', () => {
    const at = (h: number) => shifts.filter((s) => onDuty(s, h * 60)).length;
    expect(at(19)).toBeGreaterThan(at(3) * 2);
    for (let h = 0; h < 24; h++) expect(at(h), `hour ${h}`).toBeGreaterThan(0);
    expect(planShifts(1, riders)).toEqual(shifts);
  });
  it('a night shift covers the next morning', () => {
    expect(onDuty({ riderId: 'r', facilityId: 'f', startMin: 1320, endMin: 1860 }, 120)).toBe(true);
    expect(onDuty({ riderId: 'r', facilityId: 'f', startMin: 1320, endMin: 1860 }, 600)).toBe(false);
  });
});

describe('the box thermal model', () => {
  it('ambient is coolest before dawn and warmest after noon', () => {
    expect(ambientC(5)).toBeLessThan(ambientC(14));
    expect(ambientC(14)).toBeCloseTo(22, 0);
  });
  it('holds the set point with the compressor on; an open lid warms it; a failed compressor warms it slowly', () => {
    let s = { tC: 5, compressorOk: true, batteryPct: 80 };
    for (let i = 0; i < 60; i++) s = stepThermal(s, 60, 30, false);
    expect(s.tC).toBeCloseTo(5, 1);
    expect(s.batteryPct).toBeCloseTo(79, 1);
    const open = stepThermal(s, 60, 30, true);
    expect(open.tC).toBeGreaterThan(8);
    const back = stepThermal(open, 1200, 30, false);
    expect(back.tC).toBeLessThan(5.5);
    let failed = { ...s, compressorOk: false };
    failed = stepThermal(failed, 600, 30, false);
    expect(failed.tC).toBeGreaterThan(5);
    expect(failed.tC).toBeLessThan(8);
    for (let i = 0; i < 6; i++) failed = stepThermal(failed, 600, 30, false);
    expect(failed.tC).toBeGreaterThan(8);
  });
  it('a dead battery stops the cooling', () => {
    const dead = stepThermal({ tC: 5, compressorOk: true, batteryPct: 0 }, 3600, 30, false);
    expect(dead.tC).toBeGreaterThan(8);
  });
  it('draws faults at the configured rates, the same for the same seed', () => {
    const boxes = Array.from({ length: 2000 }, (_, i) => drawFaults(1, `box_${i}`, { compressorPerDay: 0.02, batteryPerDay: 0.01 }));
    const c = boxes.filter((b) => b.compressorFailsAtMs !== null).length, b = boxes.filter((x) => x.batteryDiesAtMs !== null).length;
    expect(c).toBeGreaterThan(20); expect(c).toBeLessThan(65);
    expect(b).toBeGreaterThan(5); expect(b).toBeLessThan(40);
    expect(drawFaults(1, 'box_7', { compressorPerDay: 0.5, batteryPerDay: 0.5 })).toEqual(drawFaults(1, 'box_7', { compressorPerDay: 0.5, batteryPerDay: 0.5 }));
    expect(drawFaults(1, 'box_7', { compressorPerDay: 0, batteryPerDay: 0 })).toEqual({ compressorFailsAtMs: null, batteryDiesAtMs: null });
  });
  it('pre-cool ends with the last `minutes` minutes in range', () => {
    const r = precoolReadings(10_000_000, 35, 20);
    expect(r.at(-1)!.ts).toBe(10_000_000);
    expect(r[0].t).toBeGreaterThan(8);
    expect(r.slice(-36).every((x) => x.t >= 2 && x.t <= 8)).toBe(true);
    expect(DEFAULT_THERMAL.setPointC).toBe(5);
  });
});

describe('motion along the road', () => {
  const line: LngLat[] = [[113.32, 23.13], [113.33, 23.13], [113.33, 23.14]];
  it('walks the line by distance and stops at its end', () => {
    const len = lineLengthM(line);
    expect(len).toBeGreaterThan(2000);
    expect(along(line, 0).at).toEqual(line[0]);
    const mid = along(line, haversineM(line[0], line[1]) + 100);
    expect(mid.at[0]).toBeCloseTo(113.33, 5);
    expect(mid.at[1]).toBeGreaterThan(23.13);
    expect(mid.headingDeg).toBe(0);
    expect(along(line, 1e9).at).toEqual(line[2]);
  });
  it('adds a few metres of GPS noise', () => {
    const rng = new Rng(3);
    const fixes = Array.from({ length: 200 }, () => gpsFix(rng, line[0], 5));
    const d = fixes.map((f) => haversineM(line[0], [f.lng, f.lat]));
    expect(Math.max(...d)).toBeLessThan(40);
    expect(d.reduce((a, b) => a + b, 0) / d.length).toBeGreaterThan(2);
  });
});
