/**
 * Migration runner: forward-only migrations for tables, repeatable definitions for functions
 * (Flyway's versioned and repeatable migrations).
 *
 * Migrations. Each context owns `<context>/migrations/NNN_name.sql`; contexts are applied in
 * dependency order, files in number order, each in its own transaction, as the schema owner.
 * An applied file that was edited afterwards is an error: migrations are immutable once applied.
 * They hold tables, indexes, triggers, table grants and data moves.
 *
 * Definitions. A context's SQL functions (and views) live in `<context>/sql/*.sql` as
 * `CREATE OR REPLACE`, one file per function or small group, with the current body only: a
 * function is edited in that one place and its history is git's. After all migrations, the
 * definitions are applied in context order, then file-name order, each in its own transaction,
 * whenever the file is new or its checksum changed since it was last applied; unchanged files are
 * not run again. A file must therefore be safe to run again as is: `CREATE OR REPLACE`, and the
 * function's grants (`GRANT`/`REVOKE … ON FUNCTION` are idempotent) — they sit with the function,
 * not in a migration, because a function created anew comes with PostgreSQL's default grants.
 *
 * What CREATE OR REPLACE cannot do — change a function's return type or its argument types
 * (which makes another function, an overload), rename it, or remove it — takes a migration:
 * the migration drops the old function (`DROP FUNCTION …(old argument types)`), and the edited
 * `sql/` file creates the new one, since definitions run after migrations. A function no longer
 * used is dropped by a migration and its file deleted. Migrations run before definitions, so a
 * migration must not call a function defined only in `sql/` (on a new database it does not exist
 * yet); it writes the SQL it needs inline. A LANGUAGE sql body is checked when it is created: a
 * file that uses another file's function sorts after it (PL/pgSQL bodies are checked at call).
 *
 * An advisory lock lets several processes start at once.
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

/** A repeatable definition: `<context>/sql/<file>`. */
export interface Definition { context: string; file: string; sql: string; checksum: string }

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function loadMigrations(root = ROOT, contexts = MIGRATION_CONTEXTS): Migration[] {
  const out: Migration[] = [];
  for (const context of contexts) {
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
      out.push({ context, version, name: m[2], sql, checksum: sha256(sql) });
    }
  }
  return out;
}

/** The definitions of `<context>/sql/*.sql`, in the order they apply: context, then file name. */
export function loadDefinitions(root = ROOT, contexts = MIGRATION_CONTEXTS): Definition[] {
  const out: Definition[] = [];
  for (const context of contexts) {
    const dir = path.join(root, context, 'sql');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      if (!/^[a-z0-9_-]+\.sql$/.test(file)) throw new Error(`bad definition file name ${context}/sql/${file} (expected lower-case name.sql)`);
      const sql = readFileSync(path.join(dir, file), 'utf8');
      out.push({ context, file, sql, checksum: sha256(sql) });
    }
  }
  if (!out.length) throw new Error(`no migrations found under ${root} (<context>/migrations/NNN_name.sql)`);
  return out;
}

const LOCK_ID = 7_420_001; // arbitrary, constant: the migration advisory lock

export interface MigrateOptions {
  /** Folder holding the context folders. Default: this repository. */
  root?: string;
  /** Contexts, in the order they apply. Default {@link MIGRATION_CONTEXTS}. */
  contexts?: string[];
}

export interface Migrated { migrations: Migration[]; definitions: Definition[] }

/** Applies pending migrations, then new and changed definitions; returns what it applied. */
export async function migrate(ownerUrl: string, log: (s: string) => void = () => undefined, opts: MigrateOptions = {}): Promise<Migrated> {
  const root = opts.root ?? ROOT;
  const contexts = opts.contexts ?? MIGRATION_CONTEXTS;
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'migrate' });
  await client.connect();
  const applied: Migrated = { migrations: [], definitions: [] };
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    // Definitions are recorded in a sibling of schema_migrations, not in it: a migration's row is
    // written once and its checksum must never change (that is the immutability check), while a
    // definition's row is keyed by file name and its checksum is meant to change with every edit.
    // One table would need a nullable version or a kind column and would lose that plain rule.
    await client.query(`CREATE SCHEMA IF NOT EXISTS platform;
      CREATE TABLE IF NOT EXISTS platform.schema_migrations (
        context text NOT NULL, version int NOT NULL, name text NOT NULL, checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (context, version));
      CREATE TABLE IF NOT EXISTS platform.schema_definitions (
        context text NOT NULL, file text NOT NULL, checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (context, file))`);
    const done = new Map<string, string>();
    for (const r of (await client.query('SELECT context, version, checksum FROM platform.schema_migrations')).rows) {
      done.set(`${r.context}/${r.version}`, r.checksum);
    }
    for (const m of loadMigrations(root, contexts)) {
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
      applied.migrations.push(m);
      log(`applied ${m.context}/${String(m.version).padStart(3, '0')}_${m.name}`);
    }

    const defined = new Map<string, string>();
    for (const r of (await client.query('SELECT context, file, checksum FROM platform.schema_definitions')).rows) {
      defined.set(`${r.context}/${r.file}`, r.checksum);
    }
    for (const d of loadDefinitions(root, contexts)) {
      if (defined.get(`${d.context}/${d.file}`) === d.checksum) continue;
      await client.query('BEGIN');
      try {
        await client.query(d.sql);
        await client.query(`INSERT INTO platform.schema_definitions (context, file, checksum) VALUES ($1,$2,$3)
          ON CONFLICT (context, file) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`, [d.context, d.file, d.checksum]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`definition ${d.context}/sql/${d.file} failed: ${(e as Error).message}`);
      }
      applied.definitions.push(d);
      log(`applied ${d.context}/sql/${d.file}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
  return applied;
}
