import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appDb, withTx } from '../platform/db/pool';
import { bindShipment } from './custody';
import { startTestApi, makeUser, call, type TestApi, type TestUser } from '../platform/testing/harness';
import { subscribeFeedForTest } from './testing/feed';
import { planFacility, closeSolver } from './planning';
import { planQueue, requestPlan, requestPlanSoon, closePlanQueue, PLAN_QUEUE } from './planning-trigger';
import { redisConnection } from '../platform/queue/queue';
import { getKey } from '../platform/config/registry';
import { keys } from '../platform/config/keys';
import { startDispatchWorkers } from './workers';
import { pairBox } from './network';
import { facility, sku, stock, box, rider, orderBody, near, dispatchRoutes, testAudit } from './testing/fixtures';

let api: TestApi;
let dispatcher: TestUser;
beforeAll(async () => {
  api = await startTestApi([dispatchRoutes()]);
  dispatcher = await makeUser('dispatcher');
});
afterAll(async () => { await api.close(); await closeSolver(); });

const post = (path: string, body: unknown, token = dispatcher.token) => call(api.url, 'POST', path, { token, body });

/** A facility whose riders carry paired boxes; returns ids. */
async function setup(opts: { holdover?: number; riders?: number } = {}) {
  const f = await facility({ at: near(-0.005, 0.005), radiusM: 2500, riders: 0 });
  const rs = [];
  for (let i = 0; i < (opts.riders ?? 2); i++) {
    const r = await rider(f.id);
    const b = await box(f.id, { classes: ['ambient', 'chilled'], capacity: 10 });
    if (opts.holdover) {
      // The model's table decides (at any forecast ambient), the season table only without one.
      const m = `dm_${b.id.slice(4)}`;
      await appDb().query(`INSERT INTO dispatch.device_models (id, maker, name, probe_accuracy, sample_interval_s, buffer_readings, holdover) SELECT $1, 'Test', $1, probe_accuracy, 60, 1000, $2 FROM dispatch.device_models WHERE id = 'dm_default'`,
        [m, JSON.stringify([{ ambientC: 25, minutes: opts.holdover }])]);
      await appDb().query(`UPDATE dispatch.boxes SET holdover_minutes = $2, model_id = $3 WHERE id = $1`, [b.id, JSON.stringify({ summer: opts.holdover, winter: opts.holdover }), m]);
    }
    await pairBox(appDb(), b.id, r.id);
    rs.push(r);
  }
  const cold = await sku({ cls: 'chilled' });
  const dry = await sku({ cls: 'ambient' });
  await stock(f.id, cold.id, 50);
  await stock(f.id, dry.id, 50);
  return { f, riders: rs, cold, dry };
}

