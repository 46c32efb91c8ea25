import { describe, expect, it } from 'vitest';
import { haversineM } from '../coords';
import { SnapIndex, type SnapRoad } from './snap-index';

/** A deterministic PRNG (mulberry32). */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Planar distance² from p to segment a-b, straightforwardly (the reference). */
function dist2(ax: number, ay: number, bx: number, by: number, px: number, py: number, sx = 1, sy = 1) {
  const ux = (bx - ax) * sx, uy = (by - ay) * sy, vx = (px - ax) * sx, vy = (py - ay) * sy;
  const l = ux * ux + uy * uy;
  const t = l ? Math.max(0, Math.min(1, (vx * ux + vy * uy) / l)) : 0;
  return (vx - t * ux) ** 2 + (vy - t * uy) ** 2;
}

function roadDist(r: SnapRoad, px: number, py: number, sx = 1, sy = 1) {
  const c = r.coords;
  if (c.length === 2) return ((c[0] - px) * sx) ** 2 + ((c[1] - py) * sy) ** 2;
  let best = Infinity;
  for (let i = 0; i + 3 < c.length; i += 2) best = Math.min(best, dist2(c[i], c[i + 1], c[i + 2], c[i + 3], px, py, sx, sy));
  return best;
}

/** The rule by brute force: k nearest in planar degrees, then nearest on the ground (gid ties). */
function bruteForce(roads: SnapRoad[], px: number, py: number, k: number) {
  const top = roads.map((r) => ({ r, d: roadDist(r, px, py) })).sort((a, b) => a.d - b.d).slice(0, k);
  const mLat = haversineM({ lat: py - 0.0005, lng: px }, { lat: py + 0.0005, lng: px }) / 0.001;
  const mLng = haversineM({ lat: py, lng: px - 0.0005 }, { lat: py, lng: px + 0.0005 }) / 0.001;
  return top.map(({ r }) => ({ r, m: Math.sqrt(roadDist(r, px, py, mLng, mLat)) })).sort((a, b) => a.m - b.m || a.r.gid - b.r.gid)[0];
}

function top8(roads: SnapRoad[], px: number, py: number) {
  return roads.map((r) => ({ r, d: roadDist(r, px, py) })).sort((a, b) => a.d - b.d).slice(0, 8).map((x) => x.r.gid);
}

function randomRoads(n: number, seed: number): SnapRoad[] {
  const rnd = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const pts = 1 + Math.floor(rnd() * 4);
    let x = 113.2 + rnd() * 0.1, y = 23.05 + rnd() * 0.1;
    const coords = [x, y];
    for (let j = 1; j < pts; j++) {
      x += (rnd() - 0.5) * 0.004;
      y += (rnd() - 0.5) * 0.004;
      coords.push(x, y);
    }
    return { gid: 1000 + i, name: i % 3 ? `road ${i}` : null, coords };
  });
}

