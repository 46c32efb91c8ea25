/**
 * Telemetry HTTP API under /api/v1: alarms (list, get, acknowledge, resolve), readings and
 * latest box state (queries only: readings have no update, delete or import route, so those
 * methods answer 405 — COMPLIANCE A.6), dead letters (admin), alarm profiles and contacts,
 * and the real-time feed (SSE).
 */
import { z } from 'zod';
import { Where } from '../platform/db/where';
import { appDb, withTx } from '../platform/db/pool';
import { AppError } from '../platform/errors';
import { newId } from '../platform/ids';
import { route, schemas, type RouteModule, type SessionUser } from '../platform/http/route';
import { redisConnection } from '../platform/queue/queue';
import { PRODUCT_CLASSES, type ProfileOverride } from './excursion';
import { acknowledge, getAlarm, listAlarms, maySee, resolve, SEVERITIES, type Actor } from './alarms/store';
import { EscalationSchema, loadProfileRows, resolveStored, saveProfile } from './alarms/profiles';
import { publishFeed, subscribeFeed, visibleTo, type FeedEvent } from './feed/bus';
import { rowToBoxState } from './ingest/latest';
import type { Redis } from 'ioredis';

const BoxId = schemas.id('box');
const AlarmId = schemas.id('alm');
const Note = z.string().trim().min(3).max(2000).meta({ description: 'Who did what and why (kept with the alarm and in the audit trail)' });

const AlarmOut = z.object({
  id: z.string(), boxId: z.string(), type: z.string(), severity: z.enum(['critical', 'major', 'minor', 'warning']),
  status: z.enum(['active', 'acknowledged', 'resolved']), condition: z.enum(['active', 'cleared']), temperatureClass: z.string().nullable(),
  shipmentIds: z.array(z.string()), facilityIds: z.array(z.string()), riderIds: z.array(z.string()),
  raisedAt: z.string(), retrospective: z.boolean(), details: z.record(z.string(), z.unknown()), occurrences: z.number(),
  clearedAt: z.string().nullable(), createdAt: z.string(), acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable(),
  ackNote: z.string().nullable(), resolvedAt: z.string().nullable(), resolvedBy: z.string().nullable(), resolveNote: z.string().nullable(),
  escalationTier: z.number().meta({ description: 'Escalation step reached: 0 = the profile\'s recipients notified, n = escalation tier n notified' }),
  lastNotifiedAt: z.string().nullable(),
  nextEscalationAt: z.string().nullable().meta({ description: 'When tier escalationTier + 1 is notified unless the alarm is acknowledged first; null when acknowledged, resolved or no tier is left' }),
}).meta({ id: 'Alarm' });

const AlarmDetailOut = AlarmOut.extend({
  limits: z.object({
    low: z.number(), high: z.number(), warnLow: z.number().nullable(), warnHigh: z.number().nullable(),
  }).nullable().meta({ description: 'The alarm limits in °C of the profile the box is judged by (its class at its facility); null for alarms with no temperature class' }),
}).meta({ id: 'AlarmDetail' });

const ALARM_EXAMPLE = {
  id: 'alm_3f9k2p', boxId: 'box_th0007', type: 'high_temperature', severity: 'critical', status: 'acknowledged', condition: 'active', temperatureClass: 'chilled',
  shipmentIds: ['shp_4h8q2c'], facilityIds: ['fac_tianhe01'], riderIds: ['rdr_li01'], raisedAt: '2026-12-05T08:55:10.000Z', retrospective: false,
  details: { maxC: 9.4, limitC: 8, minutesAbove: 12 }, occurrences: 1, clearedAt: null, createdAt: '2026-12-05T08:55:12.000Z',
  acknowledgedAt: '2026-12-05T08:57:40.000Z', acknowledgedBy: 'usr_disp01', ackNote: '已联系骑手，冰排已更换，箱温回落中', resolvedAt: null, resolvedBy: null, resolveNote: null,
  escalationTier: 1, lastNotifiedAt: '2026-12-05T08:55:13.000Z', nextEscalationAt: null,
};

const actorOf = (u: SessionUser | undefined): Actor => ({ id: u!.id, role: u!.role, riderId: u!.riderId, facilityId: u!.facilityId });

