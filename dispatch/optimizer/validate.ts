import { OptimizerInputError, type Job, type Matrix, type Problem, type SolveOptions, type StopSpec, type InputErrorCode } from './problem';

function fail(code: InputErrorCode, message: string): never {
  throw new OptimizerInputError(code, message);
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && !Number.isNaN(x);
}

function checkMatrix(name: string, m: Matrix | undefined, n: number | undefined): number {
  if (!Array.isArray(m)) fail('invalid_problem', `${name} must be an array of rows`);
  const size = m.length;
  if (n !== undefined && size !== n) fail('matrix_size_mismatch', `${name} has ${size} rows, durations has ${n}`);
  for (let i = 0; i < size; i++) {
    const row = m[i];
    if (!Array.isArray(row)) fail('matrix_not_square', `${name}[${i}] is not an array`);
    if (row.length !== size) fail('matrix_not_square', `${name}[${i}] has ${row.length} entries, expected ${size}`);
    for (let j = 0; j < size; j++) {
      const v = row[j];
      if (v === null) continue;
      if (!isNum(v) || v < 0 || !Number.isFinite(v)) {
        fail('invalid_matrix_value', `${name}[${i}][${j}] = ${String(v)}: must be a finite number ≥ 0 or null`);
      }
    }
  }
  return size;
}

function checkLocation(what: string, loc: unknown, n: number): void {
  if (!Number.isInteger(loc) || (loc as number) < 0 || (loc as number) >= n) {
    fail('invalid_location', `${what}: location ${String(loc)} is not an index in [0, ${n - 1}]`);
  }
}

function checkWindow(what: string, tw: unknown): void {
  if (tw === undefined) return;
  if (!Array.isArray(tw) || tw.length !== 2 || !isNum(tw[0]) || !isNum(tw[1]) || tw[0] > tw[1]) {
    fail('invalid_time_window', `${what}: time window must be [start, end] numbers with start ≤ end`);
  }
}

function checkStop(what: string, s: StopSpec | undefined, n: number): void {
  if (!s || typeof s !== 'object') fail('invalid_job', `${what} is missing`);
  checkLocation(what, s.location, n);
  if (s.service !== undefined && (!isNum(s.service) || s.service < 0 || !Number.isFinite(s.service))) {
    fail('invalid_job', `${what}: service must be a finite number ≥ 0`);
  }
  checkWindow(what, s.timeWindow);
}

function checkAmount(what: string, a: readonly number[] | undefined, dims: number): void {
  if (a === undefined) return;
  if (!Array.isArray(a) || a.length !== dims) fail('invalid_amount', `${what}: amount must have ${dims} entries (one per capacity dimension)`);
  for (const x of a) {
    if (!isNum(x) || !Number.isFinite(x)) fail('invalid_amount', `${what}: amount entries must be finite numbers`);
    if (x < 0) fail('negative_amount', `${what}: amount ${x} is negative`);
  }
}

/**
 * Checks a problem and throws {@link OptimizerInputError} on the first defect.
 * Returns the number of capacity dimensions.
 */
