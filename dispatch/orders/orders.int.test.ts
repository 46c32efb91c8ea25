import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { textArray } from '../../platform/db/binary';
import { appDb, withTx } from '../../platform/db/pool';
import { bindShipment, endCustody } from '../custody';
import { startTestApi, makeUser, call, uniq, type TestApi, type TestUser } from '../../platform/testing/harness';
import { authModule } from '../../platform/auth/routes';
import { expireReservations } from './lifecycle';
import { planQueue } from '../planning-trigger';
import { haversineM, sharedServiceAreaCover, upsertServiceArea, wgs84ToGcj02 } from '../../geo';
import { facility, sku, stock, box, rider, orderBody, near, CLOSED, dispatchRoutes, testAudit } from '../testing/fixtures';

let api: TestApi;
let admin: TestUser, dispatcher: TestUser, qa: TestUser;

beforeAll(async () => {
  api = await startTestApi([authModule, dispatchRoutes()]);
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
});
afterAll(async () => { await api.close(); });

const post = (path: string, body: unknown, token = dispatcher.token, headers: Record<string, string> = {}) => call(api.url, 'POST', path, { token, body, headers });
const get = (path: string, token = dispatcher.token) => call(api.url, 'GET', path, { token });
const orderCount = async () => (await appDb().query('SELECT count(*) AS n FROM dispatch.orders')).rows[0].n;

describe('placing an order', () => {
  it('sources a cold order from the facility with stock and a box, reserves FEFO lots, stores the decision and queues planning', async () => {
    const f = await facility();
    const empty = await facility({ at: near(0.002, 0) });
    const s = await sku({ cls: 'chilled' });
    const late = await stock(f.id, s.id, 5, '2099-06-30');
    const early = await stock(f.id, s.id, 2, '2098-01-31');
    await box(f.id);
    const r = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 3 }]));
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('confirmed');
    expect(r.body.shipments).toHaveLength(1);
    expect(r.body.shipments[0].facilityId).toBe(f.id);
    expect(r.body.shipments[0].coldClasses).toEqual(['chilled']);
    const cand = r.body.decision.candidates.find((c: any) => c.facilityId === empty.id);
    expect(cand.outcome).toBe('rejected');
    // Candidates are listed nearest first (the API orders them; the database sends them unordered).
    const ids = r.body.decision.candidates.map((c: any) => c.facilityId);
    const at = new Map((await appDb().query('SELECT id, ST_Y(location) AS lat, ST_X(location) AS lng FROM dispatch.facilities WHERE id = ANY($1)', [ids])).rows.map((x) => [x.id, x]));
    const dist = ids.map((id: string) => haversineM(near(0.004, 0.003), at.get(id)!));
    expect(dist).toEqual([...dist].sort((a, b) => a - b));
    expect(ids.indexOf(empty.id)).toBeLessThan(ids.indexOf(f.id)); // 379 m against 540 m away
    expect(cand.reasons.map((x: any) => x.code)).toContain('out_of_stock');
    // FEFO: the earlier-expiring lot is used up first.
    const lots = (await appDb().query('SELECT id, reserved FROM dispatch.lots WHERE id = ANY($1)', [[late.id, early.id]])).rows;
    expect(Object.fromEntries(lots.map((l) => [l.id, l.reserved]))).toEqual({ [early.id]: 2, [late.id]: 1 });
    // The plan request follows the answer (requestPlanSoon).
    let planned = false;
    for (let i = 0; i < 50 && !planned; i++) {
      planned = (await planQueue().getJobs(['delayed', 'waiting', 'active', 'completed'])).some((j) => j.data.facilityId === f.id);
      if (!planned) await new Promise((res) => setTimeout(res, 20));
    }
    expect(planned).toBe(true);
    const events = await get(`/api/v1/orders/${r.body.id}/events`);
    expect(events.body.events[0]).toMatchObject({ type: 'created', status: 'confirmed' });
  });

  it('stores personal data encrypted and shows it masked to a dispatcher, whole to an admin', async () => {
    const f = await facility();
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 5);
    const r = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 1 }]));
    expect(r.status).toBe(201);
    expect(r.body.customer).toMatchObject({ name: '张**', phone: '138******78', masked: true });
    expect(r.body.customer.address).not.toContain('1203');
    const raw = (await appDb().query('SELECT * FROM dispatch.orders WHERE id = $1', [r.body.id])).rows[0];
    expect(JSON.stringify(raw)).not.toMatch(/张三丰|13812345678|体育西路/);
    const asAdmin = await get(`/api/v1/orders/${r.body.id}`, admin.token);
    expect(asAdmin.body.customer).toMatchObject({ name: '张三丰', phone: '13812345678', masked: false });
    const audit = await appDb().query(`SELECT 1 FROM platform.audit_log WHERE action = 'pii.read' AND entity_id = $1 AND actor_id = $2`, [r.body.id, admin.id]);
    expect(audit.rowCount).toBe(1);
  });

  it('accepts GCJ-02 coordinates and stores WGS-84', async () => {
    const f = await facility();
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 5);
    const wgs = near(0.004, 0.003);
    // GCJ-02 of that point is ~300 m off; the order must land back on the WGS-84 point.
    const gcj = wgs84ToGcj02(wgs);
    const body = orderBody([{ skuId: s.id, quantity: 1 }]);
    (body.customer as any).location = { ...gcj, crs: 'gcj02' };
    const r = await post('/api/v1/orders', body);
    expect(r.status).toBe(201);
    const row = (await appDb().query('SELECT ST_Y(location) AS lat, ST_X(location) AS lng FROM dispatch.orders WHERE id = $1', [r.body.id])).rows[0];
    expect(row.lat).toBeCloseTo(wgs.lat, 5);
    expect(row.lng).toBeCloseTo(wgs.lng, 5);
  });

  it('Idempotency-Key: a retry returns the first order; another body with the key is 409', async () => {
    const f = await facility();
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 10);
    const key = uniq('idem');
    const a = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 1 }]), dispatcher.token, { 'idempotency-key': key });
    const b = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 1 }]), dispatcher.token, { 'idempotency-key': key });
    expect(b.body.id).toBe(a.body.id);
    // The replay is the first answer as sent, decision included; both say JSON; GET stores the same decision.
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body).toEqual(a.body);
    expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(a.body.decision.candidates.length).toBeGreaterThan(0);
    expect((await get(`/api/v1/orders/${a.body.id}`)).body.decision).toEqual(a.body.decision);
    const c = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 2 }]), dispatcher.token, { 'idempotency-key': key });
    expect(c.status).toBe(409);
    expect((await appDb().query('SELECT reserved FROM dispatch.lots WHERE sku_id = $1', [s.id])).rows[0].reserved).toBe(1);
  });
});