let pub: Redis | undefined;
const publisher = () => (pub ??= redisConnection());
/** Closes this module's Redis publisher (API shutdown, tests). */
export async function closeTelemetryHttp(): Promise<void> {
  const p = pub;
  pub = undefined;
  await p?.quit().catch(() => undefined);
}

const listAlarmsRoute = route({
  method: 'get', path: '/telemetry/alarms', operationId: 'listAlarms', summary: 'List alarms (newest first); riders see their boxes, partners their store', tags: ['telemetry'],
  access: 'authenticated',
  query: z.object({
    status: z.enum(['active', 'acknowledged', 'resolved']).optional(),
    open: z.enum(['true', 'false']).optional().meta({ description: 'true = not resolved' }),
    boxId: BoxId.optional(), type: z.string().max(40).optional(), severity: z.enum(['critical', 'major', 'minor', 'warning']).optional(),
    facilityId: z.string().max(60).optional(), shipmentId: z.string().max(60).optional(),
    from: z.coerce.date().optional(), to: z.coerce.date().optional(), before: z.coerce.date().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }).strict(),
  response: z.object({ alarms: z.array(AlarmOut), nextBefore: z.string().nullable() }),
  async handler({ query }, rc) {
    const u = rc.user!;
    const alarms = await listAlarms(appDb(), {
      ...query, status: query.status ? [query.status] : undefined, open: query.open === 'true',
      // Scope is forced by role, whatever the query says.
      riderId: u.role === 'rider' ? (u.riderId ?? '__none__') : undefined,
      facilityId: u.role === 'partner' ? (u.facilityId ?? '__none__') : query.facilityId,
    });
    return { body: { alarms, nextBefore: alarms.length === query.limit ? alarms[alarms.length - 1].createdAt : null } };
  },
});

const getAlarmRoute = route({
  method: 'get', path: '/telemetry/alarms/:id', operationId: 'getAlarm', errors: { 404: { codes: ['alarm_not_found'] } }, summary: 'One alarm, with the temperature limits its box is judged by (for the curve)', tags: ['telemetry'], access: 'authenticated',
  params: z.object({ id: AlarmId }).strict(), response: AlarmDetailOut,
  async handler({ params }, rc) {
    const a = await getAlarm(appDb(), params.id);
    // Not visible reads as not found: a rider cannot probe other riders' alarm ids.
    if (!a || !maySee(a, actorOf(rc.user))) throw new AppError('not_found', 'alarm_not_found', `No alarm ${params.id}.`);
    const cls = PRODUCT_CLASSES.find((c) => c === a.temperatureClass);
    const p = cls ? resolveStored(cls, await loadProfileRows(appDb()), a.facilityIds[0] ?? '*').profile : null;
    return { body: { ...a, limits: p ? { low: p.low, high: p.high, warnLow: p.warnLow, warnHigh: p.warnHigh } : null } };
  },
});

async function publishChange(change: 'acknowledged' | 'resolved', alarm: Awaited<ReturnType<typeof acknowledge>>) {
  const e: FeedEvent = { type: 'alarm', change, alarm, scope: { facilityIds: alarm.facilityIds, riderIds: alarm.riderIds }, publishedAt: Date.now() };
  await publishFeed(publisher(), [e]);
}

const ackRoute = route({
  method: 'post', path: '/telemetry/alarms/:id/acknowledge', operationId: 'acknowledgeAlarm', errors: { 404: { codes: ['alarm_not_found'] }, 409: { codes: ['alarm_not_active'] } }, examples: { request: { note: '已联系骑手，冰排已更换，箱温回落中' }, response: ALARM_EXAMPLE }, summary: 'Acknowledge an active alarm (stops escalation). Riders: alarms on their own boxes only', tags: ['telemetry'],
  access: ['admin', 'dispatcher', 'qa', 'rider'],
  params: z.object({ id: AlarmId }).strict(), body: z.object({ note: Note }).strict(), response: AlarmOut, successStatus: 200,
  async handler({ params, body }, rc) {
    const a = await withTx(appDb(), (c) => acknowledge(c, params.id, actorOf(rc.user), body.note, (q, e) => rc.audit(q, { ...e, reason: body.note })));
    await publishChange('acknowledged', a);
    return { status: 200, body: a };
  },
});

