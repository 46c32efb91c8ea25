import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CITY_CENTER, writeDemoCityFile } from './demo-city/index';
import { importOsm } from './import/import-osm';
import { deleteServiceArea, facilitiesServing, serviceAreasGeoJson, upsertServiceArea } from './service-areas';
import { createScratchSchemas, type ScratchSchemas } from './testing/scratch-schema';
import { ServiceAreaCover } from './cover-index';
import { databaseUrl } from './testing/shared-data';
import { CHANGE_CHANNELS } from './db';
import { closeChangeNotices, watchChanges } from '../platform/db/change-notices';

const url = databaseUrl('service area integration tests');
const C = DEMO_CITY_CENTER;
const north = (m: number) => ({ lat: C.lat + m / 111_320, lng: C.lng });

describe.skipIf(!url)('service areas', () => {
  let pool: pg.Pool;
  let s: ScratchSchemas;
  let o: { schema: string; netSchema: string };
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url!, max: 3 });
    s = await createScratchSchemas(pool);
    o = { schema: s.sa, netSchema: s.net };
    const f = path.join(await mkdtemp(path.join(tmpdir(), 'geo-sa-')), 'city.osm');
    await writeDemoCityFile(f, { seed: 1, size: 5000 }); // ~5 km square
    await importOsm(f, { pool, databaseUrl: url!, schema: s.net });
  });
  afterAll(async () => {
    await closeChangeNotices();
    await s?.drop();
    await pool?.end();
  });

  it('radius area: serves inside, not outside; area ≈ πr²', async () => {
    const a = await upsertServiceArea(pool, 'fac_r', C, { kind: 'radius', radiusM: 1000 }, o);
    expect(a.areaM2 / (Math.PI * 1000 ** 2)).toBeGreaterThan(0.99);
    expect(a.areaM2 / (Math.PI * 1000 ** 2)).toBeLessThan(1.001);
    expect((await facilitiesServing(pool, north(990), o)).map((f) => f.facilityId)).toEqual(['fac_r']);
    expect(await facilitiesServing(pool, north(1010), o)).toEqual([]);
  });

  it('isochrone area: pgr_drivingDistance hull grows with minutes', async () => {
    const a2 = await upsertServiceArea(pool, 'fac_i', C, { kind: 'isochrone', driveMinutes: 2 }, o);
    expect(a2.kind).toBe('isochrone');
    expect(a2.networkVersion).toBe(1);
    const a5 = await upsertServiceArea(pool, 'fac_i', C, { kind: 'isochrone', driveMinutes: 5 }, o);
    expect(a5.areaM2).toBeGreaterThan(a2.areaM2 * 2);
    // 5 min at ≤ 48 km/h cannot reach 5 km away; 300 m away is surely inside.
    const near = await facilitiesServing(pool, north(300), o);
    expect(near.map((f) => f.facilityId)).toEqual(['fac_i', 'fac_r']); // same centre: ties by id
    expect(Math.abs(near[0].distanceM - 300)).toBeLessThan(3); // 1° lat ≈ 110.8 km on the ellipsoid at 23° N, not 111.32
    expect(await facilitiesServing(pool, north(4500), o)).toEqual([]);
  });

  it('answers as ST_Covers on the whole area would, from the GiST index of the area\'s pieces', async () => {
    // The isochrone has many vertices, so it is cut into several pieces.
    const pieces = await pool.query(`SELECT count(*)::int AS n FROM ${s.sa}.service_area_parts WHERE facility_id = 'fac_i'`);
    expect(pieces.rows[0].n).toBeGreaterThan(1);
    let inside = 0;
    for (let dy = -2600; dy <= 2600; dy += 200) {
      for (let dx = -2600; dx <= 2600; dx += 200) {
        const p = { lat: C.lat + dy / 111_320, lng: C.lng + dx / 102_500 };
        const whole = await pool.query(`SELECT facility_id FROM ${s.sa}.service_areas WHERE ST_Covers(area, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY 1`, [p.lng, p.lat]);
        const got = (await facilitiesServing(pool, p, o)).map((f) => f.facilityId).sort();
        expect(got, JSON.stringify(p)).toEqual(whole.rows.map((r) => r.facility_id));
        inside += got.length;
      }
    }
    expect(inside).toBeGreaterThan(50);
    // A vertex of the isochrone's boundary is covered (ST_Covers counts the boundary).
    const v = (await pool.query(`SELECT ST_X(g) AS lng, ST_Y(g) AS lat FROM (SELECT (ST_DumpPoints(area)).geom AS g FROM ${s.sa}.service_areas WHERE facility_id = 'fac_i') x LIMIT 1`)).rows[0];
    expect((await facilitiesServing(pool, v, o)).map((f) => f.facilityId)).toContain('fac_i');
    await pool.query('SET enable_seqscan = off');
    const plan = await pool.query(`EXPLAIN SELECT * FROM ${s.sa}.facilities_serving(113.32, 23.13)`);
    await pool.query('RESET enable_seqscan');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('service_area_parts_part_idx');
  });

  it('facilities_serving, embedded in another statement, gives facilitiesServing\'s ids in its order', async () => {
    // A third, offset facility so the order by distance is not the order by id.
    await upsertServiceArea(pool, 'fac_a', { lat: C.lat + 0.004, lng: C.lng + 0.002 }, { kind: 'radius', radiusM: 900 }, o);
    const sql = `WITH serving AS MATERIALIZED (SELECT * FROM ${s.sa}.facilities_serving($1, $2))
      SELECT coalesce((SELECT array_agg(facility_id ORDER BY distance_m, facility_id) FROM serving), '{}') AS ids, 42 AS other`;
    let nonEmpty = 0;
    for (let dy = -1500; dy <= 1500; dy += 250) {
      for (let dx = -1500; dx <= 1500; dx += 250) {
        const p = { lat: C.lat + dy / 111_320, lng: C.lng + dx / 102_500 };
        const want = (await facilitiesServing(pool, p, o)).map((f) => f.facilityId);
        const { rows } = await pool.query(sql, [p.lng, p.lat]);
        expect(rows[0].ids, JSON.stringify(p)).toEqual(want);
        expect(rows[0].other).toBe(42);
        if (want.length > 1) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(5);
    // Nearest first: from just north of fac_a's centre, fac_a comes before fac_i and fac_r.
    const { rows } = await pool.query(sql, [C.lng + 0.002, C.lat + 0.0035]);
    expect(rows[0].ids).toEqual(['fac_a', 'fac_i', 'fac_r']);
    // A change to an area shows in the next statement (nothing is cached).
    await upsertServiceArea(pool, 'fac_a', { lat: C.lat + 0.004, lng: C.lng + 0.002 }, { kind: 'radius', radiusM: 10 }, o);
    expect((await pool.query(sql, [C.lng + 0.002, C.lat + 0.0035])).rows[0].ids).toEqual(['fac_i', 'fac_r']);
    expect(await deleteServiceArea(pool, 'fac_a', o)).toBe(true);
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${s.sa}.service_area_parts WHERE facility_id = 'fac_a'`)).rows[0].n).toBe(0);
  });

  it('the in-memory cover index answers as geo.facilities_covering, and reloads when a change bumps the generation', async () => {
    await upsertServiceArea(pool, 'fac_b', { lat: C.lat - 0.003, lng: C.lng - 0.004 }, { kind: 'radius', radiusM: 1200 }, o);
    const cover = new ServiceAreaCover(pool, { schema: s.sa });
    await cover.ready();
    const first = cover.current()!;
    const gen = async () => Number((await pool.query(`SELECT gen FROM ${s.sa}.service_area_generation`)).rows[0].gen);
    expect(first.gen).toBe(await gen());
    let covered = 0, multi = 0;
    for (let dy = -2700; dy <= 2700; dy += 150) {
      for (let dx = -2700; dx <= 2700; dx += 150) {
        const p = { lat: C.lat + dy / 111_320, lng: C.lng + dx / 102_500 };
        const want = (await pool.query(`SELECT array_agg(f ORDER BY f) AS ids FROM ${s.sa}.facilities_covering($1, $2) f`, [p.lng, p.lat])).rows[0].ids ?? [];
        const got = first.index.covering(p).sort();
        expect(got, JSON.stringify(p)).toEqual(want);
        covered += got.length ? 1 : 0;
        multi += got.length > 1 ? 1 : 0;
      }
    }
    expect(covered).toBeGreaterThan(300);
    expect(multi).toBeGreaterThan(50);
    // Every statement that changes the pieces bumps the generation, in its transaction.
    await upsertServiceArea(pool, 'fac_b', { lat: C.lat - 0.003, lng: C.lng - 0.004 }, { kind: 'radius', radiusM: 20 }, o);
    const after = await gen();
    expect(after).toBeGreaterThan(first.gen);
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`DELETE FROM ${s.sa}.service_areas WHERE facility_id = 'fac_b'`);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
    expect(await gen()).toBe(after);
    // The committed change is announced; the index reloads on the notice.
    await cover.reached(after);
    expect(cover.current()!.gen).toBe(after);
    const insideOld = { lat: C.lat - 0.003 + 500 / 111_320, lng: C.lng - 0.004 };
    expect(first.index.covering(insideOld)).toContain('fac_b');
    expect(cover.current()!.index.covering(insideOld)).not.toContain('fac_b');
    expect(await deleteServiceArea(pool, 'fac_b', o)).toBe(true);
    cover.close();
  });

  it('a change announced while a load is under way is loaded after it', async () => {
    // The index's reads pass through a gate: the first load has read its snapshot but not yet
    // kept it when the area changes and the notice arrives.
    let open!: () => void;
    const gate = new Promise<void>((r) => { open = r; });
    let reads = 0;
    const gated = { query: async (q: never) => { const r = await pool.query(q); if (reads++ === 0) await gate; return r; } };
    const cover = new ServiceAreaCover(gated as never, { schema: s.sa });
    const notices = watchChanges(CHANGE_CHANNELS.serviceAreas);
    void cover.ready(); // notices on: the first load starts
    await vi.waitUntil(() => reads === 1, { timeout: 5000 });
    const epoch = notices.epoch;
    await upsertServiceArea(pool, 'fac_g', { lat: C.lat + 0.003, lng: C.lng }, { kind: 'radius', radiusM: 50 }, o);
    const after = Number((await pool.query(`SELECT gen FROM ${s.sa}.service_area_generation`)).rows[0].gen);
    await vi.waitUntil(() => notices.epoch > epoch, { timeout: 5000 });
    open();
    await cover.reached(after);
    expect(reads).toBe(2);
    expect(cover.current()!.gen).toBe(after);
    expect(await deleteServiceArea(pool, 'fac_g', o)).toBe(true);
    cover.close();
  });

  it('GeoJSON FeatureCollection for the map; delete', async () => {
    const fc = await serviceAreasGeoJson(pool, undefined, o);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(2);
    const f = fc.features[0] as { geometry: { type: string }; properties: { facilityId: string } };
    expect(f.geometry.type).toBe('MultiPolygon');
    expect(f.properties.facilityId).toBe('fac_i');
    expect(await deleteServiceArea(pool, 'fac_i', o)).toBe(true);
    expect((await serviceAreasGeoJson(pool, ['fac_i'], o)).features).toEqual([]);
  });

  it('rejects bad specs and far-away facilities', async () => {
    await expect(upsertServiceArea(pool, 'fac_x', C, { kind: 'radius', radiusM: -1 }, o)).rejects.toMatchObject({ code: 'invalid_service_area' });
    await expect(upsertServiceArea(pool, 'fac_x', { lat: 24, lng: 113 }, { kind: 'isochrone', driveMinutes: 10 }, o)).rejects.toMatchObject({ code: 'snap_too_far' });
  });
});
