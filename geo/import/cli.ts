/**
 * import-osm: loads an OSM extract as the routing network.
 *   DATABASE_URL=postgres://… tsx geo/import/cli.ts <file.osm|.osm.pbf|.osm.bz2>
 */
import pg from 'pg';
import { AppError } from '../errors';
import { importOsm } from './import-osm';

const file = process.argv[2];
const databaseUrl = process.env.DATABASE_URL;
if (!file || !databaseUrl) {
  console.error('usage: DATABASE_URL=postgres://user@host:port/db tsx geo/import/cli.ts <file.osm|.osm.pbf|.osm.bz2>');
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
try {
  const r = await importOsm(file, { pool, databaseUrl, log: (l) => console.log(l) });
  const b = r.bbox;
  console.log(
    `imported ${file}: network version ${r.version}, ${r.ways} ways (${r.mainComponentWays} in the main component), ` +
      `${r.vertices} vertices, bbox ${b ? `${b.minLat.toFixed(5)},${b.minLng.toFixed(5)},${b.maxLat.toFixed(5)},${b.maxLng.toFixed(5)}` : 'none'} ` +
      `in ${r.elapsedMs} ms`,
  );
} catch (e) {
  if (e instanceof AppError) {
    console.error(`import failed: ${e.code}: ${e.message}`);
    process.exitCode = 1;
  } else throw e;
} finally {
  await pool.end();
}
