/**
 * Independent feasibility checker for Solomon VRPTW solutions. It parses the
 * instance text itself and recomputes every time from scratch; it shares no
 * code with the optimizer on purpose, so a bookkeeping bug there cannot hide.
 */

export interface CheckInstance {
  name: string;
  vehicles: number;
  capacity: number;
  /** Rows [id, x, y, demand, ready, due, service]; row 0 is the depot. */
  rows: number[][];
}

export interface CheckResult {
  feasible: boolean;
  distance: number;
  vehicles: number;
  errors: string[];
}

/** Minimal, separate parser of the Solomon text format. */
export function readInstance(text: string): CheckInstance {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '').trim());
  const name = lines[0];
  let vehicles = NaN;
  let capacity = NaN;
  const rows: number[][] = [];
  let section = '';
  for (const l of lines.slice(1)) {
    if (l === 'VEHICLE' || l === 'CUSTOMER') {
      section = l;
      continue;
    }
    const nums = l.split(/\s+/).filter((x) => x !== '').map(Number);
    if (nums.length === 0 || nums.some((x) => Number.isNaN(x))) continue;
    if (section === 'VEHICLE' && nums.length === 2) [vehicles, capacity] = nums;
    else if (section === 'CUSTOMER' && nums.length === 7) rows.push(nums);
  }
  return { name, vehicles, capacity, rows };
}

/**
 * Checks `routes` (customer numbers in visit order, depot omitted) against the
 * instance: every customer exactly once, capacity, service start within
 * [ready, due] (waiting allowed), return to the depot by its due date, at
 * most the instance's vehicle count. Times allow 1e-6 of rounding slack.
 */
export function checkSolution(inst: CheckInstance, routes: number[][]): CheckResult {
  const tol = 1e-6;
  const errors: string[] = [];
  const rows = inst.rows;
  const n = rows.length - 1;
  const d = (a: number, b: number) => Math.sqrt((rows[a][1] - rows[b][1]) ** 2 + (rows[a][2] - rows[b][2]) ** 2);
  const seen = new Array<number>(n + 1).fill(0);
  let distance = 0;
  const used = routes.filter((r) => r.length > 0);
  if (used.length > inst.vehicles) errors.push(`${used.length} vehicles used, instance allows ${inst.vehicles}`);
  used.forEach((route, ri) => {
    let t = rows[0][4];
    let prev = 0;
    let load = 0;
    for (const c of route) {
      if (!Number.isInteger(c) || c < 1 || c > n) {
        errors.push(`route ${ri}: bad customer ${c}`);
        return;
      }
      seen[c]++;
      const dist = d(prev, c);
      distance += dist;
      t = Math.max(t + dist, rows[c][4]);
      if (t > rows[c][5] + tol) errors.push(`route ${ri}: customer ${c} starts at ${t}, due ${rows[c][5]}`);
      t += rows[c][6];
      load += rows[c][3];
      prev = c;
    }
    const back = d(prev, 0);
    distance += back;
    t += back;
    if (t > rows[0][5] + tol) errors.push(`route ${ri}: back at depot at ${t}, due ${rows[0][5]}`);
    if (load > inst.capacity + tol) errors.push(`route ${ri}: load ${load} > capacity ${inst.capacity}`);
  });
  for (let c = 1; c <= n; c++) if (seen[c] !== 1) errors.push(`customer ${c} visited ${seen[c]} times`);
  return { feasible: errors.length === 0, distance, vehicles: used.length, errors };
}
