import { describe, expect, it } from 'vitest';
import { Batcher } from './batch';

describe('Batcher', () => {
  it('calls made in one round go out as one batch, in order; a later round makes another', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number, number>(async (xs) => {
      batches.push(xs);
      return xs.map((x) => x * 10);
    });
    const first = await Promise.all([b.call(1), b.call(2), b.call(3)]);
    expect(first).toEqual([10, 20, 30]);
    expect(await b.call(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('sends as soon as maxBatch calls wait', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number, number>(async (xs) => (batches.push(xs), xs), 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((x) => b.call(x)))).toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('an Error result fails its own call only; a failed run fails every call of its batch', async () => {
    const b = new Batcher<number, number>(async (xs) => xs.map((x) => (x < 0 ? new Error(`bad ${x}`) : x)));
    const r = await Promise.allSettled([b.call(1), b.call(-2), b.call(3)]);
    expect(r.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((r[1] as PromiseRejectedResult).reason.message).toBe('bad -2');
    const broken = new Batcher<number, number>(async () => { throw new Error('connection lost'); });
    const r2 = await Promise.allSettled([broken.call(1), broken.call(2)]);
    expect(r2.map((x) => (x as PromiseRejectedResult).reason.message)).toEqual(['connection lost', 'connection lost']);
  });

  it('a run that answers the wrong number of results fails the calls instead of mismatching them', async () => {
    const b = new Batcher<number, number>(async (xs) => xs.slice(1));
    const r = await Promise.allSettled([b.call(1), b.call(2)]);
    expect(r.every((x) => x.status === 'rejected')).toBe(true);
  });
});
