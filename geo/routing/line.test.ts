import { describe, expect, it } from 'vitest';
import { appendLine, sliceLine } from './line';

describe('sliceLine', () => {
  const l: [number, number][] = [[0, 0], [1, 0], [1, 1]]; // length 2
  it('slices by fraction of planar length, keeping inner vertices', () => {
    expect(sliceLine(l, 0.25, 0.75)).toEqual([[0.5, 0], [1, 0], [1, 0.5]]);
    expect(sliceLine(l, 0, 1)).toEqual(l);
  });
  it('runs backwards when f1 < f0', () => {
    expect(sliceLine(l, 0.75, 0.25)).toEqual([[1, 0.5], [1, 0], [0.5, 0]]);
  });
  it('appendLine drops the duplicated junction', () => {
    const acc: [number, number][] = [[0, 0], [1, 0]];
    appendLine(acc, [[1, 0], [2, 0]]);
    expect(acc).toEqual([[0, 0], [1, 0], [2, 0]]);
  });
});