async function place(skuId: string, at: { lat: number; lng: number }, promiseMinutes = 90) {
  const body = orderBody([{ skuId, quantity: 1 }], { delivery: { mode: 'instant', promiseMinutes } });
  (body.customer as any).location = at;
  const r = await post('/api/v1/orders', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.shipments[0].id as string;
}

describe('planning', () => {
  it('assigns every shipment to a rider with per-stop ETAs, pickup before delivery, and publishes the plan', async () => {
    const { f, cold, dry } = await setup();
    const shps = [
      await place(cold.id, near(-0.002, 0.004)),
      await place(dry.id, near(-0.008, 0.008)),
      await place(cold.id, near(-0.006, 0.001)),
    ];
    const events: any[] = [];
    const stop = await subscribeFeedForTest((e) => events.push(e));
    const res = await planFacility(f.id, 'test');
    expect(res!.served).toBe(3);
    expect(res!.unassigned).toEqual([]);
    const plan = await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token });
    const stops = plan.body.routes.flatMap((r: any) => r.stops);
    for (const s of shps) {
      const p = stops.findIndex((x: any) => x.shipmentId === s && x.step === 'pickup');
      const d = stops.findIndex((x: any) => x.shipmentId === s && x.step === 'delivery');
      expect(p).toBeGreaterThanOrEqual(0);
      expect(d).toBeGreaterThan(p);
    }
    const rows = (await appDb().query('SELECT id, status, rider_id, eta FROM dispatch.shipments WHERE id = ANY($1)', [shps])).rows;
    for (const r of rows) {
      expect(r.status).toBe('assigned');
      expect(r.rider_id).toMatch(/^rdr_/);
      expect(r.eta.getTime()).toBeGreaterThan(Date.now() - 1000);
    }
    for (let i = 0; i < 50 && !events.some((e) => e.type === 'plan' && e.facilityId === f.id); i++) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(events.some((e) => e.type === 'plan' && e.facilityId === f.id && e.planId === res!.planId)).toBe(true);
  });

  it('a cold shipment whose trip cannot fit the box holdover comes back unassigned with the reason', async () => {
    const { f, cold, dry } = await setup({ holdover: 11 }); // 11 min − 10 min safety = 60 s out of the fridge
    const c = await place(cold.id, near(0.01, -0.01));
    const d = await place(dry.id, near(0.01, -0.01));
    const res = await planFacility(f.id, 'test');
    expect(res!.unassigned).toEqual([expect.objectContaining({ shipmentId: c, reason: 'holdover_exceeded' })]);
    const plan = (await call(api.url, 'GET', `/api/v1/facilities/${f.id}/plan`, { token: dispatcher.token })).body;
    expect(plan.routes.flatMap((r: any) => r.stops.map((s: any) => s.shipmentId))).toContain(d);
    expect(plan.unassigned[0]).toMatchObject({ shipmentId: c, reason: 'holdover_exceeded' });
  });

  it('respects a dispatcher\'s pin, and a picked-up shipment stays with its rider', async () => {
    const { f, riders, cold } = await setup({ riders: 2 });
    const a = await place(cold.id, near(-0.003, 0.006));
    const b = await place(cold.id, near(-0.004, 0.007));
    expect((await post(`/api/v1/shipments/${a}/pin`, { riderId: riders[1].id })).status).toBe(200);
    await planFacility(f.id, 'test');
    expect((await appDb().query('SELECT rider_id FROM dispatch.shipments WHERE id = $1', [a])).rows[0].rider_id).toBe(riders[1].id);
    // Rider 0 picks b up; a re-plan may move anything else but not b.
    const boxOf0 = (await appDb().query('SELECT id FROM dispatch.boxes WHERE rider_id = $1', [riders[0].id])).rows[0].id;
    await appDb().query(`UPDATE dispatch.shipments SET status = 'ready', rider_id = NULL WHERE id = $1`, [b]);
    await withTx(appDb(), (c) => bindShipment(c, { shipmentId: b, boxId: boxOf0, riderId: riders[0].id, audit: testAudit }));
    const res = await planFacility(f.id, 'test');
    const route0 = (await call(api.url, 'GET', `/api/v1/riders/${riders[0].id}/plan`, { token: dispatcher.token })).body.route;
    expect(route0.stops[0]).toMatchObject({ shipmentId: b, step: 'delivery', locked: true });
    expect(res!.unassigned).toEqual([]);
  });

  it('a re-plan request runs as a debounced BullMQ job in the worker', async () => {
    const { f, dry } = await setup({ riders: 1 });
    const s = await place(dry.id, near(-0.006, 0.006));
    await withOwnPlanQueue(async () => {
      const workers = await startDispatchWorkers({ planConcurrency: 1 });
      try {
        await requestPlan(f.id, 'test burst');
        await requestPlan(f.id, 'test burst');
        let plans = 0;
        for (let i = 0; i < 200 && plans === 0; i++) {
          plans = (await appDb().query('SELECT count(*) AS n FROM dispatch.plans WHERE facility_id = $1', [f.id])).rows[0].n;
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(plans).toBeGreaterThanOrEqual(1);
        expect((await appDb().query('SELECT status FROM dispatch.shipments WHERE id = $1', [s])).rows[0].status).toBe('assigned');
      } finally {
        await workers.close();
      }
    });
  });

  it('requests fold into the delayed plan job this process created without a Redis call each; once it may have started, requests in a short window share one call', async () => {
    process.env.DISPATCH_PLAN_DEBOUNCE_MS = '400';
    try {
      const { f } = await setup({ riders: 1 });
      const q = planQueue();
      const redis = redisConnection();
      const eventsKey = `${getKey(keys.queuePrefix)}:${PLAN_QUEUE}:events`;
      /** The queue's events about this facility's plan jobs: new delayed jobs, and adds BullMQ folded into one. */
      const events = async () => {
        const out = { delayed: 0, deduplicated: 0 };
        for (const [, fields] of await redis.xrange(eventsKey, '-', '+')) {
          const e = Object.fromEntries(fields.flatMap((v, i, a) => (i % 2 ? [] : [[v, a[i + 1]]])));
          if (e.event === 'delayed' && e.jobId.startsWith(`plan-${f.id}-`)) out.delayed++;
          if (e.event === 'deduplicated' && e.deduplicationId === `plan:${f.id}`) out.deduplicated++;
        }
        return out;
      };
      for (let i = 0; i < 10; i++) await requestPlan(f.id, `burst ${i}`);
      expect(await events()).toEqual({ delayed: 1, deduplicated: 0 });
      const [job] = (await q.getDelayed()).filter((j) => j.data.facilityId === f.id);
      expect(job.data.reason).toBe('burst 0');
      // Past three quarters of the delay the job may start at any moment: requests go to Redis
      // again (here the job is still delayed, so BullMQ folds them into it). A call that did not
      // create the job opens a window of a quarter of the delay (100 ms): the requests in it
      // share one call, made when it ends.
      await new Promise((r) => setTimeout(r, 350));
      await requestPlan(f.id, 'late 1');
      expect(await events()).toEqual({ delayed: 1, deduplicated: 1 });
      const t = Date.now();
      await Promise.all(Array.from({ length: 10 }, (_x, i) => requestPlan(f.id, `late burst ${i}`)));
      expect(await events()).toEqual({ delayed: 1, deduplicated: 2 });
      expect(Date.now() - t).toBeGreaterThanOrEqual(50);
      // Past the window, a request calls Redis at once.
      await new Promise((r) => setTimeout(r, 110));
      await requestPlan(f.id, 'later');
      expect(await events()).toEqual({ delayed: 1, deduplicated: 3 });
      redis.disconnect();
    } finally {
      delete process.env.DISPATCH_PLAN_DEBOUNCE_MS;
    }
  });

  it('a plan request made after a commit is retried while Redis is unreachable, then reported as failed', async () => {
    await closePlanQueue();
    const url = process.env.REDIS_URL;
    process.env.REDIS_URL = 'redis://127.0.0.1:1'; // nothing listens there
    try {
      const t0 = Date.now();
      expect(await requestPlanSoon('fac_nowhere', 'test: redis down')).toBe(false);
      // 5 tries of 1 s each (BullMQ would wait for Redis forever), 0.2 + 0.4 + 0.8 + 1.6 s apart.
      expect(Date.now() - t0).toBeGreaterThan(7000);
    } finally {
      await closePlanQueue();
      process.env.REDIS_URL = url;
    }
    // With Redis back, the same call gets through.
    expect(await requestPlanSoon('fac_nowhere', 'test: redis back')).toBe(true);
  }, 30_000);

  it('a rider may read only their own route', async () => {
    const { riders } = await setup({ riders: 2 });
    const u = await makeUser('rider', { riderId: riders[0].id });
    expect((await call(api.url, 'GET', `/api/v1/riders/${riders[1].id}/plan`, { token: u.token })).status).toBe(403);
    expect((await call(api.url, 'GET', `/api/v1/riders/${riders[0].id}/plan`, { token: u.token })).status).toBe(200);
  });
});

