/**
 * `npm run bench:vrptw` — solve every Solomon instance in ../shared/data/vrptw/solomon/
 * with the same settings, check each solution with the independent checker,
 * and report the gap to the distance-only best-known solutions.
 *
 * Options: --time-ms N (default 1000), --seed S (default 1), --only NAME[,NAME].
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { solve } from '../../dispatch/optimizer/solve';
import { parseSolomon, solomonToProblem, SOLOMON_WEIGHTS } from '../../dispatch/optimizer/solomon';
import { checkSolution, readInstance } from './checker';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.resolve(repoRoot, '..', 'shared', 'data', 'vrptw');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const timeMs = Number(arg('--time-ms') ?? 1000);
  const seed = Number(arg('--seed') ?? 1);
  const only = arg('--only')?.split(',');
  const solomonDir = path.join(dataDir, 'solomon');
  if (!existsSync(solomonDir)) {
    process.stderr.write(`bench:vrptw: data not found at ${solomonDir}\n`);
    process.exit(1);
  }
  const bks = new Map<string, number>();
  for (const line of readFileSync(path.join(dataDir, 'solomon-bks_distance_double.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    const [name, , dist] = line.split(',');
    if (name) bks.set(name, Number(dist));
  }
  const files = readdirSync(solomonDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .filter((f) => !only || only.includes(f.replace(/\.txt$/, '')));
  const gaps: number[] = [];
  const times: number[] = [];
  let infeasible = 0;
  for (const f of files) {
    const text = readFileSync(path.join(solomonDir, f), 'utf8');
    const inst = parseSolomon(text);
    const began = performance.now();
    const sol = solve(solomonToProblem(inst), { timeMs, seed, weights: SOLOMON_WEIGHTS });
    const ms = performance.now() - began;
    const routes = sol.routes.map((r) => r.stops.map((s) => Number(s.jobId)));
    const check = checkSolution(readInstance(text), routes);
    if (!check.feasible) {
      infeasible++;
      process.stderr.write(`${inst.name}: ${check.errors.slice(0, 3).join('; ')}\n`);
    }
    const best = bks.get(inst.name);
    const gap = best ? ((check.distance - best) / best) * 100 : NaN;
    if (Number.isFinite(gap)) gaps.push(gap);
    times.push(ms);
    process.stdout.write(`${inst.name} ${check.distance.toFixed(2)} ${check.vehicles} ${Math.round(ms)} ${gap.toFixed(2)} ${check.feasible}\n`);
  }
  const avg = (a: number[]) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
  process.stdout.write(`vrptw_avg_gap_pct: ${avg(gaps).toFixed(2)} %\n`);
  process.stdout.write(`vrptw_max_gap_pct: ${Math.max(...gaps).toFixed(2)} %\n`);
  process.stdout.write(`vrptw_avg_time_ms: ${Math.round(avg(times))} ms\n`);
  process.stdout.write(`vrptw_infeasible: ${infeasible} count\n`);
}

main();
