/**
 * Alarms against the real stack: lifecycle through the HTTP API (with audit rows and role
 * rules), notification over a REAL local SMTP server and HTTP receivers (signed webhook, SMS
 * provider), escalation by BullMQ delayed jobs, the SSE feed filtered by role, profile
 * validation (≥3 SMS recipients), and the read-only readings API.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { requireStack, startTestApi, makeUser, call, uniq, type TestApi } from '../platform/testing/harness';
import { appDb } from '../platform/db/pool';
import { redisConnection } from '../platform/queue/queue';
import { applyEvents, type EventScope } from './alarms/store';
import { saveProfile } from './alarms/profiles';
import { scheduleNotification } from './alarms/escalation';
import { verifyWebhookSignature } from './alarms/notify';
import { publishFeed, closeFeed, type FeedEvent } from './feed/bus';
import { publishFeed as publishPlatformFeed, closeFeedPublisher } from '../platform/feed';
import { telemetryModule, closeTelemetryHttp } from './http';
import { FakeDispatch, waitFor } from './testing/fakes';
import type { ExcursionEvent } from './excursion';
import type { Queue } from 'bullmq';
import { createQueue } from '../platform/queue/queue';

const mails: Array<{ to: string[]; body: string }> = [];
const posts: Array<{ path: string; headers: http.IncomingHttpHeaders; body: string }> = [];
let smtp: SMTPServer;
let receiver: http.Server;
let api: TestApi;
let workers: { close(): Promise<void> };
let alarmQueue: Queue;
const SECRET = 'whsec-test-0123456789';
const dispatch = new FakeDispatch();

beforeAll(async () => {
  requireStack();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, cb) {
      let body = '';
      stream.on('data', (c) => { body += c; });
      stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address), body }); cb(); });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { posts.push({ path: req.url ?? '', headers: req.headers, body }); res.statusCode = 202; res.end('{}'); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const rxPort = (receiver.address() as AddressInfo).port;
  Object.assign(process.env, {
    ALARM_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ALARM_SMS_URL: `http://127.0.0.1:${rxPort}/sms`,
    ALARM_SMS_TOKEN: 'sms-token',
    ALARM_WEBHOOK_URL: `http://127.0.0.1:${rxPort}/hook`,
    ALARM_WEBHOOK_SECRET: SECRET,
    ALARM_QUEUE: uniq('alarms-t-'),
    TELEMETRY_MAINTENANCE_QUEUE: uniq('tmaint-t-'),
    ALARM_ESCALATION_MAX_STEPS: '3',
  });
  const { startTelemetryWorkers } = await import('./workers');
  workers = await startTelemetryWorkers(dispatch);
  alarmQueue = createQueue(process.env.ALARM_QUEUE!);
  api = await startTestApi([telemetryModule]);
});
afterAll(async () => {
  await workers?.close();
  await alarmQueue?.close();
  await api?.close();
  await closeTelemetryHttp();
  await closeFeed();
  await closeFeedPublisher();
  if (smtp) await new Promise<void>((r) => smtp.close(() => r()));
  if (receiver) await new Promise<void>((r) => receiver.close(() => r()));
});

async function contacts(n: number, kind: 'phone' | 'email' = 'phone'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = uniq('con_');
    await appDb().query(`INSERT INTO telemetry.contacts (id, label, phone, email) VALUES ($1, 'duty', $2, $3)`,
      [id, kind === 'phone' ? `+86138000000${String(i).padStart(2, '0')}` : null, kind === 'email' ? `qa${i}-${id}@example.test` : null]);
    ids.push(id);
  }
  return ids;
}

const ev = (type: ExcursionEvent['type'], action: 'raise' | 'clear', severity: ExcursionEvent['severity'] = 'major'): ExcursionEvent =>
  ({ type, action, severity, at: Date.now() - 1000, retrospective: false, details: { t: 9.5 } });

async function raiseAlarm(scope: Partial<EventScope> & { boxId: string }, type: ExcursionEvent['type'] = 'TEMP_HIGH') {
  const [ch] = await applyEvents(appDb(), [{ scope: { temperatureClass: 'chilled', shipmentIds: [uniq('shp_')], facilityIds: ['fac_alm0001'], riderIds: [], ...scope }, event: ev(type, 'raise') }]);
  return ch.alarm;
}

describe('alarm store', () => {
  it('one open alarm per box × type: raising again is idempotent, clearing keeps it open', async () => {
    const boxId = uniq('box_');
    const scope: EventScope = { boxId, temperatureClass: 'chilled', shipmentIds: ['shp_one0001'], facilityIds: ['fac_alm0001'], riderIds: [] };
    const first = await applyEvents(appDb(), [{ scope, event: ev('FREEZE', 'raise', 'critical') }]);
    const again = await applyEvents(appDb(), [{ scope, event: ev('FREEZE', 'raise', 'critical') }]);
    expect(first).toHaveLength(1);
    expect(again).toHaveLength(0);
    const cleared = await applyEvents(appDb(), [{ scope, event: ev('FREEZE', 'clear', 'critical') }]);
    expect(cleared[0]).toMatchObject({ change: 'cleared', alarm: { condition: 'cleared', status: 'active' } });
    const back = await applyEvents(appDb(), [{ scope, event: ev('FREEZE', 'raise', 'critical') }]);
    expect(back[0]).toMatchObject({ change: 'reactivated', alarm: { id: first[0].alarm.id, occurrences: 2 } });
    const n = await appDb().query(`SELECT count(*)::int AS n FROM telemetry.alarms WHERE box_id = $1`, [boxId]);
    expect(n.rows[0].n).toBe(1);
    // The index itself refuses a second open row, whatever the code does.
    await expect(appDb().query(`INSERT INTO telemetry.alarms (id, box_id, type, severity, raised_at) VALUES ($1, $2, 'FREEZE', 'critical', now())`, [uniq('alm_'), boxId])).rejects.toThrow(/alarms_one_open/);
  });

  it('a batch applies in order per box × type: raise, clear, worse, wider; each change audited once', async () => {
    const a = uniq('box_'), b = uniq('box_');
    const scope = (boxId: string, shipmentIds = ['shp_a0001']): EventScope => ({ boxId, temperatureClass: 'chilled', shipmentIds, facilityIds: ['fac_alm0001'], riderIds: ['rdr_x0001'] });
    const changes = await applyEvents(appDb(), [
      { scope: scope(b), event: ev('TEMP_HIGH', 'raise', 'minor') },
      { scope: scope(a), event: ev('TEMP_HIGH', 'raise', 'major') },
      { scope: scope(a), event: ev('TEMP_HIGH', 'clear', 'major') },
      { scope: scope(b), event: ev('TEMP_HIGH', 'raise', 'critical') }, // worse: reactivated at critical
      { scope: scope(a, ['shp_b0001']), event: ev('TEMP_HIGH', 'raise', 'major') }, // back, and a second shipment
      { scope: scope(a, ['shp_b0001']), event: ev('DOOR_OPEN', 'clear', 'minor') }, // nothing open: no change
    ]);
    // In the callers' order.
    expect(changes.map((c) => [c.alarm.boxId, c.change, c.alarm.severity])).toEqual([
      [b, 'created', 'minor'], [a, 'created', 'major'], [a, 'cleared', 'major'], [b, 'reactivated', 'critical'], [a, 'reactivated', 'major'],
    ]);
    const last = changes[4].alarm;
    expect(last).toMatchObject({ condition: 'active', clearedAt: null, occurrences: 2, shipmentIds: ['shp_a0001', 'shp_b0001'], riderIds: ['rdr_x0001'] });
    expect(Date.parse(last.raisedAt)).toBeGreaterThan(0);
    const audit = await appDb().query(`SELECT action, new_value FROM platform.audit_log WHERE entity_id = $1 ORDER BY id`, [last.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['alarm.raise', 'alarm.clear', 'alarm.reactivate']);
    expect(audit.rows[0].new_value).toMatchObject({ boxId: a, type: 'TEMP_HIGH', severity: 'major', shipmentIds: ['shp_a0001'] });
    // The same events again (a redelivered batch) change nothing and audit nothing.
    const again = await applyEvents(appDb(), [{ scope: scope(a, ['shp_b0001']), event: ev('TEMP_HIGH', 'raise', 'major') }]);
    expect(again).toEqual([]);
    expect((await appDb().query(`SELECT count(*)::int AS n FROM platform.audit_log WHERE entity_id = $1`, [last.id])).rows[0].n).toBe(3);
  });

  it('two processes raising the same box × type at once make one alarm', async () => {
    const boxId = uniq('box_');
    const s: EventScope = { boxId, temperatureClass: 'chilled', shipmentIds: ['shp_c0001'], facilityIds: ['fac_alm0001'], riderIds: [] };
    const results = await Promise.all(Array.from({ length: 6 }, () => applyEvents(appDb(), [{ scope: s, event: ev('FREEZE', 'raise', 'critical') }])));
    expect(results.flat().filter((c) => c.change === 'created')).toHaveLength(1);
    expect((await appDb().query(`SELECT count(*)::int AS n FROM telemetry.alarms WHERE box_id = $1`, [boxId])).rows[0].n).toBe(1);
  });
});

describe('notification and escalation', () => {
  it('notifies 3 SMS + e-mail + signed webhook, escalates while unacknowledged, stops once acknowledged', async () => {
    const facility = `fac_${uniq('n')}`;
    const sms = await contacts(3);
    const [mail1, mail2] = await contacts(2, 'email');
    await saveProfile(appDb(), {
      facilityId: facility, productClass: 'chilled',
      override: { recipients: [...sms.map((contactId) => ({ channel: 'sms' as const, contactId })), { channel: 'email', contactId: mail1 }] },
      escalation: [{ afterMin: 0.01, recipients: [{ channel: 'email', contactId: mail2 }] }, { afterMin: 0.5, recipients: [{ channel: 'email', contactId: mail2 }] }],
    }, null);
    const alarm = await raiseAlarm({ boxId: uniq('box_'), facilityIds: [facility] });
    await scheduleNotification(alarmQueue, alarm.id);

    const mine = () => posts.filter((p) => p.body.includes(alarm.id));
    await waitFor(() => mine().filter((p) => p.path === '/sms').length === 3 && mine().some((p) => p.path === '/hook'), 8000);
    const smsPosts = mine().filter((p) => p.path === '/sms');
    expect(new Set(smsPosts.map((p) => JSON.parse(p.body).to)).size).toBe(3);
    expect(smsPosts[0].headers.authorization).toBe('Bearer sms-token');
    expect(JSON.parse(smsPosts[0].body)).toMatchObject({ reference: `${alarm.id}:0` });
    const hook = mine().find((p) => p.path === '/hook')!;
    expect(verifyWebhookSignature(SECRET, { timestamp: hook.headers['x-coldchain-timestamp'] as string, signature: hook.headers['x-coldchain-signature'] as string }, hook.body)).toBe(true);
    expect(verifyWebhookSignature('wrong-secret', { timestamp: hook.headers['x-coldchain-timestamp'] as string, signature: hook.headers['x-coldchain-signature'] as string }, hook.body)).toBe(false);
    expect(verifyWebhookSignature(SECRET, { timestamp: hook.headers['x-coldchain-timestamp'] as string, signature: hook.headers['x-coldchain-signature'] as string }, hook.body.replace('TEMP_HIGH', 'TEMP_LOW'))).toBe(false);
    await waitFor(() => mails.some((m) => m.body.includes(alarm.id) && m.to.some((t) => t.startsWith('qa0-'))), 8000);

    // Step 1 after 0.01 min: SMS again plus the second tier's mailbox.
    await waitFor(() => mine().filter((p) => p.path === '/sms' && p.body.includes(`${alarm.id}:1`)).length === 3, 8000);
    await waitFor(() => mails.some((m) => m.body.includes(alarm.id) && m.to.some((t) => t.startsWith('qa1-'))), 8000);
    const log = await appDb().query(`SELECT tier, channel, outcome FROM telemetry.alarm_notifications WHERE alarm_id = $1`, [alarm.id]);
    expect(log.rows.filter((r) => r.tier === 0 && r.channel === 'sms' && r.outcome === 'sent')).toHaveLength(3);
    // At tier 1, tier 2 fires 0.5 min after step 1 ran: the API says when.
    const qa = await makeUser('qa');
    await waitFor(async () => (await call(api.url, 'GET', `/api/v1/telemetry/alarms/${alarm.id}`, { token: qa.token })).body.escalationTier === 1, 8000);
    const atTier1 = (await call(api.url, 'GET', `/api/v1/telemetry/alarms/${alarm.id}`, { token: qa.token })).body;
    expect(Date.parse(atTier1.nextEscalationAt) - Date.parse(atTier1.lastNotifiedAt)).toBeCloseTo(30_000, -2);
    expect(atTier1.limits).toEqual({ low: 2, high: 8, warnLow: 2.5, warnHigh: 7.5 });

    // Acknowledge: step 2 (due after 0.5 min) must find it acknowledged and do nothing.
    const ack = await call(api.url, 'POST', `/api/v1/telemetry/alarms/${alarm.id}/acknowledge`, { token: qa.token, body: { note: 'called the rider; box moved to a cooler' } });
    expect(ack.status).toBe(200);
    expect(ack.body.nextEscalationAt).toBeNull();
    const job = await alarmQueue.getJob(`notify-${alarm.id}-2`);
    expect(job).toBeTruthy();
    await job!.changeDelay(0);
    await waitFor(async () => (await job!.getState()) === 'completed', 8000);
    expect((await alarmQueue.getJob(`notify-${alarm.id}-2`))!.returnvalue).toMatchObject({ stopped: 'acknowledged' });
    const audit = await appDb().query(`SELECT action FROM platform.audit_log WHERE entity_id = $1 ORDER BY id`, [alarm.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['alarm.raise', 'alarm.notify', 'alarm.escalate', 'alarm.acknowledge']);
  });
});

describe('alarm API', () => {
  it('acknowledge and resolve: who, when, note, audit with old and new value; role rules', async () => {
    const box = uniq('box_');
    const alarm = await raiseAlarm({ boxId: box, riderIds: ['rdr_own00001'], facilityIds: ['fac_api00001'] });
    const other = await raiseAlarm({ boxId: uniq('box_'), riderIds: ['rdr_else0001'], facilityIds: ['fac_api00002'] });
    const rider = await makeUser('rider', { riderId: 'rdr_own00001' });
    const partner = await makeUser('partner', { facilityId: 'fac_api00002' });
    const qa = await makeUser('qa');
    const path = (id: string, what = '') => `/api/v1/telemetry/alarms/${id}${what}`;

    // Riders see and may acknowledge their own boxes' alarms only; they never resolve.
    const list = await call(api.url, 'GET', '/api/v1/telemetry/alarms?open=true&limit=500', { token: rider.token });
    expect(list.status).toBe(200);
    expect(list.body.alarms.map((a: { id: string }) => a.id)).toContain(alarm.id);
    expect(list.body.alarms.map((a: { id: string }) => a.id)).not.toContain(other.id);
    expect((await call(api.url, 'GET', path(other.id), { token: rider.token })).status).toBe(404);
    expect((await call(api.url, 'POST', path(other.id, '/acknowledge'), { token: rider.token, body: { note: 'not mine' } })).status).toBe(403);
    expect((await call(api.url, 'POST', path(alarm.id, '/acknowledge'), { token: rider.token, body: {} })).status).toBe(400);
    const ack = await call(api.url, 'POST', path(alarm.id, '/acknowledge'), { token: rider.token, body: { note: 'lid closed, ice pack replaced' } });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: rider.id, ackNote: 'lid closed, ice pack replaced' });
    expect((await call(api.url, 'POST', path(alarm.id, '/acknowledge'), { token: qa.token, body: { note: 'again' } })).body.error.code).toBe('alarm_not_active');
    expect((await call(api.url, 'POST', path(alarm.id, '/resolve'), { token: rider.token, body: { note: 'done' } })).status).toBe(403);
    expect((await call(api.url, 'POST', path(alarm.id, '/resolve'), { token: partner.token, body: { note: 'done' } })).status).toBe(403);

    // Partners read their store's alarms only.
    const plist = await call(api.url, 'GET', '/api/v1/telemetry/alarms?limit=500', { token: partner.token });
    expect(plist.body.alarms.every((a: { facilityIds: string[] }) => a.facilityIds.includes('fac_api00002'))).toBe(true);
    expect(plist.body.alarms.map((a: { id: string }) => a.id)).toContain(other.id);

    const res = await call(api.url, 'POST', path(alarm.id, '/resolve'), { token: qa.token, body: { note: 'product within stability budget; released' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolvedBy: qa.id, acknowledgedBy: rider.id });
    expect((await call(api.url, 'POST', path(alarm.id, '/resolve'), { token: qa.token, body: { note: 'twice' } })).status).toBe(409);
    const audit = await appDb().query(`SELECT action, actor_id, old_value, new_value, reason FROM platform.audit_log WHERE entity_id = $1 ORDER BY id`, [alarm.id]);
    const acts = audit.rows.filter((r) => r.action !== 'alarm.raise');
    expect(acts.map((r) => [r.action, r.actor_id])).toEqual([['alarm.acknowledge', rider.id], ['alarm.resolve', qa.id]]);
    expect(acts[0].old_value).toEqual({ status: 'active' });
    expect(acts[0].new_value).toMatchObject({ status: 'acknowledged', note: 'lid closed, ice pack replaced' });
    expect(acts[1].reason).toBe('product within stability budget; released');
    // Resolved frees the box × type slot: a new excursion opens a new alarm.
    const next = await raiseAlarm({ boxId: box });
    expect(next.id).not.toBe(alarm.id);
  });

  it('alarm profiles: a chilled profile with fewer than 3 SMS recipients is refused', async () => {
    // The direct set is the administrator's; QA goes through change requests (telemetry/qa).
    const admin = await makeUser('admin');
    const two = await contacts(2);
    const three = [...two, ...(await contacts(1))];
    const put = (ids: string[]) => call(api.url, 'PUT', '/api/v1/telemetry/alarm-profiles/fac_prof0001/chilled', {
      token: admin.token, body: { override: {}, recipients: ids.map((contactId) => ({ channel: 'sms', contactId })), reason: 'GSP alarm recipients' },
    });
    const bad = await put(two);
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('profile_invalid');
    expect(bad.body.error.message).toMatch(/≥3/);
    const ok = await put(three);
    expect(ok.status).toBe(200);
    expect(ok.body.profile.recipients).toHaveLength(3);
    const unknown = await put([...two, 'con_doesnotexist']);
    expect(unknown.body.error.code).toBe('contact_not_found');
    for (const role of ['dispatcher', 'qa'] as const) {
      const u = await makeUser(role);
      expect((await call(api.url, 'PUT', '/api/v1/telemetry/alarm-profiles/fac_prof0001/chilled', { token: u.token, body: { override: {}, reason: 'x'.repeat(5) } })).status, role).toBe(403);
    }
  });

  it('readings: query only — no update, delete or import; dead letters for admins', async () => {
    const qa = await makeUser('qa');
    const rider = await makeUser('rider');
    const admin = await makeUser('admin');
    expect((await call(api.url, 'GET', `/api/v1/telemetry/readings?boxId=${uniq('box_')}`, { token: qa.token })).status).toBe(200);
    expect((await call(api.url, 'GET', '/api/v1/telemetry/readings', { token: qa.token })).status).toBe(400);
    expect((await call(api.url, 'GET', `/api/v1/telemetry/readings?boxId=${uniq('box_')}`, { token: rider.token })).status).toBe(403);
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) {
      const r = await call(api.url, method, '/api/v1/telemetry/readings', { token: admin.token, body: method === 'DELETE' ? undefined : { readings: [] } });
      expect(r.status, method).toBe(405);
    }
    expect((await call(api.url, 'GET', '/api/v1/telemetry/dead-letters', { token: admin.token })).status).toBe(200);
    expect((await call(api.url, 'GET', '/api/v1/telemetry/dead-letters', { token: qa.token })).status).toBe(403);
  });
});

describe('real-time feed (SSE)', () => {
  async function openFeed(token: string) {
    const ac = new AbortController();
    const res = await fetch(`${api.url}/api/v1/feed`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: ac.signal });
    const events: Array<{ event: string; data: any }> = [];
    const reader = res.body!.getReader();
    let buf = '';
    let connected = false;
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += new TextDecoder().decode(value);
          let i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            if (block.startsWith(': connected')) connected = true;
            const ev = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
          }
        }
      } catch { /* aborted */ }
    })();
    await waitFor(() => connected);
    return { res, events, close: () => ac.abort() };
  }

  it('streams alarms and box states, filtered by role, from any publisher through Redis', async () => {
    const rider = await makeUser('rider', { riderId: 'rdr_feed0001' });
    const partner = await makeUser('partner', { facilityId: 'fac_feed0002' });
    const dispatcher = await makeUser('dispatcher');
    const [r, p, d] = await Promise.all([openFeed(rider.token), openFeed(partner.token), openFeed(dispatcher.token)]);
    try {
      expect(r.res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const mine = await raiseAlarm({ boxId: uniq('box_'), riderIds: ['rdr_feed0001'], facilityIds: ['fac_feed0001'] });
      const theirs = await raiseAlarm({ boxId: uniq('box_'), riderIds: ['rdr_feed0002'], facilityIds: ['fac_feed0002'] });
      const redis = redisConnection();
      const now = Date.now();
      const events: FeedEvent[] = [
        { type: 'alarm', change: 'created', alarm: mine, scope: { facilityIds: mine.facilityIds, riderIds: mine.riderIds }, publishedAt: now },
        { type: 'alarm', change: 'created', alarm: theirs, scope: { facilityIds: theirs.facilityIds, riderIds: theirs.riderIds }, publishedAt: now },
        { type: 'box', box: { boxId: mine.boxId, ts: new Date(now).toISOString(), receivedAt: new Date(now).toISOString(), t: [9.5], rh: null, door: false, batt: 80, online: true, driftFlag: false, shipmentIds: [] }, scope: { facilityIds: ['fac_feed0001'], riderIds: ['rdr_feed0001'] }, publishedAt: now },
      ];
      await publishFeed(redis, events); // as an ingest process would: a different connection, any process
      await redis.quit();
      // Another context's event on the shared platform feed reaches the same stream.
      await publishPlatformFeed({ type: 'plan', facilityId: 'fac_feed0002', planId: 'pln_test0001' });
      await waitFor(() => d.events.length >= 4);
      await waitFor(() => r.events.length >= 2);
      await waitFor(() => p.events.length >= 2);
      await new Promise((x) => setTimeout(x, 200));
      expect(r.events.map((e) => [e.event, e.data.alarm?.id ?? e.data.box?.boxId])).toEqual([['alarm', mine.id], ['box', mine.boxId]]);
      expect(r.events[0].data.scope).toBeUndefined();
      expect(p.events.map((e) => e.data.alarm?.id ?? e.data.planId)).toEqual([theirs.id, 'pln_test0001']);
      expect(d.events.map((e) => e.event)).toEqual(['alarm', 'alarm', 'box', 'plan']);
    } finally {
      r.close(); p.close(); d.close();
    }
  });

  it('needs a session and an event-stream client', async () => {
    expect((await call(api.url, 'GET', '/api/v1/feed', { headers: { accept: 'text/event-stream' } })).status).toBe(401);
    const qa = await makeUser('qa');
    const plain = await call(api.url, 'GET', '/api/v1/feed', { token: qa.token }); // no Accept: an answer, not an endless stream
    expect(plain.status).toBe(400);
    expect(plain.body.error.code).toBe('event_stream_required');
  });
});