describe('bad orders get 4xx with stable codes and write nothing', () => {
  let s: { id: string };
  beforeAll(async () => {
    const f = await facility();
    s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 100);
  });

  const cases: Array<[string, () => unknown, number, string]> = [
    ['unknown SKU', () => orderBody([{ skuId: 'sku_doesnotexist', quantity: 1 }]), 400, 'unknown_sku'],
    ['quantity 0', () => orderBody([{ skuId: s.id, quantity: 0 }]), 400, 'too_small'],
    ['quantity 1.5', () => orderBody([{ skuId: s.id, quantity: 1.5 }]), 400, 'not_integer'],
    ['negative quantity', () => orderBody([{ skuId: s.id, quantity: -1 }]), 400, 'too_small'],
    ['malformed phone', () => ({ ...orderBody([{ skuId: s.id, quantity: 1 }]), customer: { ...orderBody([]).customer, phone: '12345' } }), 400, 'invalid_phone'],
    ['10,000 lines', () => orderBody(Array.from({ length: 10_000 }, (_, i) => ({ skuId: `sku_x${i}`, quantity: 1 }))), 400, 'too_many_items'],
    ['window in the past', () => orderBody([{ skuId: s.id, quantity: 1 }], { delivery: { mode: 'scheduled', window: { start: '2020-01-01T10:00:00Z', end: '2020-01-01T11:00:00Z' } } }), 400, 'window_in_past'],
    ['unknown field', () => ({ ...orderBody([{ skuId: s.id, quantity: 1 }]), idCardNumber: '440101199001011234' }), 400, 'unknown_field'],
    ['latitude out of range', () => ({ ...orderBody([{ skuId: s.id, quantity: 1 }]), customer: { ...orderBody([]).customer, location: { lat: 95, lng: 113 } } }), 400, 'too_big'],
  ];
  for (const [name, body, status, code] of cases) {
    it(name, async () => {
      const before = await orderCount();
      const r = await post('/api/v1/orders', body());
      expect(r.status).toBe(status);
      const codes = [r.body.error.code, ...(r.body.error.details?.issues ?? []).map((i: any) => i.code)];
      expect(codes).toContain(code);
      expect(await orderCount()).toBe(before);
    });
  }

  it('an order right after a service area changed is judged by the new area, whatever this process holds in memory', async () => {
    const home = { lat: 31.2, lng: 121.5 }; // far from every other test's facilities
    const customer = { lat: 31.2 + 1000 / 111_320, lng: 121.5 }; // 1 km north
    const f = await facility({ at: home, radiusM: 2000 });
    const cover = sharedServiceAreaCover();
    const candidates = async () => {
      const body = orderBody([{ skuId: s.id, quantity: 1 }]);
      (body.customer as any).location = customer;
      const r = await post('/api/v1/orders', body);
      expect(r.status).toBe(422); // no stock there: unservable either way, with its reasons
      return r.body.error.details.candidates.map((c: any) => c.facilityId);
    };
    const dbGen = async () => Number((await appDb().query('SELECT gen FROM geo.service_area_generation')).rows[0].gen);
    /** Every change to the areas is announced at commit, and the index reloads on the notice. */
    const caughtUp = (gen: number) => cover.reached(gen);
    const created = await dbGen();
    expect(await candidates()).toEqual([f.id]);
    await caughtUp(created);
    const held = cover.current()!;
    expect(held.index.covering(customer)).toContain(f.id);
    await upsertServiceArea(appDb(), f.id, home, { kind: 'radius', radiusM: 100 });
    expect(await candidates()).toEqual([]);
    // The database takes the caller's list only at the current generation (other test files
    // change areas too, so the API's own index may or may not be current here: ask directly).
    const stockFor = async (gen: number | null) => (await appDb().query(
      'SELECT serving, generation FROM dispatch.stock_for_order($1, $2, $3, $4, $5)', [[s.id], customer.lng, customer.lat, [f.id], gen])).rows[0];
    const now = await stockFor(held.gen);
    expect(Number(now.generation)).toBeGreaterThan(held.gen);
    expect(now.serving).toEqual([]); // the stale list was overruled
    expect((await stockFor(Number(now.generation))).serving).toEqual([f.id]); // a current one is taken as given
    await caughtUp(Number(now.generation));
    expect(cover.current()!.index.covering(customer)).not.toContain(f.id);
  });

  it('a channel’s order number twice → 409 duplicate_order naming the first order; another channel may use the number', async () => {
    const ref = uniq('MT-').toUpperCase();
    const first = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 1 }], { channel: 'third_party', externalRef: ref }));
    expect(first.status).toBe(201);
    const before = await orderCount();
    const again = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 2 }], { channel: 'third_party', externalRef: ref }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate_order');
    expect(again.body.error.details.orderId).toBe(first.body.id);
    expect(again.body.error.message).toContain(first.body.id);
    expect(await orderCount()).toBe(before);
    // Posted together (one placement batch): one order, the others refused the same way.
    const ref2 = uniq('MT-').toUpperCase();
    const together = await Promise.all(Array.from({ length: 5 }, () => post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 1 }], { channel: 'third_party', externalRef: ref2 }))));
    expect(together.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const made = together.find((r) => r.status === 201)!.body.id;
    for (const r of together.filter((x) => x.status === 409)) expect(r.body.error.details.orderId).toBe(made);
    // The number is the channel's own: another channel's order may carry it.
    expect((await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 1 }], { channel: 'app', externalRef: ref }))).status).toBe(201);
  });

  it('a location outside every service area → 422 no_facility_can_serve', async () => {
    const before = await orderCount();
    const body = orderBody([{ skuId: s.id, quantity: 1 }]);
    (body.customer as any).location = { lat: 39.9, lng: 116.4 }; // Beijing
    const r = await post('/api/v1/orders', body);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('no_facility_can_serve');
    expect(r.body.error.message).toMatch(/no facility can serve/i);
    expect(await orderCount()).toBe(before);
  });
});

