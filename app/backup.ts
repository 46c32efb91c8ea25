/**
 * `npm run cli -- backup --out <file>` and `restore --from <file> --database <name> [--force]`
 * (COMPLIANCE A.8, C.36). A backup is one tar archive of:
 *   database.dump          pg_dump custom format of the schemas the owner role owns (the
 *                          stack's PostgreSQL binaries, PG_BIN)
 *   anchors.json           the temperature record's signed Merkle anchors and their leaves
 *   record-public-key.pem  the key the anchors and addenda verify with
 *   manifest.json          format, time, key id, row counts of key tables, and each file's
 *                          size and SHA-256
 * The dump, the anchors and the counts come from one exported snapshot, so they describe the
 * same moment while the system keeps writing. A restore checks every hash first and names the
 * file whose hash does not match; it then restores into a database that is new or empty
 * (refusing one with tables unless --force), and checks the restored anchors against
 * anchors.json. Tar, not a format of our own: an operator can list and extract it by hand.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { getKey } from '../platform/config/registry';
import { keys } from '../platform/config/keys';
import { recordKey } from '../telemetry';

const run = promisify(execFile);
export const BACKUP_FORMAT = 'coldchain-backup/1';
const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';
/** Tables whose row counts the manifest keeps and a restore drill compares. */
export const KEY_TABLES = [
  'platform.users', 'platform.audit_log', 'dispatch.orders', 'dispatch.shipments', 'dispatch.lots', 'dispatch.custody',
  'telemetry.readings', 'telemetry.alarms', 'telemetry.record_entries', 'telemetry.record_seals', 'telemetry.record_addenda',
  'telemetry.record_anchors', 'telemetry.record_anchor_leaves', 'telemetry.qa_cases', 'telemetry.qa_signatures',
] as const;

export interface BackupFile { name: string; bytes: number; sha256: string }
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  sourceDatabase: string;
  schemas: string[];
  recordKeyId: string;
  counts: Record<string, number>;
  files: BackupFile[];
}
export interface AnchorDump { id: number; day: string; root: string; leafCount: number; keyId: string; sig: string; leaves: Array<{ position: number; shipmentId: string }> }

export class BackupError extends Error {
  constructor(readonly code: 'backup_corrupt' | 'backup_unreadable' | 'restore_target_not_empty' | 'restore_target_missing' | 'bad_database_name' | 'restore_check_failed', message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const sha256File = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Anchors with their leaves, oldest first, roots as hex. */
export async function dumpAnchors(q: Pick<pg.ClientBase, 'query'>): Promise<AnchorDump[]> {
  const { rows } = await q.query(
    `SELECT a.id, to_char(a.day, 'YYYY-MM-DD') AS day, encode(a.root, 'hex') AS root, a.leaf_count, a.key_id, a.sig,
            coalesce((SELECT json_agg(json_build_object('position', l.position, 'shipmentId', l.shipment_id) ORDER BY l.position)
                        FROM telemetry.record_anchor_leaves l WHERE l.anchor_id = a.id), '[]') AS leaves
       FROM telemetry.record_anchors a ORDER BY a.id`);
  return rows.map((r) => ({ id: Number(r.id), day: r.day, root: r.root, leafCount: r.leaf_count, keyId: r.key_id, sig: r.sig, leaves: r.leaves }));
}

export async function countKeyTables(q: Pick<pg.ClientBase, 'query'>): Promise<Record<string, number>> {
  const { rows } = await q.query(KEY_TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int8 AS n FROM ${t}`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/**
 * Writes a backup archive to `out`.
 * @param o.snapshot an exported snapshot (pg_export_snapshot()) to dump; default a snapshot of
 *   its own. Given one, the caller can read the very state the backup holds (a restore drill).
 */
export async function backup(out: string, o: { snapshot?: string; databaseUrl?: string } = {}): Promise<BackupManifest> {
  const url = o.databaseUrl ?? getKey(keys.databaseUrl);
  const dir = mkdtempSync(path.join(tmpdir(), 'coldchain-backup-'));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = o.snapshot ?? (await c.query('SELECT pg_export_snapshot() AS s')).rows[0].s;
    if (o.snapshot) await c.query(`SET TRANSACTION SNAPSHOT '${o.snapshot.replace(/'/g, "''")}'`);
    const schemas: string[] = (await c.query(
      `SELECT nspname FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) ORDER BY nspname`)).rows.map((r) => r.nspname);
    const dump = path.join(dir, 'database.dump');
    await run(path.join(PG_BIN, 'pg_dump'), ['--format=custom', '--no-password', `--snapshot=${snapshot}`, ...schemas.map((s) => `--schema=${s}`), `--file=${dump}`, `--dbname=${url}`], { maxBuffer: 16 << 20 });
    const anchors = await dumpAnchors(c);
    const counts = await countKeyTables(c);
    await c.query('COMMIT');
    const key = recordKey();
    writeFileSync(path.join(dir, 'anchors.json'), JSON.stringify(anchors, null, 1));
    writeFileSync(path.join(dir, 'record-public-key.pem'), key.publicPem);
    const names = ['database.dump', 'anchors.json', 'record-public-key.pem'];
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT, createdAt: new Date().toISOString(), sourceDatabase: new URL(url).pathname.slice(1), schemas, recordKeyId: key.keyId, counts,
      files: names.map((name) => ({ name, bytes: statSync(path.join(dir, name)).size, sha256: sha256File(path.join(dir, name)) })),
    };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
    await run('tar', ['-cf', path.resolve(out), '-C', dir, 'manifest.json', ...names]);
    return manifest;
  } finally {
    await c.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Extracts and checks an archive; returns its folder (the caller removes it) and manifest. */
export async function openBackup(file: string): Promise<{ dir: string; manifest: BackupManifest }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'coldchain-restore-'));
  try {
    await run('tar', ['-xf', path.resolve(file), '-C', dir, 'manifest.json', 'database.dump', 'anchors.json', 'record-public-key.pem']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new BackupError('backup_unreadable', `${file} is not a readable backup archive: ${((e as { stderr?: string }).stderr || (e as Error).message).trim()}`);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    rmSync(dir, { recursive: true, force: true });
    throw new BackupError('backup_corrupt', `${file}: manifest.json is not valid JSON`);
  }
  if (manifest.format !== BACKUP_FORMAT) {
    rmSync(dir, { recursive: true, force: true });
    throw new BackupError('backup_unreadable', `${file}: unknown backup format ${JSON.stringify(manifest.format)} (expected ${BACKUP_FORMAT})`);
  }
  for (const f of manifest.files) {
    const actual = sha256File(path.join(dir, f.name));
    if (actual !== f.sha256) {
      rmSync(dir, { recursive: true, force: true });
      throw new BackupError('backup_corrupt', `${file} is corrupted: SHA-256 hash mismatch in ${f.name} (manifest ${f.sha256}, file ${actual}); nothing was restored`);
    }
  }
  return { dir, manifest };
}

