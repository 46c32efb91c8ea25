import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../demo-city/layout';
import { ContractionHierarchy } from './ch';
import { RoadGraph, type EdgePosition, type EdgeRow } from './graph';
import { TurnGraph, turnDurationS } from './turns';

describe('turnDurationS (OSRM car.lua)', () => {
  it('straight is free, right is cheaper than left, U-turn adds 20 s', () => {
    expect(turnDurationS(0, false)).toBeLessThan(0.01);
    expect(turnDurationS(90, false)).toBeCloseTo(2.1, 1);
    expect(turnDurationS(-90, false)).toBeCloseTo(5.4, 1);
    expect(turnDurationS(-180, true)).toBeGreaterThan(27);
  });
});

// A cross: centre 0, arms N=1, E=2, S=3, W=4 (100 m, 10 s each), plus a dead-end spur 1→5 north.
const rows: EdgeRow[] = [
  { gid: 1, source: 0, target: 1, costS: 10, reverseCostS: 10, lengthM: 100, startBearing: 0, endBearing: 0 },
  { gid: 2, source: 0, target: 2, costS: 10, reverseCostS: 10, lengthM: 100, startBearing: 90, endBearing: 90 },
  { gid: 3, source: 3, target: 0, costS: 10, reverseCostS: 10, lengthM: 100, startBearing: 0, endBearing: 0 },
  { gid: 4, source: 0, target: 4, costS: 10, reverseCostS: 10, lengthM: 100, startBearing: 270, endBearing: 270 },
];

describe('TurnGraph', () => {
  const t = new TurnGraph(new RoadGraph(rows));
  const fromSouth = { gid: 3, fraction: 0.5 }; // heading north into the centre
  it('charges the turn at the intersection', () => {
    const straight = t.path(fromSouth, { gid: 1, fraction: 0.5 })!;
    const right = t.path(fromSouth, { gid: 2, fraction: 0.5 })!;
    const left = t.path(fromSouth, { gid: 4, fraction: 0.5 })!;
    expect(straight.durationS).toBeCloseTo(10 + turnDurationS(0, false), 6);
    expect(right.durationS - straight.durationS).toBeCloseTo(turnDurationS(90, false) - turnDurationS(0, false), 6);
    expect(left.durationS - straight.durationS).toBeCloseTo(turnDurationS(-90, false) - turnDurationS(0, false), 6);
    expect(right.edges).toEqual([]);
    expect(right.leaveStartAt).toBe('target');
    expect(right.enterEndAt).toBe('source');
  });

  it('U-turns only at dead ends, with the 20 s penalty', () => {
    // From the middle of the N arm heading north to a point just south of it: drive to the
    // dead end (5 s), U-turn (≈ 27.5 s), come back — or simply start southbound (allowed).
    const p = t.path({ gid: 1, fraction: 0.6 }, { gid: 1, fraction: 0.4 })!;
    expect(p.durationS).toBeCloseTo(2, 6); // direct, driving south along the arm
    const m = t.matrix([{ gid: 1, fraction: 0.5 }], [{ gid: 2, fraction: 0.5 }]);
    expect(m.durations[0][0]).toBeCloseTo(5 + turnDurationS(-90, false) + 5, 3); // southbound, left into E
  });

  it('hierarchy on the turn graph equals its Dijkstra (random network)', () => {
    const rnd = mulberry32(5);
    const side = 15;
    const net: EdgeRow[] = [];
    let gid = 1;
    const id = (i: number, j: number) => 1 + j * side + i;
    for (let j = 0; j < side; j++)
      for (let i = 0; i < side; i++)
        for (const [di, dj, brg] of [[1, 0, 90], [0, 1, 0]]) {
          if (i + di >= side || j + dj >= side || rnd() < 0.1) continue;
          const len = 80 + rnd() * 40;
          const r = rnd();
          const c = len / (8 + rnd() * 6);
          net.push({ gid: gid++, source: id(i, j), target: id(i + di, j + dj), costS: r < 0.1 ? -1 : c, reverseCostS: r > 0.9 ? -1 : c, lengthM: len, startBearing: brg + (rnd() - 0.5) * 20, endBearing: brg + (rnd() - 0.5) * 20 });
        }
    const tg = new TurnGraph(new RoadGraph(net));
    const ch = ContractionHierarchy.buildSync(tg.arcs());
    const pts: EdgePosition[] = [];
    for (let k = 0; k < 30; k++) pts.push({ gid: net[Math.floor(rnd() * net.length)].gid, fraction: k % 9 === 0 ? 0 : rnd() });
    const ref = tg.matrix(pts, pts);
    const r = ch.manyToMany(pts.map((p) => tg.seeds(p, true)), pts.map((p) => tg.seeds(p, false)));
    pts.forEach((s, i) =>
      pts.forEach((d, j) => {
        let dur = r.durations[i][j];
        const direct = tg.direct(s, d);
        if (direct && (dur === null || direct[0] <= dur)) dur = direct[0];
        if (ref.durations[i][j] === null) expect(dur).toBeNull();
        else expect(dur).toBeCloseTo(ref.durations[i][j]!, 6);
        // path() agrees with the table
        if (i < 5 && j < 5) {
          const p = tg.path(s, d);
          if (ref.durations[i][j] === null) expect(p).toBeNull();
          else expect(p!.durationS).toBeCloseTo(ref.durations[i][j]!, 6);
        }
      }),
    );
  });
});