describe('sourcing decisions', () => {
  it('says why no facility can serve: closed, out of stock, no cold capability', async () => {
    const at = near(-0.01, -0.01);
    const closed = await facility({ at, hours: CLOSED, radiusM: 1500 });
    const noStock = await facility({ at, radiusM: 1500 });
    const ambientOnly = await facility({ at, radiusM: 1500, cold: ['ambient'] });
    const s = await sku({ cls: 'chilled' });
    await stock(closed.id, s.id, 5);
    await stock(ambientOnly.id, s.id, 5);
    await box(closed.id);
    const body = orderBody([{ skuId: s.id, quantity: 1 }]);
    (body.customer as any).location = at;
    const r = await post('/api/v1/orders', body);
    expect(r.status).toBe(422);
    const reasons = Object.fromEntries(r.body.error.details.candidates.map((c: any) => [c.facilityId, c.reasons.map((x: any) => x.code)]));
    expect(reasons[closed.id]).toContain('closed');
    expect(reasons[noStock.id]).toContain('out_of_stock');
    expect(reasons[ambientOnly.id]).toContain('no_cold_capability');
    expect(r.body.error.details.summary.zh).toContain('无可服务');
  });

  it('splits into two shipments only when no single facility has everything, and says so', async () => {
    const at = near(0.01, -0.012);
    const f1 = await facility({ at, radiusM: 1500 });
    const f2 = await facility({ at: near(0.011, -0.012), radiusM: 1500 });
    const a = await sku({ cls: 'ambient' });
    const b = await sku({ cls: 'ambient' });
    await stock(f1.id, a.id, 5);
    await stock(f2.id, b.id, 5);
    const body = orderBody([{ skuId: a.id, quantity: 1 }, { skuId: b.id, quantity: 1 }]);
    (body.customer as any).location = at;
    const r = await post('/api/v1/orders', body);
    expect(r.status).toBe(201);
    expect(r.body.decision.status).toBe('split');
    expect(r.body.shipments.map((x: any) => x.facilityId).sort()).toEqual([f1.id, f2.id].sort());
  });
});

