/**
 * The live feed (GET /api/v1/feed, Server-Sent Events). One EventSource per page; the browser
 * reconnects by itself (the server says `retry: 3000`). After a reconnect the events missed in
 * between are gone, so listeners are told to re-read their REST snapshot (`onResync`). Bursts
 * are merged per key before they reach the page: one update per rider per animation frame.
 */
import { API_BASE } from '../api/client';

export type FeedState = 'connecting' | 'open' | 'lost';

export interface FeedHandlers {
  /** Event type (alarm, box, plan, rider.position, …) → handler of its JSON data. */
  on: Record<string, (data: any) => void>;
  /** The connection (re)opened after a loss: re-read the snapshot. */
  onResync?: () => void;
  onState?: (s: FeedState) => void;
}

export interface Feed { close(): void }

export function openFeed(h: FeedHandlers): Feed {
  const es = new EventSource(`${API_BASE}/feed`, { withCredentials: true });
  let lost = false;
  h.onState?.('connecting');
  es.onopen = () => {
    h.onState?.('open');
    if (lost) h.onResync?.();
    lost = false;
  };
  es.onerror = () => {
    lost = true;
    h.onState?.(es.readyState === EventSource.CLOSED ? 'lost' : 'connecting');
  };
  for (const [type, f] of Object.entries(h.on)) {
    es.addEventListener(type, (ev) => {
      try { f(JSON.parse((ev as MessageEvent<string>).data)); } catch { /* a malformed event is dropped */ }
    });
  }
  return { close: () => es.close() };
}

/** Keeps the latest value per key and hands the batch over once per animation frame. */
export function mergePerFrame<T>(key: (v: T) => string, flush: (batch: T[]) => void): (v: T) => void {
  const pending = new Map<string, T>();
  let scheduled = false;
  return (v) => {
    pending.set(key(v), v);
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      const batch = [...pending.values()];
      pending.clear();
      flush(batch);
    });
  };
}
