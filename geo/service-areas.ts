/**
 * Facility service areas: a geodesic radius or a drive-time isochrone, stored as a PostGIS
 * MultiPolygon (geo.service_areas), also cut into small pieces (geo.service_area_parts, GiST
 * index, migration 003) so "which facilities serve this address?" is one indexed query
 * (ST_Covers on the few pieces around the point).
 *
 * Isochrone: pgr_drivingDistance from the road vertex the facility snaps to, on geo_net.ways
 * travel times (cost_s, directed: facility → customer), restricted to a bounding box the rider
 * cannot leave in the time at 120 km/h; the reached vertices' concave hull (ST_ConcaveHull,
 * 0.3 = fairly tight) is widened by `edgeBufferM` to cover addresses set back from the road.
 */
import type { LatLng } from './coords';
import { assertValidLatLng } from './coords';
import type { Queryable } from './db';
import { AppError } from './errors';
import { sqlIdent } from './db';

const names = (o: SchemaOptions = {}) => ({ sa: sqlIdent(o.schema ?? 'geo'), net: sqlIdent(o.netSchema ?? 'geo_net') });

export type ServiceAreaSpec = { kind: 'radius'; radiusM: number } | { kind: 'isochrone'; driveMinutes: number };

export interface ServiceArea {
  facilityId: string;
  kind: 'radius' | 'isochrone';
  radiusM: number | null;
  driveMinutes: number | null;
  center: LatLng;
  /** Area in square metres (geodesic). */
  areaM2: number;
  networkVersion: number | null;
}

/** Where the tables live (tests use scratch schemas). */
export interface SchemaOptions {
  /** Schema of service_areas. Default 'geo'. */
  schema?: string;
  /** Schema of the road network. Default 'geo_net'. */
  netSchema?: string;
}

export interface IsochroneOptions extends SchemaOptions {
  /** Widening of the hull, metres. Default 150. */
  edgeBufferM?: number;
  /** Max distance from the facility to the road it starts from, metres. Default 500. */
  maxSnapM?: number;
}

const MAX_SPEED_MPS = 120 / 3.6; // bounding box for the isochrone search: nobody is faster than 120 km/h

/**
 * Creates or replaces the service area of a facility.
 * @throws AppError invalid_input `invalid_service_area` | unprocessable `snap_too_far` | unavailable `network_not_loaded`
 */
export async function upsertServiceArea(db: Queryable, facilityId: string, center: LatLng, spec: ServiceAreaSpec, opts: IsochroneOptions = {}): Promise<ServiceArea> {
  const { sa, net } = names(opts);
  assertValidLatLng(center, 'center');
  if (!facilityId) throw new AppError('invalid_input', 'invalid_service_area', 'facilityId is required');
  if (spec.kind === 'radius') {
    if (!(spec.radiusM > 0 && spec.radiusM <= 1_000_000)) throw new AppError('invalid_input', 'invalid_service_area', 'radiusM must be within (0, 1,000,000] metres');
    // quad_segs=16: 64-gon, < 0.2 % area error against the true circle.
    await db.query(
      `INSERT INTO ${sa}.service_areas (facility_id, kind, radius_m, drive_minutes, center, area, network_version, updated_at)
       VALUES ($1, 'radius', $2, NULL, ST_SetSRID(ST_MakePoint($3, $4), 4326),
               ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography, $2, 'quad_segs=16')::geometry), NULL, now())
       ON CONFLICT (facility_id) DO UPDATE SET kind = EXCLUDED.kind, radius_m = EXCLUDED.radius_m, drive_minutes = NULL,
         center = EXCLUDED.center, area = EXCLUDED.area, network_version = NULL, updated_at = now()`,
      [facilityId, spec.radiusM, center.lng, center.lat],
    );
  } else {
    if (!(spec.driveMinutes > 0 && spec.driveMinutes <= 240)) throw new AppError('invalid_input', 'invalid_service_area', 'driveMinutes must be within (0, 240]');
    const limitS = spec.driveMinutes * 60;
    const boxM = limitS * MAX_SPEED_MPS;
    const meta = await db.query<{ version: string }>(`SELECT version FROM ${net}.network_meta WHERE id`);
    const version = Number(meta.rows[0]?.version ?? 0);
    if (!version) throw new AppError('unavailable', 'network_not_loaded', 'no road network imported yet (run import-osm)');
    const snap = await db.query<{ vid: string; dist_m: number }>(
      `SELECT CASE WHEN ST_LineLocatePoint(w.the_geom, g) < 0.5 AND w.reverse_cost_s >= 0 OR w.cost_s < 0 THEN w.source ELSE w.target END AS vid,
              ST_Distance(w.the_geom::geography, g::geography) AS dist_m
       FROM (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS g) p,
            LATERAL (SELECT * FROM ${net}.ways WHERE in_main_component ORDER BY the_geom <-> p.g LIMIT 8) w
       ORDER BY dist_m LIMIT 1`,
      [center.lng, center.lat],
    );
    const maxSnapM = opts.maxSnapM ?? 500;
    if (!snap.rows.length || snap.rows[0].dist_m > maxSnapM) {
      throw new AppError('unprocessable', 'snap_too_far', `no road within ${maxSnapM} m of the facility`, { facilityId, ...center });
    }
    const dLat = boxM / 111_320;
    const dLng = boxM / (111_320 * Math.cos((center.lat * Math.PI) / 180));
    // The edges SQL is a literal string for pgRouting; only numbers are interpolated.
    const edgesSql =
      `SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ${net}.ways ` +
      `WHERE the_geom && ST_MakeEnvelope(${center.lng - dLng}, ${center.lat - dLat}, ${center.lng + dLng}, ${center.lat + dLat}, 4326)`;
    const r = await db.query(
      `WITH reached AS (
         SELECT v.the_geom FROM pgr_drivingDistance($1, $2::bigint, $3::float8, true) d
         JOIN ${net}.ways_vertices_pgr v ON v.id = d.node
       ), hull AS (
         SELECT ST_Multi(ST_Buffer(ST_ConcaveHull(ST_Collect(the_geom), 0.3)::geography, $4, 'quad_segs=4')::geometry) AS area FROM reached
       )
       INSERT INTO ${sa}.service_areas (facility_id, kind, radius_m, drive_minutes, center, area, network_version, updated_at)
       SELECT $5, 'isochrone', NULL, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326), ST_CollectionExtract(ST_MakeValid(area), 3), $9, now()
       FROM hull WHERE area IS NOT NULL
       ON CONFLICT (facility_id) DO UPDATE SET kind = EXCLUDED.kind, radius_m = NULL, drive_minutes = EXCLUDED.drive_minutes,
         center = EXCLUDED.center, area = EXCLUDED.area, network_version = EXCLUDED.network_version, updated_at = now()
       RETURNING facility_id`,
      [edgesSql, snap.rows[0].vid, limitS, opts.edgeBufferM ?? 150, facilityId, spec.driveMinutes, center.lng, center.lat, version],
    );
    if (!r.rows.length) throw new AppError('unprocessable', 'no_route', 'the isochrone reached no road', { facilityId });
  }
  const a = await getServiceArea(db, facilityId, opts);
  return a!;
}

