/**
 * Small deterministic PRNG (mulberry32, public domain, Tommy Ettinger 2017).
 * Same seed → same sequence on every platform, which the determinism tests rely on.
 */
export class Rng {
  private s: number;
  constructor(seed: number) {
    // Mix the seed so that small consecutive seeds give unrelated streams.
    this.s = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
