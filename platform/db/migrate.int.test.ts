/**
 * The migration runner's repeatable definitions, against the test database: contexts of its own
 * (`rt_<tag>`, folders in a temporary root), so the project's migrations and definitions are
 * neither applied nor recorded twice; their records and schema are removed afterwards.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq, requireStack } from '../testing/harness';
import { migrate } from './migrate';

const url = process.env.DATABASE_URL!;
const root = mkdtempSync(path.join(os.tmpdir(), 'migrate-test-'));
const a = uniq('rt_a'); // one context and its schema
const b = uniq('rt_b'); // a later context that uses the first
const contexts = [a, b];
const owner = new pg.Client({ connectionString: url });

const write = (context: string, rel: string, sql: string) => {
  mkdirSync(path.dirname(path.join(root, context, rel)), { recursive: true });
  writeFileSync(path.join(root, context, rel), sql);
};
const fn = (name: string, value: string) => `CREATE OR REPLACE FUNCTION ${a}.${name}() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT '${value}'::text $$;\n`;
const run = () => migrate(url, () => undefined, { root, contexts });
const call = async (name: string) => (await owner.query(`SELECT ${a}.${name}() AS v`)).rows[0].v as string;
const records = async () => (await owner.query(
  'SELECT context, file, checksum, applied_at FROM platform.schema_definitions WHERE context = ANY($1) ORDER BY context, file', [contexts])).rows;
/** pg_proc's row version of a function: it changes whenever the function is created again. */
const version = async (name: string) => (await owner.query(`SELECT xmin::text AS x FROM pg_proc WHERE oid = '${a}.${name}'::regproc`)).rows[0].x as string;

beforeAll(async () => {
  requireStack();
  await owner.connect();
  write(a, 'migrations/001_schema.sql', `CREATE SCHEMA ${a};\n`);
  write(a, 'sql/one.sql', fn('one', 'v1'));
  write(a, 'sql/two.sql', fn('two', 'v1'));
  // LANGUAGE sql bodies are checked when created: this works only after context a's files.
  write(b, 'sql/uses_one.sql', `CREATE OR REPLACE FUNCTION ${a}.uses_one() RETURNS text LANGUAGE sql STABLE AS $$ SELECT ${a}.one() || '+' $$;\n`);
});

afterAll(async () => {
  await owner.query(`DROP SCHEMA IF EXISTS ${a} CASCADE`);
  await owner.query('DELETE FROM platform.schema_definitions WHERE context = ANY($1)', [contexts]);
  await owner.query('DELETE FROM platform.schema_migrations WHERE context = ANY($1)', [contexts]);
  await owner.end();
  rmSync(root, { recursive: true, force: true });
});

describe('migrate: repeatable definitions (<context>/sql/*.sql)', () => {
  it('applies new definitions after the migrations, in context then file-name order, and records each', async () => {
    const log: string[] = [];
    const r = await migrate(url, (s) => log.push(s), { root, contexts });
    expect(r.migrations.map((m) => `${m.context}/${m.version}`)).toEqual([`${a}/1`]);
    expect(r.definitions.map((d) => `${d.context}/${d.file}`)).toEqual([`${a}/one.sql`, `${a}/two.sql`, `${b}/uses_one.sql`]);
    expect(log).toEqual([`applied ${a}/001_schema`, `applied ${a}/sql/one.sql`, `applied ${a}/sql/two.sql`, `applied ${b}/sql/uses_one.sql`]);
    expect(await call('uses_one')).toBe('v1+');
    expect((await records()).map((x) => [x.context, x.file, x.checksum])).toEqual(r.definitions.map((d) => [d.context, d.file, d.checksum]));
  });

  it('does not apply an unchanged file again', async () => {
    const before = { records: await records(), one: await version('one') };
    const r = await run();
    expect(r).toEqual({ migrations: [], definitions: [] });
    expect(await records()).toEqual(before.records);
    expect(await version('one')).toBe(before.one);
  });

  it('applies a changed file again, and a new one; the others stay as they were', async () => {
    const before = { records: await records(), two: await version('two') };
    write(a, 'sql/one.sql', fn('one', 'v2'));
    write(a, 'sql/three.sql', fn('three', 'v1'));
    const r = await run();
    expect(r.migrations).toEqual([]);
    expect(r.definitions.map((d) => d.file)).toEqual(['one.sql', 'three.sql']);
    expect([await call('one'), await call('uses_one'), await call('three')]).toEqual(['v2', 'v2+', 'v1']);
    expect(await version('two')).toBe(before.two);
    const after = await records();
    const one = (rows: typeof after) => rows.find((x) => x.file === 'one.sql')!;
    expect(one(after).checksum).toBe(r.definitions[0].checksum);
    expect(one(after).checksum).not.toBe(one(before.records).checksum);
    expect(after.find((x) => x.file === 'two.sql')).toEqual(before.records.find((x) => x.file === 'two.sql'));
  });

  it('a file that fails names itself, is undone as a whole and leaves its record unchanged', async () => {
    const before = await records();
    // Half of it would work: the transaction undoes that half too.
    write(a, 'sql/two.sql', `${fn('two', 'v2')}CREATE OR REPLACE FUNCTION ${a}.broken( RETURNS int;\n`);
    await expect(run()).rejects.toThrow(new RegExp(`^definition ${a}/sql/two\\.sql failed: syntax error`));
    expect(await call('two')).toBe('v1');
    expect(await records()).toEqual(before);
    // Fixed, it applies; the lock was released by the failed run.
    write(a, 'sql/two.sql', fn('two', 'v2'));
    expect((await run()).definitions.map((d) => d.file)).toEqual(['two.sql']);
    expect(await call('two')).toBe('v2');
  });
});
