/**
 * Compiled internal model: everything the hot loops touch lives in typed arrays.
 *
 * A job becomes one node (delivery job) or two consecutive nodes (shipment:
 * pickup = first, delivery = first + 1). Location index `nLoc - 1` is a virtual
 * "nowhere" location with zero travel to and from everything; it stands for a
 * missing vehicle start or end so the loops need no special case.
 */
import type { Problem, SolveOptions } from './problem';
import { validateOptions, validateProblem } from './validate';

/** Node kinds: a delivery job's only stop, a shipment's pickup, a shipment's delivery. */
export const KIND_SINGLE = 0;
export const KIND_PICKUP = 1;
export const KIND_DELIVERY = 2;

/** Job may go on any vehicle. */
export const ANY_VEHICLE = -1;
/** Job is pinned to a vehicle that does not exist. */
export const NO_VEHICLE = -2;

export interface Model {
  problem: Problem;
  /** Location count including the virtual one at index nLoc - 1. */
  nLoc: number;
  virtualLoc: number;
  dims: number;
  nNodes: number;
  nJobs: number;
  nodeLoc: Int32Array;
  nodeService: Float64Array;
  nodeTwStart: Float64Array;
  /** Hard latest start of service (Infinity when none). */
  nodeHardEnd: Float64Array;
  /** Soft promise end: start after it counts as lateness (Infinity when none). */
  nodeDue: Float64Array;
  nodeKind: Uint8Array;
  nodeJob: Int32Array;
  /** Load change at the node, `nodeDelta[node * dims + d]`. */
  nodeDelta: Float64Array;
  /** Load put on board at the vehicle start for this node (delivery jobs). */
  nodeStartLoad: Float64Array;
  nodeLocked: Uint8Array;
  jobFirst: Int32Array;
  jobSize: Uint8Array;
  jobAllowed: Int32Array;
  jobMaxRide: Float64Array;
  jobDemand: Float64Array;
  /**
   * `jobVehOk[job * nVeh + v]` is 0 when the job is infeasible even alone on v
   * (after v's locked stops). Adding stops cannot help when travel times obey
   * the triangle inequality (shortest-path matrices do), so insertion skips
   * such pairs. Filled by `markLoneFeasibility`; all 1 until then.
   */
  jobVehOk: Uint8Array;
  /** 1 when a stop of the job is in a locked prefix: the job never leaves its route. */
  jobLocked: Uint8Array;
  nVeh: number;
  vStart: Int32Array;
  vEnd: Int32Array;
  vShiftStart: Float64Array;
  vShiftEnd: Float64Array;
  vCap: Float64Array;
  vMaxTasks: Int32Array;
  vProfile: Int32Array;
  /** Locked prefix per vehicle, as node indices. */
  vLocked: Int32Array[];
  /** Vehicles with equal start, end, shift, capacity, task limit and speed share a class: one empty route per class is enough to try. */
  vClass: Int32Array;
  /** Travel time per profile (speed factor applied); Infinity = unroutable. */
  time: Float64Array[];
  /** Travel cost per profile (weights applied); Infinity = unroutable. */
  cost: Float64Array[];
  /** Raw distance (0 when no distance matrix given); Infinity = unroutable. */
  dist: Float64Array;
  weightUnassigned: number;
  weightLateness: number;
  /** Some shipment has a holdover limit (general-path candidates are then confirmed exactly). */
  hasHoldover: boolean;
  /** True when O(1) insertion checks are exact: delivery jobs only, hard windows, no locked stops. */
  fast: boolean;
}

/** Resolved objective weights with their defaults. */
export function resolveWeights(o?: SolveOptions) {
  return {
    unassigned: o?.weights?.unassigned ?? 1e9,
    lateness: o?.weights?.lateness ?? 1000,
    duration: o?.weights?.duration ?? 1,
    distance: o?.weights?.distance ?? 0,
  };
}

