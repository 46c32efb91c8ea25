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
    const b = new Batcher<number, number>(async (xs) => (batches.push(xs), xs), { maxBatch: 2 });
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

  it('with maxInFlight 1, calls made while a batch runs leave together when it ends', async () => {
    const batches: number[][] = [];
    const gates: Array<() => void> = [];
    const b = new Batcher<number, number>(async (xs) => {
      batches.push(xs);
      await new Promise<void>((r) => gates.push(r));
      return xs;
    }, { maxInFlight: 1 });
    const first = b.call(1);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1]]);
    // Three rounds of calls while batch [1] runs: none leaves yet.
    const later: Promise<number>[] = [];
    for (const x of [2, 3, 4]) {
      later.push(b.call(x));
      await new Promise((r) => setImmediate(r));
    }
    expect(batches).toEqual([[1]]);
    gates.shift()!();
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    gates.shift()!();
    expect(await Promise.all(later)).toEqual([2, 3, 4]);
  });

  it('a batch that runs past overlapAfterMs (or fails) no longer holds the next one back', async () => {
    const started: Array<{ xs: number[]; at: number }> = [];
    const t0 = performance.now();
    const b = new Batcher<number, number>(async (xs) => {
      started.push({ xs, at: performance.now() - t0 });
      if (xs[0] === 1) await new Promise((r) => setTimeout(r, 400)); // stuck on a lock, say
      if (xs[0] === 3) throw new Error('connection lost');
      return xs;
    }, { maxInFlight: 1, overlapAfterMs: 60 });
    const first = b.call(1);
    await new Promise((r) => setTimeout(r, 5));
    const second = b.call(2);
    expect(await second).toBe(2);
    expect(started.map((s) => s.xs)).toEqual([[1], [2]]);
    expect(started[1].at).toBeGreaterThanOrEqual(55);
    expect(started[1].at).toBeLessThan(300);
    // A failed batch frees its place at once.
    await expect(b.call(3)).rejects.toThrow('connection lost');
    expect(await b.call(4)).toBe(4);
    expect(await first).toBe(1);
  });
});