describe('reservation under concurrency', () => {
  it('30 concurrent orders for the last 10 units: exactly 10 succeed and nothing goes below zero', async () => {
    const f = await facility({ at: near(-0.012, 0.012), radiusM: 1000 });
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 6);
    await stock(f.id, s.id, 4, '2098-05-01');
    const body = orderBody([{ skuId: s.id, quantity: 1 }]);
    (body.customer as any).location = near(-0.012, 0.0125);
    const rs = await Promise.all(Array.from({ length: 30 }, () => post('/api/v1/orders', body)));
    const ok = rs.filter((r) => r.status === 201);
    expect(ok).toHaveLength(10);
    for (const r of rs.filter((x) => x.status !== 201)) expect([409, 422]).toContain(r.status);
    const lots = (await appDb().query('SELECT on_hand, reserved FROM dispatch.lots WHERE sku_id = $1', [s.id])).rows;
    expect(lots.reduce((a, l) => a + l.reserved, 0)).toBe(10);
    for (const l of lots) expect(l.reserved).toBeLessThanOrEqual(l.on_hand);
    const held = (await appDb().query(`SELECT sum(quantity) AS n FROM dispatch.reservations WHERE sku_id = $1 AND status <> 'released'`, [s.id])).rows[0].n;
    expect(held).toBe(10);
    // The refused ones left nothing behind.
    expect((await appDb().query('SELECT count(DISTINCT order_id)::int AS n FROM dispatch.order_items WHERE sku_id = $1', [s.id])).rows[0].n).toBe(10);
  });

  /** A place_order payload as the API builds it: one line of `qty` from `lot`, in one shipment. */
  const placement = (f: { id: string }, s: { id: string }, lot: { id: string }, qty: number, more: { holdMinutes?: number | null; coldClasses?: string[] } = {}) => {
    const id = uniq('ord_');
    return {
      order: { id, token: uniq('t'), channel: 'app', externalRef: null, status: 'confirmed', mode: 'instant', windowStart: null, windowEnd: new Date(Date.now() + 3600_000).toISOString(),
        nameEnc: 'x', phoneEnc: 'x', phoneIdx: 'x', addressEnc: 'x', lat: 23.117, lng: 113.333, rxRef: null, rxStatus: 'not_required', holdMinutes: more.holdMinutes ?? null, recurringId: null, createdBy: dispatcher.id, actorRole: 'dispatcher' },
      items: [{ line: 1, sku: s.id, qty }],
      shipments: [{ id: uniq('shp_'), facilityId: f.id, status: 'ready', coldClasses: more.coldClasses ?? [], units: { ambient: qty }, eta: new Date().toISOString(), reservationStatus: 'confirmed', picks: [{ lot: lot.id, sku: s.id, qty }] }],
      event: { channel: 'app' }, audit: { status: 'confirmed' },
    };
  };

  it.each(['place_orders', 'place_batch'])('%s: in one call, an order that fails is undone alone and answered with its SQLSTATE; the others commit', async (fn) => {
    const f = await facility({ at: near(-0.013, 0.013), radiusM: 1000 });
    const s = await sku({ cls: 'ambient' });
    const lot = await stock(f.id, s.id, 3);
    const ps = [2, 2, 1, 1].map((qty) => placement(f, s, lot, qty)); // the second finds only 1 unit left
    const decisions = ps.map((_p, k) => JSON.stringify({ status: 'single', candidates: [], k, summary: '由 门店 配送' }));
    decisions[3] = '{"status": "single", '; // not JSON: fails that order alone
    // The decisions as the API sends them: a text[] in the binary format.
    const { rows } = await appDb().query(`SELECT i, r, err_code, err_message FROM dispatch.${fn}($1::jsonb, $2::text[]) ORDER BY i`,
      [JSON.stringify(ps), textArray(decisions)]);
    expect(rows.map((r) => [r.i, r.err_code, r.err_message])).toEqual([[1, null, null], [2, 'P0001', 'stock_race'], [3, null, null], [4, '22P02', 'invalid input syntax for type json']]);
    expect(rows[0].r.createdAt).toBeTruthy();
    const placed = (await appDb().query('SELECT id, decision FROM dispatch.orders WHERE id = ANY($1) ORDER BY created_at, id', [ps.map((p) => p.order.id)])).rows;
    expect(placed.map((o) => o.id).sort()).toEqual([ps[0].order.id, ps[2].order.id].sort());
    expect(placed.map((o) => o.decision.k).sort()).toEqual([0, 2]); // each with its own decision
    expect(placed[0].decision.summary).toBe('由 门店 配送');
    expect((await appDb().query('SELECT reserved FROM dispatch.lots WHERE id = $1', [lot.id])).rows[0].reserved).toBe(3);
    expect((await appDb().query('SELECT count(*)::int AS n FROM dispatch.shipments WHERE id = ANY($1)', [[ps[1].shipments[0].id, ps[3].shipments[0].id]])).rows[0].n).toBe(0);
  });

  it('place_batch writes, for a batch that all fits, the same rows and answers as place_orders', async () => {
    const f = await facility({ at: near(-0.014, 0.014), radiusM: 1000 });
    const s = await sku({ cls: 'ambient' });
    const lots = [await stock(f.id, s.id, 10), await stock(f.id, s.id, 10, '2098-05-01')];
    // Two identical batches (two orders on one lot, one with a hold, one on the other lot), one per function.
    const batch = () => [placement(f, s, lots[0], 2), placement(f, s, lots[0], 3, { holdMinutes: 15, coldClasses: ['chilled'] }), placement(f, s, lots[1], 1)];
    const written = async (fn: string) => {
      const ps = batch();
      const ids = ps.map((p) => p.order.id);
      const decisions = ps.map((_p, k) => JSON.stringify({ k, summary: '由 门店 配送' }));
      const { rows } = await appDb().query(`SELECT i, r, err_code, err_message, now() AS now FROM dispatch.${fn}($1::jsonb, $2::text[]) ORDER BY i`, [JSON.stringify(ps), textArray(decisions)]);
      const q = async (sql: string) => (await appDb().query(sql, [ids])).rows;
      // Ids replaced by their place in the batch, times by their distance from the call's.
      // (rows then sorted by what they say: the ids themselves are random).
      const norm = (rows: unknown[]) => rows.map((x) => JSON.stringify(x, (_k, v) => (typeof v === 'string' && ids.some((id) => v.startsWith(id)) ? `#${ids.findIndex((id) => v.startsWith(id))}` : v))).sort();
      const at = (t: string | Date | null) => (t === null ? null : new Date(t).getTime() - new Date(rows[0].now).getTime());
      return {
        answers: rows.map((r) => ({ i: r.i, err: r.err_code, created: at(r.r.createdAt), expires: at(r.r.expiresAt) })),
        // Rows written in one subtransaction share its xid: one for the set-based placement, one per order otherwise.
        xids: (await q('SELECT count(DISTINCT xmin::text)::int AS n FROM dispatch.orders WHERE id = ANY($1)'))[0].n,
        orders: norm(await q(`SELECT id, token IS NOT NULL AS token, status, delivery_mode, window_end IS NOT NULL AS we, ST_AsText(location) AS loc, rx_status, decision::text, extract(epoch FROM reservation_expires_at - created_at) AS hold, created_by FROM dispatch.orders WHERE id = ANY($1) ORDER BY id`)),
        items: norm(await q('SELECT order_id, line_no, sku_id, quantity FROM dispatch.order_items WHERE order_id = ANY($1) ORDER BY order_id, line_no')),
        shipments: norm(await q('SELECT order_id, facility_id, status, cold_classes, units, eta IS NOT NULL AS eta, due_at IS NOT NULL AS due FROM dispatch.shipments WHERE order_id = ANY($1) ORDER BY order_id')),
        reservations: norm(await q('SELECT order_id, lot_id, sku_id, quantity, status FROM dispatch.reservations WHERE order_id = ANY($1) ORDER BY order_id, lot_id')),
        events: norm(await q('SELECT order_id, type, status, actor_id, detail FROM dispatch.order_events WHERE order_id = ANY($1) ORDER BY order_id')),
        audit: norm(await q(`SELECT actor_id, actor_role, action, entity_type, entity_id, new_value FROM platform.audit_log WHERE entity_id = ANY($1) ORDER BY entity_id`)),
      };
    };
    const one = await written('place_orders');
    const set = await written('place_batch');
    expect({ ...set, xids: 0 }).toEqual({ ...one, xids: 0 });
    expect([one.xids, set.xids]).toEqual([3, 1]);
    expect(set.answers.map((a) => [a.err, a.created, a.expires])).toEqual([[null, 0, null], [null, 0, 15 * 60_000], [null, 0, null]]);
    expect(set.reservations).toHaveLength(3);
    expect(set.orders[1]).toContain('"hold":900');
    expect((await appDb().query('SELECT id, reserved FROM dispatch.lots WHERE id = ANY($1) ORDER BY id', [lots.map((l) => l.id)])).rows.map((l) => l.reserved).sort((a, b) => a - b))
      .toEqual([2, 10]); // (2+3) twice on the first lot, 1 twice on the second
  });

  it('textArray: PostgreSQL reads the binary text[] as the strings given, empty ones and an empty array included', async () => {
    for (const xs of [['a', '', '温度 2–8 °C', 'x'.repeat(70_000)], ['only'], []]) {
      expect((await appDb().query('SELECT $1::text[] AS a', [textArray(xs)])).rows[0].a).toEqual(xs);
    }
  });
});

