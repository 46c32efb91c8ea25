/** Public face of the route optimizer. */
export { solve } from './solve';
export { solveInWorker, createSolverWorker } from './worker';
export type { SolverWorker } from './worker';
export { OptimizerInputError } from './problem';
export type {
  Problem,
  Job,
  ShipmentJob,
  DeliveryJob,
  Vehicle,
  StopSpec,
  StopRef,
  TimeWindow,
  Matrix,
  SolveOptions,
  ObjectiveWeights,
  Solution,
  PlannedRoute,
  PlannedStop,
  UnassignedReason,
  InputErrorCode,
} from './problem';
export { parseSolomon, solomonToProblem, euclideanMatrix, SOLOMON_WEIGHTS } from './solomon';
export type { SolomonInstance, SolomonCustomer } from './solomon';
export { evaluateSequences, type EvaluatedRoute, type Breach } from './evaluate';
