import { describe, expect, it } from 'vitest';
import { CoverIndex } from './cover-index';

/** A ring from flat lng, lat pairs. */
const ring = (...xy: number[]) => xy.flatMap((v, i) => (i % 2 ? [] : [[v, xy[i + 1]]]));
const part = (facilityId: string, ...rings: number[][][]) => ({ facilityId, polygon: { type: 'Polygon' as const, coordinates: rings } });

describe('CoverIndex', () => {
  // fac_a: a 2×2 square with a 1×1 hole; fac_b: two pieces of one area sharing the cut x = 5.
  const ix = new CoverIndex([
    part('fac_a', ring(0, 0, 2, 0, 2, 2, 0, 2, 0, 0), ring(0.5, 0.5, 1.5, 0.5, 1.5, 1.5, 0.5, 1.5, 0.5, 0.5)),
    part('fac_b', ring(4, 0, 5, 0, 5, 1, 4, 1, 4, 0)),
    part('fac_b', ring(5, 0, 6, 0, 6, 1, 5, 1, 5, 0)),
    part('fac_c', ring(1.8, 1.8, 4.5, 1.8, 4.5, 0.5, 1.8, 1.8)), // a triangle over both
  ]);
  const at = (lng: number, lat: number) => ix.covering({ lat, lng }).sort();

  it('inside, outside and inside a hole', () => {
    expect(at(0.25, 0.25)).toEqual(['fac_a']);
    expect(at(1, 1)).toEqual([]); // the hole
    expect(at(3, 3)).toEqual([]);
    expect(at(-1, 1)).toEqual([]);
  });

  it('a point on the boundary is covered (ST_Covers), and on a cut between two pieces counted once', () => {
    expect(at(2, 0.25)).toEqual(['fac_a']);
    expect(at(0, 0)).toEqual(['fac_a']);
    expect(at(1.5, 1)).toEqual(['fac_a']); // the hole's edge belongs to the area
    expect(at(5, 0.5)).toEqual(['fac_b']);
    expect(at(5.5, 0.5)).toEqual(['fac_b']);
  });

  it('overlapping areas all answer; a triangle\'s slanted edge bounds it', () => {
    expect(at(4.2, 0.9)).toEqual(['fac_b', 'fac_c']);
    expect(at(1.9, 1.74)).toEqual(['fac_a']); // below its slanted edge (y = 1.752 at x = 1.9)
    expect(at(1.9, 1.76)).toEqual(['fac_a', 'fac_c']); // just above it
    expect(at(1.95, 1.8)).toEqual(['fac_a', 'fac_c']); // on its base
    expect(at(4.4, 0.53)).toEqual(['fac_b']); // below its slanted edge near the tip (y = 0.548)
    expect(at(4.4, 0.56)).toEqual(['fac_b', 'fac_c']);
  });

  it('no pieces, no facilities', () => {
    expect(new CoverIndex([]).covering({ lat: 0, lng: 0 })).toEqual([]);
  });
});
