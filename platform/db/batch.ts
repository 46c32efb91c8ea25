/**
 * Calls that arrive together go to the database together. Every call made while the event
 * loop works through one round of I/O is collected, and the lot is sent as ONE statement when
 * that round ends (setImmediate), or as soon as `maxBatch` are waiting. Nothing waits for a
 * timer: a lone call leaves at the end of its own round.
 *
 * Why: every message to PostgreSQL costs the sender a write that wakes a backend, and the
 * backend its own per-statement work, so many calls in one statement cost far less than each alone.
 *
 * With `maxInFlight`, at most that many batches run at once: calls made meanwhile wait and
 * leave together, as one batch, when a running one ends (group commit). Writers that lock the
 * same rows use it, so their batches do not queue on each other's row locks inside the
 * database. A batch that has run `overlapAfterMs` no longer holds the others back (a stuck
 * lock, a stalled disk flush): the calls waiting then leave at once.
 *
 * `run` answers one result per input, in order; a result may be an Error, which goes to that
 * call alone. If `run` itself throws, every call of the batch gets the error.
 */
export interface BatcherOptions {
  /** Send once this many calls wait (default 32). */
  maxBatch?: number;
  /** Batches running at once (default: no limit). */
  maxInFlight?: number;
  /** After this long a running batch stops counting against `maxInFlight` (default 250 ms). */
  overlapAfterMs?: number;
}

export class Batcher<I, O> {
  private pending: Array<{ input: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  /** Batches running and still counting against the limit: id → start (performance.now). */
  private running = new Map<number, number>();
  private nextId = 0;
  private overdueTimer: NodeJS.Timeout | undefined;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly overlapAfterMs: number;

  constructor(
    private readonly run: (inputs: I[]) => Promise<Array<O | Error>>,
    opts: BatcherOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 32;
    this.maxInFlight = opts.maxInFlight ?? Infinity;
    this.overlapAfterMs = opts.overlapAfterMs ?? 250;
  }

  call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    while (this.pending.length) {
      if (this.running.size >= this.maxInFlight) return this.watchOverdue();
      const batch = this.pending.splice(0, this.maxBatch);
      const id = this.nextId++;
      this.running.set(id, performance.now());
      const done = () => {
        this.running.delete(id);
        this.flush();
      };
      this.run(batch.map((b) => b.input)).then(
        (outs) => {
          batch.forEach((b, i) => {
            const o = outs[i];
            if (o instanceof Error) b.reject(o);
            else if (outs.length !== batch.length) b.reject(new Error(`batch answered ${outs.length} results for ${batch.length} calls`));
            else b.resolve(o);
          });
          done();
        },
        (e) => {
          batch.forEach((b) => b.reject(e));
          done();
        },
      );
    }
  }

  /** Calls wait on running batches: once the oldest has run overlapAfterMs, it stops counting. */
  private watchOverdue(): void {
    if (this.overdueTimer) return;
    const [id, startedAt] = this.running.entries().next().value!; // insertion order: the oldest
    this.overdueTimer = setTimeout(() => {
      this.overdueTimer = undefined;
      this.running.delete(id);
      this.flush();
    }, Math.max(0, startedAt + this.overlapAfterMs - performance.now()));
  }
}
