/**
 * OSM import into geo_net (see migrations/001_network.sql).
 *
 * 1. Sniff the file (magic bytes): OSM XML, PBF ("OSMHeader" blob) or bzip2 ("BZh").
 *    Anything else → invalid_input `osm_file_invalid`; zero bytes / no roads → `osm_file_empty`.
 * 2. Convert to plain OSM XML in a temp dir (osm2pgrouting reads only XML):
 *    PBF via `osmium cat -o x.osm`, bz2 via `bunzip2 -c`.
 * 3. osm2pgrouting with our car mapconfig into a fresh staging schema.
 * 4. Waterways (river, canal, stream) for the base map: `osmium tags-filter` + `osmium export`
 *    to GeoJSON lines (osm2pgrouting keeps roads only).
 * 5. Post-process in staging (largest strongly connected component), then ONE transaction
 *    replaces geo_net.ways / ways_vertices_pgr / waterways and bumps network_meta.version. A failure at
 *    any step rolls back / never reaches the swap, so the previous network stays in place;
 *    DELETE + INSERT inside the transaction means no stale edge survives a re-import. DELETE
 *    (not TRUNCATE, which takes an ACCESS EXCLUSIVE lock) lets routing queries keep reading the
 *    old network during the swap (MVCC) and see the new one atomically at COMMIT; the dead rows
 *    are vacuumed right after.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { AppError } from '../errors';
import { CHANGE_CHANNELS, sqlIdent } from '../db';

export type OsmFormat = 'xml' | 'pbf' | 'bz2';

/** What an import loaded. */
export interface ImportResult {
  version: number;
  ways: number;
  vertices: number;
  /** Ways whose both ends are in the largest strongly connected component (snappable). */
  mainComponentWays: number;
  bbox: { minLat: number; minLng: number; maxLat: number; maxLng: number } | null;
  elapsedMs: number;
}

export interface ImportOptions {
  /** Pool for the swap transaction and post-processing. */
  pool: pg.Pool;
  /** Connection URL passed to osm2pgrouting (it opens its own connection). */
  databaseUrl: string;
  /** osm2pgrouting mapconfig. Default: geo/import/mapconfig-car.xml. */
  mapconfig?: string;
  /**
   * Factor applied to every speed after osm2pgrouting (OSRM's speed_reduction). Default 0.8;
   * mapconfig-car.xml defaults are pre-divided by it.
   */
  speedFactor?: number;
  /** Target schema (created by migrations/001_network.sql). Default 'geo_net'. */
  schema?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export const DEFAULT_MAPCONFIG = path.join(path.dirname(fileURLToPath(import.meta.url)), 'mapconfig-car.xml');

/**
 * Detects the OSM file format from its first bytes.
 * @throws AppError invalid_input `osm_file_empty` (0 bytes) | `osm_file_invalid` | not_found `osm_file_not_found`
 */
export async function sniffOsmFile(file: string): Promise<OsmFormat> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new AppError('not_found', 'osm_file_not_found', `OSM file not found: ${file}`, { file });
  }
  if (size === 0) throw new AppError('invalid_input', 'osm_file_empty', `OSM file is empty: ${file}`, { file });
  const fh = await open(file, 'r');
  const buf = Buffer.alloc(Math.min(size, 4096));
  try {
    await fh.read(buf, 0, buf.length, 0);
  } finally {
    await fh.close();
  }
  if (buf.subarray(0, 3).toString('latin1') === 'BZh') return 'bz2';
  // PBF: 4-byte big-endian BlobHeader length, then the BlobHeader whose type is "OSMHeader".
  if (buf.subarray(4, 40).toString('latin1').includes('OSMHeader')) return 'pbf';
  const head = buf.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if ((head.startsWith('<?xml') || head.startsWith('<osm')) && /<osm[\s>]/.test(head)) return 'xml';
  throw new AppError('invalid_input', 'osm_file_invalid', `not an OpenStreetMap file (XML, PBF or bz2 expected): ${file}`, {
    file,
  });
}

function run(cmd: string, args: string[], opts: { stdoutFile?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    // With stdoutFile, done only once the file is written and closed too: the child's 'close'
    // can come first, and a reader of the file then found it empty (a busy machine showed it).
    const written = opts.stdoutFile ? pipeline(child.stdout!, createWriteStream(opts.stdoutFile)) : Promise.resolve();
    written.catch(() => undefined); // reported below, once the child is done
    if (!opts.stdoutFile) child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
    child.stderr!.on('data', (d) => (err = (err + d).slice(-20_000)));
    child.on('error', (e) => reject(new AppError('unavailable', 'tool_missing', `${cmd} could not be started: ${e.message}`, { cmd })));
    child.on('close', (code) => {
      if (code === 0) written.then(() => resolve(out + err), reject);
      else reject(new AppError('unprocessable', 'osm_tool_failed', `${cmd} exited with ${code}: ${err.trim().slice(-500)}`, { cmd, code, stderr: err.slice(-2000), stdout: out.slice(-2000) }));
    });
  });
}

