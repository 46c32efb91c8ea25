/**
 * Recurring deliveries: a series created with its first order places its next occurrence through
 * the normal order path when the worker's tick finds it due, and moves on to the one after.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appDb } from '../platform/db/pool';
import { startTestApi, makeUser, call, type TestApi, type TestUser } from '../platform/testing/harness';
import { authModule } from '../platform/auth/routes';
import { recurringTick } from './recurring';
import { facility, sku, stock, orderBody, dispatchRoutes } from './testing/fixtures';

let api: TestApi;
let dispatcher: TestUser;
beforeAll(async () => {
  api = await startTestApi([authModule, dispatchRoutes()]);
  dispatcher = await makeUser('dispatcher');
});
afterAll(async () => { await api.close(); });

describe('recurring deliveries', () => {
  it('the tick places the next occurrence from the series and schedules the one after', async () => {
    const f = await facility();
    const s = await sku({ cls: 'ambient' });
    await stock(f.id, s.id, 20);
    const start = new Date(Date.now() + 2 * 3600_000);
    const firstWindow = { start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString() };
    const r = await call(api.url, 'POST', '/api/v1/orders', { token: dispatcher.token, body: orderBody([{ skuId: s.id, quantity: 1 }], { delivery: { mode: 'recurring', firstWindow, everyDays: 7, count: 3 } }) });
    expect(r.status).toBe(201);
    const series = (await appDb().query('SELECT r.id, r.next_at, r.remaining FROM dispatch.recurring_orders r JOIN dispatch.orders o ON o.recurring_id = r.id WHERE o.id = $1', [r.body.id])).rows[0];
    expect(series.remaining).toBe(2);
    // Seven days on, the next occurrence is due (within the lead time).
    const created = await recurringTick(new Date(series.next_at.getTime() - 3600_000));
    expect(created).toBeGreaterThanOrEqual(1);
    const orders = (await appDb().query('SELECT id, window_start FROM dispatch.orders WHERE recurring_id = $1 ORDER BY window_start', [series.id])).rows;
    expect(orders).toHaveLength(2);
    expect(orders[1].window_start.getTime()).toBe(series.next_at.getTime());
    const after = (await appDb().query('SELECT next_at, remaining, last_error FROM dispatch.recurring_orders WHERE id = $1', [series.id])).rows[0];
    expect(after).toMatchObject({ remaining: 1, last_error: null });
    expect(after.next_at.getTime()).toBe(series.next_at.getTime() + 7 * 86_400_000);
  }, 20_000);
});
