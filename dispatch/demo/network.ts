/**
 * Seeded, deterministic demo network (pure data, no database): one central
 * warehouse, forward warehouses, partner pharmacy stores, a SKU catalogue,
 * FEFO stock lots, riders and cold boxes inside a bounding box (default:
 * Guangzhou Tianhe). Same options → identical output, so tests, the
 * simulator and screenshots agree. `sim/` loads this through the public API.
 *
 * Dates are derived from `asOf` (never the wall clock). Coordinates are
 * WGS-84 and uniformly spread; they are not snapped to roads.
 */
import { OpeningHoursSchema, type OpeningHours, type OpeningHoursInput, type WeekdayKey } from '../domain/opening-hours';
import type { ColdClass, FacilityTier, TemperatureClass } from '../domain/sourcing';
import { addDays, localDateOf } from '../domain/zoned-time';
import {
  AMBIENT_OTC,
  AMBIENT_RX,
  AREAS,
  BRAND_SYLLABLES,
  CHAINS,
  CHILLED_OTC,
  CHILLED_RX,
  FORMS,
  FROZEN_RX,
  GIVEN_NAMES,
  MANUFACTURERS,
  ROADS,
  SURNAMES,
  type FormInfo,
  type GenericDrug,
} from './catalogue-data';
import { Rng } from './prng';
import { formatId } from '../../platform/ids';

export interface BoundingBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** Tianhe district, Guangzhou: 23.10–23.16 N, 113.28–113.36 E. */
export const TIANHE_BBOX: BoundingBox = { south: 23.1, west: 113.28, north: 23.16, east: 113.36 };

export interface DemoNetworkOptions {
  /** Default `'coldchain-demo'`. */
  seed?: string | number;
  /** Default {@link TIANHE_BBOX}. */
  bbox?: BoundingBox;
  /** Reference instant for expiry and calibration dates. Default 2026-12-01T00:00+08:00 (fixed, for determinism). */
  asOf?: Date;
  /** IANA zone of the facilities. Default Asia/Shanghai. */
  timeZone?: string;
  forwardWarehouses?: number; // default 6
  stores?: number; // default 40
  skus?: number; // default 2000
  riders?: number; // default 150
  boxes?: number; // default 200
  /** SKUs carried per forward warehouse. Default 700. */
  skusPerForward?: number;
  /** SKUs carried per store (from the classes it can store). Default 220. */
  skusPerStore?: number;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface DemoFacility {
  id: string;
  tier: FacilityTier;
  name: Bilingual;
  /** Chain for partner stores; null for own warehouses. */
  chain: string | null;
  address: string;
  location: { lat: number; lng: number };
  serviceRadiusKm: number;
  /** Validated config (defaults filled); see dispatch/domain/opening-hours.ts. */
  openingHours: OpeningHours;
  coldCapabilities: TemperatureClass[];
}

export interface DemoSku {
  id: string;
  genericName: Bilingual;
  brandName: Bilingual;
  manufacturer: Bilingual;
  strength: string;
  packSize: number;
  packLabel: Bilingual;
  /** Selling unit (盒 / 支 / 瓶). */
  unit: Bilingual;
  temperatureClass: TemperatureClass;
  /** Prescription-only (处方药). */
  rx: boolean;
  /** Space one selling unit takes in a cold-box compartment, in capacity units. */
  volumeUnits: number;
}

export interface DemoLot {
  id: string;
  facilityId: string;
  skuId: string;
  /** Manufacturer's batch number as printed on the pack. */
  lotNumber: string;
  expiresOn: string;
  available: number;
}

export type VehicleType = 'e_bike' | 'scooter' | 'car';

export interface DemoRider {
  id: string;
  name: string;
  homeFacilityId: string;
  vehicle: VehicleType;
  /** Multiplier on the routing engine's car travel speed (e-bikes are slower in traffic-free streets, cars in jams). */
  speedFactor: number;
  shift: { days: WeekdayKey[]; start: string; end: string };
}

export interface DemoBoxCompartment {
  temperatureClass: ColdClass;
  capacityUnits: number;
}

export interface DemoBox {
  id: string;
  kind: 'passive' | 'active';
  model: string;
  homeFacilityId: string;
  compartments: DemoBoxCompartment[];
  /** Validated hold time per season, minutes (WHO TRS 961 Supp. 14: qualify per season). */
  holdoverMinutes: { summer: number; winter: number };
  calibrationDueOn: string;
  /** Logger battery (passive) or cooling battery (active), percent. */
  batteryPct: number;
}

export interface DemoNetwork {
  seed: string;
  asOf: string;
  bbox: BoundingBox;
  facilities: DemoFacility[];
  skus: DemoSku[];
  lots: DemoLot[];
  riders: DemoRider[];
  boxes: DemoBox[];
  counts: Record<'facilities' | 'skus' | 'lots' | 'riders' | 'boxes', number>;
}

const ALL_DAYS: WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DEFAULT_AS_OF = new Date('2026-12-01T00:00:00+08:00');

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function everyDay(intervals: { open: string; close: string }[]): OpeningHoursInput['weekly'] {
  return Object.fromEntries(ALL_DAYS.map((d) => [d, intervals]));
}

/** Upcoming public holidays (Spring Festival 2027 starts 6 Feb; National Day 1 Oct). */
const HOLIDAYS = { springFestivalEve: '2027-02-05', springFestival: '2027-02-06', nationalDay: '2027-10-01' };

function storeHours(kind: number, timeZone: string, closesForNewYear: boolean): OpeningHours {
  const exceptions: NonNullable<OpeningHoursInput['exceptions']> = closesForNewYear
    ? [
        { date: HOLIDAYS.springFestivalEve, intervals: [{ open: '09:00', close: '16:00' }], note: '除夕' },
        { date: HOLIDAYS.springFestival, closed: true, note: '春节' },
      ]
    : [];
  let input: OpeningHoursInput;
  switch (kind) {
    case 0:
      input = { timeZone, alwaysOpen: true, exceptions };
      break;
    case 1:
      input = { timeZone, weekly: everyDay([{ open: '08:00', close: '22:00' }]), exceptions };
      break;
    case 2: {
      const weekday = [{ open: '08:30', close: '12:00' }, { open: '13:30', close: '21:30' }];
      const weekend = [{ open: '09:00', close: '21:00' }];
      input = {
        timeZone,
        weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: weekend, sun: weekend },
        exceptions,
      };
      break;
    }
    default:
      input = { timeZone, weekly: everyDay([{ open: '07:30', close: '02:00' }]), exceptions };
  }
  return OpeningHoursSchema.parse(input);
}

