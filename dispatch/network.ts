/**
 * The facility network and fleet: facilities (with their geo service area), SKUs, stock lots,
 * riders and cold boxes. Data access only; HTTP is in http.ts.
 */
import type { BoxState } from './box-lifecycle/machine';
import { z } from 'zod';
import type { Queryable } from '../platform/db/pool';
import { AppError } from '../platform/errors';
import { newId } from '../platform/ids';
import { schemas } from '../platform/http/route';
import { OpeningHoursSchema, type OpeningHours } from './domain/opening-hours';
import { latLngInputSchema, upsertServiceArea } from '../geo';
import { fleetChanged } from './fleet-snapshot';
import { localDateOf } from './domain/zoned-time';
import { DEFAULT_DEVICE_MODEL, assertPairable, declareCalibration, getDeviceModel, gspAccuracy } from './devices';

export const TEMPERATURE_CLASSES = ['ambient', 'chilled', 'frozen'] as const;
export type TemperatureClass = (typeof TEMPERATURE_CLASSES)[number];
export const TIERS = ['central', 'forward', 'store'] as const;

/** Default service area by tier (issue: central 300 km, forward 3–5 km, store ~30 min drive). */
export const DEFAULT_AREA: Record<(typeof TIERS)[number], { kind: 'radius'; radiusM: number } | { kind: 'isochrone'; driveMinutes: number }> = {
  central: { kind: 'radius', radiusM: 300_000 },
  forward: { kind: 'radius', radiusM: 5_000 },
  store: { kind: 'isochrone', driveMinutes: 30 },
};

export const FacilityInput = z.object({
  id: schemas.id('fac').optional(),
  name: z.string().trim().min(1).max(100),
  tier: z.enum(TIERS),
  location: latLngInputSchema,
  address: z.string().trim().max(200).default(''),
  timeZone: z.string().max(64).default('Asia/Shanghai'),
  openingHours: OpeningHoursSchema,
  coldCapabilities: z.array(z.enum(TEMPERATURE_CLASSES)).min(1),
  riderCap: z.int().min(0).max(10_000).default(10),
  handlingSeconds: z.int().min(0).max(7200).default(600),
  serviceArea: z.union([
    z.object({ kind: z.literal('radius'), radiusM: z.number().positive().max(1_000_000) }).strict(),
    z.object({ kind: z.literal('isochrone'), driveMinutes: z.number().positive().max(240) }).strict(),
  ]).optional(),
}).strict();
export type FacilityInput = z.infer<typeof FacilityInput>;

export interface Facility {
  id: string; name: string; tier: (typeof TIERS)[number]; location: { lat: number; lng: number }; address: string;
  timeZone: string; openingHours: OpeningHours; coldCapabilities: TemperatureClass[]; riderCap: number; handlingSeconds: number; active: boolean;
}

const facilityFrom = (r: Record<string, any>): Facility => ({
  id: r.id, name: r.name, tier: r.tier, location: { lat: r.lat, lng: r.lng }, address: r.address, timeZone: r.time_zone,
  openingHours: r.opening_hours, coldCapabilities: r.cold_capabilities, riderCap: r.rider_cap, handlingSeconds: r.handling_seconds, active: r.active,
});

const FACILITY_COLS = `id, name, tier, ST_Y(location) AS lat, ST_X(location) AS lng, address, time_zone, opening_hours, cold_capabilities, rider_cap, handling_seconds, active`;

export async function createFacility(q: Queryable, input: FacilityInput, opts: { isochroneFallback?: boolean } = {}): Promise<Facility> {
  const p = input.location; // already WGS-84: the schema converts GCJ-02/BD-09
  const id = input.id ?? newId('fac');
  // Normalised (defaults filled) whether or not the caller went through FacilityInput.
  const hours = OpeningHoursSchema.parse(input.openingHours);
  const { rows } = await q.query(
    `INSERT INTO dispatch.facilities (id, name, tier, location, address, time_zone, opening_hours, cold_capabilities, rider_cap, handling_seconds)
     VALUES ($1,$2,$3, ST_SetSRID(ST_MakePoint($4,$5),4326), $6,$7,$8,$9,$10,$11) RETURNING ${FACILITY_COLS}`,
    [id, input.name, input.tier, p.lng, p.lat, input.address, input.timeZone, JSON.stringify(hours), input.coldCapabilities, input.riderCap, input.handlingSeconds]);
  const area = input.serviceArea ?? DEFAULT_AREA[input.tier];
  try {
    await upsertServiceArea(q, id, p, area);
  } catch (e) {
    // An isochrone needs a road network; without one (or off the network) fall back to a
    // radius of the same order (30 min at ~20 km/h ≈ 10 km) only when asked to.
    if (area.kind === 'isochrone' && opts.isochroneFallback) await upsertServiceArea(q, id, p, { kind: 'radius', radiusM: area.driveMinutes * 333 });
    else throw e;
  }
  facilityCache.delete(id);
  return facilityFrom(rows[0]);
}

