/**
 * Routing benchmark (pgRouting engine).
 *   DATABASE_URL=postgres://owner@host:port/db tsx bench/routing/run.ts
 * Generates the demo city (seed 1, ~30,000 segments) and imports it — and Monaco, from
 * ../shared/data — into scratch copies of the geo_net schema (dropped afterwards, the real
 * network is untouched), then prints one `name: value unit` line per figure:
 *   graph_load_ms, contraction_build_ms                    once per network version and process
 *   matrix_1x100_ms, matrix_100x100_ms, matrix_500x500_ms  table() incl. snapping, contraction hierarchy, median
 *   pgr_dijkstraCostMatrix_100x100_ms                      the in-database alternative, for comparison
 *   route_p50_ms, nearest_p50_ms                           median over random demo points
 *   monaco_vs_osrm_duration_median_rel_diff                |ours − OSRM| / OSRM over the recorded
 *                                                          100×100 table (osrm/table100), median
 *   monaco_vs_osrm_duration_median_rel_diff_turn_costs     the same with ROUTING_TURN_COSTS (turns.ts)
 * Environment: BENCH_CITY_SIZE (default 'demo'), BENCH_SEED (default 1).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { LatLng } from '../../geo/coords';
import { randomPointsNearRoads, writeDemoCityFile, type DemoCitySize } from '../../geo/demo-city/index';
import { importOsm } from '../../geo/import/import-osm';
import { PgRoutingEngine } from '../../geo/routing/pgrouting';
import { createScratchSchemas } from '../../geo/testing/scratch-schema';
import { SHARED_DATA } from '../../geo/testing/shared-data';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
const sizeEnv = process.env.BENCH_CITY_SIZE ?? 'demo';
const size: DemoCitySize = /^\d+$/.test(sizeEnv) ? Number(sizeEnv) : (sizeEnv as DemoCitySize);
const seed = Number(process.env.BENCH_SEED ?? 1);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const out = (name: string, v: number, unit: string) => console.log(`${name}: ${v.toFixed(unit === 'ratio' ? 4 : 1)} ${unit}`);
async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

const pool = new pg.Pool({ connectionString: url, max: 4 });
const tmp = await mkdtemp(path.join(tmpdir(), 'bench-routing-'));
const city = await createScratchSchemas(pool);
const monacoSchemas = await createScratchSchemas(pool);
try {
  const osm = path.join(tmp, 'city.osm');
  const stats = await writeDemoCityFile(osm, { seed, size });
  const imp = await importOsm(osm, { pool, databaseUrl: url, schema: city.net });
  console.log(`# demo city seed=${seed} size=${sizeEnv}: ${stats.segments} segments → ${imp.ways} ways, ${imp.vertices} vertices (import ${imp.elapsedMs} ms)`);

  const eng = new PgRoutingEngine(pool, { schema: city.net });
  let t0 = performance.now();
  await eng.loadGraph();
  out('graph_load_ms', performance.now() - t0, 'ms');
  t0 = performance.now();
  const { contracted } = await eng.ready();
  out('contraction_build_ms', performance.now() - t0, 'ms');
  if (!contracted) console.log('# contraction hierarchy build failed: figures below are plain Dijkstra');
  const pts = randomPointsNearRoads({ seed, size }, 600, 11);
  const p100 = pts.slice(0, 100);
  const p500 = pts.slice(100, 600);
  out('matrix_1x100_ms', await timeIt(11, () => eng.table([pts[0]], p100)), 'ms');
  out('matrix_100x100_ms', await timeIt(5, () => eng.table(p100, p100)), 'ms');
  t0 = performance.now();
  const big = await eng.table(p500, p500);
  const t500 = [performance.now() - t0];
  for (let i = 0; i < 2; i++) t500.push(await timeIt(1, () => eng.table(p500, p500)));
  out('matrix_500x500_ms', median(t500), 'ms');
  console.log(`# 500x500 unroutable cells: ${big.unroutable.length}`);
  // The alternative we measured against (see geo/routing/graph.ts): pgRouting's own cost matrix
  // on the nearest vertices of the same 100 points, durations only (distances need a 2nd call).
  const vids = await pool.query(
    `SELECT (SELECT v.id FROM ${city.net}.ways_vertices_pgr v ORDER BY v.the_geom <-> ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326) LIMIT 1) AS id
     FROM unnest($1::float8[], $2::float8[]) AS p(lng, lat)`,
    [p100.map((p) => p.lng), p100.map((p) => p.lat)],
  );
  const ids = vids.rows.map((r) => Number(r.id));
  const sqlMatrix = `SELECT count(*) FROM pgr_dijkstraCostMatrix('SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ${city.net}.ways', $1::bigint[])`;
  out('pgr_dijkstraCostMatrix_100x100_ms', await timeIt(3, () => pool.query(sqlMatrix, [ids])), 'ms');
  let k = 0;
  out('route_p50_ms', await timeIt(100, () => eng.route([pts[k++ % 600], pts[(k * 7) % 600]])), 'ms');
  k = 0;
  // Points never snapped before: the engine caches snaps of points it has seen (facilities), and
  // this figure is about a new customer address.
  const fresh = randomPointsNearRoads({ seed, size }, 200, 97);
  let f = 0;
  out('nearest_p50_ms', await timeIt(200, () => eng.nearest(fresh[f++])), 'ms');

  // The same roads as the recorded OSRM responses.
  const pbf = path.join(SHARED_DATA, 'osm', 'monaco.osm.pbf');
  const fx = path.join(SHARED_DATA, 'osrm', 'table100.json');
  if (existsSync(pbf) && existsSync(fx)) {
    await importOsm(pbf, { pool, databaseUrl: url, schema: monacoSchemas.net });
    const mpts: LatLng[] = (JSON.parse(await readFile(path.join(SHARED_DATA, 'osrm', 'table100-points.json'), 'utf8')) as [number, number][]).map(
      ([lng, lat]) => ({ lat, lng }),
    );
    const osrm = JSON.parse(await readFile(fx, 'utf8')) as { durations: (number | null)[][]; distances: (number | null)[][] };
    for (const turnCosts of [false, true]) {
      const mon = new PgRoutingEngine(pool, { schema: monacoSchemas.net, turnCosts });
      await mon.ready();
      const t = await mon.table(mpts, mpts);
      const relD: number[] = [];
      const relM: number[] = [];
      const signed: number[] = [];
      for (let i = 0; i < mpts.length; i++) {
        for (let j = 0; j < mpts.length; j++) {
          const a = t.durations[i][j];
          const b = osrm.durations[i][j];
          if (i === j || a === null || b === null || b <= 0) continue;
          relD.push(Math.abs(a - b) / b);
          signed.push((a - b) / b);
          const am = t.distances[i][j];
          const bm = osrm.distances[i][j];
          if (am !== null && bm !== null && bm > 0) relM.push(Math.abs(am - bm) / bm);
        }
    }
      out(`monaco_vs_osrm_duration_median_rel_diff${turnCosts ? '_turn_costs' : ''}`, median(relD), 'ratio');
      console.log(`# monaco${turnCosts ? ' (turn costs)' : ''}: ${relD.length} pairs compared, ${t.unroutable.length} unroutable entries; signed median ${(median(signed) * 100).toFixed(1)} % (negative = we are faster than OSRM); distance median rel diff ${median(relM).toFixed(4)}`);
    }
  } else {
    console.log(`# monaco comparison skipped: ${pbf} or ${fx} missing`);
  }
} finally {
  await city.drop();
  await monacoSchemas.drop();
  await pool.end();
  await rm(tmp, { recursive: true, force: true });
}
