/**
 * Simulated annealing over SISR ruin-and-recreate moves (Christiaens & Vanden
 * Berghe 2020). Accept a candidate when cost < current − T·ln(U); T decays
 * geometrically from T0 to Tf over the budget (time or iterations, whichever
 * is the binding one). Temperatures are given relative to the mean arc cost of
 * the start solution so the same defaults work for kilometres and seconds.
 */
import type { Model } from '../model';
import { Rng } from '../prng';
import type { Sol } from '../solution';
import { RuinRecreate, type RuinParams } from '../operators/ruin-recreate';

export interface AnnealParams extends RuinParams {
  timeMs: number;
  maxIterations: number;
  initialTemperature: number;
  finalTemperature: number;
  seed: number;
}

export interface AnnealResult {
  best: Sol;
  iterations: number;
}

/** Mean cost of one arc in a solution (travel only), at least a tiny positive number. */
export function meanArcCost(sol: Sol): number {
  let arcs = 0;
  let cost = 0;
  for (const r of sol.routes) {
    if (r.len === 0) continue;
    arcs += r.len + 1;
    cost += r.cost;
  }
  const mean = arcs > 0 ? cost / arcs : 1;
  return Number.isFinite(mean) && mean > 0 ? mean : 1;
}

/** Runs the annealing from `start` (not modified) and returns the best solution found. */
export function anneal(m: Model, start: Sol, p: AnnealParams): AnnealResult {
  const rng = new Rng(p.seed);
  const rr = new RuinRecreate(m);
  start.freeze();
  start.pool = start.routes.map(() => []);
  let cur = start;
  let curCost = cur.totalCost(m);
  let best = cur;
  let bestCost = curCost;
  const unit = meanArcCost(start);
  const t0 = p.initialTemperature * unit;
  const tf = Math.max(p.finalTemperature * unit, 1e-12);
  const began = performance.now();
  const timeBound = Number.isFinite(p.timeMs);
  const iterBound = Number.isFinite(p.maxIterations);
  let it = 0;
  let frac = 0;
  /** A solution object no longer in use, recycled as the next candidate. */
  let spare: Sol | null = null;
  while (true) {
    if (iterBound) {
      if (it >= p.maxIterations) break;
      frac = it / p.maxIterations;
    }
    if (timeBound) {
      const tf2 = (performance.now() - began) / p.timeMs;
      if (tf2 >= 1) break;
      if (tf2 > frac) frac = tf2;
    }
    if (m.nJobs === 0) break;
    const temp = t0 * Math.pow(tf / t0, frac);
    let cand: Sol;
    if (spare) {
      cand = spare;
      cand.assignFrom(cur);
      spare = null;
    } else {
      cand = cur.derive(m);
    }
    const removed = rr.ruin(cand, p, rng);
    rr.recreate(cand, removed, p, rng);
    const cost = cand.totalCost(m);
    if (cost < curCost - temp * Math.log(rng.next() + 1e-300)) {
      cand.freeze();
      const old = cur;
      cur = cand;
      curCost = cost;
      if (cost < bestCost - 1e-9) {
        const oldBest = best;
        best = cand;
        bestCost = cost;
        if (oldBest !== old) oldBest.release(cur, best);
      }
      // Route objects only the dropped solution used go back to the pool.
      old.release(cur, best);
      if (old !== best) spare = old;
    } else {
      cand.recycle();
      spare = cand;
    }
    it++;
  }
  return { best, iterations: it };
}
