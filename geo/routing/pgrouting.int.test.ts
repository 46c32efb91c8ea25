/**
 * PgRoutingEngine against PostgreSQL (DATABASE_URL): small demo city imported into a scratch
 * schema; results cross-checked with pgRouting's own pgr_dijkstraCostMatrix.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineM, type LatLng } from '../coords';
import { randomPointsNearRoads, writeDemoCityFile } from '../demo-city/index';
import { AppError } from '../errors';
import { importOsm } from '../import/import-osm';
import { createScratchSchemas, type ScratchSchemas } from '../testing/scratch-schema';
import { databaseUrl } from '../testing/shared-data';
import { PgRoutingEngine } from './pgrouting';

const url = databaseUrl('pgRouting engine integration tests');
const CITY = { seed: 3, size: 'small' as const };

function lineLengthM(c: [number, number][]): number {
  let s = 0;
  for (let i = 1; i < c.length; i++) s += haversineM({ lng: c[i - 1][0], lat: c[i - 1][1] }, { lng: c[i][0], lat: c[i][1] });
  return s;
}

describe.skipIf(!url)('PgRoutingEngine', () => {
  let pool: pg.Pool;
  let s: ScratchSchemas;
  let eng: PgRoutingEngine;
  let pts: LatLng[];
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url!, max: 3 });
    s = await createScratchSchemas(pool);
    const f = path.join(await mkdtemp(path.join(tmpdir(), 'geo-pgr-')), 'city.osm');
    await writeDemoCityFile(f, CITY);
    await importOsm(f, { pool, databaseUrl: url!, schema: s.net });
    eng = new PgRoutingEngine(pool, { schema: s.net, maxSnapM: 200 });
    pts = randomPointsNearRoads(CITY, 12, 5);
  });
  afterAll(async () => {
    await s?.drop();
    await pool?.end();
  });

  it('nearest snaps onto a road within the demo offset', async () => {
    for (const p of pts) {
      const n = await eng.nearest(p);
      expect(n.distanceM).toBeLessThanOrEqual(16);
      expect(Math.abs(haversineM(p, n.point) - n.distanceM)).toBeLessThan(0.5);
    }
  });

  it('nearest beyond maxSnapM → unprocessable snap_too_far', async () => {
    await expect(eng.nearest({ lat: 23.3, lng: 113.32 })).rejects.toMatchObject({ kind: 'unprocessable', code: 'snap_too_far' });
    await expect(eng.nearest({ lat: 95, lng: 0 })).rejects.toMatchObject({ code: 'coordinate_out_of_range' });
  });

  it('table: zero diagonal, all routable, consistent with route()', async () => {
    const t = await eng.table(pts, pts);
    expect(t.unroutable).toEqual([]);
    pts.forEach((_, i) => expect(t.durations[i][i]).toBe(0));
    for (const [i, j] of [[0, 1], [3, 7], [11, 2]]) {
      const r = await eng.route([pts[i], pts[j]]);
      expect(r.durationS).toBeCloseTo(t.durations[i][j]!, 6);
      expect(r.distanceM).toBeCloseTo(t.distances[i][j]!, 6);
      // Geometry: starts/ends at the snapped points and its length matches the distance.
      const c = r.geometry.coordinates;
      const a = await eng.nearest(pts[i]);
      expect(haversineM(a.point, { lng: c[0][0], lat: c[0][1] })).toBeLessThan(1);
      expect(Math.abs(lineLengthM(c) - r.distanceM) / r.distanceM).toBeLessThan(0.01);
    }
  });

  it('agrees with pgr_dijkstraCostMatrix between intersections', async () => {
    const v = await pool.query(
      `SELECT v.id, ST_X(v.the_geom) AS lng, ST_Y(v.the_geom) AS lat FROM ${s.net}.ways_vertices_pgr v
       WHERE EXISTS (SELECT 1 FROM ${s.net}.ways w WHERE w.in_main_component AND (w.source = v.id OR w.target = v.id))
       ORDER BY hashint8(v.id) LIMIT 8`,
    );
    const ids = v.rows.map((r) => Number(r.id));
    const ref = await pool.query(
      `SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCostMatrix(
         'SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ${s.net}.ways', $1::bigint[])`,
      [ids],
    );
    const t = await eng.table(v.rows, v.rows);
    for (const r of ref.rows) {
      const i = ids.indexOf(Number(r.start_vid));
      const j = ids.indexOf(Number(r.end_vid));
      expect(t.durations[i][j]).toBeCloseTo(r.agg_cost, 4);
    }
  });

  it('unroutable sources are null rows with a reason, never 0', async () => {
    const far = { lat: 23.3, lng: 113.32 };
    const t = await eng.table([pts[0], far], [pts[1], far]);
    expect(t.durations[0][0]).toBeGreaterThan(0);
    expect(t.durations[1]).toEqual([null, null]);
    expect(t.durations[0][1]).toBeNull();
    expect(t.distances[1]).toEqual([null, null]);
    expect(t.unroutable).toEqual([
      { scope: 'source', sourceIndex: 1, reason: 'snap_too_far' },
      { scope: 'destination', destinationIndex: 1, reason: 'snap_too_far' },
    ]);
    await expect(eng.route([pts[0], far])).rejects.toBeInstanceOf(AppError);
  });

  it('multi-point route sums its legs', async () => {
    const r = await eng.route([pts[0], pts[1], pts[2]]);
    expect(r.legs).toHaveLength(2);
    expect(r.durationS).toBeCloseTo(r.legs[0].durationS + r.legs[1].durationS, 9);
  });

  it('reloads the graph after a re-import (network version)', async () => {
    const g1 = await eng.loadGraph();
    expect(await eng.loadGraph()).toBe(g1);
    const f = path.join(await mkdtemp(path.join(tmpdir(), 'geo-pgr-')), 'city2.osm');
    await writeDemoCityFile(f, { seed: 4, size: 'small' });
    await importOsm(f, { pool, databaseUrl: url!, schema: s.net });
    expect(await eng.loadGraph()).not.toBe(g1);
    const t = await eng.table(pts.slice(0, 3), pts.slice(0, 3));
    expect(t.durations[0][1]).toBeGreaterThan(0);
  });
});
