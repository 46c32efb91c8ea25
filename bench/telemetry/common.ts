/** Shared by the telemetry bench processes: box ids, bench ports, credentials, the generator. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoxCustody, BoxInfo, TelemetryPorts } from '../../telemetry/ports';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const FACILITY = 'fac_bench0001';
export const boxIds = (n: number) => Array.from({ length: n }, (_, i) => `box_bench${String(i).padStart(5, '0')}`);
export const riderOf = (i: number) => `rdr_bench${String(i % 500).padStart(4, '0')}`;
/** One live reading as a bench box publishes it (contract coldbox.telemetry/1): device times Unix ms, °C. */
export const livePayload = (boxId: string, seq: number, sentAt: number, ts: number, t: number) =>
  `{"schema":"coldbox.telemetry/1","boxId":"${boxId}","fw":"1.4.2","seq":${seq},"sentAt":${sentAt},"readings":[{"ts":${ts},"t":[${t}],"door":false,"batt":87,"hist":false}]}`;
/** One shipment per box and bench run (BENCH_RUN), so a re-run on a kept stack starts fresh. */
export const shipmentOf = (boxId: string) => `shp_${boxId.slice(4)}${process.env.BENCH_RUN ?? ''}`;

/**
 * The bench's stand-in for dispatch: every bench box is registered and carries one chilled
 * shipment since `pairedAt`. In-memory on purpose: the bench measures telemetry, not dispatch.
 */
export function benchPorts(n: number, pairedAt: Date): TelemetryPorts {
  const ids = boxIds(n);
  // As the real port gives it: the pickup window (10 min before to 5 min after); readings fall outside it.
  const pickupWindow: BoxCustody['doorWindows'] = [{ from: new Date(pairedAt.getTime() - 10 * 60_000), to: new Date(pairedAt.getTime() + 5 * 60_000), why: 'pickup' }];
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    async boxInfo(boxId): Promise<BoxInfo | null> {
      const i = index.get(boxId);
      return i === undefined ? null : { id: boxId, facilityId: FACILITY, riderId: riderOf(i) };
    },
    async custodyAt(boxId, at): Promise<BoxCustody[]> {
      const i = index.get(boxId);
      if (i === undefined || at < pairedAt) return [];
      return [{ shipmentId: shipmentOf(boxId), orderToken: `tok_${boxId.slice(4)}`, facilityId: FACILITY, riderId: riderOf(i), temperatureClass: 'chilled', skuIds: ['sku_bench01'], stabilityBudgetMin: null, from: pairedAt, to: null, etaAt: null, doorWindows: pickupWindow }];
    },
    async requestReplan() { /* counted by the alarm table; dispatch is not under test */ },
  };
}

/**
 * Per-box broker credentials; returns the file (0600) the generator reads. Issuing 5 000 takes
 * minutes (the broker rewrites its dynamic-security file after every command), so a bench stack
 * keeps them in its git-ignored folder and later runs reuse them; BENCH_NEW_CREDENTIALS=1 issues
 * them again.
 */
export async function benchCredentials(ids: string[], stackDir: string, log: (s: string) => void): Promise<string> {
  const credsFile = path.join(stackDir, 'bench-box-credentials.json');
  let known: Record<string, string> = {};
  try { known = JSON.parse(readFileSync(credsFile, 'utf8')); } catch { /* first run */ }
  if (process.env.BENCH_NEW_CREDENTIALS === '1' || !ids.every((id) => known[id])) {
    log(`issuing broker credentials for ${ids.length} boxes`);
    const t0 = Date.now();
    // Imported here: the generator process loads this module too and needs none of the platform.
    const { DynsecAdmin } = await import('../../platform/mqtt/dynsec');
    const admin = await DynsecAdmin.connect();
    const passwords = await admin.setManyBoxCredentials(ids);
    await admin.close();
    known = { ...known, ...Object.fromEntries(passwords) };
    writeFileSync(credsFile, JSON.stringify(known), { mode: 0o600 });
    log(`credentials issued in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } else {
    log(`reusing the broker credentials of ${ids.length} boxes from ${credsFile}`);
  }
  const runCreds = path.join(stackDir, 'bench-run-credentials.json');
  writeFileSync(runCreds, JSON.stringify(Object.fromEntries(ids.map((id) => [id, known[id]]))), { mode: 0o600 });
  return runCreds;
}

export interface GeneratorResult { sent: number; acked: number; failed: number; violations: number; startedAt: number; endedAt: number; resendRequests: number; resent: number }

/**
 * Runs the generator process (./generator.ts) to the end. `onPublishing(pid)` is called once
 * every box is connected, when the timed publishing starts.
 */
export async function runGenerator(creds: string, rate: number, seconds: number, violate: boolean, onPublishing?: (pid: number) => void): Promise<GeneratorResult> {
  const gen = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'generator.ts')], {
    env: { ...process.env, BENCH_CREDS: creds, BENCH_RATE: String(rate), BENCH_SECONDS: String(seconds), BENCH_VIOLATE: violate ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  gen.stdout!.on('data', (c) => { out += c; });
  gen.stderr!.on('data', (c: Buffer) => {
    process.stderr.write(c);
    if (c.toString().includes('boxes connected')) onPublishing?.(gen.pid!);
  });
  await new Promise<void>((r) => gen.once('exit', () => r()));
  const line = out.trim().split('\n').pop();
  if (!line) throw new Error('generator printed no result');
  return JSON.parse(line);
}