const resolveRoute = route({
  method: 'post', path: '/telemetry/alarms/:id/resolve', operationId: 'resolveAlarm', errors: { 404: { codes: ['alarm_not_found'] }, 409: { codes: ['alarm_already_resolved'] } }, summary: 'Resolve an alarm with a note (QA, dispatcher, admin)', tags: ['telemetry'],
  access: ['admin', 'dispatcher', 'qa'],
  params: z.object({ id: AlarmId }).strict(), body: z.object({ note: Note }).strict(), response: AlarmOut, successStatus: 200,
  async handler({ params, body }, rc) {
    const a = await withTx(appDb(), (c) => resolve(c, params.id, actorOf(rc.user), body.note, (q, e) => rc.audit(q, { ...e, reason: body.note })));
    await publishChange('resolved', a);
    return { status: 200, body: a };
  },
});

const ReadingOut = z.object({
  boxId: z.string(), ts: z.string(), receivedAt: z.string(), seq: z.number(), readingIndex: z.number(), fw: z.string(),
  t: z.array(z.number()), rh: z.number().nullable(), door: z.boolean().nullable(), batt: z.number().nullable(), hist: z.boolean(),
  driftMs: z.number(), driftFlag: z.boolean(), shipmentIds: z.array(z.string()),
}).meta({ id: 'Reading' });

const readingsRoute = route({
  method: 'get', path: '/telemetry/readings', operationId: 'listReadings', errors: { 400: { codes: ['filter_required'] } },
  summary: 'Readings by box, shipment and/or time range, oldest first (device time). Readings cannot be changed, deleted or imported.',
  tags: ['telemetry'], access: ['qa', 'admin', 'dispatcher'],
  query: z.object({
    boxId: BoxId.optional(), shipmentId: z.string().min(1).max(60).optional(),
    from: z.coerce.date().optional(), to: z.coerce.date().optional(),
    after: z.coerce.date().optional().meta({ description: 'Paging: device ts of the last reading of the previous page' }),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  }).strict().refine((q) => q.boxId || q.shipmentId || (q.from && q.to), { message: 'give boxId, shipmentId, or both from and to', params: { code: 'filter_required' } }),
  response: z.object({ readings: z.array(ReadingOut), nextAfter: z.string().nullable() }),
  async handler({ query }) {
    const w = new Where()
      .add('box_id = ?', query.boxId).add('? = ANY(shipment_ids)', query.shipmentId)
      .add('ts >= ?', query.from).add('ts < ?', query.to).add('ts > ?', query.after);
    const { rows } = await appDb().query(`SELECT * FROM telemetry.readings ${w.sql()} ORDER BY ts, box_id LIMIT ${w.param(query.limit)}`, w.args);
    const readings = rows.map((r) => ({
      boxId: r.box_id, ts: r.ts.toISOString(), receivedAt: r.received_at.toISOString(), seq: r.seq, readingIndex: r.reading_index, fw: r.fw,
      t: r.t, rh: r.rh, door: r.door, batt: r.batt, hist: r.hist, driftMs: r.drift_ms, driftFlag: r.drift_flag, shipmentIds: r.shipment_ids,
    }));
    return { body: { readings, nextAfter: readings.length === query.limit ? readings[readings.length - 1].ts : null } };
  },
});

const BoxStateOut = z.object({
  boxId: z.string(), ts: z.string().nullable(), receivedAt: z.string().nullable(), t: z.array(z.number()).nullable(), rh: z.number().nullable(),
  door: z.boolean().nullable(), batt: z.number().nullable(), online: z.boolean().nullable(), driftFlag: z.boolean().nullable(),
  shipmentIds: z.array(z.string()), facilityId: z.string().nullable(), riderId: z.string().nullable(), fw: z.string().nullable(), statusAt: z.string().nullable(),
}).meta({ id: 'BoxState' });