/** The superuser connection that may create a database (the stack exports PG_SUPER_PASSWORD). */
function superConfig(ownerUrl: string): pg.ClientConfig | null {
  if (!process.env.PG_SUPER_PASSWORD) return null;
  const u = new URL(ownerUrl);
  return { host: u.hostname, port: Number(u.port || 5432), database: 'postgres', user: process.env.PG_SUPER_USER || 'postgres', password: process.env.PG_SUPER_PASSWORD };
}

/**
 * Restores a backup into `database`, which must be new (created here when the superuser
 * password is at hand, as `npm start` would) or hold no tables of ours, unless `force`, which
 * first drops the schemas the backup holds.
 */
export async function restore(file: string, database: string, o: { force?: boolean; databaseUrl?: string } = {}): Promise<{ anchors: number; createdAt: string; manifest: BackupManifest }> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new BackupError('bad_database_name', `bad database name ${JSON.stringify(database)}: lower-case letters, digits and _ only`);
  const ownerUrl = o.databaseUrl ?? getKey(keys.databaseUrl);
  const { dir, manifest } = await openBackup(file);
  try {
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    const exists = await owner.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]).finally(() => owner.end());
    if (!exists.rowCount) {
      const cfg = superConfig(ownerUrl);
      if (!cfg) throw new BackupError('restore_target_missing', `database ${database} does not exist and PG_SUPER_PASSWORD is not set to create it: create it owned by the schema owner with the postgis, pgrouting and pgcrypto extensions (platform/stack/lib.sh ensure_database)`);
      const ownerRole = new URL(ownerUrl).username;
      const appRole = new URL(getKey(keys.databaseAppUrl)).username;
      const su = new pg.Client(cfg);
      await su.connect();
      try {
        await su.query(`CREATE DATABASE ${database} OWNER ${ownerRole}`);
      } finally { await su.end(); }
      const su2 = new pg.Client({ ...cfg, database });
      await su2.connect();
      try {
        await su2.query(`CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pgrouting; CREATE EXTENSION IF NOT EXISTS pgcrypto;
          REVOKE ALL ON DATABASE ${database} FROM PUBLIC; GRANT CONNECT ON DATABASE ${database} TO ${appRole}; REVOKE CREATE ON SCHEMA public FROM PUBLIC;`);
      } finally { await su2.end(); }
    }
    const targetUrl = withDatabase(ownerUrl, database);
    const t = new pg.Client({ connectionString: targetUrl });
    await t.connect();
    try {
      const present: string[] = (await t.query('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)', [manifest.schemas])).rows.map((r) => r.nspname);
      const tables = Number((await t.query(
        `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1)`, [manifest.schemas])).rows[0].n);
      if (tables > 0 && !o.force) throw new BackupError('restore_target_not_empty', `database ${database} is not empty (${tables} table(s) in ${present.join(', ')}): restore refused; pass --force to replace them`);
      for (const s of present) await t.query(`DROP SCHEMA ${pg.escapeIdentifier(s)} CASCADE`);
    } finally { await t.end(); }
    try {
      await run(path.join(PG_BIN, 'pg_restore'), ['--no-password', '--exit-on-error', '--single-transaction', `--dbname=${targetUrl}`, path.join(dir, 'database.dump')], { maxBuffer: 16 << 20 });
    } catch (e) {
      throw new BackupError('restore_check_failed', `pg_restore into ${database} failed: ${((e as { stderr?: string }).stderr || (e as Error).message).trim()}`);
    }
    const expected: AnchorDump[] = JSON.parse(readFileSync(path.join(dir, 'anchors.json'), 'utf8'));
    const r = new pg.Client({ connectionString: targetUrl });
    await r.connect();
    try {
      const got = await dumpAnchors(r);
      if (JSON.stringify(got) !== JSON.stringify(expected)) throw new BackupError('restore_check_failed', `restored anchors differ from anchors.json in the backup (${got.length} vs ${expected.length})`);
    } finally { await r.end(); }
    return { anchors: expected.length, createdAt: manifest.createdAt, manifest };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