/**
 * Facilities change rarely and every order reads dozens of them: a short per-process cache.
 * Another process's change shows here within FACILITY_CACHE_MS; stock, boxes and riders are
 * never cached (they are read fresh for every decision).
 */
const FACILITY_CACHE_MS = 5000;
const facilityCache = new Map<string, { f: Facility; at: number }>();

export async function getFacilitiesCached(q: Queryable, ids: string[]): Promise<Facility[]> {
  const now = Date.now();
  const missing = ids.filter((id) => { const e = facilityCache.get(id); return !e || now - e.at > FACILITY_CACHE_MS; });
  if (missing.length) for (const f of await getFacilities(q, missing)) facilityCache.set(f.id, { f, at: now });
  return ids.map((id) => facilityCache.get(id)?.f).filter((f): f is Facility => !!f);
}

export async function getFacilities(q: Queryable, ids?: string[]): Promise<Facility[]> {
  const { rows } = await q.query(`SELECT ${FACILITY_COLS} FROM dispatch.facilities ${ids ? 'WHERE id = ANY($1)' : ''} ORDER BY id`, ids ? [ids] : []);
  return rows.map(facilityFrom);
}

export const SkuInput = z.object({
  id: schemas.id('sku').optional(),
  name: z.string().trim().min(1).max(200),
  genericName: z.string().trim().min(1).max(200),
  temperatureClass: z.enum(TEMPERATURE_CLASSES),
  rx: z.boolean().default(false),
  stabilityProfile: z.string().trim().min(1).max(60).optional(),
  stabilityBudgetMin: z.int().min(0).max(100_000).nullable().optional(),
  volumeUnits: z.int().min(1).max(1000).default(1),
}).strict();
export type SkuInput = z.infer<typeof SkuInput>;

export interface Sku { id: string; name: string; genericName: string; temperatureClass: TemperatureClass; rx: boolean; stabilityProfile: string; stabilityBudgetMin: number | null; volumeUnits: number }
const skuFrom = (r: Record<string, any>): Sku => ({ id: r.id, name: r.name, genericName: r.generic_name, temperatureClass: r.temperature_class, rx: r.rx, stabilityProfile: r.stability_profile, stabilityBudgetMin: r.stability_budget_min, volumeUnits: r.volume_units });

export async function createSku(q: Queryable, s: SkuInput): Promise<Sku> {
  const { rows } = await q.query(
    `INSERT INTO dispatch.skus (id, name, generic_name, temperature_class, rx, stability_profile, stability_budget_min, volume_units)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *`,
    [s.id ?? newId('sku'), s.name, s.genericName, s.temperatureClass, s.rx, s.stabilityProfile ?? s.temperatureClass, s.stabilityBudgetMin ?? null, s.volumeUnits]);
  return skuFrom(rows[0]);
}

/** SKUs by id, or whose name or generic name contains `text` (any case), ordered by id. */
export async function searchSkus(q: Queryable, by: { text?: string; limit: number }): Promise<Sku[]> {
  const { rows } = await q.query(
    `SELECT id, name, generic_name, temperature_class, rx, stability_profile, stability_budget_min, volume_units FROM dispatch.skus
      ${by.text ? 'WHERE name ILIKE $2 OR generic_name ILIKE $2 OR id = $3' : ''} ORDER BY id LIMIT $1`,
    by.text ? [by.limit, `%${by.text.replace(/[%_]/g, '')}%`, by.text] : [by.limit]);
  return rows.map(skuFrom);
}

export async function getSkus(q: Queryable, ids: string[]): Promise<Map<string, Sku>> {
  const { rows } = await q.query('SELECT * FROM dispatch.skus WHERE id = ANY($1)', [ids]);
  return new Map(rows.map((r) => [r.id, skuFrom(r)]));
}

