import { describe, expect, it } from 'vitest';
import { mapFrame, mapSvg, tilePath } from './svg';

const door = { lat: 23.13, lng: 113.32 };
const labels = { title: 'map', rider: 'rider', destination: 'door' };

describe('the tracking map', () => {
  it('takes the tiles of the zoom just below its scale, magnified less than twice: at most 3 × 2 tiles', () => {
    for (const rider of [null, { lat: 23.131, lng: 113.321 }, { lat: 23.15, lng: 113.35 }, { lat: 23.4, lng: 113.9 }]) {
      const f = mapFrame(door, rider, 1200);
      expect(f.k).toBeGreaterThanOrEqual(1);
      expect(f.k).toBeLessThan(2);
      expect(f.tiles.length).toBeLessThanOrEqual(6);
      const xs = f.tiles.map((t) => t.x), ys = f.tiles.map((t) => t.y);
      // The frame's corners fall inside the tiles taken.
      expect(Math.min(...xs) * 256).toBeLessThanOrEqual(f.cx - 160 / f.k);
      expect((Math.max(...xs) + 1) * 256).toBeGreaterThanOrEqual(f.cx + 160 / f.k);
      expect(Math.min(...ys) * 256).toBeLessThanOrEqual(f.cy - 110 / f.k);
      expect((Math.max(...ys) + 1) * 256).toBeGreaterThanOrEqual(f.cy + 110 / f.k);
    }
    // 1,200 m across 320 px is zoom 15 at this latitude; a rider 3 km away zooms out.
    expect(mapFrame(door, null, 1200).z).toBe(15);
    expect(mapFrame(door, { lat: 23.157, lng: 113.32 }, 1200).z).toBeLessThan(15);
  });

  it('puts the door in the middle, the rider 14 px inside the frame at most, and a tile corner where the tile says', () => {
    const rider = { lat: 23.15, lng: 113.35 };
    const f = mapFrame(door, rider, 1200);
    const t = f.tiles[0];
    const tile = { roads: [{ lines: [[[0, 0], [256, 256]]] as Array<Array<[number, number]>> }], water: [[[0, 128], [256, 120]]] as Array<Array<[number, number]>> };
    expect(tilePath(tile)).toEqual({ d: 'M0 0L256 256', w: 'M0 128L256 120' });
    expect(tilePath(tile)).toBe(tilePath(tile));
    const svg = mapSvg({ frame: f, destination: door, rider, tiles: [{ ...t, ...tilePath(tile) }] }, labels);
    // The river under the roads, in its own colour.
    expect(svg.indexOf('d="M0 128L256 120"')).toBeGreaterThan(0);
    expect(svg.indexOf('d="M0 128L256 120"')).toBeLessThan(svg.indexOf('d="M0 0L256 256"'));
    const [, rx, ry] = /<circle cx="([\d.-]+)" cy="([\d.-]+)" r="7"/.exec(svg)!.map(Number);
    expect(rx).toBeGreaterThanOrEqual(14 - 0.1);
    expect(rx).toBeLessThanOrEqual(320 - 14 + 0.1);
    expect(ry).toBeGreaterThanOrEqual(14 - 0.1);
    expect(ry).toBeLessThanOrEqual(220 - 14 + 0.1);
    expect(Math.abs(rx - 160) - 146 < 0.2 || Math.abs(ry - 110) - 96 < 0.2).toBe(true);
    // The tile's corner lands where the frame puts it; its pixels are scaled by k, its stroke is not.
    const [, tx, ty, k] = /<path transform="translate\(([\d.-]+) ([\d.-]+)\) scale\(([\d.]+)\)" vector-effect="non-scaling-stroke" d="M0 0L256 256"/.exec(svg)!.map(Number);
    expect(tx).toBeCloseTo(160 + (t.x * 256 - f.cx) * f.k, 0);
    expect(ty).toBeCloseTo(110 + (t.y * 256 - f.cy) * f.k, 0);
    expect(k).toBeCloseTo(f.k, 3);
    expect(svg).toContain('<circle cx="160" cy="110" r="9"');
  });
});