describe('SnapIndex', () => {
  it('snaps onto a straight road: the foot of the perpendicular, its fraction and distance on the ground', () => {
    const ix = new SnapIndex([
      { gid: 1, name: '中山路', coords: [113.0, 23.0, 113.01, 23.0] },
      { gid: 2, name: null, coords: [113.0, 23.01, 113.01, 23.01] },
    ]);
    const hit = ix.nearest({ lat: 23.001, lng: 113.0025 }, 8, 500)!;
    expect(hit.gid).toBe(1);
    expect(hit.name).toBe('中山路');
    expect(hit.fraction).toBeCloseTo(0.25, 12);
    expect(hit.point.lng).toBeCloseTo(113.0025, 12);
    expect(hit.point.lat).toBeCloseTo(23.0, 12);
    // 0.001° of latitude at 23°N is ~110.8 m on the ellipsoid (haversine's sphere says 111.2).
    expect(hit.distanceM).toBeGreaterThan(110.5);
    expect(hit.distanceM).toBeLessThan(111.0);
    expect(Math.abs(hit.distanceM - haversineM({ lat: 23.001, lng: 113.0025 }, hit.point)) / hit.distanceM).toBeLessThan(0.005);
  });

  it('a point beyond the limit snaps to nothing; an empty index never snaps', () => {
    const ix = new SnapIndex([{ gid: 1, name: null, coords: [113.0, 23.0, 113.01, 23.0] }]);
    expect(ix.nearest({ lat: 23.01, lng: 113.005 }, 8, 500)).toBeNull(); // ~1.1 km
    expect(ix.nearest({ lat: 23.01, lng: 113.005 }, 8, 2000)?.gid).toBe(1);
    expect(new SnapIndex([]).nearest({ lat: 23, lng: 113 }, 8, 500)).toBeNull();
  });

  it('two roads meeting at the snapped vertex tie: the lower gid wins, as in SQL', () => {
    const ix = new SnapIndex([
      { gid: 7, name: null, coords: [113.0, 23.0, 113.001, 23.0] },
      { gid: 5, name: null, coords: [113.001, 23.0, 113.002, 23.001] },
    ]);
    const hit = ix.nearest({ lat: 22.9995, lng: 113.0015 }, 8, 500)!;
    expect(hit.gid).toBe(5);
    expect(hit.fraction).toBe(0);
  });

  it('ranks by distance on the ground among the k planar-nearest: east-west degrees are shorter', () => {
    // At 60°N a degree of longitude is half a degree of latitude on the ground: the road 0.0008°
    // east (~45 m) is nearer than the one 0.0006° north (~67 m), although farther in degrees.
    const ix = new SnapIndex([
      { gid: 1, name: null, coords: [10.0, 60.0006, 10.01, 60.0006] },
      { gid: 2, name: null, coords: [10.0008, 59.99, 10.0008, 60.01] },
    ]);
    expect(ix.nearest({ lat: 60, lng: 10 }, 8, 500)!.gid).toBe(2);
    // With k = 1 only the planar nearest is considered, as snap_points(…, 1) would.
    expect(ix.nearest({ lat: 60, lng: 10 }, 1, 500)!.gid).toBe(1);
  });

  it('agrees with a brute-force search over 3,000 random roads, inside and outside their extent', () => {
    const roads = randomRoads(3000, 11);
    const ix = new SnapIndex(roads);
    const rnd = prng(5);
    let ties = 0;
    for (let q = 0; q < 2000; q++) {
      const p = { lng: 113.18 + rnd() * 0.14, lat: 23.03 + rnd() * 0.14 };
      const want = bruteForce(roads, p.lng, p.lat, 8);
      const got = ix.nearest(p, 8, 1e7)!;
      // The reference measures on haversine's sphere, the index on the ellipsoid (0.3-0.7 % apart
      // here): they may only disagree on a near tie.
      expect(Math.abs(got.distanceM - want.m)).toBeLessThanOrEqual(want.m * 0.007 + 1e-9);
      if (got.gid !== want.r.gid) {
        ties++;
        expect(top8(roads, p.lng, p.lat)).toContain(got.gid);
        continue;
      }
      expect(got.fraction).toBeGreaterThanOrEqual(0);
      expect(got.fraction).toBeLessThanOrEqual(1);
      // The returned point lies on the road, at the planar distance from p.
      expect(Math.sqrt(roadDist(want.r, got.point.lng, got.point.lat))).toBeLessThan(1e-12);
      expect((got.point.lng - p.lng) ** 2 + (got.point.lat - p.lat) ** 2).toBeCloseTo(roadDist(want.r, p.lng, p.lat), 15);
    }
    expect(ties).toBeLessThan(20);
  });

  it('with a limit, returns the same road whenever the nearest lies within it', () => {
    const roads = randomRoads(500, 3);
    const ix = new SnapIndex(roads);
    const rnd = prng(9);
    let within = 0;
    for (let q = 0; q < 1000; q++) {
      const p = { lng: 113.2 + rnd() * 0.1, lat: 23.05 + rnd() * 0.1 };
      const want = bruteForce(roads, p.lng, p.lat, 8);
      const got = ix.nearest(p, 8, 150);
      if (Math.abs(want.m - 150) < 1.5) continue; // sphere against ellipsoid: too close to call
      if (want.m < 150) {
        within++;
        expect(got?.gid).toBe(want.r.gid);
      } else expect(got).toBeNull();
    }
    expect(within).toBeGreaterThan(100);
    expect(within).toBeLessThan(1000);
  });
});
