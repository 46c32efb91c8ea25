/** Shared types of the excursion engine. Everything here is plain JSON (state is stored in Redis/Postgres). */

export const EVENT_TYPES = [
  'TEMP_HIGH',
  'TEMP_LOW',
  'FREEZE',
  'WARN_HIGH',
  'WARN_LOW',
  'CUMULATIVE',
  'BUDGET_EXCEEDED',
  'DATA_GAP',
  'MONITORING_LOST',
  'DOOR_OPEN',
  'LOW_BATTERY',
  'PREDICTED_EXCURSION',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type Severity = 'critical' | 'major' | 'minor' | 'warning';

export type EventDetails = Record<string, number | string | boolean | null>;

/**
 * An alarm transition. Per box × type, raise and clear alternate (the engine guarantees it), so
 * the alarm store can keep "one open per box × type".
 */
export interface ExcursionEvent {
  type: EventType;
  action: 'raise' | 'clear';
  severity: Severity;
  /**
   * Event time, Unix ms: the device ts of the reading that caused it, or for DATA_GAP and
   * MONITORING_LOST the server time (`now` / receivedAt / status time) at which silence was seen.
   */
  at: number;
  /** true when found after the fact: from buffered (hist) data or a re-evaluation of late data. */
  retrospective: boolean;
  details: EventDetails;
}

/** What the reading's surroundings say, filled in by the pipeline from custody/tracking. */
export interface ReadingContext {
  /** Door opening is expected now: inside the pickup/handover geofence and time window. */
  doorExpected?: boolean;
  /** Remaining ETA of the shipment, ms; the horizon of the predictive pre-alarm. */
  remainingEtaMs?: number | null;
}

/** The subset of a decoded reading the rules need (a `NormalizedReading` fits). */
export interface EvalReading {
  ts: number;
  seq: number;
  readingIndex: number;
  /** Server receive time, Unix ms (drives liveness only, never event-time rules). */
  receivedAt: number;
  /** Probe temperatures, °C. High-side rules use the warmest probe, low-side the coldest. */
  probes: number[];
  door: boolean | null;
  batt: number | null;
  hist: boolean;
  ctx?: ReadingContext;
}

export interface RuleResult<S> {
  state: S;
  events: ExcursionEvent[];
}

/** Evaluation context shared by the rules. */
export interface RuleCtx {
  /**
   * Start-up ignore period end, Unix ms: temperature alarms are not raised for readings with
   * ts < mutedUntil (COMPLIANCE D.43); the readings still count toward cumulative and budget.
   */
  mutedUntil: number;
}

export const warmest = (r: Pick<EvalReading, 'probes'>): number => Math.max(...r.probes);
export const coldest = (r: Pick<EvalReading, 'probes'>): number => Math.min(...r.probes);
