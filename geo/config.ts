/** Geo settings, declared once (platform config registry); environment variables override. */
import { defineKey, getKey } from '../platform/config/registry';
import type { RoutingConfig } from './routing/engine';

const c = 'geo';

export const keys = {
  osrmUrl: defineKey<string>({ context: c, env: 'OSRM_URL', type: 'url', optional: true, doc: 'Base URL of osrm-routed; when set, routing uses OSRM instead of pgRouting' }),
  osrmProfile: defineKey({ context: c, env: 'OSRM_PROFILE', type: 'string', default: 'driving', doc: 'Profile segment in OSRM request paths' }),
  osrmMaxTableSize: defineKey({ context: c, env: 'OSRM_MAX_TABLE_SIZE', type: 'int', default: 100, min: 2, unit: 'coordinates', doc: 'Coordinates per OSRM table request; must not exceed osrm-routed --max-table-size' }),
  osrmTimeoutMs: defineKey({ context: c, env: 'OSRM_TIMEOUT_MS', type: 'int', default: 10_000, min: 100, unit: 'ms', doc: 'Per-attempt timeout of OSRM requests' }),
  osrmRetries: defineKey({ context: c, env: 'OSRM_RETRIES', type: 'int', default: 3, min: 0, max: 10, unit: 'retries', doc: 'Retries on OSRM 5xx, timeouts and connection errors (exponential backoff)' }),
  maxSnapM: defineKey({ context: c, env: 'ROUTING_MAX_SNAP_M', type: 'number', default: 500, min: 1, unit: 'm', doc: 'Points farther than this from any road are unroutable (snap_too_far); sent to OSRM as radiuses' }),
  contraction: defineKey({ context: c, env: 'ROUTING_CONTRACTION', type: 'bool', default: true, doc: 'Build a contraction hierarchy per network version for pgRouting tables (background; ~2 s for 30k segments, ~2 min for 500k)' }),
  turnCosts: defineKey({ context: c, env: 'ROUTING_TURN_COSTS', type: 'bool', default: false, doc: 'pgRouting engine: model turn penalties like OSRM (edge-based graph); closer ETAs, slower tables on large grids' }),
  mapTileUrl: defineKey<string>({ context: c, env: 'MAP_TILE_URL', type: 'string', optional: true, doc: 'Raster tile URL template (https://…{z}/{x}/{y}, {s} for subdomains) of an external base map for the console; unset: our own road network, drawn offline' }),
  mapTileAttribution: defineKey<string>({ context: c, env: 'MAP_TILE_ATTRIBUTION', type: 'string', optional: true, doc: 'Attribution the console shows with MAP_TILE_URL\'s tiles (the provider\'s terms)' }),
  mapTileCrs: defineKey({ context: c, env: 'MAP_TILE_CRS', type: 'enum', values: ['wgs84', 'gcj02'] as const, default: 'wgs84', doc: 'Datum of MAP_TILE_URL\'s tiles: gcj02 for AMap and Tencent (the console shifts every overlay to match)' }),
  matrixCacheTtlS: defineKey({ context: c, env: 'ROUTING_MATRIX_CACHE_TTL_S', type: 'int', default: 7 * 24 * 3600, min: 0, unit: 's', doc: 'Lifetime of cached matrix cells between fixed points in Redis (0 = cache off)' }),
};

/** Routing settings from the registry (environment overrides defaults). */
export function routingConfig(env: NodeJS.ProcessEnv = process.env): RoutingConfig & { osrmTimeoutMs: number; osrmRetries: number; contraction: boolean; turnCosts: boolean } {
  return {
    osrmUrl: getKey(keys.osrmUrl, env) || undefined,
    osrmProfile: getKey(keys.osrmProfile, env),
    osrmMaxTableSize: getKey(keys.osrmMaxTableSize, env),
    maxSnapM: getKey(keys.maxSnapM, env),
    osrmTimeoutMs: getKey(keys.osrmTimeoutMs, env),
    osrmRetries: getKey(keys.osrmRetries, env),
    contraction: getKey(keys.contraction, env),
    turnCosts: getKey(keys.turnCosts, env),
  };
}
