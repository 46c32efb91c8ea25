/**
 * Every SQL function of the project has one text: each function in the project's schemas of the
 * migrated test database is defined in exactly one `<context>/sql/*.sql` file (and nowhere in
 * two), as `CREATE OR REPLACE`, in a schema of that context. A function created by a migration
 * and not moved to `sql/`, an old overload nobody dropped, or a file whose function is gone
 * fails here. The grants travel with the definitions: the application role may execute them.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireStack } from '../testing/harness';
import { loadDefinitions, MIGRATION_CONTEXTS } from './migrate';

/** The schemas each context owns. */
const SCHEMAS: Record<string, string[]> = {
  platform: ['platform'], geo: ['geo', 'geo_net'], dispatch: ['dispatch'], telemetry: ['telemetry'], tracking: ['tracking'],
};

/**
 * The statement text of a SQL file without what is not a statement: comments, quoted strings,
 * dollar-quoted bodies and quoted identifiers become spaces (a body may itself say CREATE TABLE).
 */
function statementsOnly(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const skip = /^--[^\n]*/.exec(rest)?.[0]
      ?? /^\/\*[\s\S]*?\*\//.exec(rest)?.[0]
      ?? /^'(?:[^']|'')*'/.exec(rest)?.[0]
      ?? /^"(?:[^"]|"")*"/.exec(rest)?.[0]
      ?? (() => {
        const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest)?.[0];
        if (!tag) return undefined;
        const end = rest.indexOf(tag, tag.length);
        return end < 0 ? rest : rest.slice(0, end + tag.length);
      })();
    if (skip) { out += skip.replace(/[^\n]/g, ' '); i += skip.length; } else { out += sql[i]; i += 1; }
  }
  return out;
}

interface Defined { context: string; file: string; kind: string; schema: string; name: string }

/**
 * What the files define. A file may hold CREATE OR REPLACE FUNCTION / PROCEDURE / VIEW, and
 * GRANT, REVOKE and COMMENT statements: everything in it runs again whenever it changes.
 */
function defined(): { defs: Defined[]; others: string[] } {
  const defs: Defined[] = [];
  const others: string[] = [];
  for (const d of loadDefinitions()) {
    for (const st of statementsOnly(d.sql).split(';').map((x) => x.trim().replace(/\s+/g, ' ')).filter(Boolean)) {
      const m = /^CREATE OR REPLACE (FUNCTION|PROCEDURE|VIEW) ([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\b/i.exec(st);
      if (m) defs.push({ context: d.context, file: d.file, kind: m[1].toUpperCase(), schema: m[2].toLowerCase(), name: m[3].toLowerCase() });
      else if (!/^(GRANT|REVOKE|COMMENT ON) /i.test(st)) others.push(`${d.context}/sql/${d.file}: ${st.slice(0, 60)}`);
    }
  }
  return { defs, others };
}

const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
beforeAll(async () => { requireStack(); await owner.connect(); });
afterAll(() => owner.end());

describe('SQL functions live in <context>/sql/', () => {
  it('statementsOnly keeps statements and blanks comments, strings and bodies', () => {
    const t = statementsOnly(`-- CREATE TABLE a\nCREATE OR REPLACE FUNCTION s.f() RETURNS int LANGUAGE plpgsql AS $b$ BEGIN EXECUTE 'CREATE TABLE x'; END $b$; /* CREATE VIEW v */ SELECT 'CREATE x', $$CREATE y$$;`);
    expect(t.match(/CREATE/g)).toEqual(['CREATE']);
    expect(t.split(';').map((x) => x.trim()).filter(Boolean).map((x) => x.split(/\s+/)[0])).toEqual(['CREATE', 'SELECT']);
    expect(t).toContain('CREATE OR REPLACE FUNCTION s.f() RETURNS int LANGUAGE plpgsql AS');
  });

  it('files define functions and views only, as CREATE OR REPLACE, schema-qualified, in their context\'s schemas, each name in one file', () => {
    const { defs, others } = defined();
    expect(others).toEqual([]);
    expect(defs.filter((d) => !SCHEMAS[d.context]?.includes(d.schema)).map((d) => `${d.context}/sql/${d.file}: ${d.schema}.${d.name}`)).toEqual([]);
    const files = new Map<string, Set<string>>();
    for (const d of defs) {
      const k = `${d.schema}.${d.name}`;
      files.set(k, (files.get(k) ?? new Set()).add(`${d.context}/sql/${d.file}`));
    }
    expect([...files].filter(([, f]) => f.size > 1).map(([k, f]) => `${k}: ${[...f].join(', ')}`)).toEqual([]);
  });

  it('every function and view in the project\'s schemas is defined in one sql/ file, overloads included; every one defined exists', async () => {
    const schemas = MIGRATION_CONTEXTS.flatMap((c) => SCHEMAS[c] ?? [c]);
    // Functions an extension created are the extension's (deptype 'e'), not ours.
    const { rows } = await owner.query<{ kind: string; schema: string; name: string; n: number }>(`
      SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS kind, n.nspname AS schema, p.proname AS name, count(*)::int AS n
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = ANY ($1)
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
       GROUP BY 1, 2, 3
      UNION ALL
      SELECT 'VIEW', n.nspname, c.relname, 1
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY ($1) AND c.relkind = 'v'
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
       ORDER BY 2, 3`, [schemas]);
    expect(rows.length).toBeGreaterThan(10); // the query sees the project's functions
    // One CREATE OR REPLACE per overload: a name with more functions in the database than in its
    // file has an old overload a migration should have dropped.
    const live: Record<string, number> = {};
    for (const r of rows) live[`${r.kind} ${r.schema}.${r.name}`] = r.n;
    const files: Record<string, number> = {};
    for (const d of defined().defs) files[`${d.kind} ${d.schema}.${d.name}`] = (files[`${d.kind} ${d.schema}.${d.name}`] ?? 0) + 1;
    expect(live).toEqual(files);
  });

  it('the application role may execute every function but the trigger functions; a SECURITY DEFINER one not by PUBLIC', async () => {
    const schemas = MIGRATION_CONTEXTS.flatMap((c) => SCHEMAS[c] ?? [c]);
    const { rows } = await owner.query(`
      SELECT p.oid::regprocedure::text AS fn, p.prosecdef AS definer,
             has_function_privilege('coldchain_app', p.oid, 'EXECUTE') AS app,
             EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                      WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') AS public
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = ANY ($1) AND p.prorettype <> 'trigger'::regtype
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
       ORDER BY 1`, [schemas]);
    expect(rows.filter((r) => !r.app).map((r) => r.fn)).toEqual([]);
    expect(rows.filter((r) => r.definer && r.public).map((r) => r.fn)).toEqual([]);
    expect(rows.filter((r) => r.definer).map((r) => r.fn)).toContain('telemetry.ensure_partitions(integer,integer)');
  });
});
