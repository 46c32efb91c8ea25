/**
 * Loads the demo: the synthetic city (~30,000 road segments around Tianhe, Guangzhou) as the
 * routing network through the same import path as real OSM data, then the seeded demo network
 * (1 central warehouse, 6 forward warehouses, 40 partner stores, 2,000 SKUs, stock, 150 riders,
 * 200 cold boxes). Runs once: a database that already has facilities is left alone.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { appDb, withTx } from '../platform/db/pool';
import { getKey } from '../platform/config/registry';
import { keys } from '../platform/config/keys';
import { importOsm, writeDemoCityFile } from '../geo';
import { generateDemoNetwork, type DemoNetwork } from './demo/network';
import { createFacility, pairBox } from './network';
import { demoCertificatePdf } from './demo/certificate';
import { localDateOf } from './domain/zoned-time';
import { formatId } from '../platform/ids';
import { createHash } from 'node:crypto';

export interface SeedResult { skipped: boolean; facilities: number; skus: number; lots: number; riders: number; boxes: number; network?: { ways: number; vertices: number } }

export async function seedDemo(opts: { dataDir: string; log?: (s: string) => void; citySize?: 'small' | 'demo' | number } = { dataDir: '.stack/dev/data' }): Promise<SeedResult> {
  const log = opts.log ?? (() => undefined);
  const db = appDb();
  const existing = (await db.query('SELECT count(*) AS n FROM dispatch.facilities')).rows[0].n;
  if (existing > 0) return { skipped: true, facilities: existing, skus: 0, lots: 0, riders: 0, boxes: 0 };

  let network: SeedResult['network'];
  const version = (await db.query('SELECT version FROM geo_net.network_meta')).rows[0]?.version ?? 0;
  if (!version) {
    mkdirSync(opts.dataDir, { recursive: true });
    const file = path.join(opts.dataDir, 'demo-city.osm');
    if (!existsSync(file)) {
      log('writing the demo city (OSM XML)…');
      await writeDemoCityFile(file, { seed: 1, size: opts.citySize ?? 'demo' });
    }
    log('importing the demo city into pgRouting…');
    const owner = new pg.Pool({ connectionString: getKey(keys.databaseUrl), max: 2 });
    try {
      const r = await importOsm(file, { pool: owner, databaseUrl: getKey(keys.databaseUrl), log });
      network = { ways: r.ways, vertices: r.vertices };
    } finally {
      await owner.end();
    }
  }

  const demo = generateDemoNetwork();
  log(`loading the demo network: ${demo.facilities.length} facilities, ${demo.skus.length} SKUs, ${demo.lots.length} lots, ${demo.riders.length} riders, ${demo.boxes.length} boxes…`);
  await loadDemoNetwork(db, demo);
  return { skipped: false, facilities: demo.facilities.length, skus: demo.skus.length, lots: demo.lots.length, riders: demo.riders.length, boxes: demo.boxes.length, network };
}

/**
 * Loads a demo network, or a part of one (tests load a store with its riders and boxes), the way
 * the full demo is loaded: facilities with their service areas, then the rest in bulk; each
 * rider is paired with a box of their facility while boxes last.
 */
export async function loadDemoNetwork(db: pg.Pool, demo: Pick<DemoNetwork, 'facilities' | 'skus' | 'lots' | 'riders' | 'boxes'>): Promise<void> {
  for (const f of demo.facilities) {
    await createFacility(db, {
      id: f.id, name: f.name.zh, tier: f.tier, location: f.location, address: f.address, timeZone: f.openingHours.timeZone,
      openingHours: f.openingHours, coldCapabilities: f.coldCapabilities, riderCap: f.tier === 'store' ? 4 : 30, handlingSeconds: f.tier === 'store' ? 300 : 600,
      serviceArea: f.tier === 'store' ? { kind: 'isochrone', driveMinutes: 30 } : { kind: 'radius', radiusM: f.serviceRadiusKm * 1000 },
    }, { isochroneFallback: true });
  }
  await withTx(db, async (c) => {
    // Bulk loads through unnest(): one statement per table instead of thousands of round trips.
    // The SKU catalogue is one: parts of the demo loaded side by side (tests) share SKUs.
    const s = demo.skus;
    await c.query(
      `INSERT INTO dispatch.skus (id, name, generic_name, temperature_class, rx, stability_profile, stability_budget_min, volume_units)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::text[], $7::int[], $8::int[])
       ON CONFLICT (id) DO NOTHING`,
      [s.map((x) => x.id), s.map((x) => `${x.brandName.zh} ${x.strength} ${x.packLabel.zh}`), s.map((x) => x.genericName.zh), s.map((x) => x.temperatureClass),
        s.map((x) => x.rx), s.map((x) => x.temperatureClass), s.map((x) => (x.temperatureClass === 'ambient' ? null : 30)), s.map((x) => x.volumeUnits)]);
    const l = demo.lots;
    await c.query(
      `INSERT INTO dispatch.lots (id, facility_id, sku_id, lot_number, expiry, on_hand)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::int[])`,
      [l.map((x) => x.id), l.map((x) => x.facilityId), l.map((x) => x.skuId), l.map((x) => x.lotNumber), l.map((x) => x.expiresOn), l.map((x) => x.available)]);
    const r = demo.riders;
    await c.query(
      `INSERT INTO dispatch.riders (id, name, home_facility_id, vehicle_type, speed_factor, shifts, status)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::jsonb[], $7::text[])`,
      [r.map((x) => x.id), r.map((x) => x.name), r.map((x) => x.homeFacilityId), r.map((x) => x.vehicle), r.map((x) => x.speedFactor),
        r.map((x) => JSON.stringify(x.shift.days.map((day) => ({ day, start: x.shift.start, end: x.shift.end })))), r.map(() => 'online')]);
    const b = demo.boxes;
    const modelIds = await seedDeviceModels(c, [...new Set(b.map((x) => x.model))]);
    await c.query(
      `INSERT INTO dispatch.boxes (id, facility_id, kind, holdover_minutes, calibration_due, battery_pct, model_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::date[], $6::int[], $7::text[])`,
      [b.map((x) => x.id), b.map((x) => x.homeFacilityId), b.map((x) => x.kind), b.map((x) => JSON.stringify(x.holdoverMinutes)), b.map((x) => x.calibrationDueOn), b.map((x) => x.batteryPct), b.map((x) => modelIds.get(x.model))]);
    await seedCertificates(c, b);
    // Every box also has a dry (ambient) section for the non-cold lines of an order.
    const comps = b.flatMap((x) => [{ box: x.id, cls: 'ambient', cap: 20 }, ...x.compartments.map((cc) => ({ box: x.id, cls: cc.temperatureClass, cap: cc.capacityUnits }))]);
    await c.query(
      `INSERT INTO dispatch.box_compartments (box_id, temperature_class, capacity_units) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`,
      [comps.map((x) => x.box), comps.map((x) => x.cls), comps.map((x) => x.cap)]);
  });
  // Pair each rider with a box of their facility while boxes last.
  const free = new Map<string, string[]>();
  // Boxes past their calibration due date stay unpaired: pairing refuses them.
  const today = localDateOf(new Date());
  for (const b of demo.boxes) {
    if (b.calibrationDueOn < today) continue;
    if (!free.has(b.homeFacilityId)) free.set(b.homeFacilityId, []);
    free.get(b.homeFacilityId)!.push(b.id);
  }
  for (const r of demo.riders) {
    const b = free.get(r.homeFacilityId)?.shift();
    if (b) await pairBox(db, b, r.id);
  }
}

