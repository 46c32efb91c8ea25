/**
 * Independent checker for optimizer solutions, for tests. It re-derives
 * everything from the public Problem and the reported stops (order and start
 * times) without touching the optimizer's internal model or bookkeeping:
 * travel feasibility of the reported schedule, windows, shift, capacity,
 * pickup-before-delivery on one vehicle, holdover, pins, locked prefixes.
 */
import type { Job, Problem, Solution } from '../problem';

const TOL = 1e-6;

/** Returns a list of violations (empty = valid). */
export function checkSolution(p: Problem, s: Solution): string[] {
  const errors: string[] = [];
  const jobs = new Map<string, Job>(p.jobs.map((j) => [j.id, j]));
  const soft = p.timeWindows === 'soft-delivery';
  const seenStops = new Map<string, number>();
  const jobVehicle = new Map<string, string>();
  const dims = p.vehicles[0]?.capacity.length ?? 0;
  for (const r of s.routes) {
    const v = p.vehicles.find((x) => x.id === r.vehicleId);
    if (!v) {
      errors.push(`route for unknown vehicle ${r.vehicleId}`);
      continue;
    }
    const speed = v.speedFactor ?? 1;
    const travel = (a: number | undefined, b: number | undefined): number => {
      if (a === undefined || b === undefined) return 0;
      const d = p.durations[a][b];
      if (d === null) {
        errors.push(`${v.id}: unroutable leg ${a}→${b}`);
        return NaN;
      }
      return d * speed;
    };
    if (v.maxTasks !== undefined && r.stops.length > v.maxTasks) errors.push(`${v.id}: ${r.stops.length} stops > maxTasks ${v.maxTasks}`);
    (v.lockedPrefix ?? []).forEach((ref, i) => {
      const st = r.stops[i];
      if (!st || st.jobId !== ref.jobId || st.step !== ref.step) errors.push(`${v.id}: locked stop ${i} should be ${ref.jobId}/${ref.step}`);
    });
    const load = new Array<number>(dims).fill(0);
    for (const st of r.stops) {
      const j = jobs.get(st.jobId);
      if (j?.kind === 'delivery') (j.amount ?? []).forEach((a, d) => (load[d] += a));
    }
    const checkLoad = (where: string) => {
      load.forEach((x, d) => {
        if (x > v.capacity[d] + TOL) errors.push(`${v.id}: load ${x} > capacity ${v.capacity[d]} (dim ${d}) ${where}`);
      });
    };
    checkLoad('at start');
    if (r.departure < v.shift[0] - TOL) errors.push(`${v.id}: departs ${r.departure} before shift ${v.shift[0]}`);
    let t = r.departure;
    let loc = v.start;
    const pickupDeparture = new Map<string, number>();
    let totalTravel = 0;
    r.stops.forEach((st, i) => {
      const j = jobs.get(st.jobId);
      if (!j) {
        errors.push(`${v.id}: unknown job ${st.jobId}`);
        return;
      }
      const key = `${st.jobId}/${st.step}`;
      seenStops.set(key, (seenStops.get(key) ?? 0) + 1);
      const prevV = jobVehicle.get(j.id);
      if (prevV !== undefined && prevV !== v.id) errors.push(`${j.id}: stops on ${prevV} and ${v.id}`);
      jobVehicle.set(j.id, v.id);
      if (j.pinnedVehicle !== undefined && j.pinnedVehicle !== v.id) errors.push(`${j.id}: pinned to ${j.pinnedVehicle}, planned on ${v.id}`);
      const spec = j.kind === 'shipment' ? (st.step === 'pickup' ? j.pickup : j.delivery) : j;
      if (j.kind === 'delivery' && st.step !== 'delivery') errors.push(`${j.id}: delivery job has a ${st.step} stop`);
      if (st.location !== spec.location) errors.push(`${key}: location ${st.location} ≠ ${spec.location}`);
      const tt = travel(loc, spec.location);
      totalTravel += tt;
      const earliest = t + tt;
      if (st.start < earliest - TOL) errors.push(`${key}: starts ${st.start} before it can arrive (${earliest})`);
      const tw = spec.timeWindow;
      const locked = i < (v.lockedPrefix?.length ?? 0);
      if (tw && st.start < tw[0] - TOL) errors.push(`${key}: starts ${st.start} before window ${tw[0]}`);
      const softEnd = soft && st.step === 'delivery';
      if (tw && !softEnd && !locked && st.start > tw[1] + TOL) errors.push(`${key}: starts ${st.start} after hard window end ${tw[1]}`);
      const expectedLate = tw && softEnd ? Math.max(0, st.start - tw[1]) : 0;
      if (Math.abs(expectedLate - st.lateness) > TOL) errors.push(`${key}: lateness ${st.lateness}, expected ${expectedLate}`);
      if (j.kind === 'delivery' && j.deadline !== undefined && !locked && st.start > j.deadline + TOL) errors.push(`${key}: after deadline ${j.deadline}`);
      const service = spec.service ?? 0;
      if (Math.abs(st.departure - (st.start + service)) > TOL) errors.push(`${key}: departure ≠ start + service`);
      if (j.kind === 'shipment') {
        if (st.step === 'pickup') {
          pickupDeparture.set(j.id, st.departure);
          (j.amount ?? []).forEach((a, d) => (load[d] += a));
        } else {
          const pd = pickupDeparture.get(j.id);
          if (pd === undefined) errors.push(`${j.id}: delivery before pickup or on another vehicle`);
          else if (j.maxRideTime !== undefined && st.start - pd > j.maxRideTime + TOL) {
            errors.push(`${j.id}: holdover ${st.start - pd} > maxRideTime ${j.maxRideTime}`);
          }
          (j.amount ?? []).forEach((a, d) => (load[d] -= a));
        }
      } else {
        (j.amount ?? []).forEach((a, d) => (load[d] -= a));
      }
      checkLoad(`after ${key}`);
      t = st.departure;
      loc = spec.location;
    });
    const back = travel(loc, v.end);
    totalTravel += back;
    if (t + back > v.shift[1] + TOL) errors.push(`${v.id}: back at ${t + back}, shift ends ${v.shift[1]}`);
    if (Math.abs(totalTravel - r.travelTime) > 1e-6 * Math.max(1, totalTravel)) errors.push(`${v.id}: travelTime ${r.travelTime} ≠ ${totalTravel}`);
  }
  const unassigned = new Set<string>();
  for (const u of s.unassigned) {
    if (unassigned.has(u.jobId)) errors.push(`${u.jobId}: listed unassigned twice`);
    unassigned.add(u.jobId);
  }
  for (const j of p.jobs) {
    const steps = j.kind === 'shipment' ? ['pickup', 'delivery'] : ['delivery'];
    const counts = steps.map((st) => seenStops.get(`${j.id}/${st}`) ?? 0);
    if (unassigned.has(j.id)) {
      if (counts.some((c) => c > 0)) errors.push(`${j.id}: both planned and unassigned`);
    } else if (counts.some((c) => c !== 1)) {
      errors.push(`${j.id}: stops planned ${counts.join('/')} times`);
    }
  }
  if (s.summary.served + s.summary.unassigned !== p.jobs.length) errors.push('summary counts do not add up');
  return errors;
}
