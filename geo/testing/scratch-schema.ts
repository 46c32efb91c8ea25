/**
 * Integration tests run against a PRIVATE copy of the geo tables: the migration files, then the
 * function definitions (`sql/`, as the migration runner applies them), are applied with the
 * schema names replaced (geo_net → geo_net_t_xxxx, geo → geo_t_xxxx), so tests never touch the
 * real network or service areas and can run in parallel. GRANTs are dropped (tests connect as
 * the schema owner).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const GEO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sqlFiles = (dir: string) => readdirSync(path.join(GEO, dir)).filter((n) => n.endsWith('.sql')).sort().map((n) => path.join(GEO, dir, n));

export interface ScratchSchemas {
  net: string;
  sa: string;
  drop(): Promise<void>;
}

export async function createScratchSchemas(pool: pg.Pool): Promise<ScratchSchemas> {
  const tag = Math.random().toString(36).slice(2, 8);
  const net = `geo_net_t_${tag}`;
  const sa = `geo_t_${tag}`;
  for (const f of [...sqlFiles('migrations'), ...sqlFiles('sql')]) {
    const sql = readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => !/^\s*GRANT\b/.test(l))
      .join('\n')
      .replace(/\bgeo_net\b/g, net)
      .replace(/\bgeo\b(?=[.;])/g, sa);
    await pool.query(sql);
  }
  return {
    net,
    sa,
    drop: async () => {
      await pool.query(`DROP SCHEMA IF EXISTS ${net} CASCADE; DROP SCHEMA IF EXISTS ${sa} CASCADE`);
    },
  };
}
