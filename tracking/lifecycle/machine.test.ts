import { describe, expect, it } from 'vitest';
import { ACTIONS, STATES, TERMINAL, decide, replay, type Action, type State } from './machine';

/** Walks a path of actions from `planned`, returning the states passed. */
function walk(actions: Action[], mode: 'rider' | 'pickup' = 'rider'): State[] {
  const out: State[] = [];
  let s: State = 'planned';
  for (const a of actions) {
    const d = decide(s, a, mode);
    if (!d.ok) throw new Error(`${a} from ${s}: ${d.code}`);
    s = d.to;
    out.push(s);
  }
  return out;
}

describe('delivery lifecycle machine', () => {
  it('walks the happy path of a rider delivery', () => {
    expect(walk(['assign', 'arrive_pickup', 'pick_up', 'depart', 'arriving', 'deliver']))
      .toEqual(['assigned', 'at_pickup', 'picked_up', 'in_transit', 'arriving', 'delivered']);
  });

  it('walks a failed delivery back to the facility, with a handover on the way', () => {
    expect(walk(['assign', 'pick_up', 'depart', 'fail', 'start_return', 'hand_over', 'return']))
      .toEqual(['assigned', 'picked_up', 'in_transit', 'failed', 'returning', 'returning', 'returned']);
  });

  it('walks a store pickup with no rider, and refuses rider steps on it', () => {
    expect(walk(['ready_for_pickup', 'collect'], 'pickup')).toEqual(['ready_for_pickup', 'collected']);
    expect(decide('planned', 'pick_up', 'pickup')).toMatchObject({ ok: false, code: 'wrong_delivery_mode' });
    expect(decide('planned', 'ready_for_pickup', 'rider')).toMatchObject({ ok: false, code: 'wrong_delivery_mode' });
  });

  it('refuses what the machine does not allow, naming the state and what is possible', () => {
    const d = decide('planned', 'deliver');
    expect(d).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    expect(!d.ok && d.message).toContain('planned');
    expect(!d.ok && d.message).toContain('pick_up');
    expect(decide('picked_up', 'cancel')).toMatchObject({ ok: false, code: 'transition_not_allowed' });
  });

  it('ends: nothing leaves a terminal state', () => {
    for (const s of TERMINAL) for (const a of ACTIONS) expect(decide(s, a)).toMatchObject({ ok: false, code: 'shipment_ended' });
  });

  it('every state but the terminal ones has a way forward, and every state is reachable', () => {
    const reached = new Set<State>(['planned']);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of [...reached]) for (const a of ACTIONS) for (const m of ['rider', 'pickup'] as const) {
        const d = decide(s, a, m);
        if (d.ok && !reached.has(d.to)) { reached.add(d.to); grew = true; }
      }
    }
    expect([...reached].sort()).toEqual([...STATES].sort());
    for (const s of STATES.filter((x) => !TERMINAL.has(x))) expect(ACTIONS.some((a) => decide(s, a).ok || decide(s, a, 'pickup').ok)).toBe(true);
  });

  it('replays a stored history and rejects one it would not have written', () => {
    const h = [
      { action: 'pick_up' as const, from: 'planned' as const, to: 'picked_up' as const },
      { action: 'deliver' as const, from: 'picked_up' as const, to: 'delivered' as const },
    ];
    expect(replay(h)).toBe('delivered');
    expect(() => replay([h[1]])).toThrow(/starts from picked_up/);
    expect(() => replay([{ action: 'deliver', from: 'planned', to: 'delivered' }])).toThrow(/not a transition/);
    expect(() => replay([{ action: 'pick_up', from: 'planned', to: 'delivered' }])).toThrow(/leads to picked_up/);
  });
});
