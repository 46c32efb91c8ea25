import { describe, expect, it } from 'vitest';
import { checkRx, createOrderSchema, parseCreateOrder, toApiIssues, type ApiIssue } from './order-schema';

const now = new Date('2026-11-23T10:00:00+08:00');

function validOrder(): Record<string, any> {
  return {
    channel: 'app',
    items: [
      { skuId: 'sku_insulin01', quantity: 2 },
      { skuId: 'sku_amox500', quantity: 1 },
    ],
    customer: {
      name: '张三',
      phone: '+86 138 1234 5678',
      address: '广州市天河区天河路385号2单元1503室',
      location: { lat: 23.1317, lng: 113.3277, crs: 'gcj02' },
    },
    delivery: { mode: 'instant' },
    rxRef: 'RX-2026-000123',
  };
}

function issuesOf(input: unknown, opts: Partial<Parameters<typeof parseCreateOrder>[1]> = {}): ApiIssue[] {
  const r = parseCreateOrder(input, { now, ...opts });
  if (r.ok) throw new Error('expected a validation failure');
  return r.issues;
}

describe('order creation schema: valid input', () => {
  it('accepts a valid order, normalises the phone and fills defaults', () => {
    const r = parseCreateOrder(validOrder(), { now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.order.customer.phone).toBe('13812345678');
    expect(r.order.delivery).toEqual({ mode: 'instant', promiseMinutes: 30 });
    const noCrs = validOrder();
    delete noCrs.customer.location.crs;
    const r2 = createOrderSchema({ now }).parse(noCrs);
    expect(r2.customer.location.crs).toBe('wgs84');
  });

  it('accepts scheduled, recurring and pickup modes and landlines', () => {
    const o = validOrder();
    o.delivery = { mode: 'scheduled', window: { start: '2026-11-23T14:00:00+08:00', end: '2026-11-23T16:00:00+08:00' } };
    o.customer.phone = '020-87654321';
    const r = parseCreateOrder(o, { now });
    expect(r.ok && r.order.delivery.mode === 'scheduled' && r.order.delivery.window.start.toISOString()).toBe(
      '2026-11-23T06:00:00.000Z',
    );
    o.delivery = {
      mode: 'recurring',
      everyDays: 30,
      count: 6,
      firstWindow: { start: '2026-11-24T09:00:00+08:00', end: '2026-11-24T12:00:00+08:00' },
    };
    expect(parseCreateOrder(o, { now }).ok).toBe(true);
    o.delivery = { mode: 'pickup', facilityId: 'fac_store07' };
    expect(parseCreateOrder(o, { now }).ok).toBe(true);
  });
});

describe('order creation schema: every bad input', () => {
  it('rejects an unknown top-level field (data minimisation)', () => {
    const o = { ...validOrder(), idCardNumber: '440106199001011234' };
    const issues = issuesOf(o);
    expect(issues).toEqual([
      {
        code: 'unknown_field',
        message: 'Unknown field(s) not accepted: idCardNumber',
        details: { path: '', fields: ['idCardNumber'] },
      },
    ]);
    // and never echoes the value
    expect(JSON.stringify(issues)).not.toContain('440106');
  });

  it('rejects unknown nested fields too (customer, item, location, delivery)', () => {
    const o = validOrder();
    o.customer.birthday = '1990-01-01';
    o.items[0].price = 1;
    o.customer.location.accuracy = 5;
    o.delivery.speed = 'fast';
    const codes = issuesOf(o).map((i) => `${i.code}@${i.details.path}`);
    expect(codes.sort()).toEqual(
      ['unknown_field@customer', 'unknown_field@items.0', 'unknown_field@customer.location', 'unknown_field@delivery'].sort(),
    );
  });

  it.each([
    [0, 'too_small'],
    [1.5, 'not_integer'],
    [-1, 'too_small'],
    ['2', 'invalid_type'],
    [1000, 'too_big'],
  ])('rejects quantity %s with %s', (quantity, code) => {
    const o = validOrder();
    o.items[1].quantity = quantity;
    const issues = issuesOf(o);
    expect(issues).toHaveLength(1);
    expect(issues[0].code).toBe(code);
    expect(issues[0].details.path).toBe('items.1.quantity');
  });

  it.each(['12812345678', '1381234567', '138-1234-567a', '+1 415 555 0100', '88888'])('rejects malformed phone %s', (phone) => {
    const o = validOrder();
    o.customer.phone = phone;
    const issues = issuesOf(o);
    expect(issues.map((i) => i.code)).toEqual(['invalid_phone']);
    expect(issues[0].details.path).toBe('customer.phone');
  });

  it('rejects 10,000 lines with one clear error', () => {
    const o = validOrder();
    o.items = Array.from({ length: 10_000 }, (_, i) => ({ skuId: `sku_${i}`, quantity: 1 }));
    const issues = issuesOf(o);
    expect(issues).toEqual([
      {
        code: 'too_many_items',
        message: 'Too many order lines: at most 200 per order',
        details: { path: 'items', maximum: 200, count: 10_000 },
      },
    ]);
    expect(parseCreateOrder(o, { now }, 'zh-CN')).toMatchObject({
      ok: false,
      issues: [{ code: 'too_many_items', message: '订单行数过多：每单最多 200 行' }],
    });
  });

  it('honours a configured line limit', () => {
    const o = validOrder();
    expect(issuesOf(o, { maxLines: 1 })[0].code).toBe('too_many_items');
  });

  it('rejects lines that are not objects', () => {
    const o = validOrder();
    o.items = [null, 'sku_a', { skuId: 'SKU-A', quantity: 1 }];
    expect(issuesOf(o).map((i) => `${i.code}@${i.details.path}`)).toEqual([
      'invalid_type@items.0',
      'invalid_type@items.1',
      'invalid_format@items.2.skuId',
    ]);
  });

  it('rejects an empty order and duplicate SKUs', () => {
    const o = validOrder();
    o.items = [];
    expect(issuesOf(o).map((i) => i.code)).toEqual(['no_items']);
    o.items = [
      { skuId: 'sku_a', quantity: 1 },
      { skuId: 'sku_a', quantity: 2 },
    ];
    expect(issuesOf(o)).toMatchObject([{ code: 'duplicate_sku', details: { path: 'items.1.skuId' } }]);
  });

  it('rejects a scheduled window in the past, reversed or too far ahead', () => {
    const o = validOrder();
    o.delivery = { mode: 'scheduled', window: { start: '2026-11-23T09:00:00+08:00', end: '2026-11-23T11:00:00+08:00' } };
    expect(issuesOf(o)).toMatchObject([{ code: 'window_in_past', details: { path: 'delivery.window.start' } }]);
    o.delivery.window = { start: '2026-11-23T16:00:00+08:00', end: '2026-11-23T14:00:00+08:00' };
    expect(issuesOf(o).map((i) => i.code)).toEqual(['window_end_before_start']);
    o.delivery.window = { start: '2027-06-01T16:00:00+08:00', end: '2027-06-01T18:00:00+08:00' };
    expect(issuesOf(o).map((i) => i.code)).toEqual(['window_too_far_ahead']);
    o.delivery.window = { start: '2026-11-23 16:00', end: '2026-11-23T18:00:00+08:00' };
    expect(issuesOf(o).map((i) => i.code)).toEqual(['invalid_format']);
  });

  it('rejects bad instant promises and unknown modes', () => {
    const o = validOrder();
    o.delivery = { mode: 'instant', promiseMinutes: 180 };
    expect(issuesOf(o)).toMatchObject([{ code: 'too_big', details: { maximum: 120 } }]);
    o.delivery = { mode: 'drone' };
    expect(issuesOf(o)).toMatchObject([{ code: 'invalid_value', details: { path: 'delivery.mode' } }]);
    o.delivery = {};
    expect(issuesOf(o)).toMatchObject([{ code: 'required', details: { path: 'delivery.mode' } }]);
  });

  it('recurring needs exactly one of count/until', () => {
    const o = validOrder();
    const firstWindow = { start: '2026-11-24T09:00:00+08:00', end: '2026-11-24T12:00:00+08:00' };
    o.delivery = { mode: 'recurring', everyDays: 30, firstWindow };
    expect(issuesOf(o).map((i) => i.code)).toEqual(['recurrence_end_required']);
    o.delivery = { mode: 'recurring', everyDays: 30, firstWindow, count: 3, until: '2027-06-01T00:00:00+08:00' };
    expect(issuesOf(o).map((i) => i.code)).toEqual(['recurrence_end_required']);
    o.delivery = { mode: 'recurring', everyDays: 1, firstWindow, until: '2028-06-01T00:00:00+08:00' };
    expect(issuesOf(o).map((i) => i.code)).toEqual(['too_many_recurrences']);
  });

  it('reports missing required fields, bad channel and bad coordinates', () => {
    const o = validOrder();
    delete o.customer.name;
    o.channel = 'fax';
    o.customer.location.lat = 123;
    o.customer.location.crs = 'utm';
    const byPath = Object.fromEntries(issuesOf(o).map((i) => [i.details.path, i.code]));
    expect(byPath).toEqual({
      'customer.name': 'required',
      channel: 'invalid_value',
      'customer.location.lat': 'too_big',
      'customer.location.crs': 'invalid_value',
    });
  });

  it('rejects a non-object body', () => {
    expect(issuesOf(null).map((i) => i.code)).toEqual(['invalid_type']);
    expect(issuesOf(undefined).map((i) => i.code)).toEqual(['required']);
  });
});

describe('parseCreateOrder reuses one schema per option set', () => {
  const scheduled = (start: string, end: string): Record<string, any> => ({ ...validOrder(), delivery: { mode: 'scheduled', window: { start, end } } });

  it('checks the window against each call\'s own now, not the first call\'s', () => {
    const o = scheduled('2026-11-23T14:00:00+08:00', '2026-11-23T16:00:00+08:00');
    expect(parseCreateOrder(o, { now }).ok).toBe(true);
    expect(issuesOf(o, { now: new Date('2026-11-23T15:00:00+08:00') }).map((i) => i.code)).toEqual(['window_in_past']);
    expect(parseCreateOrder(o, { now }).ok).toBe(true);
    // 30 days ahead is measured from the call's now as well.
    const far = scheduled('2026-12-24T14:00:00+08:00', '2026-12-24T16:00:00+08:00');
    expect(issuesOf(far).map((i) => i.code)).toEqual(['window_too_far_ahead']);
    expect(parseCreateOrder(far, { now: new Date('2026-11-30T10:00:00+08:00') }).ok).toBe(true);
  });

  it('keeps option sets apart', () => {
    const o = validOrder();
    expect(issuesOf(o, { maxLines: 1 }).map((i) => i.code)).toEqual(['too_many_items']);
    expect(parseCreateOrder(o, { now }).ok).toBe(true);
    const r = parseCreateOrder({ ...o, delivery: { mode: 'instant' } }, { now, defaultPromiseMinutes: 45 });
    expect(r.ok && r.order.delivery).toEqual({ mode: 'instant', promiseMinutes: 45 });
    expect(issuesOf({ ...o, delivery: { mode: 'instant', promiseMinutes: 60 } }, { maxPromiseMinutes: 50 })[0].code).toBe('too_big');
  });

  it('gives the same result and issue order as a schema built for the call', () => {
    const bad = scheduled('2026-11-23T09:00:00+08:00', '2026-11-23T08:00:00+08:00');
    bad.customer.phone = '12345';
    bad.items = [{ skuId: 'sku_a', quantity: 0 }, { skuId: 'sku_a', quantity: 1 }];
    const fresh = createOrderSchema({ now }).safeParse(bad, { reportInput: true });
    const cached = issuesOf(bad);
    expect(fresh.success).toBe(false);
    expect(cached).toEqual(toApiIssues(fresh.error!));
    expect(cached.map((i) => i.code)).toEqual(['too_small', 'duplicate_sku', 'invalid_phone', 'window_end_before_start', 'window_in_past']);
  });
});

describe('checkRx', () => {
  const catalogue: Record<string, { rx: boolean }> = { sku_insulin01: { rx: true }, sku_vitc: { rx: false } };
  const lookup = (id: string) => catalogue[id];

  it('requires rxRef when any line is prescription-only', () => {
    const items = [{ skuId: 'sku_vitc' }, { skuId: 'sku_insulin01' }];
    expect(checkRx(items, lookup, 'RX-1')).toEqual([]);
    expect(checkRx(items, lookup)).toMatchObject([{ code: 'rx_required', details: { path: 'rxRef', skus: ['sku_insulin01'] } }]);
    expect(checkRx(items, lookup, '  ')).toHaveLength(1);
    expect(checkRx([{ skuId: 'sku_vitc' }], lookup)).toEqual([]);
  });

  it('reports unknown SKUs', () => {
    expect(checkRx([{ skuId: 'sku_nope' }], lookup, undefined, 'zh-CN')).toEqual([
      { code: 'unknown_sku', message: '未知商品：sku_nope', details: { path: 'items.0.skuId', skuId: 'sku_nope' } },
    ]);
  });
});
