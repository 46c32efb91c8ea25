/** The machine's processes as Linux /proc shows them (for benchmarks' CPU accounting and process tests). */
import { readdirSync, readFileSync } from 'node:fs';

export interface Proc { pid: number; ppid: number; comm: string; cmd: string; ticks: number }

/** Every process: parent, name, command line (NUL → space) and CPU ticks used (user + system). */
export function readProcs(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const f = stat.slice(close + 2).split(' ');
      out.push({
        pid: Number(d), ppid: Number(f[1]), comm: stat.slice(stat.indexOf('(') + 1, close),
        cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' '), ticks: Number(f[11]) + Number(f[12]),
      });
    } catch { /* exited meanwhile */ }
  }
  return out;
}
