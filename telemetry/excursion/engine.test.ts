/** Event-time evaluation: out-of-order, duplicated and late data; liveness; serialisable state. */
import { describe, expect, it } from 'vitest';
import { evaluateSeries, initExcursionState, onStatus, openFromRules, summarize, tick, noteBirth } from './engine';
import type { ExcursionState } from './engine';
import { at, chilled, fmt, hold, MIN, only, reading, run } from './testing';
import type { Step } from './testing';
import type { ExcursionEvent } from './types';

const P = chilled();
const fresh = (pairedAt = at(0)) => initExcursionState({ boxId: 'box_t1', shipmentId: 'shp_t1', pairedAt }, P);

/** Deterministic shuffle (LCG) so failures reproduce. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let x = seed;
  for (let i = a.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Feeds readings in batches of `size`, in the given order. */
function feed(state: ExcursionState, steps: Step[], size = 1, opts = {}) {
  const events: ExcursionEvent[] = [];
  let reevaluated = 0;
  let duplicates = 0;
  for (let i = 0; i < steps.length; i += size) {
    const res = evaluateSeries(state, steps.slice(i, i + size).map(reading), P, opts);
    state = res.state;
    events.push(...res.events);
    reevaluated += res.reevaluated ? 1 : 0;
    duplicates += res.duplicates;
  }
  return { state, events, reevaluated, duplicates };
}

/** raise/clear alternate per type, starting with raise. */
function assertAlternates(events: ExcursionEvent[]) {
  const open = new Set<string>();
  for (const e of events) {
    if (e.action === 'raise') expect(open.has(e.type), `double raise ${fmt(e)}`).toBe(false);
    else expect(open.has(e.type), `clear without raise ${fmt(e)}`).toBe(true);
    if (e.action === 'raise') open.add(e.type);
    else open.delete(e.type);
  }
}

// A shipment with a bit of everything: drift up, a 20-min high excursion, freeze, door, battery.
const SHIPMENT: Step[] = [
  ...hold(0, 9, 5, { batt: 80, door: false }),
  ...Array.from({ length: 10 }, (_, i) => ({ m: 10 + i, t: 5 + 0.5 * i, batt: 70 })),
  ...hold(20, 40, 9.2, { batt: 30 }),
  ...hold(41, 60, 5, { door: true }),
  ...hold(61, 70, -0.5, { batt: 15, door: false }),
  ...hold(71, 200, 4, { batt: 8 }),
].map((s, i) => ({ ...s, seq: 5000 + i }));

describe('evaluateSeries: event time, whatever the arrival order', () => {
  const inOrder = feed(fresh(), SHIPMENT);

  it('the reference run raises what the sequence implies', () => {
    expect(only(inOrder.events, 'TEMP_HIGH', 'FREEZE', 'CUMULATIVE')).toEqual([
      // first >8 °C at m17 (8.5) → +15 min; cumulative: m17→m41 (24 min) + m61→m67 (6 min, below 2 °C)
      '32 TEMP_HIGH raise', '41 TEMP_HIGH clear', '66 FREEZE raise', '67 CUMULATIVE raise', '71 FREEZE clear',
    ]);
    assertAlternates(inOrder.events);
  });

  it.each([
    ['one batch, shuffled', 1, 500],
    ['batches of 7, shuffled', 2, 7],
    ['batches of 1, shuffled', 3, 1],
    ['batches of 30, shuffled', 4, 30],
  ])('%s: same final rule state and open alarms as in order', (_n, seed, size) => {
    const res = feed(fresh(), shuffle(SHIPMENT, seed), size);
    expect(res.state.rules).toEqual(inOrder.state.rules);
    expect(new Set(res.state.open)).toEqual(new Set(openFromRules(inOrder.state.rules)));
    expect(summarize(res.state, P)).toEqual(summarize(inOrder.state, P));
    assertAlternates(res.events);
  });

  it('a single batch in reverse order gives exactly the in-order events', () => {
    const res = evaluateSeries(fresh(), [...SHIPMENT].reverse().map(reading), P);
    expect(res.events.filter((e) => e.type !== 'DATA_GAP' && e.type !== 'MONITORING_LOST').map(fmt)).toEqual(
      inOrder.events.filter((e) => e.type !== 'DATA_GAP' && e.type !== 'MONITORING_LOST').map(fmt),
    );
    expect(res.reevaluated).toBe(false);
  });
});

