import { describe, expect, it } from 'vitest';
import { appendTimed, sliceLine } from './line';

describe('sliceLine', () => {
  const l: [number, number][] = [[0, 0], [1, 0], [1, 1]]; // length 2
  it('slices by fraction of planar length, keeping inner vertices', () => {
    expect(sliceLine(l, 0.25, 0.75)).toEqual([[0.5, 0], [1, 0], [1, 0.5]]);
    expect(sliceLine(l, 0, 1)).toEqual(l);
  });
  it('runs backwards when f1 < f0', () => {
    expect(sliceLine(l, 0.75, 0.25)).toEqual([[1, 0.5], [1, 0], [0.5, 0]]);
  });
  it('appendTimed drops the duplicated junction and spreads time by length', () => {
    const acc: [number, number][] = [];
    const t: number[] = [];
    appendTimed(acc, t, [[0, 0], [1, 0]], 10);
    appendTimed(acc, t, [[1, 0], [2, 0], [4, 0]], 30);
    expect(acc).toEqual([[0, 0], [1, 0], [2, 0], [4, 0]]);
    expect(t).toEqual([0, 10, 20, 40]);
  });
});
