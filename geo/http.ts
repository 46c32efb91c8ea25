/**
 * Geo HTTP routes, declared with the platform's `route()` (zod in/out, access, audit) and
 * mounted by the platform under /api/v1. Thin: validation here, work in the geo modules.
 * Coordinates on the wire are `{lat, lng, crs?}` (crs: wgs84 default | gcj02 | bd09) and are
 * converted to WGS-84 on the way in; responses are WGS-84 (GeoJSON: [lng, lat]).
 */
import { z } from 'zod';
import { route, type RouteModule } from '../platform/http/route';
import { latLngInputSchema } from './coords';
import type { Queryable } from './db';
import { AppError } from './errors';
import type { RoutingEngine } from './routing/engine';
import { getKey } from '../platform/config/registry';
import { keys as geoKeys } from './config';
import { roadTile, ROAD_TILE_SIZE } from './road-tiles';
import { deleteServiceArea, facilitiesServing, getServiceArea, serviceAreasGeoJson, upsertServiceArea } from './service-areas';

export interface GeoHttpDeps {
  /** Application-role pool. */
  db: Queryable;
  engine: RoutingEngine;
}

const crs = z.enum(['wgs84', 'gcj02', 'bd09']).optional();
/** Point from a query string (?lat=&lng=&crs=). */
const PointQuery = z
  .object({ lat: z.coerce.number(), lng: z.coerce.number(), crs })
  .strict()
  .transform((q, ctx) => {
    const r = latLngInputSchema.safeParse(q);
    if (!r.success) {
      ctx.addIssue({ code: 'custom', message: 'coordinate_out_of_range' });
      return z.NEVER;
    }
    return r.data;
  });
const ROAD_TILE_MIN_ZOOM = 8;
const ROAD_TILE_MAX_ZOOM = 19;
const FacilityId = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/);

const LatLngOut = z.object({ lat: z.number(), lng: z.number() });
const Position = z.tuple([z.number(), z.number()]).meta({ description: '[lng, lat], WGS-84' });
const SnappedOut = z.object({
  point: LatLngOut.meta({ description: 'Closest point on a routable road' }), distanceM: z.number().meta({ description: 'Straight-line distance from the input to point' }),
  name: z.string().optional(),
}).meta({ id: 'SnappedPoint' });
const RouteOut = z.object({
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }),
  durationS: z.number(), distanceM: z.number(),
  legs: z.array(z.object({ durationS: z.number(), distanceM: z.number() })).meta({ description: 'One per consecutive pair of points' }),
  coordinateTimesS: z.array(z.number()).optional().meta({ description: 'Seconds from the start at each coordinate, when the engine knows per-road speeds' }),
}).meta({ id: 'Route' });
const TableOut = z.object({
  durations: z.array(z.array(z.number().nullable())).meta({ description: 'durations[i][j] seconds from sources[i] to destinations[j]; null when unroutable' }),
  distances: z.array(z.array(z.number().nullable())),
  unroutable: z.array(z.object({
    scope: z.enum(['source', 'destination', 'pair']), sourceIndex: z.int().optional(), destinationIndex: z.int().optional(), reason: z.enum(['snap_too_far', 'no_route']),
  })),
}).meta({ id: 'TravelMatrix' });
const ServiceAreaOut = z.object({
  facilityId: z.string(), kind: z.enum(['radius', 'isochrone']), radiusM: z.number().nullable(), driveMinutes: z.number().nullable(), center: LatLngOut,
  areaM2: z.number().meta({ description: 'Geodesic area, m²' }), networkVersion: z.number().nullable(),
}).meta({ id: 'ServiceArea' });
const ServiceAreasOut = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'), id: z.string(),
    geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }).meta({ description: 'GeoJSON, WGS-84' }),
    properties: z.object({
      facilityId: z.string(), kind: z.enum(['radius', 'isochrone']), radiusM: z.number().nullable(), driveMinutes: z.number().nullable(),
      center: Position, networkVersion: z.number().nullable(), updatedAt: z.string(),
    }),
  })),
}).meta({ id: 'ServiceAreaCollection' });

