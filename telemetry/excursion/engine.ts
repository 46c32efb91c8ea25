/**
 * The excursion engine: composes the rules into one per-shipment state machine and evaluates
 * readings in event-time order (COMPLIANCE D.47). Readings may arrive out of order, twice, or
 * hours late (store-and-forward, F.67): the state keeps a bounded history with rule-state
 * checkpoints, and a reading older than the last evaluated one re-runs the rules from the
 * latest checkpoint before it. What the re-run finds that was not emitted before comes out with
 * `retrospective: true`; nothing already emitted is emitted twice, and raise/clear keep
 * alternating per type (one open alarm per box × type).
 *
 * Pure: no clock, no I/O. The state is plain JSON (stored in Redis/Postgres between messages).
 */
import { emptyBattery, updateBattery } from './battery';
import type { BatteryState } from './battery';
import { budgetRemainingMs, emptyCumulative, updateCumulative } from './cumulative';
import type { CumulativeState } from './cumulative';
import { emptyDoor, updateDoor } from './door';
import type { DoorState } from './door';
import { makeEvent } from './events';
import { emptyLiveness, livenessOnArrival, livenessOnStatus, tickLiveness } from './liveness';
import type { LivenessState } from './liveness';
import { emptyMkt, mktAdd, mktValue } from './mkt';
import type { MktAcc } from './mkt';
import { emptyPrediction, updatePrediction } from './predictive';
import type { PredictionState } from './predictive';
import type { AlarmProfile } from './profile';
import { emptySingleEvent, updateFreeze, updateTempHigh, updateTempLow } from './single-event';
import type { SingleEventState } from './single-event';
import type { EvalReading, EventType, ExcursionEvent, ReadingContext, RuleCtx } from './types';
import { coldest, warmest } from './types';
import { emptyWarningBand, updateWarningBand } from './warning-band';
import type { WarningBandState } from './warning-band';

/** State of every event-time rule; replaced, never mutated, so checkpoints can share it. */
export interface RuleState {
  high: SingleEventState;
  low: SingleEventState;
  freeze: SingleEventState;
  warn: WarningBandState;
  cumulative: CumulativeState;
  door: DoorState;
  battery: BatteryState;
  prediction: PredictionState;
  /** MKT over closed intervals (value of the warmest probe held until the next reading, capped at maxHoldMs) */
  mkt: MktAcc;
  last: { ts: number; warmest: number } | null;
  stats: { count: number; min: number | null; max: number | null };
}

/** A reading as kept in the history (what the rules need, plus the boot epoch for seq dedupe). */
export interface HistoryEntry {
  ts: number;
  seq: number;
  readingIndex: number;
  probes: number[];
  door: boolean | null;
  batt: number | null;
  hist: boolean;
  ctx?: ReadingContext;
  epoch: number;
}

export interface ExcursionState {
  v: 1;
  boxId: string;
  shipmentId: string;
  pairedAt: number;
  /** pairedAt + ignorePeriodMs of the profile at pairing */
  mutedUntil: number;
  /** incremented by {@link noteBirth}: the box restarts its seq counter on reboot */
  epoch: number;
  rules: RuleState;
  live: LivenessState;
  /** latest evaluated device ts */
  lastTs: number | null;
  /** rule state after every reading with ts ≤ base.ts (null: before the first reading) */
  base: { ts: number | null; rules: RuleState };
  /** evaluated readings with ts > base.ts, ascending */
  history: HistoryEntry[];
  /** rule state right after the history reading with this ts */
  checkpoints: Array<{ ts: number; rules: RuleState }>;
  sinceCheckpoint: number;
  /** reading-driven events already emitted since base: [type, action, at] */
  journal: Array<[EventType, 'raise' | 'clear', number]>;
  /** reading-driven alarm types open as emitted */
  open: EventType[];
}

export interface EngineOptions {
  /** Readings kept for re-evaluation. Default 5 000 (> 72 h at 1 min, the buffer of F.67). */
  maxHistory?: number;
  /** Readings between rule-state checkpoints. Default 60. */
  checkpointEvery?: number;
}

const DEFAULTS: Required<EngineOptions> = { maxHistory: 5000, checkpointEvery: 60 };

export interface SeriesResult {
  state: ExcursionState;
  events: ExcursionEvent[];
  /** readings evaluated (new, in range of the history) */
  accepted: number;
  /** same ts, or same (seq, readingIndex) within a boot epoch, as a reading already evaluated */
  duplicates: number;
  /** older than the retained history: stored by the pipeline, but can no longer be re-evaluated */
  beyondHorizon: EvalReading[];
  /** true when late data forced a re-evaluation from a checkpoint */
  reevaluated: boolean;
}