/**
 * Runs `fn` with a plan queue of its own: the shared test queue holds the plan requests of every
 * other test file's orders (no worker ran for them), which a worker would go through first.
 */
async function withOwnPlanQueue(fn: () => Promise<void>): Promise<void> {
  await closePlanQueue();
  const stackPrefix = process.env.QUEUE_PREFIX;
  process.env.QUEUE_PREFIX = `plantest${Date.now().toString(36)}`;
  try {
    await fn();
  } finally {
    await closePlanQueue();
    if (stackPrefix === undefined) delete process.env.QUEUE_PREFIX;
    else process.env.QUEUE_PREFIX = stackPrefix;
  }
}

describe('planning survives a worker dying mid-plan', () => {
  it('the job goes back to the queue when its worker is killed, and another worker stores the plan', async () => {
    const { spawn } = await import('node:child_process');
    const { f, dry } = await setup({ riders: 1 });
    await place(dry.id, near(-0.007, 0.004));
    await withOwnPlanQueue(async () => {
      // Short locks so the test does not wait BullMQ's default 30 s; a long optimizer budget so
      // the first worker is surely mid-plan when it is killed.
      const env = { ...process.env, QUEUE_LOCK_DURATION_MS: '1500', QUEUE_STALLED_INTERVAL_MS: '1000', DISPATCH_PLAN_TIME_BUDGET_MS: '5000', PROCESS_NAME: 'worker-doomed' };
      const doomed = spawn(process.execPath, ['--import', 'tsx', 'app/cli.ts', 'serve', 'worker'], { env, stdio: 'ignore' });
      try {
        const { planQueue } = await import('./planning-trigger');
        await requestPlan(f.id, 'worker death test');
        let active = false;
        for (let i = 0; i < 800 && !active; i++) {
          active = (await planQueue().getActive()).some((j) => j.data.facilityId === f.id);
          if (!active) await new Promise((r) => setTimeout(r, 50));
        }
        expect(active).toBe(true);
        doomed.kill('SIGKILL');
        await new Promise((r) => doomed.once('exit', r));
        expect((await appDb().query('SELECT count(*) AS n FROM dispatch.plans WHERE facility_id = $1', [f.id])).rows[0].n).toBe(0);
        process.env.QUEUE_LOCK_DURATION_MS = '1500';
        process.env.QUEUE_STALLED_INTERVAL_MS = '1000';
        const rescuer = await startDispatchWorkers({ planConcurrency: 4 });
        try {
          let plans = 0;
          for (let i = 0; i < 300 && plans === 0; i++) {
            plans = (await appDb().query('SELECT count(*) AS n FROM dispatch.plans WHERE facility_id = $1', [f.id])).rows[0].n;
            if (!plans) await new Promise((r) => setTimeout(r, 100));
          }
          expect(plans).toBe(1);
        } finally {
          await rescuer.close();
          delete process.env.QUEUE_LOCK_DURATION_MS;
          delete process.env.QUEUE_STALLED_INTERVAL_MS;
        }
      } finally {
        doomed.kill('SIGKILL');
      }
    });
  }, 120_000);
});
