/**
 * Public problem and solution model of the route optimizer.
 *
 * Units: times and durations in seconds (any epoch, as long as it is the same
 * everywhere in one problem), distances in metres, amounts in the unit of the
 * matching capacity dimension (e.g. litres of box volume per temperature class).
 * Locations are indices into the duration / distance matrices.
 */

/** Square matrix; `null` means "no route between these two locations" (never 0). */
export type Matrix = ReadonlyArray<ReadonlyArray<number | null>>;

/** A closed interval `[start, end]` in seconds. */
export type TimeWindow = readonly [number, number];

/** One place to visit: where, how long it takes, and when it may start. */
export interface StopSpec {
  /** Index into the matrices. */
  location: number;
  /** Service duration in seconds. Default 0. */
  service?: number;
  /** Window for the start of service. Default: unconstrained. */
  timeWindow?: TimeWindow;
}

/**
 * Pickup at a store followed by a delivery to the customer on the same rider.
 * In `soft-delivery` mode the delivery window end is a promise that may be
 * exceeded (lateness is penalised); the pickup window stays hard.
 */
export interface ShipmentJob {
  kind: 'shipment';
  id: string;
  pickup: StopSpec;
  delivery: StopSpec;
  /** Amount per capacity dimension, loaded at the pickup. Default all zero. */
  amount?: readonly number[];
  /**
   * Holdover limit in seconds (cold box): end of pickup service → start of
   * delivery service must not exceed this. Always hard.
   */
  maxRideTime?: number;
  /** Vehicle id this job must go on. */
  pinnedVehicle?: string;
  /** Optional priority-free tag for callers; ignored by the solver. */
  tag?: string;
}

/** A delivery loaded at the vehicle start (Solomon case, or goods already on board). */
export interface DeliveryJob extends StopSpec {
  kind: 'delivery';
  id: string;
  amount?: readonly number[];
  /**
   * Hard latest start of service in seconds, e.g. the remaining holdover of a
   * cold item already picked up. Applies in every mode.
   */
  deadline?: number;
  pinnedVehicle?: string;
  tag?: string;
}

export type Job = ShipmentJob | DeliveryJob;

/** Reference to one stop of a job: a shipment has `pickup` and `delivery`, a delivery job only `delivery`. */
export interface StopRef {
  jobId: string;
  step: 'pickup' | 'delivery';
}

/** A rider with a cold box. */
export interface Vehicle {
  id: string;
  /** Start location index. Default: the route starts at its first stop. */
  start?: number;
  /** End location index. Default: the route ends at its last stop (open route). */
  end?: number;
  /** Working window `[start, end]` in seconds; the route must end by `end`. */
  shift: TimeWindow;
  /** Capacity per dimension, e.g. `[ambient, chilled, frozen]`. */
  capacity: readonly number[];
  /** Multiplies every travel duration of this vehicle (2 = twice as slow). Default 1. */
  speedFactor?: number;
  /** Maximum number of stops (a shipment counts 2). Default unlimited. */
  maxTasks?: number;
  /**
   * Stops already committed (e.g. picked up): they stay on this vehicle, in this
   * order, before any other stop. Hard constraints are not checked on them
   * (they are facts), but their lateness is reported.
   */
  lockedPrefix?: readonly StopRef[];
}

/** The problem handed to {@link solve}. */
export interface Problem {
  /** Travel durations in seconds, `durations[from][to]`. */
  durations: Matrix;
  /** Travel distances in metres; optional (distance is then reported as 0). */
  distances?: Matrix;
  vehicles: readonly Vehicle[];
  jobs: readonly Job[];
  /**
   * `hard`: every window is hard (Solomon). `soft-delivery`: delivery window
   * ends may be exceeded with a lateness penalty. Default `hard`.
   */
  timeWindows?: 'hard' | 'soft-delivery';
  /** Plan time in seconds; a hard window ending before it is reported `window_missed`. */
  now?: number;
}

