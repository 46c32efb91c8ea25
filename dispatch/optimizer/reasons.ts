/**
 * Why a job stayed unassigned: test the job alone (after the vehicle's locked
 * prefix) on every vehicle, in stages, and report the blocker of the vehicle
 * that got furthest. A job that fits alone somewhere but not next to the
 * other jobs is reported as `no_vehicle_in_time` (the fleet's time is used up).
 */
import { ANY_VEHICLE, NO_VEHICLE, type Model } from './model';
import type { UnassignedReason } from './problem';
import { V_CAPACITY, V_HOLDOVER, V_UNROUTABLE, evaluateRoute, lastEval } from './route-eval';

const RANK_COMPAT = 1;
const RANK_UNROUTABLE = 2;
const RANK_CAPACITY = 3;
const RANK_HOLDOVER = 4;
const RANK_TIME = 5;
const RANK_FITS = 6;

/** Reason and human-readable detail for one unassigned job index. */
export function unassignedReason(m: Model, job: number): { reason: UnassignedReason; detail: string } {
  const p = m.problem;
  const first = m.jobFirst[job];
  const size = m.jobSize[job];
  if (p.now !== undefined) {
    for (let k = 0; k < size; k++) {
      if (m.nodeHardEnd[first + k] < p.now) {
        return { reason: 'window_missed', detail: `hard window of ${k === 0 && size === 2 ? 'pickup' : 'delivery'} ended at ${m.nodeHardEnd[first + k]}, before plan time ${p.now}` };
      }
    }
  }
  const allowed = m.jobAllowed[job];
  if (allowed === NO_VEHICLE) return { reason: 'no_compatible_vehicle', detail: `pinned vehicle ${p.jobs[job].pinnedVehicle} does not exist` };
  if (m.nVeh === 0) return { reason: 'no_compatible_vehicle', detail: 'no vehicles' };
  // Best stage reached on allowed vehicles, and on any vehicle ignoring the pin.
  let bestRank = 0;
  let bestRankIgnoringPin = 0;
  const seq = new Int32Array(m.nNodes + 2);
  const D = m.dims;
  for (let v = 0; v < m.nVeh; v++) {
    let rank: number;
    {
      const locked = m.vLocked[v];
      seq.set(locked);
      let k = locked.length;
      for (let x = 0; x < size; x++) seq[k++] = first + x;
      const T = m.time[m.vProfile[v]];
      const nLoc = m.nLoc;
      let prev = locked.length > 0 ? m.nodeLoc[locked[locked.length - 1]] : m.vStart[v];
      let routable = true;
      for (let x = locked.length; x < k; x++) {
        if (T[prev * nLoc + m.nodeLoc[seq[x]]] === Infinity) routable = false;
        prev = m.nodeLoc[seq[x]];
      }
      if (T[prev * nLoc + m.vEnd[v]] === Infinity) routable = false;
      let fitsCap = locked.length + size <= m.vMaxTasks[v];
      for (let d = 0; d < D; d++) {
        const a = Math.max(Math.abs(m.nodeDelta[first * D + d]), m.nodeStartLoad[first * D + d]);
        if (a > m.vCap[v * D + d]) fitsCap = false;
      }
      const direct = size === 2 ? T[m.nodeLoc[first] * nLoc + m.nodeLoc[first + 1]] : 0;
      if (!routable) rank = RANK_UNROUTABLE;
      else if (!fitsCap) rank = RANK_CAPACITY;
      else if (size === 2 && direct > m.jobMaxRide[job]) rank = RANK_HOLDOVER;
      else {
        const c = evaluateRoute(m, v, seq, k);
        const viol = lastEval.violation;
        if (c !== Infinity) rank = RANK_FITS;
        else if (viol === V_UNROUTABLE) rank = RANK_UNROUTABLE;
        else if (viol === V_CAPACITY) rank = RANK_CAPACITY;
        else if (viol === V_HOLDOVER) rank = RANK_HOLDOVER;
        else rank = RANK_TIME;
      }
    }
    if (rank > bestRankIgnoringPin) bestRankIgnoringPin = rank;
    if (allowed !== ANY_VEHICLE && allowed !== v) rank = RANK_COMPAT;
    if (rank > bestRank) bestRank = rank;
  }
  if (allowed !== ANY_VEHICLE && bestRankIgnoringPin > bestRank) {
    return { reason: 'no_compatible_vehicle', detail: `pinned to ${p.vehicles[allowed].id}, which cannot take it; another vehicle could` };
  }
  switch (bestRank) {
    case RANK_COMPAT:
      return { reason: 'no_compatible_vehicle', detail: `only vehicle ${p.jobs[job].pinnedVehicle} may take it and it cannot` };
    case RANK_UNROUTABLE:
      return { reason: 'unroutable', detail: 'no route in the matrix between its stops and any vehicle' };
    case RANK_CAPACITY:
      return { reason: 'capacity', detail: 'amount or stop count exceeds every compatible vehicle' };
    case RANK_HOLDOVER:
      return { reason: 'holdover_exceeded', detail: 'pickup → delivery cannot be done within maxRideTime' };
    case RANK_TIME:
      return { reason: 'no_vehicle_in_time', detail: 'no vehicle can reach it within its windows and shift' };
    default:
      return { reason: 'no_vehicle_in_time', detail: 'fits a vehicle alone, but not alongside the other planned jobs' };
  }
}
