/**
 * The stack scripts from a clone a new user might make: inside a folder only its owner may enter
 * (as /root is) and with a space in its path. As root the services run as their own users, who
 * cannot enter such a clone: their data must live outside it, and stack:status and stack:stop must
 * still find it. Runs the clone's own scripts on ports of its own beside the running test stack.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireStack } from '../testing/harness';
import { ROOT } from '../db/migrate';

const isRoot = process.getuid?.() === 0;
const port = (url: string | undefined, fallback: number) => Number(url ? new URL(url).port : fallback) || fallback;

describe('the stack from a clone under a private folder with a space in its path', () => {
  requireStack();
  const parent = mkdtempSync(path.join(tmpdir(), 'private-'));
  chmodSync(parent, 0o700);
  const clone = path.join(parent, 'my clone');
  // Where the services' data goes when they cannot use the clone (not created beforehand: the
  // scripts must make every level of it enterable by the service users).
  const dataHome = path.join(tmpdir(), `coldchain-stack-test-${process.pid}-${Date.now().toString(36)}`);
  // Ports of its own, derived from this run's stack so that parallel runs on one machine never
  // meet, and below Linux's ephemeral range (32768–60999): there, a connection the suite opens
  // meanwhile may hold the port (seen: Redis "bind: Address already in use").
  const own = (url: string | undefined, fallback: number) => String(20_000 + (port(url, fallback) % 10_000) + 7);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STACK_PROFILE: 'test',
    STACK_DATA_HOME: dataHome,
    PG_PORT: own(process.env.DATABASE_URL, 15442),
    REDIS_PORT: own(process.env.REDIS_URL, 16389),
    MQTT_PORT: own(process.env.MQTT_URL, 11893),
  };
  for (const k of ['DATABASE_URL', 'DATABASE_APP_URL', 'REDIS_URL', 'MQTT_URL', 'STACK_DIR']) delete env[k];
  const sh = (script: string) => spawnSync('bash', ['-c', script], { cwd: clone, env, encoding: 'utf8', timeout: 120_000 });

  afterAll(() => {
    if (existsSync(path.join(clone, 'platform/stack/stop.sh'))) sh('bash platform/stack/stop.sh');
    rmSync(parent, { recursive: true, force: true });
    rmSync(dataHome, { recursive: true, force: true });
  });

  it('brings the test stack up, migrates, reports where its data is, and stops', () => {
    // The working tree as a clone would have it (tracked and new files), node_modules shared.
    execFileSync('bash', ['-c', `mkdir -p "${clone}" && git ls-files -z -co --exclude-standard | grep -zv '^node_modules' | tar --null -T - -cf - | tar -xf - -C "${clone}"`], { cwd: ROOT });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));

    // up_services is start_services less the package and npm installs (done by this run already).
    const up = sh('source platform/stack/lib.sh && up_services && ensure_database && node --import tsx app/cli.ts migrate');
    expect(up.status, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/applied platform\/001_platform/);

    for (const svc of ['pg', 'redis', 'mosquitto']) {
      const link = path.join(clone, '.stack/test', svc);
      if (isRoot) {
        // Linked from the clone to a folder outside it, one per clone.
        expect(lstatSync(link).isSymbolicLink(), svc).toBe(true);
        expect(readlinkSync(link).startsWith(dataHome + '/my_clone-'), svc).toBe(true);
      } else {
        expect(existsSync(link), svc).toBe(true); // the user's own clone: the data stays in it
      }
    }

    const status = sh('bash platform/stack/status.sh');
    expect(status.status, status.stderr).toBe(0);
    for (const svc of ['postgresql', 'redis', 'mosquitto']) expect(status.stdout).toMatch(new RegExp(`^${svc}\\s+up \\(127\\.0\\.0\\.1:\\d+, data `, 'm'));
    if (isRoot) expect(status.stdout).toContain(`data ${dataHome}/my_clone-`);

    const stop = sh('bash platform/stack/stop.sh');
    expect(stop.status, stop.stderr).toBe(0);
    const after = sh('bash platform/stack/status.sh');
    for (const svc of ['postgresql', 'redis', 'mosquitto']) expect(after.stdout).toMatch(new RegExp(`^${svc}\\s+down `, 'm'));
  }, 180_000);
});
