import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITY_CENTER, writeDemoCityFile } from './demo-city/index';
import { importOsm } from './import/import-osm';
import { deleteServiceArea, facilitiesServing, serviceAreasGeoJson, upsertServiceArea } from './service-areas';
import { createScratchSchemas, type ScratchSchemas } from './testing/scratch-schema';
import { databaseUrl } from './testing/shared-data';

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

  it('the query is answered from the GiST index', async () => {
    await pool.query('SET enable_seqscan = off');
    const plan = await pool.query(`EXPLAIN SELECT facility_id FROM ${s.sa}.service_areas WHERE ST_Covers(area, ST_SetSRID(ST_MakePoint(113.32, 23.13), 4326))`);
    await pool.query('RESET enable_seqscan');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('service_areas_area_idx');
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