/** Validates and compiles a problem. Throws OptimizerInputError on bad input. */
export function compileModel(p: Problem, options?: SolveOptions): Model {
  const dims = validateProblem(p);
  validateOptions(options);
  const w = resolveWeights(options);
  const n = p.durations.length;
  const nLoc = n + 1;
  const virtualLoc = n;
  const soft = p.timeWindows === 'soft-delivery';

  let nNodes = 0;
  for (const j of p.jobs) nNodes += j.kind === 'shipment' ? 2 : 1;
  const nJobs = p.jobs.length;
  const nodeLoc = new Int32Array(nNodes);
  const nodeService = new Float64Array(nNodes);
  const nodeTwStart = new Float64Array(nNodes);
  const nodeHardEnd = new Float64Array(nNodes);
  const nodeDue = new Float64Array(nNodes);
  const nodeKind = new Uint8Array(nNodes);
  const nodeJob = new Int32Array(nNodes);
  const nodeDelta = new Float64Array(nNodes * dims);
  const nodeStartLoad = new Float64Array(nNodes * dims);
  const nodeLocked = new Uint8Array(nNodes);
  const jobFirst = new Int32Array(nJobs);
  const jobSize = new Uint8Array(nJobs);
  const jobAllowed = new Int32Array(nJobs).fill(ANY_VEHICLE);
  const jobMaxRide = new Float64Array(nJobs).fill(Infinity);
  const jobDemand = new Float64Array(nJobs);
  const jobLocked = new Uint8Array(nJobs);
  const vehIndex = new Map(p.vehicles.map((v, i) => [v.id, i] as const));
  const jobIndex = new Map(p.jobs.map((j, i) => [j.id, i] as const));

  let fast = !soft;
  let k = 0;
  p.jobs.forEach((j, ji) => {
    jobFirst[ji] = k;
    const amount = j.amount ?? new Array(dims).fill(0);
    jobDemand[ji] = amount.reduce((a, b) => a + b, 0);
    if (j.pinnedVehicle !== undefined) jobAllowed[ji] = vehIndex.get(j.pinnedVehicle) ?? NO_VEHICLE;
    const setStop = (node: number, loc: number, service: number | undefined, tw: readonly [number, number] | undefined, softEnd: boolean) => {
      nodeLoc[node] = loc;
      nodeService[node] = service ?? 0;
      nodeTwStart[node] = tw ? tw[0] : -Infinity;
      const end = tw ? tw[1] : Infinity;
      nodeHardEnd[node] = softEnd ? Infinity : end;
      nodeDue[node] = softEnd ? end : Infinity;
      nodeJob[node] = ji;
    };
    if (j.kind === 'shipment') {
      jobSize[ji] = 2;
      setStop(k, j.pickup.location, j.pickup.service, j.pickup.timeWindow, false);
      setStop(k + 1, j.delivery.location, j.delivery.service, j.delivery.timeWindow, soft);
      nodeKind[k] = KIND_PICKUP;
      nodeKind[k + 1] = KIND_DELIVERY;
      for (let d = 0; d < dims; d++) {
        nodeDelta[k * dims + d] = amount[d];
        nodeDelta[(k + 1) * dims + d] = -amount[d];
      }
      if (j.maxRideTime !== undefined) jobMaxRide[ji] = j.maxRideTime;
      fast = false;
      k += 2;
    } else {
      jobSize[ji] = 1;
      setStop(k, j.location, j.service, j.timeWindow, soft);
      if (j.deadline !== undefined) nodeHardEnd[k] = Math.min(nodeHardEnd[k], j.deadline);
      nodeKind[k] = KIND_SINGLE;
      for (let d = 0; d < dims; d++) {
        nodeDelta[k * dims + d] = -amount[d];
        nodeStartLoad[k * dims + d] = amount[d];
      }
      k += 1;
    }
  });

  const nVeh = p.vehicles.length;
  const vStart = new Int32Array(nVeh);
  const vEnd = new Int32Array(nVeh);
  const vShiftStart = new Float64Array(nVeh);
  const vShiftEnd = new Float64Array(nVeh);
  const vCap = new Float64Array(nVeh * dims);
  const vMaxTasks = new Int32Array(nVeh);
  const vProfile = new Int32Array(nVeh);
  const vLocked: Int32Array[] = [];
  const vClass = new Int32Array(nVeh);
  const classes = new Map<string, number>();
  const speeds: number[] = [];
  p.vehicles.forEach((v, vi) => {
    vStart[vi] = v.start ?? virtualLoc;
    vEnd[vi] = v.end ?? virtualLoc;
    // Nothing can happen before the plan time.
    vShiftStart[vi] = p.now !== undefined ? Math.max(v.shift[0], p.now) : v.shift[0];
    vShiftEnd[vi] = v.shift[1];
    for (let d = 0; d < dims; d++) vCap[vi * dims + d] = v.capacity[d];
    vMaxTasks[vi] = v.maxTasks ?? 0x7fffffff;
    const s = v.speedFactor ?? 1;
    let pi = speeds.indexOf(s);
    if (pi < 0) {
      pi = speeds.length;
      speeds.push(s);
    }
    vProfile[vi] = pi;
    const sig = [vStart[vi], vEnd[vi], v.shift[0], v.shift[1], vMaxTasks[vi], pi, ...v.capacity].join(',');
    if (!classes.has(sig)) classes.set(sig, classes.size);
    vClass[vi] = classes.get(sig)!;
    const locked: number[] = [];
    for (const ref of v.lockedPrefix ?? []) {
      const ji = jobIndex.get(ref.jobId)!;
      const node = jobFirst[ji] + (ref.step === 'delivery' && jobSize[ji] === 2 ? 1 : 0);
      locked.push(node);
      nodeLocked[node] = 1;
      jobLocked[ji] = 1;
      // A locked job is implicitly pinned to its rider.
      jobAllowed[ji] = vi;
      fast = false;
    }
    vLocked.push(Int32Array.from(locked));
  });

  const dist = new Float64Array(nLoc * nLoc);
  const time: Float64Array[] = [];
  const cost: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dd = p.distances ? p.distances[i][j] : 0;
      const tt = p.durations[i][j];
      dist[i * nLoc + j] = dd === null || tt === null ? Infinity : dd;
    }
  }
  for (const s of speeds) {
    const t = new Float64Array(nLoc * nLoc);
    const c = new Float64Array(nLoc * nLoc);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const tt = p.durations[i][j];
        const dd = dist[i * nLoc + j];
        if (tt === null || dd === Infinity) {
          t[i * nLoc + j] = Infinity;
          c[i * nLoc + j] = Infinity;
        } else {
          t[i * nLoc + j] = tt * s;
          c[i * nLoc + j] = w.duration * tt * s + w.distance * dd;
        }
      }
    }
    time.push(t);
    cost.push(c);
  }

  return {
    problem: p,
    nLoc,
    virtualLoc,
    dims,
    nNodes,
    nJobs,
    nodeLoc,
    nodeService,
    nodeTwStart,
    nodeHardEnd,
    nodeDue,
    nodeKind,
    nodeJob,
    nodeDelta,
    nodeStartLoad,
    nodeLocked,
    jobFirst,
    jobSize,
    jobAllowed,
    jobMaxRide,
    jobDemand,
    jobLocked,
    jobVehOk: new Uint8Array(nJobs * nVeh).fill(1),
    nVeh,
    vStart,
    vEnd,
    vShiftStart,
    vShiftEnd,
    vCap,
    vMaxTasks,
    vProfile,
    vLocked,
    vClass,
    time,
    cost,
    dist,
    weightUnassigned: w.unassigned,
    weightLateness: w.lateness,
    fast,
    hasHoldover: jobMaxRide.some((x) => x !== Infinity),
  };
}