const emptyRules = (priorBudgetUsedMs: number): RuleState => ({
  high: emptySingleEvent(),
  low: emptySingleEvent(),
  freeze: emptySingleEvent(),
  warn: emptyWarningBand(),
  cumulative: emptyCumulative(priorBudgetUsedMs),
  door: emptyDoor(),
  battery: emptyBattery(),
  prediction: emptyPrediction(),
  mkt: emptyMkt(),
  last: null,
  stats: { count: 0, min: null, max: null },
});

/**
 * New state when a box is paired with a shipment (custody starts).
 * @param priorBudgetUsedMs stability budget already used by earlier legs (D.50), default 0
 */
export function initExcursionState(
  init: { boxId: string; shipmentId: string; pairedAt: number; priorBudgetUsedMs?: number },
  profile: AlarmProfile,
): ExcursionState {
  const rules = emptyRules(init.priorBudgetUsedMs ?? 0);
  return {
    v: 1,
    boxId: init.boxId,
    shipmentId: init.shipmentId,
    pairedAt: init.pairedAt,
    mutedUntil: init.pairedAt + profile.ignorePeriodMs,
    epoch: 0,
    rules,
    live: emptyLiveness(init.pairedAt),
    lastTs: null,
    base: { ts: null, rules },
    history: [],
    checkpoints: [],
    sinceCheckpoint: 0,
    journal: [],
    open: [],
  };
}

/**
 * Applies every event-time rule to one reading. Temperature rules run on every reading whatever
 * the door does (D.44). Event order within a reading: warnings first, so on a jump straight
 * past both thresholds WARN still precedes the alarm.
 */
export function applyRules(rs: RuleState, r: EvalReading, p: AlarmProfile, ctx: RuleCtx): { rules: RuleState; events: ExcursionEvent[] } {
  const warn = updateWarningBand(rs.warn, r, p, ctx);
  const freeze = updateFreeze(rs.freeze, r, p, ctx);
  const low = updateTempLow(rs.low, r, p, ctx);
  const high = updateTempHigh(rs.high, r, p, ctx);
  const cumulative = updateCumulative(rs.cumulative, r, p, ctx);
  const door = updateDoor(rs.door, r, p);
  const battery = updateBattery(rs.battery, r, p);
  const prediction = updatePrediction(rs.prediction, r, p, ctx);
  const hi = warmest(r);
  const lo = coldest(r);
  const mkt = rs.last ? mktAdd(rs.mkt, rs.last.warmest, Math.min(r.ts - rs.last.ts, p.maxHoldMs), p.deltaHOverRK) : rs.mkt;
  return {
    rules: {
      warn: warn.state, freeze: freeze.state, low: low.state, high: high.state, cumulative: cumulative.state,
      door: door.state, battery: battery.state, prediction: prediction.state, mkt,
      last: { ts: r.ts, warmest: hi },
      stats: {
        count: rs.stats.count + 1,
        min: rs.stats.min === null ? lo : Math.min(rs.stats.min, lo),
        max: rs.stats.max === null ? hi : Math.max(rs.stats.max, hi),
      },
    },
    events: [warn, freeze, low, high, cumulative, door, battery, prediction].flatMap((x) => x.events),
  };
}

/** Alarm types the rule state considers open (reading-driven types only). */
export function openFromRules(rs: RuleState): EventType[] {
  const open: EventType[] = [];
  if (rs.warn.high) open.push('WARN_HIGH');
  if (rs.warn.low) open.push('WARN_LOW');
  if (rs.freeze.raised) open.push('FREEZE');
  if (rs.low.raised) open.push('TEMP_LOW');
  if (rs.high.raised) open.push('TEMP_HIGH');
  if (rs.cumulative.raised) open.push('CUMULATIVE');
  if (rs.cumulative.budgetRaised) open.push('BUDGET_EXCEEDED');
  if (rs.door.raised) open.push('DOOR_OPEN');
  if (rs.battery.level !== 'ok') open.push('LOW_BATTERY');
  if (rs.prediction.raised) open.push('PREDICTED_EXCURSION');
  return open;
}

const toEntry = (r: EvalReading, epoch: number): HistoryEntry => ({
  ts: r.ts, seq: r.seq, readingIndex: r.readingIndex, probes: r.probes, door: r.door, batt: r.batt, hist: r.hist,
  ...(r.ctx ? { ctx: r.ctx } : {}), epoch,
});

