/** Database surface geo modules need: the platform's Queryable (a pg.Pool or PoolClient). */
import type { Queryable } from '../platform/db/pool';
import { prepared } from '../platform/db/prepared';

export type { Queryable };
export { prepared };

/**
 * Change-notice channels (platform/db/change-notices.ts) of geo's in-process caches; the payload
 * is the schema that changed.
 */
export const CHANGE_CHANNELS = {
  /** A road network import committed (geo/import/import-osm.ts). */
  network: 'geo_network',
  /** Service-area pieces changed (the generation bump trigger). */
  serviceAreas: 'geo_service_areas',
} as const;

/** Checks a schema name before it is spliced into SQL (identifiers cannot be bind parameters). */
export function sqlIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return name;
}

/** Current network version (0 = no network imported yet). */
export async function networkVersion(db: Queryable, schema = 'geo_net'): Promise<number> {
  const r = await db.query<{ version: string }>(`SELECT version FROM ${sqlIdent(schema)}.network_meta WHERE id`);
  return r.rows.length ? Number(r.rows[0].version) : 0;
}
