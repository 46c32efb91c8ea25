/**
 * Forward-only migration runner. Each context owns `<context>/migrations/NNN_name.sql`;
 * contexts are applied in dependency order, files in number order, each in its own
 * transaction, as the schema owner. An applied file that was edited afterwards is an error:
 * migrations are immutable once applied. An advisory lock lets several processes start at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Contexts in the order their migrations apply (a context may reference earlier ones). */
export const MIGRATION_CONTEXTS = ['platform', 'geo', 'dispatch', 'telemetry', 'tracking'];

export interface Migration { context: string; version: number; name: string; sql: string; checksum: string }

export function loadMigrations(root = ROOT): Migration[] {
  const out: Migration[] = [];
  for (const context of MIGRATION_CONTEXTS) {
    const dir = path.join(root, context, 'migrations');
    if (!existsSync(dir)) continue;
    const seen = new Set<number>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!m) throw new Error(`bad migration file name ${context}/migrations/${file} (expected NNN_name.sql)`);
      const version = Number(m[1]);
      if (seen.has(version)) throw new Error(`duplicate migration number ${context}/${m[1]}`);
      seen.add(version);
      const sql = readFileSync(path.join(dir, file), 'utf8');
      out.push({ context, version, name: m[2], sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  if (!out.length) throw new Error(`no migrations found under ${root} (<context>/migrations/NNN_name.sql)`);
  return out;
}

const LOCK_ID = 7_420_001; // arbitrary, constant: the migration advisory lock

/** Applies pending migrations; returns the ones applied. */
export async function migrate(ownerUrl: string, log: (s: string) => void = () => undefined): Promise<Migration[]> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'migrate' });
  await client.connect();
  const applied: Migration[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS platform;
      CREATE TABLE IF NOT EXISTS platform.schema_migrations (
        context text NOT NULL, version int NOT NULL, name text NOT NULL, checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (context, version))`);
    const done = new Map<string, string>();
    for (const r of (await client.query('SELECT context, version, checksum FROM platform.schema_migrations')).rows) {
      done.set(`${r.context}/${r.version}`, r.checksum);
    }
    for (const m of loadMigrations()) {
      const prior = done.get(`${m.context}/${m.version}`);
      if (prior) {
        if (prior !== m.checksum) throw new Error(`migration ${m.context}/${m.version}_${m.name} changed after it was applied; add a new migration instead`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO platform.schema_migrations (context, version, name, checksum) VALUES ($1,$2,$3,$4)', [m.context, m.version, m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.context}/${String(m.version).padStart(3, '0')}_${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m);
      log(`applied ${m.context}/${String(m.version).padStart(3, '0')}_${m.name}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
  return applied;
}
