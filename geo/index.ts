/**
 * Public face of the geo context. Other contexts import from here only.
 *
 * Coordinates are stored and exchanged as WGS-84 `{lat, lng}`; GCJ-02 / BD-09 are accepted at
 * the edges (latLngInputSchema). Routing goes through one interface (RoutingEngine) with two
 * implementations: pgRouting on the imported OSM network (default) and OSRM over HTTP (OSRM_URL).
 */
export {
  type LatLng,
  type Crs,
  wgs84ToGcj02,
  gcj02ToWgs84,
  gcj02ToBd09,
  bd09ToGcj02,
  wgs84ToBd09,
  bd09ToWgs84,
  toWgs84,
  fromWgs84,
  assertValidLatLng,
  latLngInputSchema,
  haversineM,
  outOfChina,
} from './coords';
export type { Queryable } from './db';
export { networkVersion } from './db';
export { keys as geoKeys, routingConfig } from './config';
export {
  type RoutingEngine,
  type Route,
  type Table,
  type Snapped,
  type Unroutable,
  type UnroutableReason,
  type LineString,
  type RouteProgress,
  type RoutingConfig,
  routeProgress,
} from './routing/engine';
export { createRoutingEngine } from './routing/factory';
export { PgRoutingEngine, type PgRoutingOptions } from './routing/pgrouting';
export { OsrmEngine, type OsrmOptions } from './routing/osrm';
export { MatrixCache, type MatrixCacheOptions, type RedisLike } from './routing/matrix-cache';
export {
  type ServiceArea,
  type ServiceAreaSpec,
  upsertServiceArea,
  getServiceArea,
  deleteServiceArea,
  facilitiesServing,
  serviceAreasGeoJson,
} from './service-areas';
export { importOsm, sniffOsmFile, type ImportResult, type ImportOptions } from './import/import-osm';
export { writeDemoCity, writeDemoCityFile, demoCityBbox, randomPointsNearRoads, DEMO_CITY_CENTER, type DemoCityStats, type BBox } from './demo-city/index';
export { geoModule, type GeoHttpDeps } from './http';
export { sharedRoutingEngine, closeSharedRoutingEngine } from './routing/shared';
export { CoverIndex, ServiceAreaCover, sharedServiceAreaCover } from './cover-index';
export { networkExtent, insideExtent, type NetworkExtent } from './network-extent';
export { roadTileCache, type RoadTileCache } from './road-tile-cache';
