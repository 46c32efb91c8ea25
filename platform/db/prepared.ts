import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * A named (server-side prepared) statement: PostgreSQL parses it once per connection and, after
 * a few executions, reuses a generic plan, instead of parsing and planning the text on every
 * call. For hot statements whose planning costs as much as their execution (the order path).
 * The name is derived from the text, so two texts never share a name.
 */
export function prepared(text: string): (values: unknown[]) => pg.QueryConfig {
  const name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  return (values) => ({ name, text, values });
}