function brand(rng: Rng): Bilingual {
  const a = rng.pick(BRAND_SYLLABLES);
  let b = rng.pick(BRAND_SYLLABLES);
  while (b === a) b = rng.pick(BRAND_SYLLABLES);
  return { zh: a[0] + b[0], en: a[1] + b[1].toLowerCase() };
}

function productName(gd: GenericDrug): Bilingual {
  const form = FORMS[gd.form];
  if (gd.complete || gd.form === 'device') return { zh: gd.zh, en: gd.en };
  return { zh: gd.zh + form.nameZh, en: `${gd.en} ${form.nameEn}` };
}

function packLabel(strength: string, packSize: number, form: FormInfo): Bilingual {
  // "standard" = no meaningful strength (devices, compound preparations).
  const zhStrength = strength === 'standard' ? '' : `${strength}×`;
  const enStrength = strength === 'standard' ? '' : `${strength} × `;
  const countEn = packSize === 1 ? form.countEn.replace(/s$/, '') : form.countEn;
  return {
    zh: `${zhStrength}${packSize}${form.countZh}/${form.unitZh}`,
    en: `${enStrength}${packSize} ${countEn} per ${form.unitEn}`,
  };
}

function buildSkus(rng: Rng, n: number): DemoSku[] {
  // Exact class and Rx counts (shuffled), so shares are what the brief asks for
  // rather than approximately so: 15 % chilled, 2 % frozen, 35 % Rx.
  const frozen = Math.round(n * 0.02);
  const chilled = Math.round(n * 0.15);
  const rxTotal = Math.round(n * 0.35);
  const chilledRx = Math.min(chilled, Math.round(chilled * 0.8));
  const ambientRx = Math.max(0, rxTotal - frozen - chilledRx);
  const ambient = n - frozen - chilled;
  const plan: [TemperatureClass, boolean][] = [
    ...Array.from({ length: frozen }, (): [TemperatureClass, boolean] => ['frozen', true]),
    ...Array.from({ length: chilledRx }, (): [TemperatureClass, boolean] => ['chilled', true]),
    ...Array.from({ length: chilled - chilledRx }, (): [TemperatureClass, boolean] => ['chilled', false]),
    ...Array.from({ length: ambientRx }, (): [TemperatureClass, boolean] => ['ambient', true]),
    ...Array.from({ length: ambient - ambientRx }, (): [TemperatureClass, boolean] => ['ambient', false]),
  ];
  const pools: Record<string, readonly GenericDrug[]> = {
    'frozen:true': FROZEN_RX,
    'chilled:true': CHILLED_RX,
    'chilled:false': CHILLED_OTC,
    'ambient:true': AMBIENT_RX,
    'ambient:false': AMBIENT_OTC,
  };
  const seen = new Set<string>();
  return rng.shuffle(plan).map(([temperatureClass, rx], i) => {
    const pool = pools[`${temperatureClass}:${rx}`];
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const gd = rng.pick(pool);
      const form = FORMS[gd.form];
      const strength = rng.pick(gd.strengths);
      const packSize = rng.pick(form.packs);
      const mfr = rng.pick(MANUFACTURERS);
      const key = `${gd.en}|${strength}|${packSize}|${mfr[1]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      return {
        id: formatId('sku', pad(i + 1, 5)),
        genericName: productName(gd),
        brandName: brand(rng),
        manufacturer: { zh: mfr[0], en: mfr[1] },
        strength,
        packSize,
        packLabel: packLabel(strength, packSize, form),
        unit: { zh: form.unitZh, en: form.unitEn },
        temperatureClass,
        rx,
        volumeUnits: rng.pick(form.volumeUnits),
      };
    }
    throw new RangeError(`cannot make ${n} distinct SKUs from the word lists`);
  });
}

function pointIn(rng: Rng, b: BoundingBox, cell?: { col: number; cols: number; row: number; rows: number }) {
  if (!cell) return { lat: round6(rng.float(b.south, b.north)), lng: round6(rng.float(b.west, b.east)) };
  const h = (b.north - b.south) / cell.rows;
  const w = (b.east - b.west) / cell.cols;
  // Middle 60 % of the cell, so forward warehouses spread over the area.
  return {
    lat: round6(b.south + h * (cell.row + rng.float(0.2, 0.8))),
    lng: round6(b.west + w * (cell.col + rng.float(0.2, 0.8))),
  };
}

function address(rng: Rng): string {
  return `广州市天河区${rng.pick(ROADS)}${rng.int(1, 999)}号`;
}

/**
 * Generates the demo network. With the defaults: 47 facilities, 2,000 SKUs,
 * ~23,000 stock lots (central carries everything; forward warehouses 700 SKUs,
 * stores 220 SKUs each, 1–3 lots per SKU), 150 riders and 200 cold boxes.
 */
export function generateDemoNetwork(options: DemoNetworkOptions = {}): DemoNetwork {
  const seed = String(options.seed ?? 'coldchain-demo');
  const bbox = options.bbox ?? TIANHE_BBOX;
  if (!(bbox.south < bbox.north && bbox.west < bbox.east)) throw new RangeError('bbox must have south < north and west < east');
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const today = localDateOf(asOf, timeZone);
  const nForward = options.forwardWarehouses ?? 6;
  const nStores = options.stores ?? 40;
  const nSkus = options.skus ?? 2000;
  const nRiders = options.riders ?? 150;
  const nBoxes = options.boxes ?? 200;
  const perForward = options.skusPerForward ?? 700;
  const perStore = options.skusPerStore ?? 220;

  // Independent streams per part: changing how riders are drawn does not
  // reshuffle the catalogue.
  const rng = (part: string) => new Rng(`${seed}/${part}`);

  const skus = buildSkus(rng('skus'), nSkus);

  // --- facilities
  const fr = rng('facilities');
  const facilities: DemoFacility[] = [];
  facilities.push({
    id: formatId('fac', 'cw01'),
    tier: 'central',
    name: { zh: '华南中心仓', en: 'South China Central Warehouse' },
    chain: null,
    address: address(fr),
    location: pointIn(fr, bbox),
    serviceRadiusKm: 300,
    openingHours: OpeningHoursSchema.parse({ timeZone, weekly: everyDay([{ open: '06:00', close: '23:00' }]) }),
    coldCapabilities: ['ambient', 'chilled', 'frozen'],
  });
  const cols = Math.ceil(Math.sqrt(nForward * 1.5));
  const rows = Math.ceil(nForward / cols);
  for (let i = 0; i < nForward; i++) {
    const area = AREAS[(i * 5) % AREAS.length];
    facilities.push({
      id: formatId('fac', `fw${pad(i + 1, 2)}`),
      tier: 'forward',
      name: { zh: `${area[0]}前置仓`, en: `${area[1]} Forward Warehouse` },
      chain: null,
      address: address(fr),
      location: pointIn(fr, bbox, { col: i % cols, cols, row: Math.floor(i / cols) % rows, rows }),
      serviceRadiusKm: fr.pick([3, 4, 5]),
      openingHours: OpeningHoursSchema.parse({ timeZone, alwaysOpen: true }),
      coldCapabilities: ['ambient', 'chilled', 'frozen'],
    });
  }
  // Store capabilities: ~10 % also frozen, ~5 % ambient only, the rest ambient + chilled.
  const nFrozen = Math.max(1, Math.round(nStores * 0.1));
  const nAmbientOnly = Math.round(nStores * 0.05);
  const caps = fr.shuffle(
    Array.from({ length: nStores }, (_, i): TemperatureClass[] =>
      i < nFrozen ? ['ambient', 'chilled', 'frozen'] : i < nFrozen + nAmbientOnly ? ['ambient'] : ['ambient', 'chilled'],
    ),
  );
  // Hours: 15 % 24 h, 50 % 08–22, 20 % with lunch break, 15 % overnight to 02:00.
  const hourKinds = fr.shuffle(
    Array.from({ length: nStores }, (_, i) => (i < nStores * 0.15 ? 0 : i < nStores * 0.65 ? 1 : i < nStores * 0.85 ? 2 : 3)),
  );
  const usedNames = new Set<string>();
  for (let i = 0; i < nStores; i++) {
    let chain = fr.pick(CHAINS);
    let area = fr.pick(AREAS);
    for (let tries = 0; usedNames.has(chain[0] + area[0]) && tries < 100; tries++) {
      chain = fr.pick(CHAINS);
      area = fr.pick(AREAS);
    }
    const suffix = usedNames.has(chain[0] + area[0]) ? `${i + 1}` : '';
    usedNames.add(chain[0] + area[0]);
    facilities.push({
      id: formatId('fac', `st${pad(i + 1, 3)}`),
      tier: 'store',
      name: { zh: `${chain[0]}（${area[0]}${suffix}店）`, en: `${chain[1]} (${area[1]}${suffix ? ` ${suffix}` : ''})` },
      chain: chain[1],
      address: address(fr),
      location: pointIn(fr, bbox),
      serviceRadiusKm: 8,
      openingHours: storeHours(hourKinds[i], timeZone, fr.chance(0.3)),
      coldCapabilities: caps[i],
    });
  }

  // --- stock lots
  const sr = rng('stock');
  const lots: DemoLot[] = [];
  const expiry = () => {
    // 1 % already expired, 6 % within 45 days, the rest spread over two years.
    const r = sr.next();
    const days = r < 0.01 ? sr.int(-30, -1) : r < 0.07 ? sr.int(0, 45) : sr.int(46, 730);
    return addDays(today, days);
  };
  const stockFacility = (f: DemoFacility, carried: DemoSku[], lotsMax: number, qty: [number, number]) => {
    for (const sku of carried) {
      const k = sr.int(1, lotsMax);
      for (let j = 0; j < k; j++) {
        const exp = expiry();
        lots.push({
          id: formatId('lot', pad(lots.length + 1, 6)),
          facilityId: f.id,
          skuId: sku.id,
          lotNumber: `${exp.slice(2, 4)}${exp.slice(5, 7)}${pad(sr.int(0, 99999), 5)}`,
          expiresOn: exp,
          // ~5 % of store lots are sold out (row kept: it still exists on the shelf system).
          available: f.tier === 'store' && sr.chance(0.05) ? 0 : sr.int(qty[0], qty[1]),
        });
      }
    }
  };
  for (const f of facilities) {
    const eligible = skus.filter((s) => f.coldCapabilities.includes(s.temperatureClass));
    if (f.tier === 'central') stockFacility(f, eligible, 3, [100, 2000]);
    else if (f.tier === 'forward') stockFacility(f, sortById(sr.sample(eligible, perForward)), 2, [10, 300]);
    else stockFacility(f, sortById(sr.sample(eligible, perStore)), 2, [1, 40]);
  }

  // --- riders: 60 % at forward warehouses, 40 % at stores with cold capability.
  const rr = rng('riders');
  const forwardIds = facilities.filter((f) => f.tier === 'forward').map((f) => f.id);
  const coldStoreIds = facilities.filter((f) => f.tier === 'store' && f.coldCapabilities.includes('chilled')).map((f) => f.id);
  const shifts = [
    { start: '07:00', end: '15:00' },
    { start: '10:00', end: '18:00' },
    { start: '11:00', end: '20:00' },
    { start: '15:00', end: '23:00' },
    { start: '22:00', end: '06:00' },
  ];
  const riders: DemoRider[] = Array.from({ length: nRiders }, (_, i) => {
    const vehicle = rr.weighted<VehicleType>([
      ['e_bike', 0.7],
      ['scooter', 0.2],
      ['car', 0.1],
    ]);
    const offDay = rr.int(0, 6);
    const home = rr.chance(0.6) || coldStoreIds.length === 0 ? rr.pick(forwardIds) : rr.pick(coldStoreIds);
    return {
      id: formatId('rdr', pad(i + 1, 3)),
      name: rr.pick(SURNAMES) + rr.pick(GIVEN_NAMES),
      homeFacilityId: home,
      vehicle,
      speedFactor: vehicle === 'e_bike' ? 0.55 : vehicle === 'scooter' ? 0.7 : 0.9,
      // Two consecutive days off per week.
      shift: { days: ALL_DAYS.filter((_, d) => d !== offDay && d !== (offDay + 1) % 7), ...rr.pick(shifts) },
    };
  });

  // --- boxes
  const br = rng('boxes');
  const boxHomes = [...forwardIds, ...forwardIds, ...coldStoreIds, formatId('fac', 'cw01')];
  // Exact calibration mix: 5 overdue, 12 due within 30 days, the rest later.
  const nOverdue = Math.min(nBoxes, 5);
  const nDueSoon = Math.min(nBoxes - nOverdue, 12);
  const calib = br.shuffle(
    Array.from({ length: nBoxes }, (_, i) => (i < nOverdue ? 'overdue' : i < nOverdue + nDueSoon ? 'soon' : 'later')),
  );
  const boxes: DemoBox[] = Array.from({ length: nBoxes }, (_, i) => {
    const active = br.chance(0.3);
    let compartments: DemoBoxCompartment[];
    let holdoverMinutes: DemoBox['holdoverMinutes'];
    let model: string;
    if (active) {
      const dual = br.chance(0.5);
      compartments = dual
        ? [
            { temperatureClass: 'chilled', capacityUnits: br.int(10, 20) },
            { temperatureClass: 'frozen', capacityUnits: br.int(4, 8) },
          ]
        : [{ temperatureClass: 'chilled', capacityUnits: br.int(12, 24) }];
      holdoverMinutes = { summer: br.int(600, 900), winter: br.int(900, 1440) };
      model = dual ? 'ACB-D20 active dual-zone' : 'ACB-24 active';
    } else if (br.chance(0.1)) {
      compartments = [{ temperatureClass: 'frozen', capacityUnits: br.int(4, 8) }];
      holdoverMinutes = { summer: br.int(240, 360), winter: br.int(480, 720) };
      model = 'PCB-F8 dry-ice';
    } else {
      compartments = [{ temperatureClass: 'chilled', capacityUnits: br.int(6, 12) }];
      holdoverMinutes = { summer: br.int(180, 300), winter: br.int(360, 600) };
      model = 'PCB-12 passive';
    }
    const c = calib[i];
    const dueIn = c === 'overdue' ? br.int(-60, -1) : c === 'soon' ? br.int(0, 30) : br.int(31, 365);
    return {
      id: formatId('box', pad(i + 1, 4)),
      kind: active ? 'active' : 'passive',
      model,
      homeFacilityId: br.pick(boxHomes),
      compartments,
      holdoverMinutes,
      calibrationDueOn: addDays(today, dueIn),
      batteryPct: active ? br.int(15, 100) : br.int(40, 100),
    };
  });

  return {
    seed,
    asOf: asOf.toISOString(),
    bbox,
    facilities,
    skus,
    lots,
    riders,
    boxes,
    counts: {
      facilities: facilities.length,
      skus: skus.length,
      lots: lots.length,
      riders: riders.length,
      boxes: boxes.length,
    },
  };
}

function sortById<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