/** SKU master data, cached per process for SKU_CACHE_MS (unknown ids are always re-read). */
const SKU_CACHE_MS = 30_000;
const skuCache = new Map<string, { s: Sku; at: number }>();
export async function getSkusCached(q: Queryable, ids: string[]): Promise<Map<string, Sku>> {
  const now = Date.now();
  const missing = ids.filter((id) => { const e = skuCache.get(id); return !e || now - e.at > SKU_CACHE_MS; });
  if (missing.length) for (const [id, s] of await getSkus(q, missing)) skuCache.set(id, { s, at: now });
  const out = new Map<string, Sku>();
  for (const id of ids) { const e = skuCache.get(id); if (e) out.set(id, e.s); }
  return out;
}

export const LotInput = z.object({
  skuId: schemas.id('sku'),
  lotNumber: z.string().trim().min(1).max(60),
  expiry: z.iso.date(),
  quantity: z.int().min(1).max(1_000_000),
}).strict();

/** Receives stock: a new lot, or more units of an existing lot number. */
export async function receiveLot(q: Queryable, facilityId: string, l: z.infer<typeof LotInput>) {
  const { rows } = await q.query(
    `INSERT INTO dispatch.lots (id, facility_id, sku_id, lot_number, expiry, on_hand) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (facility_id, sku_id, lot_number) DO UPDATE SET on_hand = dispatch.lots.on_hand + EXCLUDED.on_hand
     RETURNING id, sku_id, lot_number, to_char(expiry,'YYYY-MM-DD') AS expiry, on_hand, reserved`,
    [newId('lot'), facilityId, l.skuId, l.lotNumber, l.expiry, l.quantity]);
  const r = rows[0];
  return { id: r.id, skuId: r.sku_id, lotNumber: r.lot_number, expiry: r.expiry, onHand: r.on_hand, reserved: r.reserved };
}

export async function stockOf(q: Queryable, facilityId: string, skuId?: string) {
  const { rows } = await q.query(
    `SELECT id, sku_id, lot_number, to_char(expiry,'YYYY-MM-DD') AS expiry, on_hand, reserved FROM dispatch.lots
      WHERE facility_id = $1 ${skuId ? 'AND sku_id = $2' : ''} ORDER BY sku_id, expiry LIMIT 5000`, skuId ? [facilityId, skuId] : [facilityId]);
  return rows.map((r) => ({ id: r.id, skuId: r.sku_id, lotNumber: r.lot_number, expiry: r.expiry, onHand: r.on_hand, reserved: r.reserved, available: r.on_hand - r.reserved }));
}

export const RiderInput = z.object({
  id: schemas.id('rdr').optional(),
  name: z.string().trim().min(1).max(60),
  homeFacilityId: schemas.id('fac'),
  vehicleType: z.enum(['e_bike', 'scooter', 'car', 'walker']),
  speedFactor: z.number().positive().max(5).default(1),
  shifts: z.array(z.object({ day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) }).strict()).max(50).default([]),
  status: z.enum(['online', 'offline']).default('offline'),
}).strict();

