/**
 * The rider's state, one instance per page: the route (plan + each stop's lifecycle and order),
 * the box, open alarms, the outbox and whether the network answers. Pages read it; actions go
 * through `act`, which saves to the outbox before anything else. The server is the truth: after
 * each answer the stop is read again; while actions wait, the stop shows where they will lead
 * (the server's own lifecycle machine, web-shared/lifecycle).
 */
import { computed, reactive } from 'vue';
import { ApiError } from '../../web-shared/api/client';
import { riderApi, type ActionBody, type BoxState, type HandoverOffer, type PlanStop, type PositionFix, type RiderPlan } from '../../web-shared/api/rider';
import type { Alarm, Order } from '../../web-shared/api/types';
import { decide, type Action, type State } from '../../web-shared/lifecycle/lifecycle';
import { cacheGet, cachePut, clearAll } from './offline/db';
import { IdbOutboxStore } from './outbox/idb-store';
import { backoffMs, newClientEventId, Outbox, type Attachments, type Conflict, type QueuedEvent } from './outbox/outbox';

/** What the app knows of one shipment on the route. Customer details are kept only in memory. */
export interface ShipmentView {
  id: string; orderId: string | null; state: State;
  window: { start: string | null; end: string } | null; units: number | null; coldClasses: string[];
  customer: Order['customer'] | null;
}

export interface CachedRoute { at: string; stops: PlanStop[]; shipments: Record<string, Omit<ShipmentView, 'customer'>> }

const store = new IdbOutboxStore();

export const rider = reactive({
  riderId: null as string | null,
  stops: [] as PlanStop[],
  shipments: {} as Record<string, ShipmentView>,
  routeAt: null as string | null,
  routeFromCache: false,
  routeError: null as string | null,
  boxes: [] as BoxState[],
  alarms: [] as Alarm[],
  pending: [] as QueuedEvent[],
  conflicts: [] as Conflict[],
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  sending: false,
  paused: false,
  onDuty: localStorage.getItem('coldchain.rider.duty') === 'online',
  lastFix: null as PositionFix | null,
  /** Handover offers made to this rider (to take over) and by them (to see taken); online only. */
  offers: { incoming: [] as HandoverOffer[], outgoing: [] as HandoverOffer[] },
});

export const pendingCount = computed(() => rider.pending.length);

/** A stop's state as the rider should see it: the server's, moved on by the actions still waiting. */
export function shownState(shipmentId: string): State {
  let s = rider.shipments[shipmentId]?.state ?? 'planned';
  for (const e of rider.pending) {
    if (e.shipmentId !== shipmentId) continue;
    const d = decide(s, e.body.action);
    if (d.ok) s = d.to;
  }
  return s;
}

let retryTimer: ReturnType<typeof setTimeout> | null = null;
/** The outbox as read from the phone at start (loadRoute waits for it before dropping stops). */
let queueReady: Promise<void> = Promise.resolve();
let attempt = 0;

const outbox = new Outbox(store, {
  act: (id, body) => riderApi.act(id, body),
  positions: (fixes) => riderApi.positions(fixes),
  upload: (id, kind, image) => riderApi.upload(id, kind, image),
}, {
  onAnswered: (e) => { void refreshShipment(e.shipmentId); if (e.body.action === 'hand_over') void loadOffers(); },
  onUnauthenticated: () => { rider.paused = true; },
});

async function reloadQueue(): Promise<void> {
  rider.pending = await store.events();
  rider.conflicts = await store.conflicts();
}

/** Sends what waits; on no network, tries again later (backoff) or when the browser says online. */
export async function flush(): Promise<void> {
  if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
  rider.sending = true;
  try {
    const r = await outbox.flush();
    rider.paused = outbox.paused;
    if (r === 'offline') {
      rider.online = false;
      retryTimer = setTimeout(() => void flush(), backoffMs(++attempt));
    } else if (r !== 'paused') {
      rider.online = true;
      attempt = 0;
    }
  } finally {
    rider.sending = false;
    await reloadQueue();
  }
}