/**
 * Evaluates a batch of readings (one MQTT message, or several) for one shipment, in event-time
 * order whatever order they come in. Also updates liveness with the latest receivedAt.
 *
 * @returns the new state and the events to store/notify, in order: liveness first, then
 *   reading-driven events in event time, then reconciliation clears/raises from re-evaluation.
 */
export function evaluateSeries(state: ExcursionState, readings: EvalReading[], profile: AlarmProfile, opts: EngineOptions = {}): SeriesResult {
  const o = { ...DEFAULTS, ...opts };
  const events: ExcursionEvent[] = [];
  let live = state.live;
  if (readings.length > 0) {
    const arrival = livenessOnArrival(live, Math.max(...readings.map((r) => r.receivedAt)), profile);
    live = arrival.state;
    events.push(...arrival.events);
  }

  // Dedupe against history and within the batch.
  const seenTs = new Set(state.history.map((h) => h.ts));
  const seenSeq = new Set(state.history.filter((h) => h.epoch === state.epoch).map((h) => `${h.seq}:${h.readingIndex}`));
  const accepted: HistoryEntry[] = [];
  const beyondHorizon: EvalReading[] = [];
  let duplicates = 0;
  for (const r of readings) {
    const seqKey = `${r.seq}:${r.readingIndex}`;
    if (state.base.ts !== null && r.ts <= state.base.ts) beyondHorizon.push(r);
    else if (seenTs.has(r.ts) || seenSeq.has(seqKey)) duplicates++;
    else {
      seenTs.add(r.ts);
      seenSeq.add(seqKey);
      accepted.push(toEntry(r, state.epoch));
    }
  }
  accepted.sort((a, b) => a.ts - b.ts);
  if (accepted.length === 0) {
    return { state: { ...state, live }, events, accepted: 0, duplicates, beyondHorizon, reevaluated: false };
  }

  // Where to (re)start: right after the last reading when in order, else the latest checkpoint before the earliest new reading.
  const oldLastTs = state.lastTs;
  const reevaluated = oldLastTs !== null && accepted[0].ts < oldLastTs;
  let startRules = state.rules;
  let startTs: number | null = oldLastTs;
  let checkpoints = state.checkpoints;
  let sinceCheckpoint = state.sinceCheckpoint;
  let prefix = state.history;
  let toApply = accepted;
  if (reevaluated) {
    const cp = [...state.checkpoints].reverse().find((c) => c.ts < accepted[0].ts);
    startRules = cp ? cp.rules : state.base.rules;
    startTs = cp ? cp.ts : state.base.ts;
    const after = (ts: number) => startTs === null || ts > startTs;
    prefix = state.history.filter((h) => !after(h.ts));
    toApply = [...state.history.filter((h) => after(h.ts)), ...accepted].sort((a, b) => a.ts - b.ts);
    checkpoints = state.checkpoints.filter((c) => !after(c.ts));
    sinceCheckpoint = cp ? 0 : prefix.length;
  }

  const ctx: RuleCtx = { mutedUntil: state.mutedUntil };
  let rules = startRules;
  const history = [...prefix];
  checkpoints = [...checkpoints];
  const candidates: ExcursionEvent[] = [];
  for (const h of toApply) {
    const res = applyRules(rules, { ...h, receivedAt: 0 }, profile, ctx);
    rules = res.rules;
    for (const e of res.events) candidates.push({ ...e, retrospective: h.hist || (oldLastTs !== null && e.at <= oldLastTs) });
    history.push(h);
    if (++sinceCheckpoint >= o.checkpointEvery) {
      checkpoints.push({ ts: h.ts, rules });
      sinceCheckpoint = 0;
    }
  }

  // Emit only what was not emitted before, keeping raise/clear alternating per type.
  const journal = [...state.journal];
  const emitted = new Set(journal.map(([t, a, at]) => `${t}|${a}|${at}`));
  const open = new Set(state.open);
  const emit = (e: ExcursionEvent) => {
    events.push(e);
    journal.push([e.type, e.action, e.at]);
    if (e.action === 'raise') open.add(e.type);
    else open.delete(e.type);
  };
  candidates.forEach((e, i) => {
    if (emitted.has(`${e.type}|${e.action}|${e.at}`)) return;
    if (e.action === 'raise' ? open.has(e.type) : !open.has(e.type)) return;
    // Late data moved the start of an episode that was already raised (and maybe cleared):
    // same episode, not a new one.
    if (e.action === 'raise') {
      const end = candidates.find((c, j) => j > i && c.type === e.type && c.action === 'clear')?.at ?? Infinity;
      if (journal.some(([t, a, at]) => t === e.type && a === 'raise' && at >= e.at && at <= end)) return;
    }
    emit(e);
  });
  const lastTs = Math.max(oldLastTs ?? -Infinity, accepted[accepted.length - 1].ts);
  const shouldBeOpen = new Set(openFromRules(rules));
  const sev = rules.battery.level === 'critical' ? 'major' : 'minor';
  for (const t of [...open]) {
    if (!shouldBeOpen.has(t)) emit({ ...makeEvent(t, 'clear', lastTs, profile, { reconciled: true }, { severity: t === 'LOW_BATTERY' ? sev : undefined }), retrospective: true });
  }
  for (const t of shouldBeOpen) {
    if (!open.has(t)) emit({ ...makeEvent(t, 'raise', lastTs, profile, { reconciled: true }, { severity: t === 'LOW_BATTERY' ? sev : undefined }), retrospective: true });
  }

  let next: ExcursionState = {
    ...state, live, rules, lastTs, history, checkpoints, sinceCheckpoint, journal, open: [...open],
  };
  next = trim(next, o.maxHistory);
  return { state: next, events, accepted: accepted.length, duplicates, beyondHorizon, reevaluated };
}

