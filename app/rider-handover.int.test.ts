/**
 * Rider-to-rider handover with the receiver's consent, through the HTTP API on the real stack:
 * the carrying rider offers the shipment (POST /shipments/{id}/handover-offers), the receiving
 * rider takes it over with the `hand_over` step from their own phone, naming the label and the
 * box they scanned. The bad inputs of each side, the custody legs, replays, and the offer lists.
 * The same flow in the rider app, with two phones, is in rider-app/rider.int.test.ts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MqttClient } from 'mqtt';
import { makeUser, call, type TestApi, type TestUser } from '../platform/testing/harness';
import { facility, sku, stock, box, rider, orderBody } from '../dispatch/testing/fixtures';
import { boxReadings, startCarryStack, type CarryStack } from './testing/carry';

process.env.TELEMETRY_CACHE_TTL_MS = '0';

let stack: CarryStack;
let api: TestApi;
let pub: MqttClient;
let dispatcher: TestUser;

beforeAll(async () => {
  stack = await startCarryStack();
  ({ api, pub, dispatcher } = stack);
});

afterAll(async () => { await stack?.close(); });

/** 35 minutes in range from the box's buffer: pre-cooled. */
const precool = (boxId: string) => boxReadings(pub, boxId, 35);

/** Two riders of one facility, each with their own paired box; rider A has picked up a chilled shipment. */
async function twoRiders(opts: { precoolB?: boolean } = {}) {
  const f = await facility({ tier: 'forward' });
  const s = await sku({ cls: 'chilled' });
  await stock(f.id, s.id, 50);
  const [boxA, boxB] = [await box(f.id), await box(f.id)];
  const [a, b] = [await rider(f.id), await rider(f.id)];
  for (const [bx, r] of [[boxA, a], [boxB, b]] as const) {
    const paired = await call(api.url, 'POST', `/api/v1/boxes/${bx.id}/pairing`, { token: dispatcher.token, body: { riderId: r.id } });
    expect(paired.status, JSON.stringify(paired.body)).toBe(200);
  }
  await precool(boxA.id);
  if (opts.precoolB !== false) await precool(boxB.id);
  const o = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }]) });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  const shp = o.body.shipments[0].id as string;
  const [userA, userB] = [await makeUser('rider', { riderId: a.id }), await makeUser('rider', { riderId: b.id })];
  const act = (body: Record<string, unknown>, token: string) => call(api.url, 'POST', `/api/v1/shipments/${shp}/events`, { token, body });
  const offer = (body: Record<string, unknown>, token: string, id = shp) => call(api.url, 'POST', `/api/v1/shipments/${id}/handover-offers`, { token, body });
  const offers = (token: string) => call(api.url, 'GET', '/api/v1/riders/me/handover-offers', { token });
  return { facilityId: f.id, shp, token: o.body.token as string, a: a.id, b: b.id, boxA: boxA.id, boxB: boxB.id, userA, userB, act, offer, offers };
}

