import { describe, expect, it } from 'vitest';
import { RoadGraph, type EdgeRow } from './graph';

// A small network (vertex ids arbitrary, costs seconds, lengths metres):
//   1 —e10(10s,100m)— 2 —e11(10s,100m)— 3
//   |                                  |
//  e12(30s,300m)                     e13 one-way 3→4 (5s,50m)
//   |                                  |
//   4 —————————e14(50s,500m)——————————(4)   (e14: 1→4 long way round, two-way)
// plus e15 one-way 4→1 (reverse-digitised: source 1, target 4, only reverse allowed), and an island e16 (8–9).
const rows: EdgeRow[] = [
  { gid: 10, source: 1, target: 2, costS: 10, reverseCostS: 10, lengthM: 100 },
  { gid: 11, source: 2, target: 3, costS: 10, reverseCostS: 10, lengthM: 100 },
  { gid: 12, source: 1, target: 4, costS: 30, reverseCostS: 30, lengthM: 300 },
  { gid: 13, source: 3, target: 4, costS: 5, reverseCostS: -1, lengthM: 50 },
  { gid: 15, source: 1, target: 4, costS: -1, reverseCostS: 2, lengthM: 20 },
  { gid: 16, source: 8, target: 9, costS: 1, reverseCostS: 1, lengthM: 10 },
];

describe('RoadGraph', () => {
  const g = new RoadGraph(rows);

  it('counts vertices and edges', () => {
    expect(g.vertexCount).toBe(6);
    expect(g.edgeCount).toBe(6);
  });

  it('matrix from mid-edge points follows one-way rules and interpolates costs', () => {
    const a = { gid: 10, fraction: 0.5 }; // middle of 1–2
    const b = { gid: 13, fraction: 0.5 }; // middle of one-way 3→4
    const m = g.matrix([a, b], [a, b]);
    // a → b: 5 (to 2) + 10 (2→3) + 2.5 = 17.5 s; 50 + 100 + 25 = 175 m
    expect(m.durations[0][1]).toBeCloseTo(17.5, 9);
    expect(m.distances[0][1]).toBeCloseTo(175, 9);
    // b → a: 2.5 to 4, then 4→1 via one-way e15 (2 s), then 1→a 5 s = 9.5 s
    expect(m.durations[1][0]).toBeCloseTo(9.5, 9);
    expect(m.distances[1][0]).toBeCloseTo(25 + 20 + 50, 9);
    expect(m.durations[0][0]).toBe(0);
    expect(m.distances[1][1]).toBe(0);
  });

  it('same edge: forward direct, backward only if allowed', () => {
    const p = { gid: 13, fraction: 0.2 };
    const q = { gid: 13, fraction: 0.8 };
    const m = g.matrix([p, q], [p, q]);
    expect(m.durations[0][1]).toBeCloseTo(3, 9); // 0.6 × 5 s along the one-way
    // q → p against the one-way: 1 s to 4, 4→1 2 s, 1→2→3 20 s, 3→p 1 s = 24 s
    expect(m.durations[1][0]).toBeCloseTo(24, 9);
  });

  it('unreachable pairs are null, never 0 or Infinity', () => {
    const m = g.matrix([{ gid: 10, fraction: 0 }, null], [{ gid: 16, fraction: 0.5 }, { gid: 11, fraction: 1 }]);
    expect(m.durations).toEqual([[null, 20], [null, null]]);
    expect(m.distances[0][0]).toBeNull();
  });

  it('path lists traversed edges in order with directions', () => {
    const p = g.path({ gid: 10, fraction: 0.5 }, { gid: 12, fraction: 0.5 })!;
    // middle of 1–2 → 1 (5 s) → along e12 to the middle: 15 s = 20 s; alternative via 3→4 is 5+… longer
    expect(p.durationS).toBeCloseTo(20, 9);
    expect(p.edges).toEqual([]);
    expect(p.leaveStartAt).toBe('source');
    expect(p.enterEndAt).toBe('source');
    const q = g.path({ gid: 10, fraction: 0.5 }, { gid: 15, fraction: 0.5 })!;
    // e15 can only be driven 4→1: enter at its target (4): a→2→3→4 = 5+10+5, then 0.5×2 = 21 s
    expect(q.durationS).toBeCloseTo(21, 9);
    expect(q.edges).toEqual([{ gid: 11, dir: 1 }, { gid: 13, dir: 1 }]);
    expect(q.leaveStartAt).toBe('target');
    expect(q.enterEndAt).toBe('target');
    expect(g.path({ gid: 10, fraction: 0.1 }, { gid: 16, fraction: 0.1 })).toBeNull();
  });
});