const latestRoute = route({
  method: 'get', path: '/telemetry/boxes/latest', operationId: 'listLatestBoxStates', summary: 'Latest state per box (riders: their boxes; partners: their store\'s)', tags: ['telemetry'],
  access: 'authenticated',
  query: z.object({ boxId: BoxId.optional(), facilityId: z.string().max(60).optional(), limit: z.coerce.number().int().min(1).max(10_000).default(1000) }).strict(),
  response: z.object({ boxes: z.array(BoxStateOut) }),
  async handler({ query }, rc) {
    const u = rc.user!;
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => { args.push(v); where.push(sql.replace('?', `$${args.length}`)); };
    if (query.boxId) add('box_id = ?', query.boxId);
    if (u.role === 'rider') add('rider_id = ?', u.riderId ?? '__none__');
    else if (u.role === 'partner') add('facility_id = ?', u.facilityId ?? '__none__');
    else if (query.facilityId) add('facility_id = ?', query.facilityId);
    args.push(query.limit);
    const { rows } = await appDb().query(`SELECT * FROM telemetry.box_latest ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY box_id LIMIT $${args.length}`, args);
    return { body: { boxes: rows.map(rowToBoxState) } };
  },
});

const deadLettersRoute = route({
  method: 'get', path: '/telemetry/dead-letters', operationId: 'listDeadLetters', summary: 'Refused telemetry messages with their reason code (admin)', tags: ['telemetry'], access: ['admin'],
  query: z.object({
    reason: z.string().max(40).optional(), boxId: BoxId.optional(), from: z.coerce.date().optional(),
    before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(1000).default(100),
  }).strict(),
  response: z.object({ deadLetters: z.array(z.object({ id: z.number(), receivedAt: z.string(), topic: z.string(), boxId: z.string().nullable(), reason: z.string(), detail: z.string(), payloadBytes: z.number(), payloadBase64: z.string() })), nextBefore: z.number().nullable() }),
  async handler({ query }) {
    const w = new Where().add('reason = ?', query.reason).add('box_id = ?', query.boxId).add('received_at >= ?', query.from).add('id < ?', query.before);
    const { rows } = await appDb().query(`SELECT * FROM telemetry.dead_letters ${w.sql()} ORDER BY id DESC LIMIT ${w.param(query.limit)}`, w.args);
    const deadLetters = rows.map((r) => ({ id: r.id, receivedAt: r.received_at.toISOString(), topic: r.topic, boxId: r.box_id, reason: r.reason, detail: r.detail, payloadBytes: r.payload_bytes, payloadBase64: r.payload.toString('base64') }));
    return { body: { deadLetters, nextBefore: deadLetters.length === query.limit ? deadLetters[deadLetters.length - 1].id : null } };
  },
});

const RecipientIn = z.strictObject({ channel: z.enum(['sms', 'email', 'push']), contactId: schemas.id('con') });

const contactRoute = route({
  method: 'post', path: '/telemetry/contacts', operationId: 'createAlarmContact', errors: { 400: { codes: ['address_required'] } }, summary: 'Register an alarm recipient (a duty phone / mailbox)', tags: ['telemetry'], access: ['admin', 'qa'],
  reasonRequired: true,
  body: z.object({
    label: z.string().trim().min(2).max(100), phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164 phone number').optional(),
    email: z.email().max(200).optional(), reason: z.string().trim().min(3).max(2000),
  }).strict().refine((b) => b.phone || b.email, { message: 'give a phone or an e-mail', params: { code: 'address_required' } }),
  response: z.object({ id: z.string() }),
  async handler({ body }, rc) {
    const id = newId('con');
    await withTx(appDb(), async (c) => {
      await c.query(`INSERT INTO telemetry.contacts (id, label, phone, email) VALUES ($1,$2,$3,$4)`, [id, body.label, body.phone ?? null, body.email ?? null]);
      // Addresses are personal data: the audit row records that they were set, not what they are.
      await rc.audit(c, { action: 'alarm_contact.create', entityType: 'alarm_contact', entityId: id, newValue: { label: body.label, phone: body.phone ? 'set' : null, email: body.email ? 'set' : null } });
    });
    return { body: { id } };
  },
});

