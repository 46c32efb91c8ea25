import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../demo-city/layout';
import { ContractionHierarchy } from './ch';
import { RoadGraph, type EdgePosition, type EdgeRow } from './graph';

/** Random jittered grid with one-way streets, missing edges and an island. */
function randomNetwork(seed: number, side: number): EdgeRow[] {
  const rnd = mulberry32(seed);
  const rows: EdgeRow[] = [];
  let gid = 1;
  const id = (i: number, j: number) => 1 + j * side + i;
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      for (const [di, dj] of [[1, 0], [0, 1]]) {
        if (i + di >= side || j + dj >= side || rnd() < 0.1) continue;
        const len = 80 + rnd() * 60;
        const speed = [8, 11, 14][Math.floor(rnd() * 3)]; // m/s
        const r = rnd();
        const cost = r < 0.1 ? -1 : len / speed;
        const rev = r > 0.9 ? -1 : len / speed;
        rows.push({ gid: gid++, source: id(i, j), target: id(i + di, j + dj), costS: cost, reverseCostS: rev, lengthM: len });
      }
    }
  }
  rows.push({ gid: gid++, source: 10_000, target: 10_001, costS: 5, reverseCostS: 5, lengthM: 50 }); // island
  return rows;
}

describe('ContractionHierarchy', () => {
  for (const seed of [1, 2, 3]) {
    it(`many-to-many equals plain Dijkstra on a random network (seed ${seed})`, async () => {
      const rows = randomNetwork(seed, 25);
      const g = new RoadGraph(rows);
      const ch = seed === 1 ? await ContractionHierarchy.build(g.arcs()) : ContractionHierarchy.buildSync(g.arcs(), { witnessLimit: seed * 20, contractLimit: seed * 40 });
      const rnd = mulberry32(seed * 99);
      const pts: EdgePosition[] = [];
      for (let k = 0; k < 40; k++) pts.push({ gid: rows[Math.floor(rnd() * rows.length)].gid, fraction: k % 7 === 0 ? 0 : k % 11 === 0 ? 1 : rnd() });
      pts.push({ gid: rows[rows.length - 1].gid, fraction: 0.5 }); // on the island
      pts.push({ ...pts[3], fraction: Math.min(1, pts[3].fraction + 0.1) }); // same edge as another point
      const ref = g.matrix(pts, pts);
      const r = ch.manyToMany(pts.map((p) => g.seeds(p, true)), pts.map((p) => g.seeds(p, false)));
      let compared = 0;
      pts.forEach((s, i) =>
        pts.forEach((d, j) => {
          let dur = r.durations[i][j];
          let dist = r.distances[i][j];
          const direct = g.direct(s, d);
          if (direct && (dur === null || direct[0] <= dur)) [dur, dist] = direct;
          const want = ref.durations[i][j];
          if (want === null) expect(dur).toBeNull();
          else {
            expect(dur).toBeCloseTo(want, 6);
            // Equal-duration ties may pick different paths: distances can then differ.
            if (Math.abs(dur! - want) < 1e-9) compared++;
            expect(dist).not.toBeNull();
          }
        }),
      );
      expect(compared).toBeGreaterThan(1000);
      expect(ch.shortcuts).toBeGreaterThan(0);
    });
  }

  it('point-to-point paths: same duration as Dijkstra, unpacked into a continuous edge chain', () => {
    const rows = randomNetwork(7, 20);
    const g = new RoadGraph(rows);
    const ch = ContractionHierarchy.buildSync(g.arcs());
    const byGid = new Map(rows.map((r) => [r.gid, r]));
    const rnd = mulberry32(77);
    let checked = 0;
    for (let k = 0; k < 60; k++) {
      const a = { gid: rows[Math.floor(rnd() * (rows.length - 1))].gid, fraction: rnd() };
      const b = { gid: rows[Math.floor(rnd() * (rows.length - 1))].gid, fraction: k % 10 === 0 ? 0 : rnd() };
      const ref = g.path(a, b);
      const got = g.pathVia(ch, a, b);
      if (!ref) {
        expect(got).toBeNull();
        continue;
      }
      expect(got!.durationS).toBeCloseTo(ref.durationS, 6);
      if (got!.leaveStartAt === null) continue;
      // Walk the chain: leave the start edge, follow each edge in its direction, enter the end edge.
      const start = byGid.get(a.gid)!;
      let at = got!.leaveStartAt === 'target' ? start.target : start.source;
      let sum = got!.leaveStartAt === 'target' ? (1 - a.fraction) * start.costS : a.fraction * start.reverseCostS;
      for (const e of got!.edges) {
        const r = byGid.get(e.gid)!;
        expect(e.dir === 1 ? r.source : r.target).toBe(at);
        at = e.dir === 1 ? r.target : r.source;
        sum += e.dir === 1 ? r.costS : r.reverseCostS;
      }
      const end = byGid.get(b.gid)!;
      expect(got!.enterEndAt === 'source' ? end.source : end.target).toBe(at);
      sum += got!.enterEndAt === 'source' ? b.fraction * end.costS : (1 - b.fraction) * end.reverseCostS;
      expect(sum).toBeCloseTo(got!.durationS, 6);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('repeated tables from the same sources (memoised forward searches) give exactly the uncached answers', () => {
    const rows = randomNetwork(5, 18);
    const g = new RoadGraph(rows);
    const cached = ContractionHierarchy.buildSync(g.arcs());
    const rnd = mulberry32(55);
    const at = () => ({ gid: rows[Math.floor(rnd() * rows.length)].gid, fraction: rnd() });
    const sources = Array.from({ length: 12 }, at);
    const targets = Array.from({ length: 40 }, at);
    // Reference: every target at once on a hierarchy that has never answered anything.
    const ref = ContractionHierarchy.buildSync(g.arcs()).manyToMany(sources.map((p) => g.seeds(p, true)), targets.map((p) => g.seeds(p, false)));
    let found = 0;
    for (let round = 0; round < 2; round++) {
      targets.forEach((t, j) => {
        const r = cached.manyToMany(sources.map((p) => g.seeds(p, true)), [g.seeds(t, false)]);
        expect(r.durations.map((row) => row[0])).toEqual(ref.durations.map((row) => row[j]));
        expect(r.distances.map((row) => row[0])).toEqual(ref.distances.map((row) => row[j]));
        found += r.durations.filter((row) => row[0] !== null).length;
      });
    }
    expect(found).toBeGreaterThan(500);
  });

  it('null seeds give null rows and columns', () => {
    const g = new RoadGraph(randomNetwork(4, 5));
    const ch = ContractionHierarchy.buildSync(g.arcs());
    const p = { gid: 1, fraction: 0.5 };
    const r = ch.manyToMany([g.seeds(p, true), null], [null, g.seeds(p, false)]);
    expect(r.durations[0][0]).toBeNull();
    expect(r.durations[1]).toEqual([null, null]);
    expect(r.durations[0][1]).not.toBeNull();
  });
});
