/**
 * Where the machine's CPU went during a benchmark phase, per process group (Linux /proc):
 * the bench's own processes by pid, and the stack's services by the port on their command
 * line (so another stack on the same machine is not counted). Printed as
 * `cpu_<group>: <percent of one core> %`; informational, never asserted.
 */
import { readFileSync } from 'node:fs';
import { readProcs, type Proc } from '../platform/testing/procs';

const TICKS_PER_S = 100; // USER_HZ on Linux

export type Groups = Record<string, (p: Proc, all: Map<number, Proc>) => boolean>;

/** Groups of the bench stack's services, found by their ports; plus `pids` (with their descendants) by name. */
export function stackGroups(pids: Record<string, () => number | undefined>): Groups {
  // The ports of the stack this bench runs on, from the URLs the stack scripts export.
  const port = (name: string) => new URL(process.env[name] ?? '').port;
  const pg = port('DATABASE_URL'), redis = port('REDIS_URL'), mqtt = port('MQTT_URL');
  const isPostmaster = (p: Proc) => p.comm === 'postgres' && p.cmd.includes(`-p ${pg}`);
  const groups: Groups = {
    postgres: (p, all) => isPostmaster(p) || (p.comm === 'postgres' && !!all.get(p.ppid) && isPostmaster(all.get(p.ppid)!)),
    redis: (p) => p.comm.startsWith('redis-server') && p.cmd.includes(`:${redis}`),
    mosquitto: (p) => p.comm === 'mosquitto' && readConfPort(p) === mqtt,
  };
  // A process and its descendants (e.g. the api's cluster workers); the first group that
  // matches counts a process, so list a child's group before its parent's.
  const within = (p: Proc, root: number | undefined, all: Map<number, Proc>) => {
    for (let q: Proc | undefined = p; q; q = all.get(q.ppid)) if (q.pid === root) return true;
    return false;
  };
  for (const [name, pid] of Object.entries(pids)) groups[name] = (p, all) => within(p, pid(), all);
  return groups;
}

const confPorts = new Map<string, string | null>();
function readConfPort(p: Proc): string | null {
  const conf = /-c (\S+)/.exec(p.cmd)?.[1];
  if (!conf) return null;
  if (!confPorts.has(conf)) {
    try { confPorts.set(conf, /^listener (\d+)/m.exec(readFileSync(conf, 'utf8'))?.[1] ?? null); } catch { confPorts.set(conf, null); }
  }
  return confPorts.get(conf)!;
}

/**
 * Starts counting; `stop()` returns the percent of one core each group used since. A process
 * started during the phase counts from zero; one that exits counts until its last sample
 * (taken every second).
 */
export function cpuMeter(groups: Groups): { stop(): Record<string, number> } {
  const last = new Map<number, { ticks: number; group: string }>();
  const t0 = Date.now();
  const sample = () => {
    const procs = readProcs();
    const all = new Map(procs.map((p) => [p.pid, p]));
    for (const p of procs) {
      const group = Object.keys(groups).find((g) => groups[g](p, all));
      if (!group) continue;
      last.set(p.pid, { ticks: p.ticks, group });
    }
  };
  const baseline = new Map(readProcs().map((p) => [p.pid, p.ticks]));
  sample();
  const timer = setInterval(sample, 1000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const s = (Date.now() - t0) / 1000;
      const used: Record<string, number> = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
      for (const [pid, { ticks, group }] of last) used[group] += ticks - (baseline.get(pid) ?? 0);
      return Object.fromEntries(Object.entries(used).map(([g, t]) => [g, Math.round((t / TICKS_PER_S / s) * 100)]));
    },
  };
}
