/**
 * Descent with the classic neighbourhoods (one file each under operators/):
 * apply the best improving move of each operator in turn until none improves
 * or the deadline passes.
 */
import type { Model } from './model';
import type { Sol } from './solution';
import { relocate } from './operators/relocate';
import { swap } from './operators/swap';
import { twoOptStar } from './operators/two-opt-star';
import { orOpt } from './operators/or-opt';
import { crossExchange } from './operators/cross-exchange';

/** The operators, in the order they are tried. */
export const OPERATORS = [relocate, swap, orOpt, twoOptStar, crossExchange] as const;

/**
 * Improves `sol` in place; returns the total cost decrease.
 * @param deadline `performance.now()` value after which no further pass starts. Default: none.
 */
export function localSearch(m: Model, sol: Sol, deadline = Infinity): number {
  let total = 0;
  let improved = true;
  while (improved && performance.now() < deadline) {
    improved = false;
    for (const op of OPERATORS) {
      if (performance.now() >= deadline) break;
      const g = op(m, sol, deadline);
      if (g > 0) {
        total += g;
        improved = true;
      }
    }
  }
  return total;
}