const profilePut = route({
  method: 'put', path: '/telemetry/alarm-profiles/:facilityId/:productClass', operationId: 'setAlarmProfile',
  summary: 'Set the alarm profile override of a facility (\'*\' = every facility) and product class at once (admin); QA changes go through POST /qa/change-requests and another QA user\'s signed approval. Cold profiles need ≥3 SMS recipients (GSP)',
  // QA users change profiles by change request (COMPLIANCE A.18): proposed, approved with an
  // e-signature by another QA user, then in force. The direct set stays for the administrator.
  tags: ['telemetry'], access: ['admin'], reasonRequired: true,
  params: z.object({ facilityId: z.string().regex(/^(\*|[a-z]+_[a-z0-9]{2,40})$/), productClass: z.enum(PRODUCT_CLASSES) }).strict(),
  body: z.object({
    override: z.record(z.string(), z.unknown()).meta({ description: 'Profile keys to override (see telemetry/excursion/profile.ts), e.g. recipients, highDelayMs' }),
    escalation: EscalationSchema.default([]),
    recipients: z.array(RecipientIn).optional().meta({ description: 'Shortcut for override.recipients' }),
    reason: z.string().trim().min(3).max(2000),
  }).strict(),
  response: z.object({ facilityId: z.string(), productClass: z.string(), profile: z.record(z.string(), z.unknown()) }),
  successStatus: 200,
  async handler({ params, body }, rc) {
    const override = { ...body.override, ...(body.recipients ? { recipients: body.recipients } : {}) } as ProfileOverride;
    const res = await withTx(appDb(), async (c) => {
      const r = await saveProfile(c, { facilityId: params.facilityId, productClass: params.productClass, override, escalation: body.escalation }, rc.user!.id);
      await rc.audit(c, { action: 'alarm_profile.set', entityType: 'alarm_profile', entityId: `${params.facilityId}/${params.productClass}`, oldValue: r.old, newValue: { override, escalation: body.escalation } });
      return r;
    });
    return { status: 200, body: { facilityId: params.facilityId, productClass: params.productClass, profile: res.profile as unknown as Record<string, unknown> } };
  },
});

const profileList = route({
  method: 'get', path: '/telemetry/alarm-profiles', operationId: 'listAlarmProfiles', summary: 'Stored alarm-profile overrides', tags: ['telemetry'], access: ['qa', 'admin', 'dispatcher'],
  response: z.object({ profiles: z.array(z.object({ facilityId: z.string(), productClass: z.string(), override: z.unknown(), escalation: z.unknown() })) }),
  async handler() {
    return { body: { profiles: await loadProfileRows(appDb()) } };
  },
});

/**
 * Server-Sent Events over the platform feed: `event: alarm` ({change, alarm}), `event: box`
 * ({box}) and every other context's events (e.g. plans), JSON data, filtered by role; a
 * comment line every 15 s keeps proxies from closing an idle stream.
 */
const feedRoute = route({
  method: 'get', path: '/feed', operationId: 'streamFeed', summary: 'Real-time feed (text/event-stream): alarms and latest box state, filtered by role', tags: ['telemetry'],
  access: 'authenticated', produces: ['text/event-stream'],
  async handler(_input, rc) {
    const u = rc.user!;
    const ctx = rc.koa;
    // EventSource always sends this; a plain API client asking for JSON gets an answer instead
    // of a stream that never ends.
    if (!(ctx.get('accept') || '').includes('text/event-stream')) {
      throw new AppError('invalid_input', 'event_stream_required', 'This endpoint is a Server-Sent Events stream: send Accept: text/event-stream (EventSource does).');
    }
    // Written straight to the Node response (koa's body piping would report every client
    // disconnect as an error); headers set earlier by the middleware are already on `res`.
    ctx.respond = false;
    const res = ctx.res;
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
      Connection: 'keep-alive',
    });
    let seq = 0;
    let open = true;
    const write = (s: string) => { if (open) res.write(s); };
    const unsubscribe = await subscribeFeed((e) => {
      if (!visibleTo(e.scope, u)) return;
      // Event names are the publishers' types (alarm, box, plan, …); the scope stays server-side.
      const { type, scope: _scope, ...data } = e;
      void _scope;
      write(`id: ${++seq}\nevent: ${type.replace(/[^A-Za-z0-9_.-]/g, '_')}\ndata: ${JSON.stringify(data)}\n\n`);
    });
    write(`: connected\nretry: 3000\n\n`);
    const ping = setInterval(() => write(`: ping\n\n`), 15_000);
    const end = () => { if (!open) return; open = false; clearInterval(ping); unsubscribe(); res.end(); };
    ctx.req.on('close', end);
    res.on('error', end);
  },
});

export const telemetryModule: RouteModule = {
  name: 'telemetry',
  routes: [listAlarmsRoute, getAlarmRoute, ackRoute, resolveRoute, readingsRoute, latestRoute, deadLettersRoute, contactRoute, profileList, profilePut, feedRoute],
};
void SEVERITIES;
