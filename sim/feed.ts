/**
 * The real-time feed as a client reads it (GET /api/v1/feed, Server-Sent Events): every event
 * kept with the moment it arrived, so a step can wait for one and measure how long it took.
 */

export interface FeedEvent { type: string; data: any; receivedAt: number }

export class FeedReader {
  readonly events: FeedEvent[] = [];
  private waiters: Array<() => void> = [];
  private abort = new AbortController();

  private constructor() {}

  /** Opens the feed as the user of `token`; resolves once the server said it is connected. */
  static async open(baseUrl: string, token: string): Promise<FeedReader> {
    const f = new FeedReader();
    const res = await fetch(`${baseUrl}/api/v1/feed`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, signal: f.abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`feed: HTTP ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let connected!: () => void;
    const ready = new Promise<void>((r) => { connected = r; });
    void (async () => {
      let buf = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buf += decoder.decode(value, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            if (block.includes(': connected')) connected();
            const type = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (type && data) f.push({ type, data: JSON.parse(data), receivedAt: Date.now() });
          }
        }
      } catch { /* closed */ }
    })();
    await ready;
    return f;
  }

  private push(e: FeedEvent): void {
    this.events.push(e);
    const w = this.waiters;
    this.waiters = [];
    for (const x of w) x();
  }

  /** The first event (already received or to come) that matches, or an error after `ms`. */
  async waitFor(what: string, match: (e: FeedEvent) => boolean, ms: number): Promise<FeedEvent> {
    const end = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(match);
      if (hit) return hit;
      const left = end - Date.now();
      if (left <= 0) throw new Error(`no ${what} on the feed within ${ms} ms (saw ${this.events.map((e) => e.type).join(', ') || 'nothing'})`);
      await new Promise<void>((r) => { const t = setTimeout(r, left); this.waiters.push(() => { clearTimeout(t); r(); }); });
    }
  }

  close(): void { this.abort.abort(); }
}