/** Saves a lifecycle step in the outbox (on the phone first), then tries to send it. */
export async function act(shipmentId: string, action: Action, extra: Partial<ActionBody> = {}, attachments?: Attachments): Promise<void> {
  const body: ActionBody = {
    ...extra, action, clientEventId: newClientEventId(), deviceAt: new Date().toISOString(),
    ...(rider.lastFix ? { location: { lat: rider.lastFix.lat, lng: rider.lastFix.lng }, accuracyM: rider.lastFix.accuracyM } : {}),
  };
  await outbox.enqueue(shipmentId, body, attachments);
  await reloadQueue();
  void flush();
}

export async function queueFixes(fixes: PositionFix[]): Promise<void> {
  if (!fixes.length) return;
  rider.lastFix = fixes[fixes.length - 1];
  await outbox.enqueueFixes(fixes);
  void flush();
}

export async function dismissConflict(seq: number): Promise<void> {
  await store.deleteConflict(seq);
  await reloadQueue();
}

const offline = (e: unknown) => e instanceof ApiError && e.status === 0;

/** Reads one shipment again (after an answer); customer details only while the API shows them. */
export async function refreshShipment(id: string): Promise<void> {
  try {
    const l = await riderApi.lifecycle(id);
    const prev = rider.shipments[id];
    let order: Order | null = null;
    try { order = await riderApi.order(l.orderId); } catch (e) { if (!(e instanceof ApiError) || e.status !== 404) throw e; }
    rider.shipments[id] = {
      id, orderId: l.orderId, state: l.state,
      window: order?.window ?? prev?.window ?? null,
      // How many items, never which: no product names on the rider's screen.
      units: order ? order.items.reduce((n, i) => n + i.quantity, 0) : prev?.units ?? null,
      coldClasses: order?.shipments.find((s) => s.id === id)?.coldClasses ?? prev?.coldClasses ?? [],
      customer: order?.customer ?? null,
    };
  } catch (e) {
    if (!offline(e) && !(e instanceof ApiError && (e.status === 403 || e.status === 404))) throw e;
  }
  await saveRoute();
}

async function saveRoute(): Promise<void> {
  const shipments: CachedRoute['shipments'] = {};
  // Masked or not, the customer is not written to the phone's storage.
  for (const [k, v] of Object.entries(rider.shipments)) { const { customer: _c, ...rest } = v; void _c; shipments[k] = rest; }
  // Plain copies: IndexedDB cannot clone Vue's reactive proxies.
  await cachePut(`route:${rider.riderId}`, JSON.parse(JSON.stringify({ at: rider.routeAt ?? new Date().toISOString(), stops: rider.stops, shipments } satisfies CachedRoute)));
}

/** The route asked for before the session was known (`prefetchRoute`), taken by the next `loadRoute`. */
let early: Promise<RiderPlan> | null = null;

/**
 * Asks for the logged-in rider's route now, while /auth/me is still on its way: on a phone's slow
 * link each round trip is over half a second, and the route is what the first screen shows.
 * index.html preloads the same URL, so the answer is usually there before the app's code is.
 */
export function prefetchRoute(): void {
  early = riderApi.ownPlan();
  early.catch(() => undefined);
}

/** Drops the early answer (no rider was logged in: a later login asks again). */
export function dropPrefetchedRoute(): void { early = null; }

/** The route from the API, or from the phone when there is no network. */
export async function loadRoute(): Promise<void> {
  if (!rider.riderId) return;
  rider.routeError = null;
  // Asked first: on a slow link the answer takes longest. What the phone kept shows meanwhile.
  const planned = early ?? riderApi.ownPlan();
  early = null;
  planned.catch(() => undefined);
  if (!rider.stops.length && !(await showCachedRoute())) return;
  try {
    const plan = await planned;
    // Which shipments still have actions waiting decides what may be dropped below.
    await queueReady;
    rider.stops = plan.route?.stops ?? [];
    rider.routeAt = new Date().toISOString();
    rider.routeFromCache = false;
    const ids = [...new Set(rider.stops.map((s) => s.shipmentId))];
    for (const id of Object.keys(rider.shipments)) if (!ids.includes(id) && !rider.pending.some((p) => p.shipmentId === id)) delete rider.shipments[id];
    await Promise.all(ids.map((id) => refreshShipment(id)));
    await saveRoute();
  } catch (e) {
    if (!offline(e)) { rider.routeError = (e as Error).message; return; }
    rider.online = false;
    await showCachedRoute();
  }
}