/** One facility's area, or null. */
export async function getServiceArea(db: Queryable, facilityId: string, opts: SchemaOptions = {}): Promise<ServiceArea | null> {
  const { sa } = names(opts);
  const r = await db.query(
    `SELECT facility_id, kind, radius_m, drive_minutes, ST_Y(center) AS lat, ST_X(center) AS lng,
            ST_Area(area::geography) AS area_m2, network_version
     FROM ${sa}.service_areas WHERE facility_id = $1`,
    [facilityId],
  );
  const x = r.rows[0];
  if (!x) return null;
  return {
    facilityId: x.facility_id,
    kind: x.kind,
    radiusM: x.radius_m,
    driveMinutes: x.drive_minutes,
    center: { lat: x.lat, lng: x.lng },
    areaM2: x.area_m2,
    networkVersion: x.network_version === null ? null : Number(x.network_version),
  };
}

/** Removes a facility's area; returns whether one existed. */
export async function deleteServiceArea(db: Queryable, facilityId: string, opts: SchemaOptions = {}): Promise<boolean> {
  const { sa } = names(opts);
  const r = await db.query(`DELETE FROM ${sa}.service_areas WHERE facility_id = $1`, [facilityId]);
  return (r.rowCount ?? 0) > 0;
}

/**
 * Facilities whose service area covers the point — one query answered from the GiST index.
 * @returns facility ids with the straight-line distance to each facility, nearest first
 */
export async function facilitiesServing(db: Queryable, point: LatLng, opts: SchemaOptions = {}): Promise<{ facilityId: string; kind: 'radius' | 'isochrone'; distanceM: number }[]> {
  assertValidLatLng(point);
  // The lookup is the SQL function facilities_serving (geo/sql/facilities_serving.sql), which
  // PostgreSQL inlines.
  const { sa } = names(opts);
  const r = await db.query(`SELECT facility_id, kind, distance_m FROM ${sa}.facilities_serving($1, $2) ORDER BY distance_m, facility_id`, [point.lng, point.lat]);
  return r.rows.map((x) => ({ facilityId: x.facility_id, kind: x.kind, distanceM: x.distance_m }));
}

/** GeoJSON FeatureCollection of service areas (all, or the given facilities), for the map. 6 decimals ≈ 0.1 m. */
export async function serviceAreasGeoJson(db: Queryable, facilityIds?: string[], opts: SchemaOptions = {}): Promise<{ type: 'FeatureCollection'; features: unknown[] }> {
  const { sa } = names(opts);
  const r = await db.query(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', facility_id, 'geometry', ST_AsGeoJSON(area, 6)::json,
       'properties', json_build_object('facilityId', facility_id, 'kind', kind, 'radiusM', radius_m, 'driveMinutes', drive_minutes,
         'center', json_build_array(ST_X(center), ST_Y(center)), 'networkVersion', network_version, 'updatedAt', updated_at))
       ORDER BY facility_id), '[]'::json)) AS fc
     FROM ${sa}.service_areas WHERE $1::text[] IS NULL OR facility_id = ANY($1::text[])`,
    [facilityIds ?? null],
  );
  return r.rows[0].fc;
}
