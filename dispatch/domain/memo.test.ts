import { describe, it, expect } from 'vitest';
import { BoundedMemo, PairMemo } from './memo';

describe('BoundedMemo', () => {
  it('computes once per key and empties itself when full', () => {
    let calls = 0;
    const m = new BoundedMemo<number, string>(2);
    const f = (k: number) => { calls++; return `v${k}`; };
    expect([m.get(1, f), m.get(1, f), m.get(2, f)]).toEqual(['v1', 'v1', 'v2']);
    expect(calls).toBe(2);
    m.get(3, f); // full: emptied, then 3 stored
    expect(calls).toBe(3);
    m.get(1, f); // gone with the rest
    expect(calls).toBe(4);
    m.get(3, f);
    expect(calls).toBe(4);
  });
});

describe('PairMemo', () => {
  it('keys by (string, number), with one bound over every string', () => {
    const seen: string[] = [];
    const m = new PairMemo<string>(3);
    const f = (a: string, b: number) => { seen.push(`${a}${b}`); return `${a}:${b}`; };
    expect([m.get('x', 1, f), m.get('y', 1, f), m.get('x', 1, f), m.get('x', 2, f)]).toEqual(['x:1', 'y:1', 'x:1', 'x:2']);
    expect(seen).toEqual(['x1', 'y1', 'x2']);
    m.get('y', 2, f); // fourth entry: everything dropped, then y2 stored
    m.get('y', 1, f);
    m.get('y', 2, f);
    expect(seen).toEqual(['x1', 'y1', 'x2', 'y2', 'y1']);
  });
});
