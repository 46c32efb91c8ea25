/**
 * `npm run cli -- <command>`: migrate, config, create-admin, bootstrap, serve, box-credentials,
 * and the temperature record's verify-record (offline; a record or an archive), export-records
 * (a regulator's archive), anchor-records and record-public-key; telemetry-record and
 * telemetry-replay (the broker's box traffic to a file and back, telemetry/replay/).
 * The stack scripts call it; operators can too (with the stack's environment exported).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, configTable, describeKeys, getKey, validateAll } from '../platform/config/registry';
import { keys } from '../platform/config/keys';
import { migrate } from '../platform/db/migrate';
import { appDb, closeAppDb, withTx } from '../platform/db/pool';
import { createUser, findUserByUsername } from '../platform/auth/users';
import { randomPassword } from '../platform/auth/password';
import { recordAudit } from '../platform/audit/audit';
import { DynsecAdmin } from '../platform/mqtt/dynsec';
import { logger } from '../platform/logger';
import './config';
import { ensureDemoAccounts } from './demo-accounts';

const [cmd, ...args] = process.argv.slice(2);

function flag(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  let s = '';
  for await (const chunk of process.stdin) s += chunk;
  return s.trim();
}

async function createAdmin(): Promise<void> {
  const username = args[0];
  if (!username || username.startsWith('--')) throw new Error('usage: create-admin <username> [--display-name NAME]  (password from ADMIN_PASSWORD, stdin, or generated)');
  const db = appDb();
  if (await findUserByUsername(db, username)) throw new Error(`user ${username} already exists`);
  const given = process.env.ADMIN_PASSWORD || (await readStdin());
  const password = given || randomPassword();
  await withTx(db, async (c) => {
    const u = await createUser(c, { username, displayName: flag('display-name') ?? username, role: 'admin', password });
    await recordAudit(c, { actorId: 'system:cli', actorRole: null, action: 'user.create', entityType: 'user', entityId: u.id, newValue: u });
  });
  console.log(`admin ${username} created${given ? '' : `; password (shown once): ${password}`}`);
}

async function main(): Promise<void> {
  switch (cmd) {
    case 'config': {
      if (args.includes('--markdown')) {
        console.log(configTable());
      } else {
        for (const r of describeKeys()) console.log(`${r.env.padEnd(28)} ${r.type.padEnd(10)} ${String(r.current).padEnd(24)} ${r.unit.padEnd(6)} ${r.doc}`);
      }
      return;
    }
    case 'check-config':
      validateAll();
      console.log('configuration ok');
      return;
    case 'migrate': {
      const { migrations, definitions } = await migrate(getKey(keys.databaseUrl), (s) => console.log(s));
      console.log(migrations.length || definitions.length
        ? `${migrations.length} migration(s), ${definitions.length} definition(s) applied` : 'database is up to date');
      return;
    }
    case 'create-admin':
      return createAdmin();
    case 'mqtt-bootstrap': {
      const admin = await DynsecAdmin.connect();
      try { await admin.ensureServiceAccount(getKey(keys.mqttServicePassword)); } finally { await admin.close(); }
      console.log('broker service account ready');
      return;
    }
    case 'box-credentials': {
      const boxId = args[0];
      if (!boxId) throw new Error('usage: box-credentials <box_id>');
      const admin = await DynsecAdmin.connect();
      try { console.log(JSON.stringify(await admin.setBoxCredentials(boxId), null, 2)); } finally { await admin.close(); }
      return;
    }
    case 'seed-demo': {
      const { seedDemo, demoScopes } = await import('../dispatch/seed');
      const dir = process.env.STACK_DIR ?? '.stack/dev';
      const t0 = Date.now();
      const r = await seedDemo({ dataDir: path.join(dir, 'data'), log: (l) => console.log(`  ${l}`) });
      console.log(r.skipped ? `demo data already loaded (${r.facilities} facilities)` : `demo data loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${r.facilities} facilities, ${r.skus} SKUs, ${r.lots} lots, ${r.riders} riders, ${r.boxes} boxes`);
      const scopes = await demoScopes();
      if (scopes) await ensureDemoAccounts(path.join(dir, 'demo-accounts.txt'), scopes);
      return;
    }
    case 'demo-accounts': {
      const file = path.join(process.env.STACK_DIR ?? '.stack/dev', 'demo-accounts.txt');
      const facilityId = flag('facility'), riderId = flag('rider');
      if (!facilityId || !riderId) throw new Error('usage: demo-accounts --facility <fac_…> --rider <rdr_…>  (npm start makes them after seeding)');
      await ensureDemoAccounts(file, { facilityId, riderId });
      if (existsSync(file)) console.log(`demo accounts: ${file}`);
      return;
    }
    case 'verify-record': {
      const file = args[0];
      if (!file || file.startsWith('--')) throw new Error('usage: verify-record <file> [--public-key <pem file>] [--fingerprint <key id>]');
      const { verifyAnyRecordFile, describeVerification, describeArchiveVerification } = await import('./verify-record');
      const v = verifyAnyRecordFile(file, { publicKeyFile: flag('public-key'), fingerprint: flag('fingerprint') });
      for (const l of v.kind === 'archive' ? describeArchiveVerification(v.result) : describeVerification(v.result)) console.log(l);
      if (!v.result.ok) process.exitCode = 1;
      return;
    }
    case 'export-records': {
      const facilityId = flag('facility'), from = flag('from'), to = flag('to'), out = flag('out');
      if (!facilityId || !from || !to || !out) throw new Error('usage: export-records --facility <fac_…> --from <YYYY-MM-DD|ISO time> --to <YYYY-MM-DD|ISO time> --out <file.tar>');
      const { archivePeriod, facilityRecordArchive } = await import('../telemetry');
      const { recordPorts } = await import('./record-ports');
      const { createWriteStream } = await import('node:fs');
      const { pipeline } = await import('node:stream/promises');
      const { Readable } = await import('node:stream');
      const archive = await facilityRecordArchive(appDb(), recordPorts, facilityId, archivePeriod(from, to));
      await pipeline(Readable.from(archive), createWriteStream(out));
      console.log(`archive written: ${out}`);
      return;
    }
    case 'telemetry-record': {
      const out = flag('out');
      const seconds = flag('seconds') === undefined ? null : Number(flag('seconds'));
      if (!out || (seconds !== null && !(seconds > 0))) throw new Error('usage: telemetry-record --out <file.jsonl> [--seconds N]  (until Ctrl-C without --seconds)');
      const { recordTraffic } = await import('../telemetry');
      const { connectService } = await import('../platform/mqtt/client');
      const client = await connectService({ clientId: `recorder-${process.pid}` });
      const rec = await recordTraffic(client, out);
      console.log(`recording box traffic to ${out}${seconds ? ` for ${seconds} s` : '; Ctrl-C stops'}`);
      await new Promise<void>((resolve) => {
        if (seconds) setTimeout(resolve, seconds * 1000);
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      console.log(`recorded ${await rec.stop()} message(s) to ${out}`);
      await client.endAsync();
      return;
    }
    case 'telemetry-replay': {
      const file = flag('in');
      const speedArg = flag('speed') ?? '1';
      const speed = speedArg === 'max' ? Infinity : Number(speedArg);
      if (!file || !(speed > 0)) throw new Error('usage: telemetry-replay --in <file.jsonl> [--speed N|max] [--retime]  (--retime: device times moved so the recording starts now)');
      const { readRecording, replayTraffic } = await import('../telemetry');
      const { connectService } = await import('../platform/mqtt/client');
      const { header, messages } = await readRecording(file);
      const client = await connectService({ clientId: `replayer-${process.pid}` });
      const span = messages.length ? messages[messages.length - 1].t : 0;
      console.log(`replaying ${messages.length} message(s) recorded ${header.startedAt} over ${(span / 1000).toFixed(1)} s, at ${speedArg}×${args.includes('--retime') ? ', device times moved to now' : ''}`);
      const r = await replayTraffic(client, header, messages, { speed, retimeTo: args.includes('--retime') ? Date.now() : undefined, onProgress: (n) => process.stdout.write(`\r${n} sent`) });
      console.log(`\rreplayed ${r.sent} message(s) in ${(r.wallMs / 1000).toFixed(1)} s`);
      await client.endAsync();
      return;
    }
    case 'anchor-records': {
      const { anchorPendingSeals, recordKey } = await import('../telemetry');
      const a = await anchorPendingSeals(appDb(), recordKey());
      console.log(a ? `anchor ${a.id}: ${a.leafCount} seal(s), root ${a.root}, key ${a.keyId}` : 'no seal waiting for an anchor');
      return;
    }
    case 'purge': {
      const { runRetention } = await import('./retention');
      const dryRun = args.includes('--dry-run');
      const r = await runRetention(appDb(), { dryRun, actor: 'system:cli' });
      const verb = dryRun ? 'would purge' : 'purged';
      console.log(`personal data ${verb}: ${r.personalData.orders.length} order(s) ended over ${r.personalData.days} days ago${r.personalData.orders.length ? ` (${r.personalData.orders.join(', ')})` : ''}`);
      console.log(`quality records ${verb}: ${r.records.purged.length} of ${r.records.checked} sealed over 5 years ago`);
      for (const c of r.records.purged) console.log(`  ${c.shipmentId}: ended ${c.endedAt}, latest lot expiry ${c.latestExpiry ?? 'none'}, kept until ${c.retainUntil}`);
      for (const x of r.records.refused) console.log(`  refused ${x.shipmentId}: ${x.reason}`);
      return;
    }
    case 'backup': {
      const out = flag('out');
      if (!out) throw new Error('usage: backup --out <file>');
      const { backup } = await import('./backup');
      const m = await backup(out);
      console.log(`backup written to ${out}: ${m.files.map((f) => `${f.name} ${f.bytes} B sha256 ${f.sha256}`).join('; ')}`);
      return;
    }
    case 'restore': {
      const from = flag('from'), database = flag('database');
      if (!from || !database) throw new Error('usage: restore --from <file> --database <name> [--force]');
      const { restore } = await import('./backup');
      const r = await restore(from, database, { force: args.includes('--force') });
      console.log(`restored ${from} into database ${database}: ${r.anchors} anchor(s), created ${r.createdAt}`);
      return;
    }
    case 'record-public-key': {
      const { recordKey } = await import('../telemetry');
      const k = recordKey();
      process.stdout.write(args.includes('--fingerprint') ? `${k.keyId}\n` : k.publicPem);
      return;
    }
    case 'serve': {
      const which = args[0];
      process.env.PROCESS_NAME ??= which;
      validateAll();
      let closer: { close(): Promise<void> };
      if (which === 'api') {
        const { apiWorkerCount, startApiCluster } = await import('./api-cluster');
        const { default: cluster } = await import('node:cluster');
        const workers = apiWorkerCount();
        closer = cluster.isPrimary && workers > 1 ? startApiCluster(workers) : await (await import('./api')).startApi({ warmUp: true });
      }
      else if (which === 'worker') closer = await (await import('./worker')).startWorkers();
      else if (which === 'ingest') closer = await (await import('./ingest')).startIngest();
      else throw new Error('usage: serve api|worker|ingest');
      const stop = async (sig: string) => {
        logger.info({ sig }, 'shutting down');
        await closer.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      await new Promise(() => undefined);
      return;
    }
    default:
      console.error('commands: config [--markdown] | check-config | migrate | create-admin <username> | mqtt-bootstrap | box-credentials <box_id> | demo-accounts | verify-record <file|archive> [--public-key <pem>] [--fingerprint <id>] | export-records --facility <id> --from <date> --to <date> --out <file> | anchor-records | record-public-key [--fingerprint] | telemetry-record --out <file> [--seconds N] | telemetry-replay --in <file> [--speed N|max] [--retime] | purge [--dry-run] | backup --out <file> | restore --from <file> --database <name> [--force] | serve api|worker|ingest');
      process.exitCode = 2;
  }
}

main().then(() => closeAppDb()).catch(async (e) => {
  if (e instanceof ConfigError) console.error(`configuration error:\n${e.message}`);
  else console.error(e instanceof Error ? e.message : e);
  await closeAppDb().catch(() => undefined);
  process.exit(1);
});

