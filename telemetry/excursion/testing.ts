/** Test helpers: timestamped sequences in minutes from T0. Not used by production code. */
import { evaluateSeries, initExcursionState } from './engine';
import type { ExcursionState } from './engine';
import { resolveProfile } from './profile';
import type { AlarmProfile, ProfileOverride } from './profile';
import type { EvalReading, ExcursionEvent, EventType, ReadingContext } from './types';

/** 2026-11-22T08:00:00Z */
export const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);
export const MIN = 60_000;
export const at = (minute: number) => T0 + minute * MIN;

export const RECIPIENTS = [
  { channel: 'sms', contactId: 'usr_qa1' },
  { channel: 'sms', contactId: 'usr_qa2' },
  { channel: 'sms', contactId: 'usr_pharm1' },
] as const;

/** Chilled profile with recipients; by default no ignore period and no prediction, to isolate rules. */
export function chilled(sku: ProfileOverride = {}, facility: ProfileOverride = {}): AlarmProfile {
  const res = resolveProfile('chilled', {
    facility: { recipients: [...RECIPIENTS], ignorePeriodMs: 0, prediction: { enabled: false }, ...facility },
    sku,
  });
  if (!res.ok) throw new Error(res.issues.join('; '));
  return res.profile;
}

export interface Step {
  m: number;
  t: number | number[];
  door?: boolean;
  batt?: number;
  hist?: boolean;
  ctx?: ReadingContext;
  /** receive time in minutes; defaults to m (live) */
  rx?: number;
  seq?: number;
}

let seqCounter = 0;
export function reading(s: Step): EvalReading {
  return {
    ts: at(s.m),
    seq: s.seq ?? ++seqCounter,
    readingIndex: 0,
    receivedAt: at(s.rx ?? s.m),
    probes: Array.isArray(s.t) ? s.t : [s.t],
    door: s.door ?? null,
    batt: s.batt ?? null,
    hist: s.hist ?? false,
    ...(s.ctx ? { ctx: s.ctx } : {}),
  };
}

/** Steps for minutes [from, to] at a constant temperature. */
export const hold = (from: number, to: number, t: number | number[], extra: Partial<Step> = {}): Step[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ m: from + i, t, ...extra }));

export const fmt = (e: ExcursionEvent) => `${(e.at - T0) / MIN} ${e.type} ${e.action}${e.retrospective ? ' retro' : ''}`;

/** Feeds steps one message each, in the given order; returns all events and the final state. */
export function run(
  steps: Step[],
  profile: AlarmProfile,
  opts: { pairedAt?: number; priorBudgetUsedMs?: number; state?: ExcursionState; roundTrip?: boolean } = {},
): { events: ExcursionEvent[]; state: ExcursionState } {
  let state = opts.state ?? initExcursionState({ boxId: 'box_t1', shipmentId: 'shp_t1', pairedAt: opts.pairedAt ?? at(0), priorBudgetUsedMs: opts.priorBudgetUsedMs }, profile);
  const events: ExcursionEvent[] = [];
  for (const s of steps) {
    const res = evaluateSeries(state, [reading(s)], profile);
    state = opts.roundTrip ? JSON.parse(JSON.stringify(res.state)) : res.state;
    events.push(...res.events);
  }
  return { events, state };
}

/** Events of the given types, formatted `minute TYPE action[ retro]`. */
export const only = (events: ExcursionEvent[], ...types: EventType[]) => events.filter((e) => types.includes(e.type)).map(fmt);
