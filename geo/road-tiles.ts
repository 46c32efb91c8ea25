/**
 * The offline base map: the road network as small JSON tiles, drawn by the console on a
 * canvas per tile. `ST_AsMVTGeom` clips each road to the tile (plus a margin so strokes join
 * across tile edges), simplifies it and turns it into tile pixels, so the client draws without
 * projecting anything. Minor roads are left out at low zoom, where they would be a grey smear.
 * Rivers and canals come along (`water`), drawn under the roads.
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
  /** Waterways (river, canal, stream) as lines in tile pixels. */
  water: Array<Array<[number, number]>>;
}

/** The classes drawn at a zoom (null: every class). */
function classesAt(z: number): string[] | null {
  if (z >= DEFAULT_MIN_ZOOM) return null;
  return Object.entries(MIN_ZOOM).filter(([, min]) => z >= min).map(([c]) => c);
}

/** The roads and waterways of one web-mercator tile (z/x/y, XYZ scheme). */
export async function roadTile(db: Queryable, z: number, x: number, y: number): Promise<RoadTile> {
  // Waterways ride along as the class '~water', which no road has; the GiST indexes on the_geom and geom answer the && tests.
  const { rows } = await db.query<{ class: string; lines: Array<Array<[number, number]>> }>(
    `WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS e),
          bounds AS (SELECT e, ST_Transform(ST_Expand(e, (ST_XMax(e) - ST_XMin(e)) * $5::int / $4::int), 4326) AS b FROM env),
          clipped AS (
            SELECT w.highway AS class,
                   (ST_Dump(ST_AsMVTGeom(ST_Transform(w.the_geom, 3857), bounds.e, $4::int, $5::int, true))).geom AS g
              FROM geo_net.ways w, bounds
             WHERE w.the_geom && bounds.b AND ($6::text[] IS NULL OR w.highway = ANY($6))
            UNION ALL
            SELECT '~water',
                   (ST_Dump(ST_AsMVTGeom(ST_Transform(v.geom, 3857), bounds.e, $4::int, $5::int, true))).geom
              FROM geo_net.waterways v, bounds
             WHERE v.geom && bounds.b)
     SELECT class, json_agg(ST_AsGeoJSON(g)::json -> 'coordinates') AS lines
       FROM clipped
      WHERE g IS NOT NULL AND GeometryType(g) = 'LINESTRING'
      GROUP BY class ORDER BY class`,
    [z, x, y, ROAD_TILE_SIZE, ROAD_TILE_BUFFER, classesAt(z)]);
  return {
    roads: rows.filter((r) => r.class !== '~water').map((r) => ({ class: r.class ?? 'unknown', lines: r.lines })),
    water: rows.find((r) => r.class === '~water')?.lines ?? [],
  };
}
