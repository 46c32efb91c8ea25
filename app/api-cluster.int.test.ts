import { spawn } from 'node:child_process';
import net from 'node:net';
import { describe, it, expect } from 'vitest';
import { requireStack } from '../platform/testing/harness';
import { readProcs } from '../platform/testing/procs';

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  });
});
/** The API worker processes among the children of `pid`; not every child: tsx may run an esbuild service process. */
const children = (pid: number) => readProcs().filter((p) => p.ppid === pid && p.cmd.includes('app/cli.ts')).map((p) => p.pid);
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('serve api with API_WORKERS', () => {
  it('runs the workers on one port, replaces one that dies, and stops them all on SIGTERM', async () => {
    requireStack();
    const port = await freePort();
    const primary = spawn(process.execPath, ['--import', 'tsx', 'app/cli.ts', 'serve', 'api'], {
      env: { ...process.env, API_WORKERS: '2', HTTP_PORT: String(port), DB_POOL_MAX: '2', LOG_LEVEL: 'warn' }, stdio: 'ignore',
    });
    try {
      const workers = await until('two workers', () => { const c = children(primary.pid!); return c.length === 2 ? c : undefined; });
      const ready = () => fetch(`http://127.0.0.1:${port}/readyz`, { headers: { connection: 'close' } }).then((r) => r.status === 200, () => false);
      // Each new connection goes to the next worker: several answers in a row come from both.
      await until('both workers ready', async () => (await Promise.all([ready(), ready(), ready(), ready()])).every(Boolean) || undefined);

      process.kill(workers[0], 'SIGKILL');
      const replaced = await until('a new worker', () => { const c = children(primary.pid!); return c.length === 2 && !c.includes(workers[0]) ? c : undefined; });
      expect(replaced).toContain(workers[1]);
      await until('the port still answers', async () => (await ready()) || undefined);

      const exited = new Promise<number | null>((r) => primary.once('exit', (code) => r(code)));
      primary.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(replaced.filter(alive)).toEqual([]);
    } finally {
      if (primary.exitCode === null) primary.kill('SIGKILL');
    }
  }, 120_000);
});
