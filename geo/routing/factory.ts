/** Chooses the routing engine: OSRM when OSRM_URL is configured, pgRouting otherwise. */
import { routingConfig } from '../config';
import type { Queryable } from '../db';
import type { RoutingConfig, RoutingEngine } from './engine';
import { OsrmEngine } from './osrm';
import { PgRoutingEngine } from './pgrouting';

/**
 * @param db pool of the application role (pgRouting reads geo_net)
 * @param cfg defaults to the registry values (env OSRM_URL, OSRM_MAX_TABLE_SIZE, ROUTING_MAX_SNAP_M, ROUTING_CONTRACTION, ROUTING_TURN_COSTS, …)
 */
export function createRoutingEngine(db: Queryable, cfg: RoutingConfig & { osrmTimeoutMs?: number; osrmRetries?: number; contraction?: boolean; turnCosts?: boolean } = routingConfig()): RoutingEngine {
  if (cfg.osrmUrl) {
    return new OsrmEngine({
      baseUrl: cfg.osrmUrl,
      profile: cfg.osrmProfile,
      maxTableSize: cfg.osrmMaxTableSize,
      radiusM: cfg.maxSnapM ?? 500,
      timeoutMs: cfg.osrmTimeoutMs,
      retries: cfg.osrmRetries,
    });
  }
  return new PgRoutingEngine(db, { maxSnapM: cfg.maxSnapM, contraction: cfg.contraction, turnCosts: cfg.turnCosts });
}