describe('rider-to-rider handover, accepted by the receiver', () => {
  it('moves custody only when the receiving rider scans the label and their own box; both riders see the outcome', async () => {
    const h = await twoRiders();
    // Nothing to hand over before pickup.
    const early = await h.offer({ toRiderId: h.b }, h.userA.token);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('transition_not_allowed');
    expect((await h.act({ action: 'pick_up', boxId: h.boxA, label: h.shp }, h.userA.token)).body.state).toBe('picked_up');
    expect((await h.act({ action: 'depart' }, h.userA.token)).body.state).toBe('in_transit');

    // Without an offer the other rider may not take it.
    const uninvited = await h.act({ action: 'hand_over', boxId: h.boxB, label: h.shp }, h.userB.token);
    expect(uninvited.status).toBe(403);
    expect(uninvited.body.error.code).toBe('other_rider');

    const offered = await h.offer({ toRiderId: h.b, clientEventId: 'offer-1' }, h.userA.token);
    expect(offered.status, JSON.stringify(offered.body)).toBe(200);
    expect(offered.body).toMatchObject({ shipmentId: h.shp, fromRiderId: h.a, toRiderId: h.b, status: 'open', boxId: null, coldClasses: ['chilled'] });
    // The same offer sent again (an app retrying) is the same offer.
    expect((await h.offer({ toRiderId: h.b, clientEventId: 'offer-1' }, h.userA.token)).body.id).toBe(offered.body.id);
    // Still rider A's until taken over: the offer alone moves nothing.
    const before = (await call(api.url, 'GET', `/api/v1/shipments/${h.shp}/lifecycle`, { token: dispatcher.token })).body;
    expect(before.riderId).toBe(h.a);
    expect((await h.offers(h.userB.token)).body.incoming).toMatchObject([{ shipmentId: h.shp, fromRiderId: h.a, status: 'open' }]);
    expect((await h.offers(h.userA.token)).body).toMatchObject({ incoming: [], outgoing: [{ shipmentId: h.shp, toRiderId: h.b, status: 'open' }] });

    // The receiver's mistakes, each refused with its own code and nothing moved.
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ boxId: h.boxB }, 400, 'label_required'],
      [{ label: h.shp }, 400, 'box_required'],
      [{ boxId: h.boxB, label: 'shp_someotherbag' }, 409, 'wrong_label'],
      [{ boxId: h.boxA, label: h.shp }, 409, 'box_not_paired'],
      [{ boxId: 'box_nosuchbox', label: h.shp }, 404, 'box_not_found'],
      [{ boxId: h.boxB, label: h.shp, toRiderId: h.a }, 400, 'handover_target'],
    ];
    for (const [body, status, code] of cases) {
      const r = await h.act({ action: 'hand_over', ...body }, h.userB.token);
      expect(r.status, `${code}: ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    expect((await call(api.url, 'GET', `/api/v1/shipments/${h.shp}/lifecycle`, { token: dispatcher.token })).body.riderId).toBe(h.a);

    const taken = await h.act({ action: 'hand_over', boxId: h.boxB, label: `https://track.example/t/${h.token}`, clientEventId: 'take-1' }, h.userB.token);
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body).toMatchObject({ state: 'in_transit', action: 'hand_over', fromRiderId: h.a, toRiderId: h.b, boxId: h.boxB, offerId: offered.body.id });
    // Replayed from the receiver's outbox: the same answer, one event.
    expect((await h.act({ action: 'hand_over', boxId: h.boxB, label: h.shp, clientEventId: 'take-1' }, h.userB.token)).body).toEqual(taken.body);

    const l = (await call(api.url, 'GET', `/api/v1/shipments/${h.shp}/lifecycle`, { token: dispatcher.token })).body;
    expect(l.custody.map((k: any) => `${k.holder.kind}:${k.holder.id ?? ''}:${k.boxId ?? ''}`)).toEqual([`facility:${h.facilityId}:`, `rider:${h.a}:${h.boxA}`, `rider:${h.b}:${h.boxB}`]);
    expect(l.events.filter((e: any) => e.action === 'hand_over')).toHaveLength(1);
    expect(l.events.at(-1)).toMatchObject({ action: 'hand_over', actor: { id: h.userB.id, role: 'rider' }, riderId: h.b });
    // Both see it: the giver's offer is accepted (into the receiver's box), the receiver holds it and goes on.
    expect((await h.offers(h.userA.token)).body.outgoing).toMatchObject([{ shipmentId: h.shp, status: 'accepted', boxId: h.boxB, closedAt: expect.any(String) }]);
    expect((await h.offers(h.userB.token)).body.incoming).toMatchObject([{ shipmentId: h.shp, status: 'accepted' }]);
    expect((await h.act({ action: 'arriving' }, h.userA.token)).body.error.code).toBe('other_rider');
    expect((await h.act({ action: 'arriving' }, h.userB.token)).body.state).toBe('arriving');
    // The offer is used up: rider A cannot offer what is no longer theirs.
    expect((await h.offer({ toRiderId: h.a }, h.userA.token)).body.error.code).toBe('other_rider');
  });

  it('refuses bad offers with a code and a sentence: to oneself, to no such rider, a malformed id, by a rider not carrying it', async () => {
    const h = await twoRiders();
    await h.act({ action: 'pick_up', boxId: h.boxA, label: h.shp }, h.userA.token);
    const self = await h.offer({ toRiderId: h.a }, h.userA.token);
    expect(self.status).toBe(400);
    expect(self.body.error).toMatchObject({ code: 'handover_to_self', message: expect.stringMatching(/not the one carrying it/) });
    const nobody = await h.offer({ toRiderId: 'rdr_nosuchrider' }, h.userA.token);
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('rider_not_found');
    const malformed = await h.offer({ toRiderId: 'bob' }, h.userA.token);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('validation_failed');
    expect((await h.offer({ toRiderId: h.b, extra: 1 }, h.userA.token)).status).toBe(400);
    const notMine = await h.offer({ toRiderId: h.a }, h.userB.token);
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('other_rider');
    expect((await h.offer({ toRiderId: h.b }, h.userA.token, 'shp_nosuchshipment')).status).toBe(404);
    // A newer offer replaces the open one: the first receiver can no longer take it.
    const third = await rider(h.facilityId);
    const thirdUser = await makeUser('rider', { riderId: third.id });
    expect((await h.offer({ toRiderId: h.b }, h.userA.token)).status).toBe(200);
    expect((await h.offer({ toRiderId: third.id }, h.userA.token)).status).toBe(200);
    expect((await h.act({ action: 'hand_over', boxId: h.boxB, label: h.shp }, h.userB.token)).body.error.code).toBe('other_rider');
    expect((await h.offers(h.userB.token)).body.incoming).toEqual([]);
    expect((await h.offers(thirdUser.token)).body.incoming).toMatchObject([{ shipmentId: h.shp, status: 'open' }]);
    // Only riders have their own offer list.
    expect((await h.offers(dispatcher.token)).status).toBe(403);
  });

  it('refuses a take-over into a box that has not pre-cooled, for cold goods, as a pickup would', async () => {
    const h = await twoRiders({ precoolB: false });
    await h.act({ action: 'pick_up', boxId: h.boxA, label: h.shp }, h.userA.token);
    expect((await h.offer({ toRiderId: h.b }, h.userA.token)).status).toBe(200);
    const r = await h.act({ action: 'hand_over', boxId: h.boxB, label: h.shp }, h.userB.token);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('box_not_precooled');
    expect((await h.offers(h.userB.token)).body.incoming).toMatchObject([{ status: 'open' }]);
  });
});