/** Objective weights. The objective is lexicographic in practice: served jobs ≫ lateness ≫ travel. */
export interface ObjectiveWeights {
  /** Cost of leaving one job unassigned. Default 1e9. */
  unassigned?: number;
  /** Cost per second of lateness. Default 1000. */
  lateness?: number;
  /** Cost per second of travel. Default 1. */
  duration?: number;
  /** Cost per metre of travel. Default 0. */
  distance?: number;
}

/** Options of {@link solve}. */
export interface SolveOptions {
  /** Wall-clock budget of the improvement phase in milliseconds. Default 1000. */
  timeMs?: number;
  /**
   * Bound on improvement iterations; with it the result depends only on the
   * seed (use for determinism). Default unlimited (time bound only).
   */
  maxIterations?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  weights?: ObjectiveWeights;
  /**
   * Simulated-annealing start temperature as a multiple of the mean arc cost.
   * Default 2 (tuned on Solomon with ~1 s budgets; SISR's own T0 = 100 on
   * Solomon is ~10 mean arcs, meant for far longer runs).
   */
  initialTemperature?: number;
  /** Final temperature as a multiple of the mean arc cost. Default 0.05. */
  finalTemperature?: number;
  /** Mean number of jobs removed per ruin (SISR c̄). Default 15. */
  averageRemoved?: number;
  /** Maximum string length (SISR L_max). Default 10. */
  maxStringLength?: number;
  /** Probability of skipping a position during insertion (SISR blink rate). Default 0.01. */
  blinkRate?: number;
  /** Probability that a ruin empties a whole short route instead of removing strings. Default 0. */
  routeRemovalRate?: number;
}

/** Why a job could not be planned. */
export type UnassignedReason =
  | 'no_vehicle_in_time'
  | 'holdover_exceeded'
  | 'capacity'
  | 'window_missed'
  | 'unroutable'
  | 'no_compatible_vehicle';

export interface PlannedStop {
  jobId: string;
  step: 'pickup' | 'delivery';
  location: number;
  /** Arrival at the location (s). */
  arrival: number;
  /** Start of service = ETA shown to the customer (s). */
  start: number;
  departure: number;
  /** Wait before the service could start (s). */
  waiting: number;
  /** Start of service past the window end (s); 0 when on time. */
  lateness: number;
  /** Load on board after this stop, per dimension. */
  load: number[];
  locked: boolean;
}

export interface PlannedRoute {
  vehicleId: string;
  stops: PlannedStop[];
  /** Departure from the start location (s). */
  departure: number;
  /** Arrival at the end location, or end of the last service for open routes (s). */
  arrival: number;
  travelTime: number;
  distance: number;
  lateness: number;
  /**
   * Set only when the locked stops alone already break a hard constraint
   * (e.g. `time`: the rider cannot finish them within the shift); nothing else
   * is planned on such a route.
   */
  violation?: 'capacity' | 'unroutable' | 'time' | 'holdover' | 'precedence' | 'compatibility';
}

export interface Solution {
  /** One entry per vehicle with at least one stop, in vehicle input order. */
  routes: PlannedRoute[];
  unassigned: Array<{ jobId: string; reason: UnassignedReason; detail: string }>;
  summary: {
    served: number;
    unassigned: number;
    lateness: number;
    travelTime: number;
    distance: number;
    cost: number;
  };
  stats: { iterations: number; timeMs: number };
}

/** Stable error codes of {@link OptimizerInputError}. */
export type InputErrorCode =
  | 'invalid_problem'
  | 'matrix_not_square'
  | 'matrix_size_mismatch'
  | 'invalid_matrix_value'
  | 'invalid_location'
  | 'invalid_vehicle'
  | 'invalid_shift'
  | 'invalid_capacity'
  | 'duplicate_id'
  | 'invalid_job'
  | 'invalid_time_window'
  | 'invalid_amount'
  | 'negative_amount'
  | 'invalid_locked_prefix'
  | 'invalid_option';

/** Thrown for invalid input; `code` is stable, `message` is for humans. */
export class OptimizerInputError extends Error {
  readonly code: InputErrorCode;
  constructor(code: InputErrorCode, message: string) {
    super(message);
    this.name = 'OptimizerInputError';
    this.code = code;
  }
}
