import { describe, expect, it } from 'vitest';
import { backoffMs, MemoryOutboxStore, newClientEventId, Outbox, type OutboxTransport } from './outbox';
import type { ActionBody, PositionFix } from '../../../web-shared/api/rider';

class Err extends Error { constructor(readonly status: number, readonly code: string, readonly details: unknown = null) { super(code); } }

/** A server that records what it received, answering each call with what `answer` says. */
function server(answer: (kind: 'act' | 'positions' | 'upload', arg: unknown) => void = () => undefined) {
  const calls: Array<[string, unknown]> = [];
  const t: OutboxTransport = {
    async act(shipmentId, body) { answer('act', body); calls.push([`act ${shipmentId} ${body.action}`, body]); return { state: 'x' }; },
    async positions(fixes) { answer('positions', fixes); calls.push([`positions ${fixes.map((f) => f.at).join(',')}`, fixes]); return {}; },
    async upload(shipmentId, kind, image) { answer('upload', image); calls.push([`upload ${shipmentId} ${kind} ${image.size}`, image]); return { id: `pod_${kind}${image.size}` }; },
  };
  return { t, calls };
}

const body = (action: ActionBody['action'], id: string): ActionBody => ({ action, clientEventId: id, deviceAt: '2026-12-05T08:00:00Z' });
const fix = (at: string): PositionFix => ({ at, lat: 23.13, lng: 113.32, accuracyM: 5 });

