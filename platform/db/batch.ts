/**
 * Calls that arrive together go to the database together. Every call made while the event
 * loop works through one round of I/O is collected, and the lot is sent as ONE statement when
 * that round ends (setImmediate), or as soon as `maxBatch` are waiting. Nothing waits for a
 * timer: a lone call leaves at the end of its own round.
 *
 * Why: on this project's 2-core machine, every message to PostgreSQL costs the sender ~50 µs
 * of wall time in writev (waking a backend on the other core; DEVELOPERS.md's machine) besides
 * the backend's own per-statement work. Under bench:dispatch ~30 orders arrive per round.
 *
 * `run` answers one result per input, in order; a result may be an Error, which goes to that
 * call alone. If `run` itself throws, every call of the batch gets the error.
 */
export class Batcher<I, O> {
  private pending: Array<{ input: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;

  constructor(
    private readonly run: (inputs: I[]) => Promise<Array<O | Error>>,
    private readonly maxBatch = 32,
  ) {}

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
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    this.run(batch.map((b) => b.input)).then(
      (outs) => {
        batch.forEach((b, i) => {
          const o = outs[i];
          if (o instanceof Error) b.reject(o);
          else if (outs.length !== batch.length) b.reject(new Error(`batch answered ${outs.length} results for ${batch.length} calls`));
          else b.resolve(o);
        });
      },
      (e) => batch.forEach((b) => b.reject(e)),
    );
  }
}
