/**
 * Entry point of the optimizer: validate → compile → regret-2 construction →
 * SISR simulated annealing (time or iteration budget) → local-search polish.
 */
import { compileModel } from './model';
import type { Problem, Solution, SolveOptions } from './problem';
import { buildSolution } from './output';
import { regretInsertion } from './heuristics/regret-insertion';
import { anneal } from './heuristics/sisr';
import { localSearch } from './local-search';
import { Sol } from './solution';
import { placeOpenDeliveries } from './heuristics/locked';
import { markLoneFeasibility } from './heuristics/lone-feasibility';

/** Share of the time budget reserved after the annealing. */
const POLISH_SHARE = 0.06;
/** Share of the time budget after which the regret construction turns greedy. */
const CONSTRUCTION_SHARE = 0.25;

/**
 * Solves a problem synchronously (blocks the thread for about `timeMs`; use
 * `solveInWorker` from a server). Throws `OptimizerInputError` on invalid input.
 *
 * Budget: `timeMs` (default 1000) unless only `maxIterations` is given, in which
 * case the run is bounded by iterations alone and fully deterministic per seed.
 */
export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  const began = performance.now();
  const m = compileModel(problem, options);
  const budget = options.timeMs ?? (options.maxIterations !== undefined ? Infinity : 1000);
  markLoneFeasibility(m);
  const sol = new Sol(m);
  placeOpenDeliveries(m, sol);
  // Regret construction may use up to a quarter of the budget, then turns greedy.
  regretInsertion(m, sol, 2, began + budget * CONSTRUCTION_SHARE);
  // Keep a slice of the budget for the local-search polish and the result building.
  const deadline = began + budget;
  const annealMs = Math.max(0, budget * (1 - POLISH_SHARE) - (performance.now() - began));
  const res = anneal(m, sol, {
    timeMs: annealMs,
    maxIterations: options.maxIterations ?? Infinity,
    seed: options.seed ?? 1,
    initialTemperature: options.initialTemperature ?? 2,
    finalTemperature: options.finalTemperature ?? 0.05,
    averageRemoved: options.averageRemoved ?? 15,
    maxStringLength: options.maxStringLength ?? 10,
    // SISR's split rate α = 0.5; the preserved run of a split string grows by
    // one stop with probability 0.5 (our reading of the split depth β; keeps it short).
    splitRate: 0.5,
    splitDepth: 0.5,
    blinkRate: options.blinkRate ?? 0.01,
    routeRemovalRate: options.routeRemovalRate ?? 0,
  });
  const best = res.best.derive(m);
  localSearch(m, best, options.maxIterations !== undefined && options.timeMs === undefined ? Infinity : deadline - budget * 0.04);
  return buildSolution(m, best, { iterations: res.iterations, timeMs: performance.now() - began });
}
