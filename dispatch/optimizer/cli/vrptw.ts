/**
 * `npm run vrptw -- <instance.txt> [--time-ms N] [--seed S]`
 * Solves one Solomon instance and prints exactly one JSON object on stdout:
 * {"instance","vehicles","distance","routes":[[customer numbers…],…],"time_ms"}.
 * `--help` prints the usage on stdout and exits 0; a usage error prints it on stderr and exits 2.
 */
import { readFileSync } from 'node:fs';
import { solve } from '../solve';
import { parseSolomon, solomonToProblem, SOLOMON_WEIGHTS } from '../solomon';

const USAGE = `usage: npm run vrptw -- <instance.txt> [--time-ms N] [--seed S]

Solves one Solomon VRPTW instance and prints one JSON object on stdout:
{"instance","vehicles","distance","routes":[[customer numbers…],…],"time_ms"}
(and "unassigned" when some customers could not be served).

  --time-ms N   optimizer time budget in milliseconds (default 1000)
  --seed S      random seed (default 1)
  -h, --help    print this and exit
`;

function usage(msg: string): never {
  process.stderr.write(`vrptw: ${msg}\n${USAGE.split('\n')[0]}  (--help for more)\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let file: string | undefined;
  let timeMs = 1000;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (a === '--time-ms' || a === '--seed') {
      const v = argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) usage(`${a} needs a non-negative integer`);
      if (a === '--time-ms') timeMs = Number(v);
      else seed = Number(v);
    } else if (a.startsWith('--')) {
      usage(`unknown option ${a}`);
    } else if (file === undefined) {
      file = a;
    } else {
      usage(`unexpected argument ${a}`);
    }
  }
  if (file === undefined) usage('missing instance file');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    usage(`cannot read ${file}: ${(e as Error).message}`);
  }
  let inst;
  try {
    inst = parseSolomon(text);
  } catch (e) {
    usage(`${file}: ${(e as Error).message}`);
  }
  const began = performance.now();
  const sol = solve(solomonToProblem(inst), { timeMs, seed, weights: SOLOMON_WEIGHTS });
  const time = performance.now() - began;
  const routes = sol.routes.map((r) => r.stops.map((s) => Number(s.jobId)));
  const out = {
    instance: inst.name,
    vehicles: routes.length,
    distance: Math.round(sol.summary.distance * 1e6) / 1e6,
    routes,
    time_ms: Math.round(time),
    ...(sol.unassigned.length > 0 ? { unassigned: sol.unassigned.map((u) => Number(u.jobId)) } : {}),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

main(process.argv.slice(2));
