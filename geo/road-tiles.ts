/**
 * The offline base map: the road network as small JSON tiles, drawn by the console on a
 * canvas per tile. `ST_AsMVTGeom` clips each road to the tile (plus a margin so strokes join
 * across tile edges), simplifies it and turns it into tile pixels, so the client draws without
 * projecting anything. Minor roads are left out at low zoom, where they would be a grey smear.
 */
import type { Queryable } from './db';

/** Tile edge in pixels: coordinates in a tile run from 0 to this. */
export const ROAD_TILE_SIZE = 256;
/** Pixels drawn past each edge so a stroke is not cut where two tiles meet. */
const ROAD_TILE_BUFFER = 8;

/** Road classes (OSM highway=*) drawn from each zoom on. */
const MIN_ZOOM: Record<string, number> = {
  motorway: 0, trunk: 0, primary: 0, secondary: 11, tertiary: 12,
  residential: 14, unclassified: 14, living_street: 15, service: 15,
};
const DEFAULT_MIN_ZOOM = 15;

export interface RoadTile {
  /** One entry per road class: its lines as [[x, y], …] in tile pixels. */
  roads: Array<{ class: string; lines: Array<Array<[number, number]>> }>;
}

/** The classes drawn at a zoom (null: every class). */
function classesAt(z: number): string[] | null {
  if (z >= DEFAULT_MIN_ZOOM) return null;
  return Object.entries(MIN_ZOOM).filter(([, min]) => z >= min).map(([c]) => c);
}

/** The roads of one web-mercator tile (z/x/y, XYZ scheme). */
export async function roadTile(db: Queryable, z: number, x: number, y: number): Promise<RoadTile> {
  const { rows } = await db.query<{ class: string; lines: Array<Array<[number, number]>> }>(
    `WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS e),
          clipped AS (
            SELECT w.highway AS class,
                   (ST_Dump(ST_AsMVTGeom(ST_Transform(w.the_geom, 3857), env.e, $4, $5, true))).geom AS g
              FROM geo_net.ways w, env
             -- the GiST index on the_geom answers this; the margin keeps roads just outside
             WHERE w.the_geom && ST_Transform(ST_Expand(env.e, (ST_XMax(env.e) - ST_XMin(env.e)) * $5 / $4), 4326)
               AND ($6::text[] IS NULL OR w.highway = ANY($6)))
     SELECT class, json_agg(ST_AsGeoJSON(g)::json -> 'coordinates') AS lines
       FROM clipped
      WHERE g IS NOT NULL AND GeometryType(g) = 'LINESTRING'
      GROUP BY class ORDER BY class`,
    [z, x, y, ROAD_TILE_SIZE, ROAD_TILE_BUFFER, classesAt(z)]);
  return { roads: rows.map((r) => ({ class: r.class ?? 'unknown', lines: r.lines })) };
}