describe('prescriptions, confirmation, cancellation, expiry', () => {
  it('an Rx item needs a prescription reference; the order waits for a pharmacist who verifies or rejects', async () => {
    const f = await facility();
    const s = await sku({ cls: 'chilled', rx: true });
    await stock(f.id, s.id, 5);
    await box(f.id);
    const missing = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 1 }]));
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('rx_required');
    const r = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 1 }], { rxRef: 'RX-2026-0001' }));
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('awaiting_rx');
    expect(r.body.rx.status).toBe('pending');
    const v = await post(`/api/v1/orders/${r.body.id}/rx-review`, { verdict: 'verified', note: '处方核对无误' }, qa.token);
    expect(v.status).toBe(200);
    expect(v.body.status).toBe('confirmed');
    expect(v.body.rx).toMatchObject({ status: 'verified', reviewedBy: qa.id });
    const again = await post(`/api/v1/orders/${r.body.id}/rx-review`, { verdict: 'rejected', note: 'second look' }, qa.token);
    expect(again.status).toBe(409);

    const r2 = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 2 }], { rxRef: 'RX-2026-0002' }));
    const rej = await post(`/api/v1/orders/${r2.body.id}/rx-review`, { verdict: 'rejected', note: 'dose exceeds prescription' }, qa.token);
    expect(rej.body.status).toBe('cancelled');
    expect(rej.body.cancelReason).toContain('prescription rejected');
    expect((await appDb().query('SELECT sum(reserved) AS n FROM dispatch.lots WHERE sku_id = $1', [s.id])).rows[0].n).toBe(1);
  });

  it('cancel releases the stock; a cancel needs a reason', async () => {
    const f = await facility();
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 3);
    const r = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 3 }]));
    expect((await post(`/api/v1/orders/${r.body.id}/cancel`, {})).status).toBe(400);
    const c = await post(`/api/v1/orders/${r.body.id}/cancel`, { reason: 'customer changed their mind' });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('cancelled');
    expect((await appDb().query('SELECT reserved FROM dispatch.lots WHERE sku_id = $1', [s.id])).rows[0].reserved).toBe(0);
    expect((await post(`/api/v1/orders/${r.body.id}/cancel`, { reason: 'again' })).status).toBe(409);
  });

  it('an unconfirmed reservation expires and its stock comes back', async () => {
    const f = await facility();
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 2);
    const r = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 2 }], { paymentPending: true }));
    expect(r.body.status).toBe('awaiting_confirmation');
    expect(r.body.reservationExpiresAt).not.toBeNull();
    expect(await expireReservations(new Date(Date.now() + 60_000))).toBe(0);
    expect(await expireReservations(new Date(Date.now() + 16 * 60_000))).toBeGreaterThanOrEqual(1);
    const o = await get(`/api/v1/orders/${r.body.id}`);
    expect(o.body).toMatchObject({ status: 'cancelled', cancelReason: 'reservation_expired' });
    expect((await appDb().query('SELECT reserved FROM dispatch.lots WHERE sku_id = $1', [s.id])).rows[0].reserved).toBe(0);
    const audit = (await appDb().query(`SELECT actor_id, action, old_value, new_value, reason FROM platform.audit_log WHERE entity_type = 'order' AND entity_id = $1 AND action = 'order.expire'`, [r.body.id])).rows;
    expect(audit).toEqual([{ actor_id: 'system:worker', action: 'order.expire', old_value: { status: 'awaiting_confirmation' }, new_value: { status: 'cancelled', unitsReleased: 2 }, reason: 'reservation not confirmed in time' }]);
  });
});

