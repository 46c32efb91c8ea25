/**
 * The rider's offline outbox (after enketo's queue): every action is saved on the phone before
 * the screen says "saved", with its client event id and the phone's time, then sent in order.
 * When the network returns the latest position goes first (the dispatcher sees where the rider
 * is now), then the events one at a time in the order they were made, then the older positions.
 * A record is deleted only after the server answered it: 2xx is done; another 4xx is a conflict
 * kept for the rider to read (the server's idempotency makes a replayed event harmless, and a
 * refusal is final); 401 pauses the queue until the rider logs in again; no network, 408, 429 and
 * 5xx leave it in place and retry later with a growing, jittered delay.
 *
 * Storage is a port (`OutboxStore`): IndexedDB in the app (idb-store.ts), memory in unit tests.
 */
import type { ActionBody, PositionFix } from '../../../web-shared/api/rider';

/** Images taken at the door, kept with their event (IndexedDB stores Blobs) and uploaded just before it. */
export interface Attachments { photo?: Blob; signature?: Blob }
export interface QueuedEvent { seq: number; shipmentId: string; body: ActionBody; queuedAt: string; attachments?: Attachments }
export interface QueuedFix { seq: number; fix: PositionFix }
export interface Conflict { seq: number; shipmentId: string; action: string; clientEventId: string; status: number; code: string; message: string; state: string | null; at: string }

export interface OutboxStore {
  addEvent(e: Omit<QueuedEvent, 'seq'>): Promise<QueuedEvent>;
  events(): Promise<QueuedEvent[]>;
  deleteEvent(seq: number): Promise<void>;
  addFixes(f: PositionFix[]): Promise<void>;
  fixes(): Promise<QueuedFix[]>;
  deleteFixes(seqs: number[]): Promise<void>;
  addConflict(c: Omit<Conflict, 'seq'>): Promise<void>;
  conflicts(): Promise<Conflict[]>;
  deleteConflict(seq: number): Promise<void>;
}

/** What sending needs from the network: the API calls, answering or throwing an error with `status` (0 = no network) and `code`. */
export interface OutboxTransport {
  act(shipmentId: string, body: ActionBody): Promise<unknown>;
  positions(fixes: PositionFix[]): Promise<unknown>;
  /** A door photo or signature (the same bytes again give the same file id). */
  upload(shipmentId: string, kind: 'photo' | 'signature', image: Blob): Promise<{ id: string }>;
}

export type SendOutcome = 'sent' | 'empty' | 'offline' | 'paused';

interface TransportError { status?: number; code?: string; message?: string; details?: unknown }

/** Retry later (network down or server busy): the record stays. */
export const retryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

/** Most fixes per call (the API takes 500). */
export const FIX_BATCH = 500;

export class Outbox {
  private running: Promise<SendOutcome> | null = null;
  private again: Promise<SendOutcome> | null = null;
  paused = false;

  constructor(private store: OutboxStore, private transport: OutboxTransport, private hooks: {
    /** After each event the server answered (accepted or refused). */
    onAnswered?: (e: QueuedEvent, ok: boolean, answer: unknown) => void;
    /** The session is over (401): the rider must log in again. */
    onUnauthenticated?: () => void;
  } = {}) {}

  /** Saves an action; resolves once it is on the phone. */
  async enqueue(shipmentId: string, body: ActionBody, attachments?: Attachments): Promise<QueuedEvent> {
    return this.store.addEvent({ shipmentId, body, queuedAt: new Date().toISOString(), ...(attachments && (attachments.photo || attachments.signature) ? { attachments } : {}) });
  }

  async enqueueFixes(fixes: PositionFix[]): Promise<void> {
    if (fixes.length) await this.store.addFixes(fixes);
  }

  /**
   * Sends what is waiting. A call made while a pass is in flight gets one more pass after it
   * (that pass read the queue before this call's action was saved); calls made meanwhile share it.
   */
  flush(): Promise<SendOutcome> {
    if (this.paused) return Promise.resolve('paused');
    if (this.running) {
      this.again ??= this.running.then(() => { this.again = null; return this.flush(); });
      return this.again;
    }
    this.running = this.pass().finally(() => { this.running = null; });
    return this.running;
  }

  /** After a new login. */
  resume(): void { this.paused = false; }