/** Builds the geo route module. */
export function geoModule({ db, engine }: GeoHttpDeps): RouteModule {
  const nearest = route({
    method: 'get', path: '/geo/nearest', operationId: 'snapToRoad', response: SnappedOut, errors: { 422: { codes: ['snap_too_far'] } }, summary: 'Snap a point to the closest routable road', tags: ['geo'], access: 'authenticated',
    query: PointQuery,
    async handler({ query }) {
      return { body: await engine.nearest(query) };
    },
  });

  const routeOne = route({
    method: 'post', path: '/geo/route', operationId: 'computeRoute', response: RouteOut, errors: { 422: { codes: ['snap_too_far', 'no_route'] } }, summary: 'Fastest route through 2–25 points (GeoJSON geometry, seconds, metres)', tags: ['geo'], access: 'authenticated',
    audit: 'none', successStatus: 200,
    body: z.object({ points: z.array(latLngInputSchema).min(2).max(25) }).strict(),
    async handler({ body }) {
      return { body: await engine.route(body.points) };
    },
  });

  const table = route({
    method: 'post', path: '/geo/table', operationId: 'computeTravelMatrix', response: TableOut, summary: 'Duration/distance matrix; unroutable cells are null with a reason', tags: ['geo'], access: 'authenticated',
    audit: 'none', successStatus: 200,
    body: z.object({ sources: z.array(latLngInputSchema).min(1).max(500), destinations: z.array(latLngInputSchema).min(1).max(500) }).strict(),
    async handler({ body }) {
      return { body: await engine.table(body.sources, body.destinations) };
    },
  });

  const network = route({
    method: 'get', path: '/geo/network', operationId: 'getRoadNetwork', response: z.object({
      engine: z.string(), version: z.number().int(), sourceFile: z.string().nullable(), importedAt: z.string().nullable(), ways: z.number().int(), vertices: z.number().int(),
      bbox: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }).nullable().meta({ description: 'GeoJSON polygon of the network extent' }),
    }), summary: 'The loaded road network: version, size, bbox', tags: ['geo'], access: 'authenticated',
    async handler() {
      const r = await db.query(
        `SELECT version, source_file, imported_at, ways, vertices, ST_AsGeoJSON(bbox, 6)::json AS bbox FROM geo_net.network_meta WHERE id`,
      );
      const m = r.rows[0];
      return { body: { engine: engine.name, version: Number(m?.version ?? 0), sourceFile: m?.source_file ?? null, importedAt: m?.imported_at ?? null, ways: m?.ways ?? 0, vertices: m?.vertices ?? 0, bbox: m?.bbox ?? null } };
    },
  });

  const areas = route({
    method: 'get', path: '/geo/service-areas', operationId: 'listServiceAreas', response: ServiceAreasOut, summary: 'Service areas as a GeoJSON FeatureCollection (map layer)', tags: ['geo'], access: 'authenticated',
    query: z.object({ facility: z.string().max(4000).optional() }).strict(),
    async handler({ query }) {
      const ids = query.facility ? query.facility.split(',').filter(Boolean) : undefined;
      return { body: await serviceAreasGeoJson(db, ids) };
    },
  });

  const serving = route({
    method: 'get', path: '/geo/service-areas/serving', operationId: 'listFacilitiesServingPoint', response: z.object({ facilities: z.array(z.object({ facilityId: z.string(), kind: z.enum(['radius', 'isochrone']), distanceM: z.number() })) }), summary: 'Facilities whose service area covers a point, nearest first', tags: ['geo'], access: 'authenticated',
    query: PointQuery,
    async handler({ query }) {
      return { body: { facilities: await facilitiesServing(db, query) } };
    },
  });

  const put = route({
    method: 'put', path: '/geo/service-areas/:facilityId', operationId: 'setServiceArea', response: ServiceAreaOut, summary: 'Set a facility service area: radius (m) or drive-time isochrone (min)', tags: ['geo'], access: ['admin'],
    params: z.object({ facilityId: FacilityId }),
    body: z.union([
      z.object({ center: latLngInputSchema, kind: z.literal('radius'), radiusM: z.number().positive().max(1_000_000), reason: z.string().optional() }).strict(),
      z.object({ center: latLngInputSchema, kind: z.literal('isochrone'), driveMinutes: z.number().positive().max(240), reason: z.string().optional() }).strict(),
    ]),
    async handler({ params, body }, rc) {
      const old = await getServiceArea(db, params.facilityId);
      const spec = body.kind === 'radius' ? { kind: 'radius' as const, radiusM: body.radiusM } : { kind: 'isochrone' as const, driveMinutes: body.driveMinutes };
      const area = await upsertServiceArea(db, params.facilityId, body.center, spec);
      await rc.audit(db, { action: 'geo.service_area.set', entityType: 'facility', entityId: params.facilityId, oldValue: old, newValue: area });
      return { status: 200, body: area };
    },
  });

  const del = route({
    method: 'delete', path: '/geo/service-areas/:facilityId', operationId: 'deleteServiceArea', successStatus: 204, errors: { 404: { codes: ['service_area_not_found'] } }, summary: 'Remove a facility service area', tags: ['geo'], access: ['admin'],
    params: z.object({ facilityId: FacilityId }),
    async handler({ params }, rc) {
      const old = await getServiceArea(db, params.facilityId);
      if (!old) throw new AppError('not_found', 'service_area_not_found', `no service area for facility ${params.facilityId}`);
      await deleteServiceArea(db, params.facilityId);
      await rc.audit(db, { action: 'geo.service_area.delete', entityType: 'facility', entityId: params.facilityId, oldValue: old });
      return { status: 204 };
    },
  });

  const basemap = route({
    method: 'get', path: '/geo/basemap', operationId: 'getBasemap', summary: 'What the console draws under its map: our road tiles (offline) or an external provider (MAP_TILE_*)', tags: ['geo'],
    access: 'authenticated',
    response: z.object({
      networkVersion: z.number().int(),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().meta({ description: '[west, south, east, north] of the road network, WGS-84' }),
      roadTiles: z.object({ url: z.string(), tileSize: z.number().int(), minZoom: z.number().int(), maxZoom: z.number().int() }),
      external: z.object({ url: z.string(), attribution: z.string(), crs: z.enum(['wgs84', 'gcj02']) }).nullable(),
    }),
    async handler() {
      const r = await db.query(`SELECT version, ST_XMin(bbox) AS w, ST_YMin(bbox) AS s, ST_XMax(bbox) AS e, ST_YMax(bbox) AS n FROM geo_net.network_meta WHERE id`);
      const m = r.rows[0];
      const version = Number(m?.version ?? 0);
      const url = getKey(geoKeys.mapTileUrl);
      return {
        body: {
          networkVersion: version,
          bbox: m && m.w !== null ? [m.w, m.s, m.e, m.n] as [number, number, number, number] : null,
          // The version in the URL lets a tile be cached for good: a new import changes the URL.
          roadTiles: { url: `/api/v1/geo/road-tiles/{z}/{x}/{y}?v=${version}`, tileSize: ROAD_TILE_SIZE, minZoom: ROAD_TILE_MIN_ZOOM, maxZoom: ROAD_TILE_MAX_ZOOM },
          external: url ? { url, attribution: getKey(geoKeys.mapTileAttribution) ?? '', crs: getKey(geoKeys.mapTileCrs) } : null,
        },
      };
    },
  });

  const roadTiles = route({
    method: 'get', path: '/geo/road-tiles/:z/:x/:y', operationId: 'getRoadTile', summary: 'Roads (by road class) and waterways of one web-mercator tile in tile pixels (the offline base map)', tags: ['geo'],
    access: 'authenticated',
    params: z.object({ z: z.coerce.number().int().min(ROAD_TILE_MIN_ZOOM).max(ROAD_TILE_MAX_ZOOM), x: z.coerce.number().int().min(0), y: z.coerce.number().int().min(0) })
      .refine((p) => p.x < 2 ** p.z && p.y < 2 ** p.z, { message: 'x and y must be below 2^z' }),
    query: z.object({ v: z.coerce.number().int().min(0).optional().meta({ description: 'The network version the client expects (from /geo/basemap)' }) }).strict(),
    response: z.object({
      networkVersion: z.number().int(),
      roads: z.array(z.object({ class: z.string(), lines: z.array(z.array(z.tuple([z.number(), z.number()]))) })),
      water: z.array(z.array(z.tuple([z.number(), z.number()]))).meta({ description: 'Rivers, canals and streams, lines in tile pixels (drawn under the roads)' }),
    }),
    async handler({ params, query }) {
      const v = Number((await db.query('SELECT version FROM geo_net.network_meta WHERE id')).rows[0]?.version ?? 0);
      const tile = await roadTile(db, params.z, params.x, params.y);
      // A tile asked for at the current version never changes; any other answer may, soon.
      const cache = query.v === v ? 'private, max-age=31536000, immutable' : 'private, no-cache';
      return { body: { networkVersion: v, ...tile }, headers: { 'Cache-Control': cache } };
    },
  });

  return { name: 'geo', routes: [nearest, routeOne, table, network, areas, serving, put, del, basemap, roadTiles] };
}