describe('custody', () => {
  it('binding refuses a box without the compartment or past calibration; custody history and PII visibility follow the delivery', async () => {
    const f = await facility();
    const s = await sku({ cls: 'chilled' });
    await stock(f.id, s.id, 5);
    const ambientBox = await box(f.id, { classes: ['ambient'] });
    const overdue = await box(f.id, { calibrationDue: '2020-01-01' });
    const good = await box(f.id, { capacity: 4 });
    const rd = await rider(f.id);
    const riderUser = await makeUser('rider', { riderId: rd.id });
    const o = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 3 }]));
    const shp = o.body.shipments[0].id;

    // The tracking context's pickup runs these inside its lifecycle transaction.
    const bind = (shipmentId: string, boxId: string) => withTx(appDb(), (c) => bindShipment(c, { shipmentId, boxId, riderId: rd.id, audit: testAudit }));
    await expect(bind(shp, ambientBox.id)).rejects.toMatchObject({ status: 409, code: 'no_compartment' });
    await expect(bind(shp, overdue.id)).rejects.toMatchObject({ status: 409, code: 'calibration_overdue' });

    // Before pickup the rider cannot see the order at all (not assigned yet).
    expect((await get(`/api/v1/orders/${o.body.id}`, riderUser.token)).status).toBe(404);
    const bound = await bind(shp, good.id);
    expect(bound).toMatchObject({ boxId: good.id, riderId: rd.id, compartments: [{ temperatureClass: 'chilled', units: 3 }] });
    expect(bound.holdoverMinutes).toBeGreaterThan(0);

    // The box now has 1 chilled unit free: a second 3-unit shipment does not fit.
    const o2 = await post('/api/v1/orders', orderBody([{ skuId: s.id, quantity: 2 }]));
    await expect(bind(o2.body.shipments[0].id, good.id)).rejects.toMatchObject({ status: 409, code: 'no_free_compartment' });

    const during = await get(`/api/v1/orders/${o.body.id}`, riderUser.token);
    expect(during.body.customer).toMatchObject({ name: '张三丰', masked: false });
    // The rider sees the customer now, never what the order holds.
    expect(during.body.items).toEqual([{ line: 1, skuId: s.id, name: null, quantity: 3 }]);
    expect((await get(`/api/v1/orders/${o.body.id}`)).body.items[0].name).toEqual(expect.any(String));
    await withTx(appDb(), (c) => endCustody(c, { shipmentId: shp, outcome: 'delivered', actorId: riderUser.id, audit: testAudit }));
    const custody = (await get(`/api/v1/shipments/${shp}/custody`)).body.custody;
    expect(custody[0]).toMatchObject({ boxId: good.id, shipmentId: shp });
    expect(custody[0].to).not.toBeNull();
    const after = await get(`/api/v1/orders/${o.body.id}`, riderUser.token);
    expect(after.body.customer.masked).toBe(true);
    expect(after.body.status).toBe('delivered');
    // Picked goods left stock.
    const lot = (await appDb().query('SELECT on_hand, reserved FROM dispatch.lots WHERE sku_id = $1', [s.id])).rows[0];
    expect(lot).toEqual({ on_hand: 2, reserved: 2 });
    const hist = await get(`/api/v1/boxes/${good.id}/custody`);
    expect(hist.body.custody.map((c: any) => c.shipmentId)).toEqual([shp]);
  });
});

