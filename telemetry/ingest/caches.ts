/**
 * Short-lived per-process caches of the other contexts' answers (box registry, custody): the
 * ports are called once per box per TTL rather than once per message.
 */
import type { BoxCustody, BoxInfo, TelemetryPorts } from '../ports';

export class BoxCache {
  private m = new Map<string, { at: number; v: BoxInfo | null }>();
  constructor(private readonly ports: TelemetryPorts, private readonly ttlMs: number) {}

  async get(boxId: string, now = Date.now()): Promise<BoxInfo | null> {
    const c = this.m.get(boxId);
    if (c && now - c.at <= this.ttlMs) return c.v;
    const v = await this.ports.boxInfo(boxId);
    this.m.set(boxId, { at: now, v });
    return v;
  }
}

export class CustodyCache {
  private m = new Map<string, { at: number; v: BoxCustody[] }>();
  constructor(private readonly ports: TelemetryPorts, private readonly ttlMs: number) {}

  /** Custody now (cached). */
  async current(boxId: string, now = Date.now()): Promise<BoxCustody[]> {
    const c = this.m.get(boxId);
    if (c && now - c.at <= this.ttlMs) return c.v;
    const v = await this.ports.custodyAt(boxId, new Date(now));
    this.m.set(boxId, { at: now, v });
    return v;
  }

  /**
   * Reads custody now again, unless the cached answer is already from `now`. For a live open-door
   * reading the cached door windows do not cover: the rider may have reached the handover place
   * since (positions and lifecycle are written by the api processes, which do not tell ingest).
   * Only such readings pay for it, not every reading.
   */
  async refresh(boxId: string, now = Date.now()): Promise<boolean> {
    const c = this.m.get(boxId);
    if (c && c.at >= now) return false;
    this.m.set(boxId, { at: now, v: await this.ports.custodyAt(boxId, new Date(now)) });
    return true;
  }

  /** Whether a reading at `ts` is live: `at` answers it from the cached current custody rather than the port. */
  isLive(ts: number, now: number): boolean {
    return Math.abs(now - ts) <= this.ttlMs;
  }

  /**
   * Custody at a reading's device time. Live readings (within the TTL of now) use the cached
   * current answer filtered to the interval; older ones (buffered flushes) ask the port, once
   * per box and minute within a batch (`memo`).
   */
  async at(boxId: string, ts: number, now: number, memo: Map<string, Promise<BoxCustody[]>>): Promise<BoxCustody[]> {
    if (this.isLive(ts, now)) {
      return (await this.current(boxId, now)).filter((c) => c.from.getTime() <= ts && (c.to === null || ts < c.to.getTime()));
    }
    const k = `${boxId}|${Math.floor(ts / 60_000)}`;
    let p = memo.get(k);
    if (!p) { p = this.ports.custodyAt(boxId, new Date(ts)); memo.set(k, p); }
    return (await p).filter((c) => c.from.getTime() <= ts && (c.to === null || ts < c.to.getTime()));
  }
}
