import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSolomon, solomonToProblem, SOLOMON_WEIGHTS } from './solomon';
import { solve } from './solve';
import { checkSolution, readInstance } from '../../bench/vrptw/checker';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.resolve(repoRoot, '..', 'shared', 'data');
const c101 = path.join(dataDir, 'vrptw', 'solomon', 'C101.txt');
const haveData = existsSync(c101);
const inCi = process.env.CI === 'true';

const tiny = ['TINY', '', 'VEHICLE', 'NUMBER     CAPACITY', '  2         10', '', 'CUSTOMER',
  'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME', ' ',
  '    0      0          0          0          0       100          0   ',
  '    1      3          4          5          0        50         10   ',
  '    2      0          8          5          0        50         10   ',
  '    3     -3          4          6         20        60         10   ', ''].join('\r\n');

describe('Solomon reader', () => {
  it('parses CRLF text with the depot as customer 0', () => {
    const inst = parseSolomon(tiny);
    expect(inst.name).toBe('TINY');
    expect(inst.vehicles).toBe(2);
    expect(inst.capacity).toBe(10);
    expect(inst.customers).toHaveLength(4);
    expect(inst.customers[3]).toEqual({ id: 3, x: -3, y: 4, demand: 6, ready: 20, due: 60, service: 10 });
    const p = solomonToProblem(inst);
    expect(p.durations[0][1]).toBe(5);
    expect(p.vehicles).toHaveLength(2);
  });

  it('solves the tiny instance feasibly (capacity forces two routes)', () => {
    const s = solve(solomonToProblem(parseSolomon(tiny)), { maxIterations: 100, weights: SOLOMON_WEIGHTS });
    const routes = s.routes.map((r) => r.stops.map((x) => Number(x.jobId)));
    const check = checkSolution(readInstance(tiny), routes);
    expect(check.errors).toEqual([]);
    expect(check.vehicles).toBe(2);
    expect(s.summary.distance).toBeCloseTo(check.distance, 9);
  });

  it('rejects malformed text', () => {
    expect(() => parseSolomon('hello')).toThrow(/VEHICLE/);
    expect(() => parseSolomon(tiny.replace('    2      0          8', '    7      0          8'))).toThrow(/out of order/);
  });
});

describe('vrptw CLI', () => {
  const cli = path.join(repoRoot, 'dispatch', 'optimizer', 'cli', 'vrptw.ts');
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot, encoding: 'utf8' });

  it('--help prints the usage on stdout and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = run(flag);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^usage: npm run vrptw -- <instance\.txt>/);
      expect(r.stdout).toMatch(/--time-ms N/);
      expect(r.stderr).toBe('');
    }
  });

  it('an unknown option is a usage error (exit 2, nothing on stdout)', () => {
    const r = run('--bogus');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option --bogus/);
  });
});

describe('Solomon benchmark data (../shared/data)', () => {
  if (!haveData && !inCi) {
    it.skip(`shared data not found at ${dataDir}; skipping Solomon tests`, () => {});
    return;
  }

  it('C101 with a 300 ms budget is feasible and within 2 % of the best known 828.94', () => {
    if (!haveData) throw new Error(`shared data missing at ${dataDir} (required when CI=true)`);
    const text = readFileSync(c101, 'utf8');
    const s = solve(solomonToProblem(parseSolomon(text)), { timeMs: 300, seed: 1, weights: SOLOMON_WEIGHTS });
    const check = checkSolution(readInstance(text), s.routes.map((r) => r.stops.map((x) => Number(x.jobId))));
    expect(check.errors).toEqual([]);
    expect(check.distance).toBeLessThan(828.94 * 1.02);
  });

  it('the CLI prints exactly one JSON object, and fails cleanly on bad input', () => {
    if (!haveData) throw new Error(`shared data missing at ${dataDir} (required when CI=true)`);
    const cli = path.join(repoRoot, 'dispatch', 'optimizer', 'cli', 'vrptw.ts');
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot, encoding: 'utf8' });
    const ok = run(c101, '--time-ms', '200', '--seed', '3');
    expect(ok.status).toBe(0);
    const lines = ok.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(Object.keys(out)).toEqual(['instance', 'vehicles', 'distance', 'routes', 'time_ms']);
    expect(out.instance).toBe('C101');
    const check = checkSolution(readInstance(readFileSync(c101, 'utf8')), out.routes);
    expect(check.errors).toEqual([]);
    expect(out.distance).toBeCloseTo(check.distance, 4);
    expect(out.vehicles).toBe(out.routes.length);

    const missing = run(path.join(dataDir, 'nope.txt'));
    expect(missing.status).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/cannot read/);
    const badFlag = run(c101, '--time-ms', 'abc');
    expect(badFlag.status).not.toBe(0);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'vrptw-'));
    writeFileSync(path.join(tmp, 'bad.txt'), 'not an instance\n');
    const bad = run(path.join(tmp, 'bad.txt'));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/VEHICLE/);
  });
});
