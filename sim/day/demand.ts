/**
 * The day's orders, pure and deterministic from a seed: when they arrive (pharmacy O2O's shape:
 * a morning and an evening peak, about a third at night), what they are (instant, scheduled,
 * recurring chronic refills, store pickup; Rx; cold) and where the customer is (inside a
 * facility's service area). The runner turns each into a POST /orders.
 */
import { Rng } from './rng';

/**
 * Relative orders per local hour 0–23. Night (20:00–08:00) holds ~34 % of them: evening orders
 * run late and the overnight tail is small but never empty (seed documents: ~35 % at night).
 */
export const HOURLY_WEIGHTS: readonly number[] = [
  2.5, 1.8, 1.0, 0.8, 0.7, 0.8, 1.5, 3.5, // 00–07
  4.5, 6.0, 6.5, 6.0, 5.0, 4.5, 4.5, 4.8, // 08–15
  5.2, 5.8, 6.5, 7.0, 6.5, 6.5, 5.0, 4.0, // 16–23
];
/** Night for the share above: 20:00 to 08:00 local. */
export const isNightHour = (h: number): boolean => h >= 20 || h < 8;

export type OrderMode = 'instant' | 'scheduled' | 'recurring' | 'pickup';

export interface CityFacility {
  id: string;
  tier: 'central' | 'forward' | 'store';
  location: { lat: number; lng: number };
  /** How far from it customers are placed, metres (inside its service area). */
  radiusM: number;
  /** SKUs it stocks, by class: the day orders what the city can serve. */
  skus: Array<{ id: string; cold: boolean; rx: boolean }>;
}

export interface DayOptions {
  /** Orders over 24 hours; default 2,000 (about 1.4 a minute, 3 a minute at the evening peak). */
  ordersPerDay?: number;
  /** Share of orders with a cold (2–8 °C) line; default 0.25. */
  coldShare?: number;
  /** Share of Rx orders (they wait for a pharmacist's review); default 0.15. */
  rxShare?: number;
  /** Mode mix (normalised); default instant 0.72, scheduled 0.10, recurring 0.05, pickup 0.13. */
  modeMix?: Partial<Record<OrderMode, number>>;
  /** Share of deliveries where nobody opens the door; default 0.03. */
  absentShare?: number;
  /** Customers at most this far from their facility, metres; default each facility's radiusM. */
  maxCustomerDistanceM?: number;
}

export interface PlannedOrder {
  /** Index in the day, 0-based, in time order. */
  n: number;
  /** Milliseconds after local midnight. */
  atMs: number;
  mode: OrderMode;
  facilityId: string;
  skuId: string;
  quantity: number;
  cold: boolean;
  rx: boolean;
  customer: { name: string; phone: string; address: string; location: { lat: number; lng: number } };
  /** The customer will not be home: the rider fails the delivery and returns. */
  absent: boolean;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明'];
const ROADS = ['天河路', '体育西路', '天河北路', '林和西路', '黄埔大道', '中山大道', '五山路', '龙口西路', '华穗路', '花城大道'];
const DEFAULT_MIX: Record<OrderMode, number> = { instant: 0.72, scheduled: 0.1, recurring: 0.05, pickup: 0.13 };
const M_PER_DEG_LAT = 111_320;
const HOUR_MS = 3_600_000;

/** A point `distanceM` from `c` on bearing `bearingRad` (equirectangular: fine within a city). */
export function offset(c: { lat: number; lng: number }, distanceM: number, bearingRad: number): { lat: number; lng: number } {
  const dLat = (distanceM * Math.cos(bearingRad)) / M_PER_DEG_LAT;
  const dLng = (distanceM * Math.sin(bearingRad)) / (M_PER_DEG_LAT * Math.cos((c.lat * Math.PI) / 180));
  return { lat: Math.round((c.lat + dLat) * 1e6) / 1e6, lng: Math.round((c.lng + dLng) * 1e6) / 1e6 };
}

/** The day's orders in time order. Facilities that deliver (forward, store) receive them; pickup only at stores. */
export function planOrders(seed: string | number, city: CityFacility[], o: DayOptions = {}): PlannedOrder[] {
  const rng = new Rng(`${seed}/orders`);
  const total = Math.max(0, Math.round(o.ordersPerDay ?? 2000));
  const coldShare = o.coldShare ?? 0.25, rxShare = o.rxShare ?? 0.15, absentShare = o.absentShare ?? 0.03;
  const mix = { ...DEFAULT_MIX, ...o.modeMix };
  const modes = Object.keys(mix) as OrderMode[];
  const delivering = city.filter((f) => f.tier !== 'central' && f.skus.length > 0);
  if (!delivering.length) throw new Error('no facility delivers: a forward warehouse or store with stock is needed');
  const stores = delivering.filter((f) => f.tier === 'store');
  const times: number[] = [];
  for (let i = 0; i < total; i++) {
    const h = rng.weighted(HOURLY_WEIGHTS);
    times.push(h * HOUR_MS + Math.floor(rng.next() * HOUR_MS));
  }
  times.sort((a, b) => a - b);
  return times.map((atMs, n) => {
    let mode = modes[rng.weighted(modes.map((m) => mix[m]))];
    if (mode === 'pickup' && !stores.length) mode = 'instant';
    const f = mode === 'pickup' ? rng.pick(stores) : rng.pick(delivering);
    const wantCold = rng.chance(coldShare), wantRx = rng.chance(rxShare);
    // The closest SKU to what was drawn that the facility stocks.
    const fits = (s: CityFacility['skus'][number]) => s.cold === wantCold && s.rx === wantRx;
    const pool = f.skus.filter(fits).length ? f.skus.filter(fits) : f.skus.filter((s) => s.cold === wantCold).length ? f.skus.filter((s) => s.cold === wantCold) : f.skus;
    const sku = rng.pick(pool);
    const r = Math.min(f.radiusM, o.maxCustomerDistanceM ?? Infinity) * Math.sqrt(0.05 + 0.95 * rng.next());
    const location = offset(f.location, r, rng.next() * 2 * Math.PI);
    const phone = `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    return {
      n, atMs, mode, facilityId: f.id, skuId: sku.id, quantity: rng.chance(0.8) ? 1 : 2, cold: sku.cold, rx: sku.rx,
      customer: { name: rng.pick(SURNAMES) + rng.pick(GIVEN), phone, address: `天河区${rng.pick(ROADS)}${rng.int(1, 999)}号`, location },
      absent: mode !== 'pickup' && rng.chance(absentShare),
    };
  });
}

/** Orders per local hour, for tests and the report. */
export function perHour(orders: PlannedOrder[]): number[] {
  const h = new Array<number>(24).fill(0);
  for (const x of orders) h[Math.floor(x.atMs / HOUR_MS) % 24]++;
  return h;
}