describe('partners and bulk import', () => {
  it('a partner sees only its own store\'s orders', async () => {
    const mine = await facility({ tier: 'store', at: near(0.013, 0.013), radiusM: 800 });
    const other = await facility({ tier: 'store', at: near(0.013, 0.0135), radiusM: 800 });
    const s = await sku({ cls: 'ambient' });
    await stock(mine.id, s.id, 5);
    const s2 = await sku({ cls: 'ambient' });
    await stock(other.id, s2.id, 5);
    const partner = await makeUser('partner', { facilityId: mine.id });
    const b1 = orderBody([{ skuId: s.id, quantity: 1 }]); (b1.customer as any).location = near(0.013, 0.0132);
    const b2 = orderBody([{ skuId: s2.id, quantity: 1 }]); (b2.customer as any).location = near(0.013, 0.0132);
    const o1 = await post('/api/v1/orders', b1);
    const o2 = await post('/api/v1/orders', b2);
    const list = await get('/api/v1/orders?limit=500', partner.token);
    const ids = list.body.orders.map((o: any) => o.id);
    expect(ids).toContain(o1.body.id);
    expect(ids).not.toContain(o2.body.id);
    expect((await get(`/api/v1/orders/${o2.body.id}`, partner.token)).status).toBe(404);
    expect((await get(`/api/v1/facilities/${other.id}/stock`, partner.token)).status).toBe(403);
  });

  it('CSV import creates good rows and reports bad ones row by row', async () => {
    const f = await facility();
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 10);
    const p = near(0.004, 0.003);
    const csv = [
      'external_ref,channel,customer_name,customer_phone,customer_address,lat,lng,delivery_mode,promise_minutes,items',
      `MT-1,third_party,李四,13900001111,"天河区, 体育东路 8 号",${p.lat},${p.lng},instant,45,${s.id}:2`,
      `MT-2,third_party,王五,123,天河区 体育东路 9 号,${p.lat},${p.lng},instant,45,${s.id}:1`,
      `MT-3,third_party,赵六,13900002222,天河区 体育东路 10 号,${p.lat},${p.lng},instant,45,sku_nope:1`,
    ].join('\r\n');
    const r = await post('/api/v1/orders/import', { csv });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 3, created: 1, failed: 2 });
    expect(r.body.rows[1]).toMatchObject({ row: 3, externalRef: 'MT-2', ok: false });
    expect(r.body.rows[2].error.code).toBe('unknown_sku');
    const bad = await post('/api/v1/orders/import', { csv: 'a,b\n1,2' });
    expect(bad.body.error.code).toBe('csv_missing_columns');
  });
});
