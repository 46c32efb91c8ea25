/** Database surface geo modules need: the platform's Queryable (a pg.Pool or PoolClient). */
import type { Queryable } from '../platform/db/pool';
import { prepared } from '../platform/db/prepared';

export type { Queryable };
export { prepared };

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