/** The demo's box models (all GSP-accurate), one per model name, once however many parts of the demo load; their ids by name. */
async function seedDeviceModels(c: pg.PoolClient, names: string[]): Promise<Map<string, string>> {
  const ids = new Map(names.map((n) => [n, formatId('dm', n.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 32))]));
  for (const n of names) {
    const active = /active/.test(n);
    await c.query(
      `INSERT INTO dispatch.device_models (id, maker, name, probe_accuracy, sample_interval_s, buffer_readings, holdover) VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (id) DO NOTHING`,
      [ids.get(n), 'Demo Cold Chain', n, JSON.stringify([{ fromC: -80, toC: 0, accuracyC: 1 }, { fromC: 0, toC: 40, accuracyC: active ? 0.3 : 0.5 }, { fromC: 40, toC: 70, accuracyC: 1 }]),
        60, active ? 43_200 : 16_000, JSON.stringify(active ? [{ ambientC: 10, minutes: 720 }, { ambientC: 25, minutes: 480 }, { ambientC: 35, minutes: 360 }] : [{ ambientC: 10, minutes: 480 }, { ambientC: 25, minutes: 300 }, { ambientC: 35, minutes: 200 }])]);
  }
  return ids;
}

/** Each demo box's certificate, with a PDF, calibrated a year before it falls due (some already have). */
async function seedCertificates(c: pg.PoolClient, boxes: DemoNetwork['boxes']): Promise<void> {
  const issuer = 'Guangzhou Institute of Measurement and Testing (demo)';
  for (const b of boxes) {
    const calibratedOn = new Date(Date.parse(b.calibrationDueOn + 'T00:00:00Z') - 365 * 86_400_000).toISOString().slice(0, 10);
    const certificateNumber = `GZJL-${calibratedOn.slice(0, 4)}-${b.id.slice(4).toUpperCase()}`;
    const pdf = demoCertificatePdf({ boxId: b.id, certificateNumber, issuer, calibratedOn, dueOn: b.calibrationDueOn, model: b.model });
    await c.query(
      `INSERT INTO dispatch.calibration_certificates (id, box_id, source, certificate_number, issuer, calibrated_on, due_on, content_type, sha256, bytes, document, uploaded_by)
       VALUES ($1,$2,'documented',$3,$4,$5,$6,'application/pdf',$7,$8,$9,'seed')`,
      [formatId('cal', b.id.slice(4)), b.id, certificateNumber, issuer, calibratedOn, b.calibrationDueOn, createHash('sha256').update(pdf).digest('hex'), pdf.length, pdf]);
  }
}

/** Ids the demo accounts are scoped to: the first partner store and a rider of it. */
export async function demoScopes(): Promise<{ facilityId: string; riderId: string } | null> {
  const { rows } = await appDb().query(
    `SELECT f.id AS facility_id, (SELECT r.id FROM dispatch.riders r WHERE r.home_facility_id = f.id ORDER BY r.id LIMIT 1) AS rider_id
       FROM dispatch.facilities f WHERE f.tier = 'store' ORDER BY f.id LIMIT 1`);
  return rows[0]?.rider_id ? { facilityId: rows[0].facility_id, riderId: rows[0].rider_id } : null;
}
