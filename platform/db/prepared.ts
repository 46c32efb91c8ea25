import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * A named (server-side prepared) statement: PostgreSQL parses it once per connection instead of
 * on every call. It plans it anew on every call as long as a custom plan looks cheaper than the
 * generic one, which statements with array parameters usually do: pg_stat_statements' `plans`
 * against `calls` shows it. Such a lookup on a hot path is better a PL/pgSQL function with
 * `SET plan_cache_mode = force_generic_plan` (e.g. dispatch.stock_for_order, geo_net.snap_points).
 * The name is derived from the text, so two texts never share a name.
 */
export function prepared(text: string): (values: unknown[]) => pg.QueryConfig {
  const name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  return (values) => ({ name, text, values });
}
