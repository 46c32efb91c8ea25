/**
 * Bounded memo tables for pure computations on the order path (time-zone offsets, local dates,
 * opening spans, formatters, the order schema). When full they empty themselves rather than
 * track recency: refilling is cheap, and the working set (a few zones, days and facilities) is
 * far below every bound. `compute` gets the key back so callers can pass a module-level
 * function and the hot path allocates no closure.
 */
export class BoundedMemo<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K, compute: (key: K) => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = compute(key);
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}

/** {@link BoundedMemo} keyed by (string, number) — e.g. (time zone, 15-minute bucket) — without building a key string; one bound over all entries. */
export class PairMemo<V> {
  private readonly outer = new Map<string, Map<number, V>>();
  private size = 0;
  constructor(private readonly max: number) {}

  get(a: string, b: number, compute: (a: string, b: number) => V): V {
    let inner = this.outer.get(a);
    let v = inner?.get(b);
    if (v === undefined) {
      v = compute(a, b);
      if (this.size >= this.max) {
        this.outer.clear();
        this.size = 0;
        inner = undefined;
      }
      if (!inner) {
        inner = new Map();
        this.outer.set(a, inner);
      }
      inner.set(b, v);
      this.size++;
    }
    return v;
  }
}
