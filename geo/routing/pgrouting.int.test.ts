/**
 * PgRoutingEngine against PostgreSQL (DATABASE_URL): small demo city imported into a scratch
 * schema; results cross-checked with pgRouting's own pgr_dijkstraCostMatrix.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { watchChanges, closeChangeNotices } from '../../platform/db/change-notices';
import { CHANGE_CHANNELS } from '../db';
import { haversineM, type LatLng } from '../coords';
import { randomPointsNearRoads, writeDemoCityFile } from '../demo-city/index';
import { AppError } from '../errors';
import { importOsm } from '../import/import-osm';
import { createScratchSchemas, type ScratchSchemas } from '../testing/scratch-schema';
import { databaseUrl } from '../testing/shared-data';
import { routeProgress } from './engine';
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
    expect((await eng.ready()).contracted).toBe(true);
    pts = randomPointsNearRoads(CITY, 12, 5);
  });
  afterAll(async () => {
    await eng?.close();
    await closeChangeNotices();
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

  it('snaps in memory as geo_net.snap_points does in SQL: the same roads, fractions and points, distances within centimetres', async () => {
    expect((await eng.ready()).snapIndexed).toBe(true);
    const sql = new PgRoutingEngine(pool, { schema: s.net, maxSnapM: 200, snapIndex: false, contraction: false });
    // Near roads, between them (up to 150 m off: ties at crossings), and beyond the limit.
    const points = [...randomPointsNearRoads(CITY, 400, 17, 150), ...randomPointsNearRoads(CITY, 100, 18, 400)];
    const [mem, db] = [await eng.snap(points), await sql.snap(points)];
    let same = 0, ties = 0;
    points.forEach((_p, i) => {
      const a = mem[i], b = db[i];
      if (!a || !b) {
        // Only a point at the limit itself may fall on different sides of it.
        const d = (a ?? b)?.distanceM;
        if (d !== undefined) expect(Math.abs(d - 200)).toBeLessThan(0.05);
        return;
      }
      expect(Math.abs(a.distanceM - b.distanceM)).toBeLessThan(0.05);
      if (a.gid !== b.gid) {
        ties++; // two roads at the same distance (a shared vertex): either is the same place
        expect(haversineM(a.point, b.point)).toBeLessThan(0.05);
        return;
      }
      same++;
      expect(Math.abs(a.fraction - b.fraction)).toBeLessThan(1e-9);
      expect(Math.abs(a.point.lat - b.point.lat) + Math.abs(a.point.lng - b.point.lng)).toBeLessThan(1e-9);
      expect(a.name).toBe(b.name);
    });
    expect(same).toBeGreaterThan(400);
    expect(ties).toBeLessThan(25);
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
      // Per-coordinate times run from 0 to the duration, never backwards.
      const ts = r.coordinateTimesS!;
      expect(ts).toHaveLength(c.length);
      expect(ts[0]).toBeCloseTo(0, 9);
      expect(ts[ts.length - 1]).toBeCloseTo(r.durationS, 6);
      for (let k = 1; k < ts.length; k++) expect(ts[k]).toBeGreaterThanOrEqual(ts[k - 1] - 1e-9);
      // Tracking: halfway along the line in time, about half the duration remains.
      const mid = c[ts.findIndex((t) => t >= r.durationS / 2)];
      const prog = routeProgress(r, { lng: mid[0], lat: mid[1] });
      expect(prog.remainingS).toBeLessThanOrEqual(r.durationS / 2 + 1e-6);
      expect(prog.remainingS).toBeGreaterThan(r.durationS / 2 - 60);
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
    // Same costs as pgRouting only without turn costs (node-based graph).
    const nodeBased = new PgRoutingEngine(pool, { schema: s.net, maxSnapM: 200, turnCosts: false });
    const t = await nodeBased.table(v.rows, v.rows);
    for (const r of ref.rows) {
      const i = ids.indexOf(Number(r.start_vid));
      const j = ids.indexOf(Number(r.end_vid));
      expect(t.durations[i][j]).toBeCloseTo(r.agg_cost, 4);
    }
  });

  it('turn costs: route and table agree, hierarchy equals Dijkstra, never faster than without turns', async () => {
    const turnsCh = new PgRoutingEngine(pool, { schema: s.net, maxSnapM: 200, turnCosts: true });
    const turnsPlain = new PgRoutingEngine(pool, { schema: s.net, maxSnapM: 200, turnCosts: true, contraction: false });
    expect((await turnsCh.ready()).contracted).toBe(true);
    const a = await turnsCh.table(pts, pts);
    const b = await turnsPlain.table(pts, pts);
    const n = await eng.table(pts, pts);
    a.durations.forEach((row, i) =>
      row.forEach((d, j) => {
        expect(d).toBeCloseTo(b.durations[i][j]!, 6);
        expect(d! + 1e-6).toBeGreaterThanOrEqual(n.durations[i][j]!);
      }),
    );
    for (const [i, j] of [[2, 9], [0, 5], [7, 1]]) {
      const tr = await turnsCh.route([pts[i], pts[j]]);
      expect(tr.durationS).toBeCloseTo(a.durations[i][j]!, 6);
      expect(tr.distanceM).toBeCloseTo(a.distances[i][j]!, 3);
      // The geometry is one continuous line as long as the reported distance.
      expect(Math.abs(lineLengthM(tr.geometry.coordinates) - tr.distanceM) / tr.distanceM).toBeLessThan(0.01);
    }
    const r = await turnsCh.route([pts[2], pts[9]]);
    expect(r.coordinateTimesS![r.coordinateTimesS!.length - 1]).toBeCloseTo(r.durationS, 6);
  });

  it('contraction hierarchy and plain Dijkstra give the same table', async () => {
    const plain = new PgRoutingEngine(pool, { schema: s.net, maxSnapM: 200, contraction: false });
    const more = randomPointsNearRoads(CITY, 40, 9);
    const a = await eng.table(more, more);
    const b = await plain.table(more, more);
    expect((await plain.ready()).contracted).toBe(false);
    a.durations.forEach((row, i) => row.forEach((d, j) => expect(d).toBeCloseTo(b.durations[i][j]!, 6)));
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

  it('close() aborts a contraction in progress', async () => {
    const e = new PgRoutingEngine(pool, { schema: s.net, maxSnapM: 200 });
    await e.loadGraph();
    await e.close();
    // The table still works (reloads, plain Dijkstra until a new hierarchy is ready).
    const t = await e.table(pts.slice(0, 2), pts.slice(0, 2));
    expect(t.durations[0][1]).toBeGreaterThan(0);
    await e.close();
  });

  it('reloads the graph after a re-import (network version), told by the import\'s change notice', async () => {
    const notices = watchChanges(CHANGE_CHANNELS.network);
    await vi.waitUntil(() => notices.live, { timeout: 5000 });
    const g1 = await eng.loadGraph();
    expect(await eng.loadGraph()).toBe(g1);
    const f = path.join(await mkdtemp(path.join(tmpdir(), 'geo-pgr-')), 'city2.osm');
    await writeDemoCityFile(f, { seed: 4, size: 'small' });
    const epoch = notices.epoch;
    await importOsm(f, { pool, databaseUrl: url!, schema: s.net });
    await vi.waitUntil(() => notices.epoch > epoch, { timeout: 5000 });
    expect(await eng.loadGraph()).not.toBe(g1);
    const t = await eng.table(pts.slice(0, 3), pts.slice(0, 3));
    expect(t.durations[0][1]).toBeGreaterThan(0);
  });
});
