import { describe, expect, it } from 'vitest';
import { BOX_STATES, decideBox, readingsStep, replayBox, type BoxState, type BoxStep, type StoredBoxEvent } from './machine';

const CHECKED = { coolantIsolated: true, productPlaced: true, probePositioned: true };
const PRECOOL_MIN = 30;

/**
 * A timestamped day of one box: at minute `m` either a reading (°C) arrives or staff take a step.
 * Readiness is judged as store.ts asks telemetry to: in 2–8 °C for the last PRECOOL_MIN minutes.
 */
type Tick = { m: number; celsius: number } | { m: number; step: BoxStep };
function run(ticks: Tick[], from: BoxState = 'idle'): { state: BoxState; log: string[] } {
  let state = from;
  let inRangeSince: number | null = null;
  const log: string[] = [];
  const ready = (m: number) => inRangeSince !== null && m - inRangeSince >= PRECOOL_MIN;
  const apply = (m: number, step: BoxStep) => {
    const d = decideBox(state, step);
    if (!d.ok) { log.push(`${m} ${step.action} refused ${d.code}`); return; }
    if (d.to !== state) log.push(`${m} ${step.action} → ${d.to}`);
    state = d.to;
  };
  for (const t of ticks) {
    if ('celsius' in t) {
      const inRange = t.celsius >= 2 && t.celsius <= 8;
      inRangeSince = inRange ? inRangeSince ?? t.m : null;
      const s = readingsStep(state, ready(t.m));
      if (s) apply(t.m, { action: s });
    } else {
      apply(t.m, { ...t.step, readingsReady: t.step.readingsReady ?? ready(t.m) });
    }
  }
  return { state, log };
}
const cooling = (from: number, to: number, celsius = 5): Tick[] => Array.from({ length: to - from + 1 }, (_, i) => ({ m: from + i, celsius }));

describe('box lifecycle machine', () => {
  it('walks a whole cycle: pre-cool, ready after its pre-cool minutes in range, pack, seal, carry, return, clean', () => {
    const r = run([
      { m: 0, step: { action: 'start_precool' } }, { m: 0, celsius: 20 }, ...cooling(1, 31),
      { m: 32, step: { action: 'pack', checklist: CHECKED } },
      { m: 35, step: { action: 'seal', sealNumber: 'GZ2026A0001' } },
      { m: 40, step: { action: 'pick_up' } }, { m: 41, step: { action: 'pick_up' } },
      { m: 90, step: { action: 'return' } }, { m: 95, step: { action: 'clean' } }, { m: 110, step: { action: 'cleaned' } },
    ]);
    expect(r.log).toEqual(['0 start_precool → pre_cooling', '31 became_ready → ready', '32 pack → packed', '35 seal → sealed', '40 pick_up → in_use', '90 return → returned', '95 clean → cleaning', '110 cleaned → idle']);
    expect(r.state).toBe('idle');
  });

  it('becomes ready only after the full pre-cool time, and a warm reading starts the count again', () => {
    const r = run([{ m: 0, step: { action: 'start_precool' } }, ...cooling(1, 20), { m: 21, celsius: 11 }, ...cooling(22, 60), { m: 61, celsius: 9 }, ...cooling(62, 70)]);
    // 1–20 in range is not 30 minutes; from 22 it is at 52; the 9 °C reading at 61 sends it back.
    expect(r.log).toEqual(['0 start_precool → pre_cooling', '52 became_ready → ready', '61 warmed → pre_cooling']);
    expect(r.state).toBe('pre_cooling');
  });

  it('refuses to pack a box still pre-cooling, or without every packing check ticked', () => {
    const r = run([
      { m: 0, step: { action: 'start_precool' } }, ...cooling(1, 10),
      { m: 11, step: { action: 'pack', checklist: CHECKED } },
      ...cooling(12, 45),
      { m: 46, step: { action: 'pack', checklist: { coolantIsolated: false, productPlaced: true, probePositioned: true } } },
      { m: 47, step: { action: 'pack' } },
      { m: 48, step: { action: 'pack', checklist: CHECKED } },
    ]);
    expect(r.log).toEqual(['0 start_precool → pre_cooling', '11 pack refused box_not_ready', '31 became_ready → ready', '46 pack refused checklist_incomplete', '47 pack refused checklist_incomplete', '48 pack → packed']);
    const d = decideBox('ready', { action: 'pack', checklist: { productPlaced: true } });
    expect(d).toMatchObject({ ok: false, details: { missing: ['coolantIsolated', 'probePositioned'] } });
  });

  it('seals only a packed box with a seal number of 6–20 letters and digits, while its logger is in range', () => {
    expect(decideBox('packed', { action: 'seal', readingsReady: true })).toMatchObject({ ok: false, code: 'seal_number_required' });
    for (const bad of ['12345', 'A'.repeat(21), 'GZ-2026-01', 'GZ 202601', '封条123456']) {
      expect(decideBox('packed', { action: 'seal', sealNumber: bad, readingsReady: true }), bad).toMatchObject({ ok: false, code: 'seal_number_invalid' });
    }
    expect(decideBox('packed', { action: 'seal', sealNumber: 'ABC123', readingsReady: false })).toMatchObject({ ok: false, code: 'box_not_precooled' });
    expect(decideBox('packed', { action: 'seal', sealNumber: 'ABC123', readingsReady: true })).toEqual({ ok: true, to: 'sealed' });
    expect(decideBox('ready', { action: 'seal', sealNumber: 'ABC123', readingsReady: true })).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    // A box packed and then warming stays packed: it simply cannot be sealed until it is back in range.
    expect(readingsStep('packed', false)).toBeNull();
  });

  it('lets staff take goods out of a packed or sealed box (it must be cleaned), stop a pre-cool, and records a seal mismatch without moving', () => {
    expect(decideBox('sealed', { action: 'return' })).toEqual({ ok: true, to: 'returned' });
    expect(decideBox('packed', { action: 'return' })).toEqual({ ok: true, to: 'returned' });
    expect(decideBox('ready', { action: 'stop_precool' })).toEqual({ ok: true, to: 'idle' });
    for (const s of BOX_STATES) expect(decideBox(s, { action: 'seal_mismatch' })).toEqual({ ok: true, to: s });
    expect(decideBox('idle', { action: 'pick_up' })).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    const refused = decideBox('returned', { action: 'start_precool' });
    expect(refused).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    expect(!refused.ok && refused.message).toContain('possible: clean');
  });

  it('replays a stored history, and names a step the machine would not have written', () => {
    const h: StoredBoxEvent[] = [
      { action: 'start_precool', from: 'idle', to: 'pre_cooling' }, { action: 'became_ready', from: 'pre_cooling', to: 'ready' },
      { action: 'pack', from: 'ready', to: 'packed' }, { action: 'seal', from: 'packed', to: 'sealed' }, { action: 'seal_mismatch', from: 'sealed', to: 'sealed' },
    ];
    expect(replayBox(h)).toBe('sealed');
    expect(() => replayBox([h[0], h[2]])).toThrow(/starts from ready/);
    expect(() => replayBox([{ action: 'seal', from: 'idle', to: 'sealed' }])).toThrow(/not a step from idle/);
  });
});