describe('duplicates (QoS 1 redelivery)', () => {
  it('the same message twice: counted, evaluated once, no second alarm', () => {
    const steps = [{ m: 0, t: 5, seq: 1 }, ...hold(1, 16, 9).map((s, i) => ({ ...s, seq: 2 + i }))];
    const a = feed(fresh(), steps);
    const b = feed(a.state, steps.slice(10));
    expect(b.duplicates).toBe(7);
    expect(b.events).toEqual([]);
    expect(b.state.rules).toEqual(a.state.rules);
  });
  it('same ts with another seq is a duplicate; same seq with another ts is one too, until a birth', () => {
    let s = feed(fresh(), [{ m: 0, t: 5, seq: 1 }]).state;
    let r = evaluateSeries(s, [reading({ m: 0, t: 9, seq: 99 })], P);
    expect(r.duplicates).toBe(1);
    r = evaluateSeries(s, [reading({ m: 1, t: 5, seq: 1 })], P);
    expect(r.duplicates).toBe(1);
    s = noteBirth(s); // box rebooted: seq restarts
    r = evaluateSeries(s, [reading({ m: 1, t: 5, seq: 1 })], P);
    expect([r.duplicates, r.accepted]).toEqual([0, 1]);
  });
});

describe('late data and retrospective excursions', () => {
  it('a store-and-forward backfill reveals an excursion that was never raised', () => {
    // live: m0..m9 in range, outage, live again m27..m35; the buffer (m10..m26, 9 °C) arrives at m36
    const live = [...hold(0, 9, 5), ...hold(27, 35, 5)];
    const backfill = hold(10, 26, 9, { hist: true, rx: 36 });
    const a = feed(fresh(), live);
    expect(only(a.events, 'TEMP_HIGH')).toEqual([]);
    const b = evaluateSeries(a.state, backfill.map(reading), P);
    expect(b.reevaluated).toBe(true);
    expect(only(b.events, 'TEMP_HIGH', 'WARN_HIGH')).toEqual([
      '10 WARN_HIGH raise retro', '25 TEMP_HIGH raise retro', '27 WARN_HIGH clear retro', '27 TEMP_HIGH clear retro',
    ]);
    expect(b.events.find((e) => e.type === 'TEMP_HIGH')?.details).toMatchObject({ since: at(10), durationMs: 15 * MIN });
    expect(summarize(b.state, P).outOfRangeMs).toBe(17 * MIN);
    assertAlternates([...a.events, ...b.events]);
  });

  it('the outage itself was seen live: DATA_GAP and MONITORING_LOST detected on the first reading after it', () => {
    const a = feed(fresh(), [...hold(0, 9, 5), ...hold(27, 28, 5)]);
    expect(only(a.events, 'DATA_GAP', 'MONITORING_LOST')).toEqual([
      '11 DATA_GAP raise retro', '14 MONITORING_LOST raise retro', '27 DATA_GAP clear', '27 MONITORING_LOST clear',
    ]);
  });

  it('a late in-range reading that breaks a "continuous" violation withdraws the alarm (reconciled clear)', () => {
    const steps = [{ m: 0, t: 5 }, ...hold(1, 20, 9)].filter((s) => s.m !== 8);
    const a = feed(fresh(), steps);
    expect(only(a.events, 'TEMP_HIGH')).toEqual(['16 TEMP_HIGH raise']);
    const b = evaluateSeries(a.state, [reading({ m: 8, t: 5, hist: true, rx: 21 })], P);
    // with m8 in range the violation restarts at m9: 11 min by m20, below the 15-min delay
    expect(only(b.events, 'TEMP_HIGH')).toEqual(['20 TEMP_HIGH clear retro']);
    expect(b.events.find((e) => e.type === 'TEMP_HIGH')?.details).toEqual({ reconciled: true });
    expect(b.state.rules.high.raised).toBe(false);
    expect(b.state.open).not.toContain('TEMP_HIGH');
  });

  it('a late reading that changes nothing emits nothing and never re-raises an open alarm', () => {
    const steps = [{ m: 0, t: 5 }, ...hold(1, 20, 9)].filter((s) => s.m !== 18);
    const a = feed(fresh(), steps);
    const b = evaluateSeries(a.state, [reading({ m: 18, t: 9.5, hist: true, rx: 21 })], P);
    expect(b.reevaluated).toBe(true);
    expect(b.events).toEqual([]);
  });

  it('a late reading after a closed excursion does not re-emit the raise/clear the replay regenerates', () => {
    const steps = [{ m: 0, t: 5 }, ...hold(1, 20, 9), ...hold(21, 30, 5)].filter((s) => s.m !== 25);
    const a = feed(fresh(), steps);
    expect(only(a.events, 'TEMP_HIGH')).toEqual(['16 TEMP_HIGH raise', '21 TEMP_HIGH clear']);
    const b = evaluateSeries(a.state, [reading({ m: 25, t: 5, hist: true, rx: 31 })], P);
    expect(b.reevaluated).toBe(true);
    expect(b.events).toEqual([]);
  });

  it('a late reading that moves the start of an open alarm earlier does not raise it twice', () => {
    const a = feed(fresh(), [...hold(0, 4, 5), ...hold(6, 25, 9)]); // since m6 → raise m21
    expect(only(a.events, 'TEMP_HIGH')).toEqual(['21 TEMP_HIGH raise']);
    const b = evaluateSeries(a.state, [reading({ m: 5, t: 9, hist: true, rx: 26 })], P);
    expect(only(b.events, 'TEMP_HIGH')).toEqual([]);
    expect(b.state.rules.high.since).toBe(at(5));
  });

  it('a late reading that moves the start of a closed excursion earlier does not make a second episode', () => {
    const a = feed(fresh(), [...hold(0, 4, 5), ...hold(6, 25, 9), ...hold(26, 30, 5)]);
    expect(only(a.events, 'TEMP_HIGH', 'WARN_HIGH')).toEqual(['6 WARN_HIGH raise', '21 TEMP_HIGH raise', '26 WARN_HIGH clear', '26 TEMP_HIGH clear']);
    const b = evaluateSeries(a.state, [reading({ m: 5, t: 9, hist: true, rx: 31 })], P);
    expect(b.reevaluated).toBe(true);
    expect(b.events).toEqual([]);
    expect(summarize(b.state, P).outOfRangeMs).toBe(21 * MIN);
  });

  it('re-evaluates from a checkpoint, not from the start, and beyond the horizon only reports', () => {
    const long = hold(0, 299, 5).map((s, i) => ({ ...s, seq: i + 1 }));
    const gapAt = 150;
    const a = feed(fresh(), long.filter((s) => s.m !== gapAt), 1, { maxHistory: 100, checkpointEvery: 10 });
    expect(a.state.history.length).toBeLessThanOrEqual(110);
    expect(a.state.base.ts).not.toBeNull();
    const late = evaluateSeries(a.state, [reading({ m: gapAt, t: 5, seq: 9999 })], P, { maxHistory: 100, checkpointEvery: 10 });
    expect(late.beyondHorizon.map((r) => r.ts)).toEqual([at(gapAt)]);
    expect(late.accepted).toBe(0);
    const recent = a.state.history[a.state.history.length - 50].ts;
    const b = evaluateSeries(a.state, [reading({ m: 0, t: 5, seq: 9999 })].map((r) => ({ ...r, ts: recent - 30_000 })), P, { maxHistory: 100, checkpointEvery: 10 });
    expect([b.accepted, b.reevaluated]).toEqual([1, true]);
  });
});