/** Shows the route kept on the phone (false when the rider changed meanwhile). */
async function showCachedRoute(): Promise<boolean> {
  const riderId = rider.riderId;
  const c = await cacheGet<CachedRoute>(`route:${riderId}`);
  if (riderId !== rider.riderId) return false;
  if (c) {
    rider.stops = c.stops;
    rider.routeAt = c.at;
    rider.routeFromCache = true;
    for (const [k, v] of Object.entries(c.shipments)) if (!rider.shipments[k]) rider.shipments[k] = { ...v, customer: null };
  }
  return true;
}

export async function loadBoxes(): Promise<void> {
  const riderId = rider.riderId;
  if (!rider.boxes.length) {
    const c = await cacheGet<{ boxes: BoxState[]; alarms: Alarm[] }>(`boxes:${riderId}`);
    if (c && riderId === rider.riderId && !rider.boxes.length) { rider.boxes = c.boxes; rider.alarms = c.alarms; }
  }
  try {
    const [boxes, alarms] = await Promise.all([riderApi.boxes(), riderApi.openAlarms()]);
    rider.boxes = boxes.boxes;
    rider.alarms = alarms.alarms;
    await cachePut(`boxes:${rider.riderId}`, JSON.parse(JSON.stringify({ boxes: rider.boxes, alarms: rider.alarms })));
  } catch (e) {
    if (!offline(e)) throw e;
    const c = await cacheGet<{ boxes: BoxState[]; alarms: Alarm[] }>(`boxes:${rider.riderId}`);
    if (c) { rider.boxes = c.boxes; rider.alarms = c.alarms; }
  }
}

export function applyBox(b: BoxState): void {
  const i = rider.boxes.findIndex((x) => x.boxId === b.boxId);
  if (i >= 0) rider.boxes[i] = b;
  else if (b.riderId === rider.riderId) rider.boxes.push(b);
  void cachePut(`boxes:${rider.riderId}`, JSON.parse(JSON.stringify({ boxes: rider.boxes, alarms: rider.alarms })));
}

export function applyAlarm(a: Alarm): void {
  const i = rider.alarms.findIndex((x) => x.id === a.id);
  if (a.status === 'resolved') { if (i >= 0) rider.alarms.splice(i, 1); return; }
  if (i >= 0) rider.alarms[i] = a;
  else rider.alarms.unshift(a);
}

/** Reads the rider's handover offers; without a network the last ones stay on screen. */
export async function loadOffers(): Promise<void> {
  if (!rider.riderId) return;
  try {
    rider.offers = await riderApi.handoverOffers();
  } catch {
    // Offline or refused: the last offers stay on screen; the next feed event or reconnect asks again.
  }
}

/**
 * Offers a shipment this rider carries to another rider. Sent at once, not through the outbox:
 * the two riders are side by side, and the receiver's phone needs the offer to take the
 * shipment over (their `hand_over` step, which does go through the outbox).
 */
export async function offerHandover(shipmentId: string, toRiderId: string): Promise<HandoverOffer> {
  const o = await riderApi.offerHandover(shipmentId, toRiderId, newClientEventId());
  await loadOffers();
  return o;
}

export async function setDuty(on: boolean): Promise<void> {
  await riderApi.setStatus(rider.riderId!, on ? 'online' : 'offline');
  rider.onDuty = on;
  localStorage.setItem('coldchain.rider.duty', on ? 'online' : 'offline');
}

export async function start(riderId: string): Promise<void> {
  rider.riderId = riderId;
  outbox.resume();
  rider.paused = false;
  queueReady = reloadQueue();
  await queueReady;
  void flush();
}

/** Logging out forgets everything on the phone except what still has to be sent. */
export async function forget(): Promise<void> {
  early = null;
  if (rider.pending.length === 0) await clearAll();
  rider.riderId = null;
  rider.stops = [];
  rider.shipments = {};
  rider.boxes = [];
  rider.alarms = [];
  rider.offers = { incoming: [], outgoing: [] };
}