describe('outbox', () => {
  it('sends the latest position first, then the events in order, then the older positions; each once', async () => {
    const store = new MemoryOutboxStore();
    const { t, calls } = server();
    const o = new Outbox(store, t);
    await o.enqueueFixes([fix('08:00'), fix('08:01')]);
    await o.enqueue('shp_a', body('arrive_pickup', 'e1'));
    await o.enqueue('shp_a', body('pick_up', 'e2'));
    await o.enqueueFixes([fix('08:02')]);
    await o.enqueue('shp_b', body('depart', 'e3'));
    expect(await o.flush()).toBe('sent');
    expect(calls.map((c) => c[0])).toEqual(['positions 08:02', 'act shp_a arrive_pickup', 'act shp_a pick_up', 'act shp_b depart', 'positions 08:00,08:01']);
    expect(await o.flush()).toBe('empty');
    expect(calls).toHaveLength(5);
  });

  it('keeps everything when the network is down and sends it later in the same order', async () => {
    const store = new MemoryOutboxStore();
    let online = false;
    const { t, calls } = server(() => { if (!online) throw new Err(0, 'network_error'); });
    const o = new Outbox(store, t);
    for (let i = 0; i < 30; i++) await o.enqueue(`shp_${i % 5}`, body('depart', `e${i}`));
    expect(await o.flush()).toBe('offline');
    expect(await store.events()).toHaveLength(30);
    online = true;
    expect(await o.flush()).toBe('sent');
    expect(calls.map((c) => (c[1] as ActionBody).clientEventId)).toEqual(Array.from({ length: 30 }, (_, i) => `e${i}`));
    expect(await store.events()).toHaveLength(0);
  });

  it('stops at a busy server (503, 429, 408) without losing the event or skipping ahead', async () => {
    for (const status of [503, 429, 408]) {
      const store = new MemoryOutboxStore();
      let fail = true;
      const { t, calls } = server(() => { if (fail) throw new Err(status, 'busy'); });
      const o = new Outbox(store, t);
      await o.enqueue('shp_a', body('depart', 'e1'));
      await o.enqueue('shp_a', body('arriving', 'e2'));
      expect(await o.flush()).toBe('offline');
      expect((await store.events()).map((e) => e.body.clientEventId)).toEqual(['e1', 'e2']);
      fail = false;
      await o.flush();
      expect(calls.map((c) => (c[1] as ActionBody).clientEventId)).toEqual(['e1', 'e2']);
    }
  });

  it('keeps a refusal as a conflict with the server\'s code and state, and goes on with the next event', async () => {
    const store = new MemoryOutboxStore();
    const answered: Array<[string, boolean]> = [];
    const { t, calls } = server((kind, arg) => { if (kind === 'act' && (arg as ActionBody).clientEventId === 'e1') throw new Err(409, 'shipment_ended', { state: 'cancelled' }); });
    const o = new Outbox(store, t, { onAnswered: (e, ok) => answered.push([e.body.clientEventId, ok]) });
    await o.enqueue('shp_a', body('depart', 'e1'));
    await o.enqueue('shp_b', body('depart', 'e2'));
    await o.flush();
    expect(answered).toEqual([['e1', false], ['e2', true]]);
    expect(calls).toHaveLength(1);
    expect(await store.conflicts()).toMatchObject([{ shipmentId: 'shp_a', action: 'depart', status: 409, code: 'shipment_ended', state: 'cancelled' }]);
    expect(await store.events()).toHaveLength(0);
  });

  it('uploads the door photo and signature before the deliver event and names them in it, again after a failed try', async () => {
    const store = new MemoryOutboxStore();
    let tries = 0;
    const { t, calls } = server((kind) => { if (kind === 'act' && ++tries === 1) throw new Err(0, 'network_error'); });
    const o = new Outbox(store, t);
    await o.enqueue('shp_a', { ...body('deliver', 'e1'), code: '123456' }, { photo: new Blob([new Uint8Array(3)]), signature: new Blob([new Uint8Array(5)]) });
    expect(await o.flush()).toBe('offline');
    expect(await o.flush()).toBe('sent');
    expect(calls.map((c) => c[0])).toEqual(['upload shp_a photo 3', 'upload shp_a signature 5', 'upload shp_a photo 3', 'upload shp_a signature 5', 'act shp_a deliver']);
    expect(calls[4][1]).toMatchObject({ action: 'deliver', code: '123456', photoId: 'pod_photo3', signatureId: 'pod_signature5' });
  });

  it('pauses on 401 until resumed, keeping the event', async () => {
    const store = new MemoryOutboxStore();
    let loggedIn = false;
    let told = 0;
    const { t, calls } = server(() => { if (!loggedIn) throw new Err(401, 'unauthenticated'); });
    const o = new Outbox(store, t, { onUnauthenticated: () => told++ });
    await o.enqueue('shp_a', body('depart', 'e1'));
    expect(await o.flush()).toBe('paused');
    expect(await o.flush()).toBe('paused');
    expect(told).toBe(1);
    loggedIn = true;
    o.resume();
    expect(await o.flush()).toBe('sent');
    expect(calls).toHaveLength(1);
  });

  it('shares one pass between concurrent flushes (no event sent twice)', async () => {
    const store = new MemoryOutboxStore();
    const { t, calls } = server();
    const o = new Outbox(store, t);
    for (let i = 0; i < 5; i++) await o.enqueue('shp_a', body('depart', `e${i}`));
    await Promise.all([o.flush(), o.flush(), o.flush()]);
    expect(calls).toHaveLength(5);
  });

  it('an action saved while a pass is in flight is sent by a pass after it', async () => {
    const store = new MemoryOutboxStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const calls: string[] = [];
    const o = new Outbox(store, {
      async act(_s, body) { if (body.clientEventId === 'e1') await gate; calls.push(body.clientEventId); return {}; },
      async positions() { return {}; },
      async upload() { return { id: 'x' }; },
    });
    await o.enqueue('shp_a', body('depart', 'e1'));
    const first = o.flush();
    await new Promise((r) => setTimeout(r, 10));
    await o.enqueue('shp_a', body('arriving', 'e2'));
    const second = o.flush();
    release();
    await Promise.all([first, second]);
    expect(calls).toEqual(['e1', 'e2']);
    expect(await store.events()).toHaveLength(0);
  });

  it('backs off from 2 s doubling to 60 s with jitter; client ids fit the API', () => {
    expect(backoffMs(1, () => 0.5)).toBe(2000);
    expect(backoffMs(3, () => 0.5)).toBe(8000);
    expect(backoffMs(20, () => 0.5)).toBe(60_000);
    expect(backoffMs(1, () => 0)).toBe(1500);
    expect(backoffMs(1, () => 1)).toBe(2500);
    const id = newClientEventId();
    expect(id).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
    expect(newClientEventId()).not.toBe(id);
  });
});