/** Quick check that an OSM XML file contains at least one way (osm2pgrouting happily imports nothing). */
async function xmlHasWays(file: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const rs = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    let tail = '';
    rs.on('data', (chunk) => {
      const s = tail + chunk;
      if (s.includes('<way ')) {
        rs.destroy();
        resolve(true);
      }
      tail = s.slice(-8);
    });
    rs.on('end', () => resolve(false));
    rs.on('close', () => resolve(false));
    rs.on('error', reject);
  });
}

function pgArgs(databaseUrl: string): string[] {
  const u = new URL(databaseUrl);
  const args = ['-d', decodeURIComponent(u.pathname.replace(/^\//, '')), '-U', decodeURIComponent(u.username || 'postgres')];
  const host = u.hostname || u.searchParams.get('host') || 'localhost';
  args.push('-h', host, '-p', u.port || '5432');
  if (u.password) args.push('-W', decodeURIComponent(u.password));
  return args;
}

const WATERWAYS = ['river', 'canal', 'stream'];

/** The file's waterways as GeoJSON LineStrings (a way osmium cannot build, e.g. missing nodes, is left out). */
async function readWaterways(xml: string, tmp: string): Promise<Array<{ osmId: number | null; kind: string; name: string | null; geometry: string }>> {
  const filtered = path.join(tmp, 'water.osm');
  const lines = path.join(tmp, 'water.geojsonseq');
  await run('osmium', ['tags-filter', '--no-progress', '-o', filtered, '-f', 'osm', xml, `w/waterway=${WATERWAYS.join(',')}`]);
  await run('osmium', ['export', '--no-progress', '-o', lines, '-f', 'geojsonseq', '-x', 'print_record_separator=false', '-u', 'type_id', '--geometry-types=linestring', filtered]);
  const out: Array<{ osmId: number | null; kind: string; name: string | null; geometry: string }> = [];
  for (const line of (await readFile(lines, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const f = JSON.parse(line) as { id?: string; properties?: Record<string, string>; geometry?: { type: string } };
    if (f.geometry?.type !== 'LineString' || !WATERWAYS.includes(f.properties?.waterway ?? '')) continue;
    const id = /^w(\d+)$/.exec(f.id ?? '');
    out.push({ osmId: id ? Number(id[1]) : null, kind: f.properties!.waterway, name: f.properties!.name ?? null, geometry: JSON.stringify(f.geometry) });
  }
  return out;
}

/**
 * Imports an OSM file (.osm, .osm.pbf, .osm.bz2) as the routing network, replacing the current one atomically.
 * @throws AppError `osm_file_invalid` | `osm_file_empty` | `osm_file_not_found` | `osm_tool_failed`
 */
export async function importOsm(file: string, opts: ImportOptions): Promise<ImportResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const factor = opts.speedFactor ?? 0.8;
  const format = await sniffOsmFile(file);
  const tmp = await mkdtemp(path.join(tmpdir(), 'geo-import-'));
  const stage = `geo_net_stage_${process.pid}_${Date.now().toString(36)}`;
  const pool = opts.pool;
  const net = sqlIdent(opts.schema ?? 'geo_net');
  let staged = false;
  try {
    let xml = file;
    if (format === 'pbf') {
      xml = path.join(tmp, 'input.osm');
      log(`converting PBF → XML (osmium cat)`);
      await run('osmium', ['cat', '--no-progress', '-o', xml, '-f', 'osm', file]);
    } else if (format === 'bz2') {
      xml = path.join(tmp, 'input.osm');
      log(`decompressing bz2`);
      await run('bunzip2', ['-c', file], { stdoutFile: xml });
      await sniffOsmFile(xml);
    }
    if (!(await xmlHasWays(xml))) throw new AppError('invalid_input', 'osm_file_empty', `OSM file contains no ways: ${file}`, { file });

    await pool.query(`CREATE SCHEMA ${stage}`);
    staged = true;
    log(`osm2pgrouting → ${stage}`);
    await run('osm2pgrouting', ['-f', xml, '-c', opts.mapconfig ?? DEFAULT_MAPCONFIG, '--schema', stage, '--clean', '--no-index', ...pgArgs(opts.databaseUrl)]);

    const cnt = await pool.query<{ n: string }>(
      `SELECT count(*) n FROM ${stage}.ways WHERE source IS NOT NULL AND target IS NOT NULL AND (cost_s >= 0 OR reverse_cost_s >= 0)`,
    );
    if (Number(cnt.rows[0].n) === 0) {
      throw new AppError('invalid_input', 'osm_file_empty', `OSM file contains no drivable roads: ${file}`, { file });
    }
    log('waterways (osmium tags-filter + export)');
    const water = await readWaterways(xml, tmp);

    // Largest strongly connected component: a point snapped there can reach and be reached
    // from every other such point (OSRM similarly avoids snapping to tiny components).
    await pool.query(`CREATE TABLE ${stage}.main_vertex AS
      WITH scc AS (SELECT * FROM pgr_strongComponents(
        'SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ${stage}.ways WHERE source IS NOT NULL AND target IS NOT NULL')),
      big AS (SELECT component FROM scc GROUP BY component ORDER BY count(*) DESC, component LIMIT 1)
      SELECT node AS id FROM scc JOIN big USING (component)`);
    await pool.query(`CREATE UNIQUE INDEX ON ${stage}.main_vertex (id)`);

    const client = await pool.connect();
    let version = 0;
    try {
      await client.query('BEGIN');
      // Row lock serialises concurrent imports.
      const cur = await client.query<{ version: string }>(`SELECT version FROM ${net}.network_meta WHERE id FOR UPDATE`);
      version = Number(cur.rows[0]?.version ?? 0) + 1;
      await client.query(`DELETE FROM ${net}.ways`);
      await client.query(`DELETE FROM ${net}.ways_vertices_pgr`);
      await client.query(`INSERT INTO ${net}.ways_vertices_pgr (id, osm_id, the_geom)
        SELECT id, osm_id, the_geom FROM ${stage}.ways_vertices_pgr`);
      // Costs: osm2pgrouting gives seconds at the mapconfig/maxspeed speed; scale by 1/factor.
      await client.query(
        `INSERT INTO ${net}.ways (gid, osm_id, tag_id, highway, name, source, target, length_m, cost_s, reverse_cost_s,
            one_way, maxspeed_forward, maxspeed_backward, in_main_component, the_geom)
         SELECT w.gid, w.osm_id, w.tag_id, c.tag_value, w.name, w.source, w.target, w.length_m,
                CASE WHEN w.cost_s < 0 THEN -1 ELSE w.cost_s / $1 END,
                CASE WHEN w.reverse_cost_s < 0 THEN -1 ELSE w.reverse_cost_s / $1 END,
                coalesce(w.one_way, 0), w.maxspeed_forward * $1, w.maxspeed_backward * $1,
                EXISTS (SELECT 1 FROM ${stage}.main_vertex m WHERE m.id = w.source)
                  AND EXISTS (SELECT 1 FROM ${stage}.main_vertex m WHERE m.id = w.target),
                w.the_geom
         FROM ${stage}.ways w LEFT JOIN ${stage}.configuration c ON c.tag_id = w.tag_id
         WHERE w.source IS NOT NULL AND w.target IS NOT NULL AND w.the_geom IS NOT NULL
           AND (w.cost_s >= 0 OR w.reverse_cost_s >= 0)`,
        [factor],
      );
      await client.query(
        `UPDATE ${net}.network_meta SET version = $1, source_file = $2, imported_at = now(),
           ways = (SELECT count(*) FROM ${net}.ways), vertices = (SELECT count(*) FROM ${net}.ways_vertices_pgr),
           bbox = (SELECT ST_Envelope(ST_Extent(the_geom)::geometry) FROM ${net}.ways) WHERE id`,
        [version, path.basename(file)],
      );
      await client.query(`DELETE FROM ${net}.waterways`);
      await client.query(
        `INSERT INTO ${net}.waterways (osm_id, kind, name, geom)
         SELECT u.osm_id, u.kind, u.name, ST_SetSRID(ST_GeomFromGeoJSON(u.geom), 4326)
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(osm_id, kind, name, geom)`,
        [water.map((w) => w.osmId), water.map((w) => w.kind), water.map((w) => w.name), water.map((w) => w.geometry)],
      );
      // Sent at commit: every process's routing engine re-reads the version (change notices).
      await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNELS.network, net]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
    // VACUUM cannot run inside a transaction block: one statement per query.
    await pool.query(`VACUUM (ANALYZE) ${net}.ways`);
    await pool.query(`VACUUM (ANALYZE) ${net}.ways_vertices_pgr`);
    const m = await pool.query(
      `SELECT ways, vertices, (SELECT count(*) FROM ${net}.ways WHERE in_main_component) AS main,
              ST_XMin(bbox) AS min_lng, ST_YMin(bbox) AS min_lat, ST_XMax(bbox) AS max_lng, ST_YMax(bbox) AS max_lat
       FROM ${net}.network_meta WHERE id`,
    );
    const r = m.rows[0];
    return {
      version,
      ways: Number(r.ways),
      vertices: Number(r.vertices),
      mainComponentWays: Number(r.main),
      bbox: r.min_lat === null ? null : { minLat: r.min_lat, minLng: r.min_lng, maxLat: r.max_lat, maxLng: r.max_lng },
      elapsedMs: Date.now() - t0,
    };
  } finally {
    if (staged) await pool.query(`DROP SCHEMA IF EXISTS ${stage} CASCADE`).catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }
}