  private async pass(): Promise<SendOutcome> {
    let sent = false;
    const fixes = await this.store.fixes();
    if (fixes.length) {
      // The latest position first, alone: the dispatcher's map is right before the backlog goes.
      const last = fixes[fixes.length - 1];
      const r = await this.sendFixes([last]);
      if (r !== 'sent') return r;
      sent = true;
    }
    for (const e of await this.store.events()) {
      const r = await this.sendEvent(e);
      if (r !== 'sent') return r;
      sent = true;
    }
    const rest = await this.store.fixes();
    for (let i = 0; i < rest.length; i += FIX_BATCH) {
      const r = await this.sendFixes(rest.slice(i, i + FIX_BATCH));
      if (r !== 'sent') return r;
      sent = true;
    }
    return sent ? 'sent' : 'empty';
  }

  private stop(err: TransportError): SendOutcome | null {
    const status = err.status ?? 0;
    if (status === 401) {
      this.paused = true;
      this.hooks.onUnauthenticated?.();
      return 'paused';
    }
    return retryable(status) ? 'offline' : null;
  }

  private async sendEvent(e: QueuedEvent): Promise<SendOutcome> {
    try {
      const body = { ...e.body };
      // Uploaded first, then named in the event; a replay uploads the same bytes to the same id.
      if (e.attachments?.photo) body.photoId = (await this.transport.upload(e.shipmentId, 'photo', e.attachments.photo)).id;
      if (e.attachments?.signature) body.signatureId = (await this.transport.upload(e.shipmentId, 'signature', e.attachments.signature)).id;
      const answer = await this.transport.act(e.shipmentId, body);
      await this.store.deleteEvent(e.seq);
      this.hooks.onAnswered?.(e, true, answer);
      return 'sent';
    } catch (raw) {
      const err = raw as TransportError;
      const stop = this.stop(err);
      if (stop) return stop;
      const details = (err.details ?? null) as { state?: string } | null;
      await this.store.addConflict({
        shipmentId: e.shipmentId, action: e.body.action, clientEventId: e.body.clientEventId, status: err.status ?? 0,
        code: err.code ?? 'unknown', message: err.message ?? '', state: details?.state ?? null, at: new Date().toISOString(),
      });
      await this.store.deleteEvent(e.seq);
      this.hooks.onAnswered?.(e, false, err);
      return 'sent';
    }
  }

  private async sendFixes(batch: QueuedFix[]): Promise<SendOutcome> {
    try {
      await this.transport.positions(batch.map((f) => f.fix));
    } catch (raw) {
      const stop = this.stop(raw as TransportError);
      if (stop) return stop;
      // A batch the API refuses as a whole (a malformed fix) would block the queue for good.
    }
    await this.store.deleteFixes(batch.map((f) => f.seq));
    return 'sent';
  }
}

/** Delay before retry number `attempt` (1, 2, …): doubling from 2 s to 60 s, ±25 % jitter. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(60_000, 2000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** An id for an event the phone makes: unique without a server (time + random), in the API's alphabet. */
export function newClientEventId(now = Date.now(), random = Math.random): string {
  return `rdr-${now.toString(36)}-${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;
}

/** The store in memory (unit tests, and the fallback where IndexedDB is unavailable). */
export class MemoryOutboxStore implements OutboxStore {
  private seq = 0;
  private ev: QueuedEvent[] = [];
  private fx: QueuedFix[] = [];
  private cf: Conflict[] = [];
  async addEvent(e: Omit<QueuedEvent, 'seq'>) { const q = { ...e, seq: ++this.seq }; this.ev.push(q); return q; }
  async events() { return [...this.ev]; }
  async deleteEvent(seq: number) { this.ev = this.ev.filter((e) => e.seq !== seq); }
  async addFixes(f: PositionFix[]) { for (const fix of f) this.fx.push({ seq: ++this.seq, fix }); }
  async fixes() { return [...this.fx]; }
  async deleteFixes(seqs: number[]) { const s = new Set(seqs); this.fx = this.fx.filter((f) => !s.has(f.seq)); }
  async addConflict(c: Omit<Conflict, 'seq'>) { this.cf.push({ ...c, seq: ++this.seq }); }
  async conflicts() { return [...this.cf]; }
  async deleteConflict(seq: number) { this.cf = this.cf.filter((c) => c.seq !== seq); }
}