/** Drops history beyond maxHistory by moving the base forward to a checkpoint. */
function trim(s: ExcursionState, maxHistory: number): ExcursionState {
  if (s.history.length <= maxHistory) return s;
  const mustCover = s.history[s.history.length - maxHistory - 1].ts;
  const cp = s.checkpoints.find((c) => c.ts >= mustCover);
  if (!cp) return s; // no checkpoint yet: keep a little more history until there is one
  return {
    ...s,
    base: { ts: cp.ts, rules: cp.rules },
    history: s.history.filter((h) => h.ts > cp.ts),
    checkpoints: s.checkpoints.filter((c) => c.ts > cp.ts),
    journal: s.journal.filter(([, , at]) => at > cp.ts),
  };
}

/** One reading; see {@link evaluateSeries}. The Traccar-style `updateExcursion(state, reading, profile)`. */
export function updateExcursion(state: ExcursionState, reading: EvalReading, profile: AlarmProfile, opts?: EngineOptions): SeriesResult {
  return evaluateSeries(state, [reading], profile, opts);
}

/**
 * Periodic liveness check at server time `now` (DATA_GAP, MONITORING_LOST). Call it from a
 * timer for every box in custody, at least once per sample interval.
 */
export function tick(state: ExcursionState, now: number, profile: AlarmProfile): { state: ExcursionState; events: ExcursionEvent[] } {
  const res = tickLiveness(state.live, now, profile);
  return { state: { ...state, live: res.state }, events: res.events };
}

/** Retained status / LWT message for the box at server time `at`. */
export function onStatus(state: ExcursionState, status: 'online' | 'offline', at: number, profile: AlarmProfile): { state: ExcursionState; events: ExcursionEvent[] } {
  const res = livenessOnStatus(state.live, status, at, profile);
  return { state: { ...state, live: res.state }, events: res.events };
}

/** A birth message arrived: the box rebooted and restarts seq, so seq-based dedupe starts afresh. */
export function noteBirth(state: ExcursionState): ExcursionState {
  return { ...state, epoch: state.epoch + 1 };
}

export interface ExcursionSummary {
  readings: number;
  minC: number | null;
  maxC: number | null;
  /** running MKT, °C, of the warmest probe (the last reading holds one sample interval); information only */
  mktC: number | null;
  outOfRangeMs: number;
  unmonitoredMs: number;
  budgetRemainingMs: number | null;
  openAlarms: EventType[];
}

/** Running per-shipment figures for the live console. */
export function summarize(state: ExcursionState, profile: AlarmProfile): ExcursionSummary {
  const r = state.rules;
  const mkt = r.last ? mktAdd(r.mkt, r.last.warmest, Math.min(profile.sampleIntervalMs, profile.maxHoldMs), profile.deltaHOverRK) : r.mkt;
  const open = [...state.open];
  if (state.live.dataGap) open.push('DATA_GAP');
  if (state.live.monitoringLost) open.push('MONITORING_LOST');
  return {
    readings: r.stats.count,
    minC: r.stats.min,
    maxC: r.stats.max,
    mktC: mktValue(mkt, profile.deltaHOverRK),
    outOfRangeMs: r.cumulative.outMs,
    unmonitoredMs: r.cumulative.unmonitoredMs,
    budgetRemainingMs: budgetRemainingMs(r.cumulative, profile),
    openAlarms: open,
  };
}