export function validateProblem(p: Problem): number {
  if (!p || typeof p !== 'object') fail('invalid_problem', 'problem must be an object');
  if (!Array.isArray(p.vehicles)) fail('invalid_problem', 'vehicles must be an array');
  if (!Array.isArray(p.jobs)) fail('invalid_problem', 'jobs must be an array');
  const n = checkMatrix('durations', p.durations, undefined);
  if (p.distances !== undefined) checkMatrix('distances', p.distances, n);
  if (p.timeWindows !== undefined && p.timeWindows !== 'hard' && p.timeWindows !== 'soft-delivery') {
    fail('invalid_problem', `timeWindows must be 'hard' or 'soft-delivery'`);
  }
  if (p.now !== undefined && !isNum(p.now)) fail('invalid_problem', 'now must be a number');
  let dims = -1;
  const vehicleIds = new Set<string>();
  for (const v of p.vehicles) {
    if (!v || typeof v.id !== 'string' || v.id === '') fail('invalid_vehicle', 'every vehicle needs a non-empty string id');
    if (vehicleIds.has(v.id)) fail('duplicate_id', `vehicle id ${v.id} is used twice`);
    vehicleIds.add(v.id);
    if (v.start !== undefined) checkLocation(`vehicle ${v.id} start`, v.start, n);
    if (v.end !== undefined) checkLocation(`vehicle ${v.id} end`, v.end, n);
    const sh = v.shift as unknown;
    if (!Array.isArray(sh) || sh.length !== 2 || !isNum(sh[0]) || !isNum(sh[1]) || sh[0] > sh[1]) {
      fail('invalid_shift', `vehicle ${v.id}: shift must be [start, end] numbers with start ≤ end`);
    }
    if (!Array.isArray(v.capacity)) fail('invalid_capacity', `vehicle ${v.id}: capacity must be an array`);
    if (dims === -1) dims = v.capacity.length;
    if (v.capacity.length !== dims) fail('invalid_capacity', `vehicle ${v.id}: capacity has ${v.capacity.length} dimensions, others have ${dims}`);
    for (const c of v.capacity) {
      if (!isNum(c) || c < 0) fail('invalid_capacity', `vehicle ${v.id}: capacity entries must be numbers ≥ 0`);
    }
    if (v.speedFactor !== undefined && (!isNum(v.speedFactor) || v.speedFactor <= 0 || !Number.isFinite(v.speedFactor))) {
      fail('invalid_vehicle', `vehicle ${v.id}: speedFactor must be a finite number > 0`);
    }
    if (v.maxTasks !== undefined && (!Number.isInteger(v.maxTasks) || v.maxTasks < 0)) {
      fail('invalid_vehicle', `vehicle ${v.id}: maxTasks must be an integer ≥ 0`);
    }
  }
  if (dims === -1) {
    // No vehicle: take the dimension count from the jobs so amounts still get checked.
    const first = p.jobs.find((j) => j && j.amount !== undefined);
    dims = first?.amount?.length ?? 0;
  }
  const jobIds = new Map<string, Job>();
  for (const j of p.jobs) {
    if (!j || typeof j.id !== 'string' || j.id === '') fail('invalid_job', 'every job needs a non-empty string id');
    if (jobIds.has(j.id)) fail('duplicate_id', `job id ${j.id} is used twice`);
    jobIds.set(j.id, j);
    if (j.kind === 'shipment') {
      checkStop(`job ${j.id} pickup`, j.pickup, n);
      checkStop(`job ${j.id} delivery`, j.delivery, n);
      if (j.maxRideTime !== undefined && (!isNum(j.maxRideTime) || j.maxRideTime < 0)) {
        fail('invalid_job', `job ${j.id}: maxRideTime must be a number ≥ 0`);
      }
    } else if (j.kind === 'delivery') {
      checkStop(`job ${j.id}`, j, n);
      if (j.deadline !== undefined && !isNum(j.deadline)) fail('invalid_job', `job ${j.id}: deadline must be a number`);
    } else {
      fail('invalid_job', `job ${(j as Job).id}: kind must be 'shipment' or 'delivery'`);
    }
    checkAmount(`job ${j.id}`, j.amount, dims);
    if (j.pinnedVehicle !== undefined && typeof j.pinnedVehicle !== 'string') fail('invalid_job', `job ${j.id}: pinnedVehicle must be a string`);
  }
  const lockedBy = new Map<string, string>();
  for (const v of p.vehicles) {
    if (v.lockedPrefix === undefined) continue;
    if (!Array.isArray(v.lockedPrefix)) fail('invalid_locked_prefix', `vehicle ${v.id}: lockedPrefix must be an array`);
    const seen = new Set<string>();
    for (const ref of v.lockedPrefix) {
      const job = jobIds.get(ref?.jobId);
      if (!job) fail('invalid_locked_prefix', `vehicle ${v.id}: locked job ${String(ref?.jobId)} does not exist`);
      const key = `${ref.jobId}/${ref.step}`;
      if (seen.has(key)) fail('invalid_locked_prefix', `vehicle ${v.id}: stop ${key} locked twice`);
      seen.add(key);
      const other = lockedBy.get(ref.jobId);
      if (other !== undefined && other !== v.id) fail('invalid_locked_prefix', `job ${ref.jobId} is locked on ${other} and ${v.id}`);
      lockedBy.set(ref.jobId, v.id);
      if (job.kind === 'delivery' && ref.step !== 'delivery') fail('invalid_locked_prefix', `job ${ref.jobId} is a delivery job: only step 'delivery' exists`);
      if (job.kind === 'shipment') {
        if (ref.step !== 'pickup' && ref.step !== 'delivery') fail('invalid_locked_prefix', `job ${ref.jobId}: step must be pickup or delivery`);
        if (ref.step === 'delivery' && !seen.has(`${ref.jobId}/pickup`)) {
          fail('invalid_locked_prefix', `vehicle ${v.id}: delivery of ${ref.jobId} locked without its pickup before it`);
        }
      }
      if (job.pinnedVehicle !== undefined && job.pinnedVehicle !== v.id) {
        fail('invalid_locked_prefix', `job ${ref.jobId} is pinned to ${job.pinnedVehicle} but locked on ${v.id}`);
      }
    }
  }
  return dims;
}

/** Checks solve options; throws {@link OptimizerInputError} with code `invalid_option`. */
export function validateOptions(o: SolveOptions | undefined): void {
  if (o === undefined) return;
  const nonNeg = (name: string, v: unknown) => {
    if (v !== undefined && (!isNum(v) || v < 0)) fail('invalid_option', `${name} must be a number ≥ 0`);
  };
  nonNeg('timeMs', o.timeMs);
  nonNeg('maxIterations', o.maxIterations);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) fail('invalid_option', 'seed must be an integer');
  nonNeg('initialTemperature', o.initialTemperature);
  nonNeg('finalTemperature', o.finalTemperature);
  nonNeg('averageRemoved', o.averageRemoved);
  nonNeg('maxStringLength', o.maxStringLength);
  nonNeg('blinkRate', o.blinkRate);
  nonNeg('routeRemovalRate', o.routeRemovalRate);
  if (o.weights) for (const [k, v] of Object.entries(o.weights)) nonNeg(`weights.${k}`, v);
}