export async function createRider(q: Queryable, r: z.infer<typeof RiderInput>) {
  const { rows } = await q.query(
    `INSERT INTO dispatch.riders (id, name, home_facility_id, vehicle_type, speed_factor, shifts, status) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
    [r.id ?? newId('rdr'), r.name, r.homeFacilityId, r.vehicleType, r.speedFactor, JSON.stringify(r.shifts), r.status]);
  fleetChanged();
  return riderFrom(rows[0]);
}

export async function listRiders(q: Queryable, by: { facilityId?: string; status?: 'online' | 'offline' }) {
  const { rows } = await q.query(
    `SELECT *, ST_Y(last_position) AS last_lat, ST_X(last_position) AS last_lng FROM dispatch.riders
      WHERE ($1::text IS NULL OR home_facility_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY id LIMIT 2000`,
    [by.facilityId ?? null, by.status ?? null]);
  return rows.map((r) => ({
    ...riderFrom(r),
    lastPosition: r.last_lat === null ? null : { lat: r.last_lat as number, lng: r.last_lng as number, at: (r.last_position_at as Date).toISOString() },
  }));
}

/** Sets a rider online or offline (in the caller's transaction); returns the status before and the rider. */
export async function setRiderStatus(c: Queryable, id: string, status: 'online' | 'offline') {
  const { rows } = await c.query('SELECT * FROM dispatch.riders WHERE id = $1 FOR UPDATE', [id]);
  if (!rows[0]) throw new AppError('not_found', 'rider_not_found', `No rider ${id}.`);
  const { rows: up } = await c.query('UPDATE dispatch.riders SET status = $2 WHERE id = $1 RETURNING *', [id, status]);
  return { before: rows[0].status as string, rider: riderFrom(up[0]) };
}

/** The facility a rider works from; null when there is no such rider. */
export async function riderHomeFacility(q: Queryable, id: string): Promise<string | null> {
  const { rows } = await q.query('SELECT home_facility_id FROM dispatch.riders WHERE id = $1', [id]);
  return rows[0]?.home_facility_id ?? null;
}

/** Stores a rider's last position (WGS-84); null when there is no such rider. */
export async function recordRiderPosition(q: Queryable, id: string, at: { lat: number; lng: number }): Promise<{ homeFacilityId: string; at: string } | null> {
  const r = await q.query('UPDATE dispatch.riders SET last_position = ST_SetSRID(ST_MakePoint($2,$3),4326), last_position_at = now() WHERE id = $1 RETURNING home_facility_id, last_position_at', [id, at.lng, at.lat]);
  return r.rows[0] ? { homeFacilityId: r.rows[0].home_facility_id, at: (r.rows[0].last_position_at as Date).toISOString() } : null;
}

export const riderFrom = (r: Record<string, any>) => ({ id: r.id as string, name: r.name as string, homeFacilityId: r.home_facility_id as string, vehicleType: r.vehicle_type as string, speedFactor: r.speed_factor as number, shifts: r.shifts, status: r.status as 'online' | 'offline', active: r.active as boolean });

export const BoxInput = z.object({
  id: schemas.id('box').optional(),
  facilityId: schemas.id('fac'),
  kind: z.enum(['passive', 'active']),
  holdoverMinutes: z.object({ summer: z.int().min(1).max(10_000), winter: z.int().min(1).max(10_000) }).strict(),
  calibrationDue: z.iso.date().meta({ description: 'Due date of the probes\' calibration as stated at registration: kept as a declared certificate (no document) until one is uploaded' }),
  modelId: schemas.id('dm').optional().meta({ description: 'Device model; default dm_default (a GSP-accurate generic logger)' }),
  batteryPct: z.int().min(0).max(100).optional(),
  sampleIntervalS: z.int().min(5).max(3600).default(60),
  probes: z.int().min(1).max(8).default(1),
  compartments: z.array(z.object({ temperatureClass: z.enum(TEMPERATURE_CLASSES), capacityUnits: z.int().min(1).max(10_000) }).strict()).min(1).max(3),
}).strict();

export async function createBox(q: Queryable, b: z.infer<typeof BoxInput>, registeredBy: string | null = null) {
  const id = b.id ?? newId('box');
  const classes = new Set(b.compartments.map((c) => c.temperatureClass));
  if (classes.size !== b.compartments.length) throw new AppError('invalid_input', 'duplicate_compartment', 'Each temperature class may appear once per box.');
  const modelId = b.modelId ?? DEFAULT_DEVICE_MODEL;
  if (!(await getDeviceModel(q, modelId))) throw new AppError('invalid_input', 'device_model_not_found', `No device model ${modelId}; list them with GET /device-models.`);
  await q.query(
    `INSERT INTO dispatch.boxes (id, facility_id, kind, holdover_minutes, calibration_due, battery_pct, sample_interval_s, probes, model_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [id, b.facilityId, b.kind, JSON.stringify(b.holdoverMinutes), b.calibrationDue, b.batteryPct ?? null, b.sampleIntervalS, b.probes, modelId]);
  await declareCalibration(q, id, b.calibrationDue, registeredBy);
  for (const c of b.compartments) {
    await q.query('INSERT INTO dispatch.box_compartments (box_id, temperature_class, capacity_units) VALUES ($1,$2,$3)', [id, c.temperatureClass, c.capacityUnits]);
  }
  fleetChanged();
  return (await getBox(q, id))!;
}

/** Southern-China seasons for holdover: May–October counts as summer. */
export function seasonOf(d: Date, timeZone = 'Asia/Shanghai'): 'summer' | 'winter' {
  const m = Number(new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric' }).format(d));
  return m >= 5 && m <= 10 ? 'summer' : 'winter';
}

export async function getBox(q: Queryable, id: string) {
  const { rows } = await q.query(
    `SELECT b.*, to_char(b.calibration_due,'YYYY-MM-DD') AS due,
            coalesce(json_agg(json_build_object('temperatureClass', c.temperature_class, 'capacityUnits', c.capacity_units)) FILTER (WHERE c.box_id IS NOT NULL), '[]') AS compartments
       FROM dispatch.boxes b LEFT JOIN dispatch.box_compartments c ON c.box_id = b.id WHERE b.id = $1 GROUP BY b.id`, [id]);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id as string, facilityId: r.facility_id as string, kind: r.kind as string, holdoverMinutes: r.holdover_minutes as { summer: number; winter: number },
    modelId: r.model_id as string, calibrationDue: r.due as string, batteryPct: r.battery_pct as number | null, sampleIntervalS: r.sample_interval_s as number, probes: r.probes as number,
    riderId: r.rider_id as string | null, pairedAt: r.paired_at as Date | null, status: r.status as string,
    compartments: r.compartments as Array<{ temperatureClass: TemperatureClass; capacityUnits: number }>,
  };
}

/** Calibration state of a box at a date: overdue boxes are never dispatched (GSP App.3, GDP 9.2). */
export function calibrationState(due: string, today: string, warnDays: number): { state: 'ok' | 'due_soon' | 'overdue'; daysLeft: number } {
  const days = Math.round((Date.parse(due + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86_400_000);
  return { state: days < 0 ? 'overdue' : days <= warnDays ? 'due_soon' : 'ok', daysLeft: days };
}

/** Boxes (of one facility, or all), ordered by id, each with its calibration state on `today`. */
export async function listBoxes(q: Queryable, by: { facilityId?: string; today: string; warnDays: number }) {
  const { rows } = await q.query(
    `SELECT b.id, b.facility_id, b.kind, b.status, b.rider_id, to_char(b.calibration_due,'YYYY-MM-DD') AS due, b.battery_pct, b.lifecycle_state, b.seal_number,
            b.model_id, m.maker || ' ' || m.name AS model_name, m.probe_accuracy,
            (SELECT c.source FROM dispatch.calibration_certificates c WHERE c.box_id = b.id
              ORDER BY c.source = 'documented' DESC, c.calibrated_on DESC NULLS LAST, c.uploaded_at DESC, c.id DESC LIMIT 1) AS cert_source
       FROM dispatch.boxes b JOIN dispatch.device_models m ON m.id = b.model_id
      WHERE ($1::text IS NULL OR b.facility_id = $1) ORDER BY b.id LIMIT 5000`, [by.facilityId ?? null]);
  return rows.map((r) => ({
    id: r.id, facilityId: r.facility_id, kind: r.kind, status: r.status, riderId: r.rider_id, batteryPct: r.battery_pct, calibrationDue: r.due,
    calibration: calibrationState(r.due, by.today, by.warnDays),
    model: { id: r.model_id as string, name: r.model_name as string, gspAccurate: gspAccuracy(r.probe_accuracy).accurate },
    certificate: (r.cert_source ?? null) as 'declared' | 'documented' | null,
    lifecycle: { state: r.lifecycle_state as BoxState, sealNumber: r.seal_number as string | null },
  }));
}

/**
 * Pairs a box with a rider (or unpairs with null), keeping the pairing history. Refused when the
 * box may not be used (devices.ts assertPairable: model accuracy, certificate, due date).
 */
export async function pairBox(q: Queryable, boxId: string, riderId: string | null, today: string = localDateOf(new Date())) {
  const box = await getBox(q, boxId);
  if (!box) throw new AppError('not_found', 'box_not_found', `No box ${boxId}.`);
  if (box.riderId === riderId) return box;
  if (riderId) await assertPairable(q, boxId, today);
  await q.query('UPDATE dispatch.box_pairings SET to_at = now() WHERE box_id = $1 AND to_at IS NULL', [boxId]);
  if (riderId) {
    const r = await q.query('SELECT 1 FROM dispatch.riders WHERE id = $1 AND active', [riderId]);
    if (!r.rowCount) throw new AppError('not_found', 'rider_not_found', `No active rider ${riderId}.`);
    await q.query('INSERT INTO dispatch.box_pairings (box_id, rider_id) VALUES ($1,$2)', [boxId, riderId]);
  }
  await q.query('UPDATE dispatch.boxes SET rider_id = $2, paired_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END WHERE id = $1', [boxId, riderId]);
  return (await getBox(q, boxId))!;
}
