/** The road lines around a point, simplified, for small maps drawn on the server (the customer's tracking page). */
import type { Queryable } from './db';

export async function roadsNear(q: Queryable, c: { lat: number; lng: number }, radiusM: number): Promise<Array<Array<[number, number]>>> {
  const r = await q.query(
    `SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(the_geom, 0.00003), 5)::json -> 'coordinates' AS line
       FROM geo_net.ways WHERE the_geom && ST_MakeEnvelope($1::float8 - $3::float8, $2::float8 - $4::float8, $1::float8 + $3::float8, $2::float8 + $4::float8, 4326)
      ORDER BY the_geom <-> ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) LIMIT 800`,
    [c.lng, c.lat, radiusM / (111_320 * Math.cos((c.lat * Math.PI) / 180)), radiusM / 111_320]);
  return r.rows.map((x) => x.line);
}