describe('liveness: tick, arrival, LWT', () => {
  const one = feed(fresh(), [{ m: 0, t: 5 }]).state;
  it.each([
    ['2 min of silence is still fine', 2 * MIN, []],
    ['just over 2 sample intervals → DATA_GAP', 2 * MIN + 1, ['DATA_GAP raise']],
    ['just over 5 min → MONITORING_LOST too', 5 * MIN + 1, ['DATA_GAP raise', 'MONITORING_LOST raise']],
  ])('%s', (_n, silence, expected) => {
    const r = tick(one, at(0) + silence, P);
    expect(r.events.map((e) => `${e.type} ${e.action}`)).toEqual(expected);
    expect(r.events.every((e) => e.at === at(0) + silence && !e.retrospective)).toBe(true);
  });
  it('ticks do not repeat, the next reading clears both', () => {
    let s = tick(one, at(6), P).state;
    expect(tick(s, at(7), P).events).toEqual([]);
    const r = evaluateSeries(s, [reading({ m: 8, t: 5 })], P);
    expect(r.events.map(fmt)).toEqual(['8 DATA_GAP clear', '8 MONITORING_LOST clear']);
    s = r.state;
    expect(s.live).toMatchObject({ dataGap: false, monitoringLost: false, online: true });
  });
  it('a box that never reports after pairing is lost 5 min after pairing', () => {
    expect(tick(fresh(), at(5) + 1, P).events.map((e) => e.type)).toEqual(['DATA_GAP', 'MONITORING_LOST']);
  });
  it('LWT offline raises MONITORING_LOST at once (major), online alone does not clear it', () => {
    let r = onStatus(one, 'offline', at(0) + 30_000, P);
    expect(r.events.map((e) => [e.type, e.action, e.severity, e.details.cause])).toEqual([['MONITORING_LOST', 'raise', 'major', 'offline']]);
    r = onStatus(r.state, 'online', at(1), P);
    expect(r.events).toEqual([]);
    expect(tick(r.state, at(10), P).events.map((e) => e.type)).toEqual(['DATA_GAP']);
  });
});

describe('state is plain JSON', () => {
  it('a JSON round trip after every message changes nothing', () => {
    const direct = run(SHIPMENT, P);
    const viaJson = run(SHIPMENT, P, { roundTrip: true });
    expect(viaJson.events).toEqual(direct.events);
    expect(JSON.parse(JSON.stringify(direct.state))).toEqual(direct.state);
  });
  it('does not mutate the input state', () => {
    const s = feed(fresh(), SHIPMENT.slice(0, 30)).state;
    const before = JSON.stringify(s);
    evaluateSeries(s, SHIPMENT.slice(5, 60).map(reading), P);
    tick(s, at(500), P);
    expect(JSON.stringify(s)).toBe(before);
  });
});
