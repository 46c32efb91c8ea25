/**
 * The cold-chain failure drill (issue 20; COMPLIANCE App.1, emergency plan): an insulin order's box
 * loses its compressor mid-route, and the run checks, through the public interfaces only (HTTP API
 * with real logins, MQTT as the box, the feed, the SMS provider contract), that the system does
 * what the emergency plan says: warning then alarm within the profile's delays, the alarm on the
 * feed within 5 s of the reading, three recipients told, the next tier told when nobody
 * acknowledges, the dispatcher and the rider both see it, the handover is refused, a replacement
 * leaves the nearest facility with stock and is planned, the shipment is quarantined, the
 * customer's page says QA is reviewing it, and the QA report carries the whole story.
 *
 * Time is compressed by the drill's own alarm profile (short delay, escalation after seconds) and
 * a fast thermal model; everything else runs at its real speed.
 */
import { randomBytes } from 'node:crypto';
import { Api, ApiError } from './client';
import { FeedReader, type FeedEvent } from './feed';
import { SimBox, warmingC } from './box';
import type { SmsLog } from './sms-sink';

export interface DrillOptions {
  /** API base URL, e.g. http://127.0.0.1:8080 (the routes are under /api/v1). */
  baseUrl: string;
  mqttUrl: string;
  /** An admin account: the drill sets up its network, contacts, profile and users with it. */
  admin: { username: string; password: string };
  /** Where the alarm worker sends SMS (its ALARM_SMS_URL). */
  sms: SmsLog;
  /** Where the drill's two facilities go (WGS-84); default the demo city's centre. */
  centre?: { lat: number; lng: number };
  /** TEMP_HIGH after this long above 8 °C; default 3,000 ms. */
  highDelayMs?: number;
  /** Warning at this temperature (no delay); default 7 °C. */
  warnHighC?: number;
  /** The next tier after this long unacknowledged; default 0.05 min (3 s). */
  escalationAfterMin?: number;
  /** Real time between two live readings; default 1,000 ms. */
  sampleEveryMs?: number;
  /** Thermal time constant of the failing box, in seconds; default 8 (compressed: a real box takes ~40 min). */
  tauS?: number;
  /** Waits for the planner (a worker must run); default 20,000 ms. */
  planWaitMs?: number;
  log?: (line: string) => void;
}

export interface DrillStep { step: string; figure: string }
export interface DrillResult { ok: boolean; steps: DrillStep[]; failed?: { step: string; saw: string }; figures: Record<string, number> }

/** A step that did not see what it should: the message says what it saw. */
export class DrillFailure extends Error {
  constructor(readonly step: string, readonly saw: string) { super(`drill: ${step} FAILED: ${saw}`); }
}

const HIGH_C = 8; // the chilled class's upper limit (2–8 °C)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, ms: number, fn: () => Promise<T | null | undefined | false>, every = 250): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await sleep(every);
  }
}

/** A password the platform's policy accepts, for the drill's own users. */
const password = () => `Dr1ll-${randomBytes(12).toString('base64url')}!`;

export async function runDrill(o: DrillOptions): Promise<DrillResult> {
  const log = o.log ?? ((l: string) => console.log(l));
  const steps: DrillStep[] = [];
  const figures: Record<string, number> = {};
  const highDelayMs = o.highDelayMs ?? 3000;
  const warnHighC = o.warnHighC ?? 7;
  const escalationAfterMin = o.escalationAfterMin ?? 0.05;
  const every = o.sampleEveryMs ?? 1000;
  const tauS = o.tauS ?? 8;
  const centre = o.centre ?? { lat: 23.13, lng: 113.32 };
  const at = (dLat: number, dLng: number) => ({ lat: centre.lat + dLat, lng: centre.lng + dLng });

  let current = 'login';
  const ok = (step: string, figure: string) => { steps.push({ step, figure }); log(`drill: ${step} ok (${figure})`); };
  const cleanup: Array<() => Promise<void> | void> = [];

  try {
    // ── setup ───────────────────────────────────────────────────────────────
    const admin = await Api.login(o.baseUrl, o.admin.username, o.admin.password);
    current = 'setup';
    const tag = randomBytes(4).toString('hex');
    const reason = `cold-chain failure drill ${tag}`;
    const contacts: string[] = [];
    for (const label of ['QA duty 1', 'QA duty 2', 'Dispatch duty', 'QA manager (tier 1)']) {
      contacts.push((await admin.ok('POST', '/telemetry/contacts', { label: `${label} · drill ${tag}`, phone: `+86138${String(contacts.length).padStart(8, '0')}`, reason })).id);
    }
    const fac = async (suffix: string, where: { lat: number; lng: number }) => admin.ok('POST', '/facilities', {
      id: `fac_drill${tag}${suffix}`, name: `演练仓 ${suffix.toUpperCase()} ${tag}`, tier: 'forward', location: where, address: '演练地址', timeZone: 'Asia/Shanghai',
      openingHours: { alwaysOpen: true }, coldCapabilities: ['ambient', 'chilled'], riderCap: 10, handlingSeconds: 300, serviceArea: { kind: 'radius', radiusM: 4000 },
    });
    // A is next to the customer with one unit; B is farther, with five.
    const a = await fac('a', at(0.002, 0.002));
    const b = await fac('b', at(0.02, 0));
    const sku = await admin.ok('POST', '/skus', { id: `sku_drill${tag}`, name: `胰岛素注射液（演练 ${tag}）`, genericName: 'insulin glargine', temperatureClass: 'chilled', rx: false, stabilityBudgetMin: 60, volumeUnits: 1 });
    await admin.ok('POST', `/facilities/${a.id}/lots`, { skuId: sku.id, lotNumber: `DRILL-${tag}-A`, expiry: '2099-12-31', quantity: 1 });
    await admin.ok('POST', `/facilities/${b.id}/lots`, { skuId: sku.id, lotNumber: `DRILL-${tag}-B`, expiry: '2099-12-31', quantity: 5 });
    const rider = async (f: { id: string }, s: string) => admin.ok('POST', '/riders', { id: `rdr_drill${tag}${s}`, name: `演练骑手 ${s}`, homeFacilityId: f.id, vehicleType: 'e_bike', status: 'online' });
    const box = async (f: { id: string }, s: string) => admin.ok('POST', '/boxes', {
      id: `box_drill${tag}${s}`, facilityId: f.id, kind: 'active', holdoverMinutes: { summer: 120, winter: 180 }, calibrationDue: '2099-01-01',
      batteryPct: 90, sampleIntervalS: 60, probes: 1, compartments: [{ temperatureClass: 'chilled', capacityUnits: 10 }],
    });
    const [riderA, riderB] = [await rider(a, 'a'), await rider(b, 'b')];
    const [boxA, boxB] = [await box(a, 'a'), await box(b, 'b')];
    await admin.ok('POST', `/boxes/${boxA.id}/pairing`, { riderId: riderA.id });
    await admin.ok('POST', `/boxes/${boxB.id}/pairing`, { riderId: riderB.id });
    const user = async (role: string, extra: Record<string, string> = {}) => {
      const u = { username: `drill.${role}.${tag}${extra.riderId ? extra.riderId.slice(-1) : ''}`, password: password() };
      await admin.ok('POST', '/users', { ...u, displayName: `演练 ${role}`, role, ...extra });
      return Api.login(o.baseUrl, u.username, u.password);
    };
    const dispatcher = await user('dispatcher');
    const qa = await user('qa');
    const riderAppA = await user('rider', { riderId: riderA.id });
    await admin.ok('PUT', `/telemetry/alarm-profiles/${a.id}/chilled`, {
      override: { highDelayMs, warnHigh: warnHighC, ignorePeriodMs: 0 },
      recipients: contacts.slice(0, 3).map((contactId) => ({ channel: 'sms', contactId })),
      escalation: [{ afterMin: escalationAfterMin, recipients: [{ channel: 'sms', contactId: contacts[3] }] }],
      reason,
    });
    const creds = await admin.ok('POST', `/boxes/${boxA.id}/mqtt-credentials`, { reason });
    ok('setup', `facilities ${a.id} (1 unit) and ${b.id} (5 units), 4 alarm contacts, TEMP_HIGH after ${highDelayMs} ms, tier 1 after ${escalationAfterMin * 60} s`);

    // ── pre-cool: the box's buffer shows 35 min in range ─────────────────────
    current = 'precool';
    const simBox = await SimBox.connect(o.mqttUrl, { username: creds.username, password: creds.password, clientId: creds.clientId });
    cleanup.push(() => simBox.close());
    const t0 = Date.now();
    await simBox.publish(Array.from({ length: 36 }, (_, i) => ({ ts: t0 - (35 - i) * 60_000, t: 5, hist: true })));
    ok('precool', `36 buffered readings at 5.0 °C over 35 min, box ${boxA.id} over MQTT as ${creds.username}`);

    // ── order ────────────────────────────────────────────────────────────────
    current = 'order';
    const order = await dispatcher.ok('POST', '/orders', {
      channel: 'app', items: [{ skuId: sku.id, quantity: 1 }],
      customer: { name: '演练顾客', phone: '13800000000', address: '演练地址 1 号', location: at(0.004, 0.003), language: 'zh-CN' },
      delivery: { mode: 'instant', promiseMinutes: 60 },
    }, { 'Idempotency-Key': `drill-${tag}` });
    const shp: string = order.shipments[0].id;
    if (order.shipments[0].facilityId !== a.id) throw new DrillFailure('order', `shipment ${shp} from ${order.shipments[0].facilityId}, expected the nearest facility ${a.id}`);
    ok('order', `${order.id}, shipment ${shp} from ${a.id}`);

    // ── pick up and depart ──────────────────────────────────────────────────
    current = 'pickup';
    const act = (body: Record<string, unknown>, as = riderAppA) => as.call('POST', `/shipments/${shp}/events`, body);
    // The buffered readings reach the store a moment after their PUBACK.
    const picked = await until('pick_up accepted', 10_000, async () => {
      const r = await act({ action: 'pick_up', boxId: boxA.id, label: shp, clientEventId: `drill-${tag}-pickup` });
      if (r.status === 200) return r;
      if (r.body?.error?.code !== 'box_not_precooled') throw new DrillFailure('pickup', `pick_up answered ${r.status} ${JSON.stringify(r.body)}`);
      return null;
    });
    await simBox.publish([{ ts: Date.now(), t: 5 }]);
    const departed = await act({ action: 'depart', clientEventId: `drill-${tag}-depart` });
    if (departed.status !== 200) throw new DrillFailure('pickup', `depart answered ${departed.status} ${JSON.stringify(departed.body)}`);
    ok('pickup', `${picked.body.state} → ${departed.body.state}, box ${boxA.id}`);

    // ── the compressor fails ────────────────────────────────────────────────
    current = 'compressor_failure';
    const feed = await FeedReader.open(o.baseUrl, dispatcher.token);
    cleanup.push(() => feed.close());
    const sent: Array<{ ts: number; t: number; publishedAt: number }> = [];
    const failAt = Date.now();
    let stop = false;
    const warming = (async () => {
      while (!stop) {
        const ts = Date.now();
        const t = warmingC(5, 30, tauS, (ts - failAt) / 1000);
        const publishedAt = await simBox.publish([{ ts, t }]);
        sent.push({ ts, t, publishedAt });
        await sleep(Math.max(0, every - (Date.now() - ts)));
      }
    })();
    cleanup.push(async () => { stop = true; await warming.catch(() => undefined); });
    const isAlarm = (type: string) => (e: FeedEvent) => e.type === 'alarm' && e.data.alarm?.boxId === boxA.id && e.data.alarm?.type === type && e.data.change === 'created';
    const timeToAlarmMs = (tauS * Math.log(25 / (30 - HIGH_C)) * 1000 + highDelayMs) * 2 + 10_000;
    const warn = await feed.waitFor('WARN_HIGH alarm', isAlarm('WARN_HIGH'), timeToAlarmMs);
    const high = await feed.waitFor('TEMP_HIGH alarm', isAlarm('TEMP_HIGH'), timeToAlarmMs);
    const alarm = high.data.alarm;
    const firstWarm = sent.find((s) => s.t >= warnHighC);
    const firstAbove = sent.find((s) => s.t > HIGH_C);
    if (!firstWarm || !firstAbove) throw new DrillFailure(current, 'alarms came before any reading crossed the limits');
    const warnDelay = new Date(warn.data.alarm.raisedAt).getTime() - firstWarm.ts;
    const highDelay = new Date(alarm.raisedAt).getTime() - firstAbove.ts;
    if (warn.receivedAt > high.receivedAt) throw new DrillFailure(current, 'TEMP_HIGH reached the feed before WARN_HIGH');
    if (warnDelay > every) throw new DrillFailure(current, `WARN_HIGH raised ${warnDelay} ms after the first reading ≥ ${warnHighC} °C (it has no delay)`);
    if (highDelay < highDelayMs || highDelay > highDelayMs + 2 * every) throw new DrillFailure(current, `TEMP_HIGH raised ${highDelay} ms after the first reading above ${HIGH_C} °C; the profile says ${highDelayMs} ms`);
    ok('warning_then_alarm', `WARN_HIGH at ${firstWarm.t.toFixed(1)} °C +${warnDelay} ms, TEMP_HIGH ${alarm.severity} +${highDelay} ms above ${HIGH_C} °C (profile ${highDelayMs} ms)`);
    figures.warn_delay_ms = warnDelay;
    figures.alarm_delay_ms = highDelay;

    // The reading that made it due: the first at or past the delay.
    const trigger = sent.find((s) => s.ts - firstAbove.ts >= highDelayMs && s.ts <= new Date(alarm.raisedAt).getTime()) ?? sent.filter((s) => s.publishedAt <= high.receivedAt).at(-1)!;
    const readingToAlarm = high.receivedAt - trigger.publishedAt;
    figures.reading_to_alarm_ms = readingToAlarm;
    if (readingToAlarm > 5000) throw new DrillFailure('reading_to_alarm', `${readingToAlarm} ms from the reading's publish to the alarm on the feed (limit 5,000 ms)`);
    ok('reading_to_alarm', `${readingToAlarm} ms from publish to the feed, limit 5000 ms`);

    // ── who was told ─────────────────────────────────────────────────────────
    current = 'notified';
    const tier0 = await until('3 SMS at tier 0', 15_000, async () => { const m = o.sms.of(alarm.id, 0); return m.length >= 3 ? m : null; })
      .catch(() => { throw new DrillFailure('notified', `${o.sms.of(alarm.id, 0).length} SMS about ${alarm.id} reached ${o.sms.url} (is the worker's ALARM_SMS_URL this sink?)`); });
    figures.recipients_notified = new Set(tier0.map((m) => m.to)).size;
    ok('notified', `${figures.recipients_notified} recipients by SMS, first ${tier0[0].at - high.receivedAt} ms after the feed`);

    current = 'escalation';
    const tier1 = await until('tier 1 SMS', escalationAfterMin * 60_000 + 20_000, async () => { const m = o.sms.of(alarm.id, 1); return m.length ? m : null; })
      .catch(() => { throw new DrillFailure('escalation', `no tier-1 SMS about ${alarm.id} within ${escalationAfterMin * 60 + 20} s of nobody acknowledging`); });
    const escalated = await dispatcher.ok('GET', `/telemetry/alarms/${alarm.id}`);
    if (escalated.escalationTier < 1 || escalated.status !== 'active') throw new DrillFailure('escalation', `alarm at tier ${escalated.escalationTier}, ${escalated.status}`);
    figures.escalation_after_s = (tier1[0].at - tier0[0].at) / 1000;
    ok('escalation', `tier 1 (${tier1.length} SMS) ${figures.escalation_after_s.toFixed(1)} s after tier 0, unacknowledged`);

    // ── the console and the rider app show it ─────────────────────────────────
    current = 'seen';
    const consoleList = await dispatcher.ok('GET', `/telemetry/alarms?open=true&boxId=${boxA.id}`);
    const riderList = await riderAppA.ok('GET', `/telemetry/alarms?open=true&boxId=${boxA.id}`);
    const has = (l: { alarms: Array<{ id: string }> }) => l.alarms.some((x) => x.id === alarm.id);
    if (!has(consoleList)) throw new DrillFailure('seen', `the dispatcher's alarm list has ${consoleList.alarms.length} alarms of ${boxA.id}, not ${alarm.id}`);
    if (!has(riderList)) throw new DrillFailure('seen', `the rider's alarm list has ${riderList.alarms.length} alarms of ${boxA.id}, not ${alarm.id}`);
    ok('seen', `dispatcher's list ${consoleList.alarms.length} open alarms of the box, rider's ${riderList.alarms.length}`);

    // ── the rider reaches the door ────────────────────────────────────────────
    current = 'handover_refused';
    const door = await act({ action: 'deliver', code: '000000', clientEventId: `drill-${tag}-deliver` });
    if (door.status !== 409 || door.body?.error?.code !== 'cold_chain_breach') throw new DrillFailure('handover_refused', `deliver answered ${door.status} ${JSON.stringify(door.body)}`);
    ok('handover_refused', `409 cold_chain_breach, state ${door.body.error.details.state}`);

    // ── the replacement ───────────────────────────────────────────────────────
    current = 'replacement';
    const repl = await until('a replacement shipment', 15_000, async () => {
      const ord = await dispatcher.ok('GET', `/orders/${order.id}`);
      return ord.shipments.find((s: { replaces: string | null }) => s.replaces === shp) as { id: string; facilityId: string } | undefined;
    }).catch((e: Error) => { throw new DrillFailure('replacement', e.message); });
    if (repl.facilityId !== b.id) throw new DrillFailure('replacement', `replacement ${repl.id} leaves ${repl.facilityId}; the nearest facility with stock is ${b.id}`);
    const plan = await until(`a plan of ${b.id} with ${repl.id}`, o.planWaitMs ?? 20_000, async () => {
      const p = await dispatcher.call('GET', `/facilities/${b.id}/plan`);
      if (p.status !== 200) return null;
      const stop = p.body.routes.flatMap((r: { riderId: string; stops: Array<{ shipmentId: string }> }) => r.stops.map((s) => ({ ...s, riderId: r.riderId }))).find((s: { shipmentId: string }) => s.shipmentId === repl.id);
      return stop ? { planId: p.body.planId as string, riderId: stop.riderId as string } : null;
    }).catch((e: Error) => { throw new DrillFailure('replacement', `${e.message} (is a worker running?)`); });
    ok('replacement', `${repl.id} from ${b.id}, planned for ${plan.riderId} in ${plan.planId}`);

    // ── quarantine ────────────────────────────────────────────────────────────
    current = 'quarantine';
    const cases = await qa.ok('GET', '/qa/quarantine?limit=200');
    const qaCase = cases.cases.find((c: { shipmentId: string }) => c.shipmentId === shp);
    if (!qaCase) throw new DrillFailure('quarantine', `no QA case for ${shp} among ${cases.cases.length}`);
    ok('quarantine', `${qaCase.id} ${qaCase.status}, reasons ${qaCase.reasonCodes.join(', ')}`);

    // ── the customer's page ───────────────────────────────────────────────────
    current = 'tracking_page';
    const zh = await fetch(`${o.baseUrl}/t/${order.token}?lang=zh-CN`).then(async (r) => ({ status: r.status, text: await r.text() }));
    const en = await fetch(`${o.baseUrl}/t/${order.token}?lang=en`).then(async (r) => ({ status: r.status, text: await r.text() }));
    if (!zh.text.includes('药房质量部正在评估')) throw new DrillFailure('tracking_page', `/t/<token> (zh-CN, HTTP ${zh.status}) does not say 药房质量部正在评估`);
    if (!en.text.includes('under review by pharmacy QA')) throw new DrillFailure('tracking_page', `/t/<token> (en, HTTP ${en.status}) does not say "under review by pharmacy QA"`);
    if (en.text.includes(sku.name) || zh.text.includes(sku.name)) throw new DrillFailure('tracking_page', 'the public page names the drug');
    ok('tracking_page', 'zh-CN 药房质量部正在评估 / en "under review by pharmacy QA", no drug name');

    // ── the QA report ─────────────────────────────────────────────────────────
    current = 'qa_report';
    const csv = await qa.text(`/shipments/${shp}/temperature-report.csv`);
    if (csv.status !== 200) throw new DrillFailure('qa_report', `CSV report HTTP ${csv.status}`);
    const lines = csv.text.split(/\r?\n/);
    const alarmLines = lines.filter((l) => l.startsWith('# alarm,'));
    const max = Number(lines.find((l) => l.startsWith('# max_c,'))?.split(',')[1]);
    const caseLine = lines.find((l) => l.startsWith('# qa_case,'));
    if (!(max > HIGH_C)) throw new DrillFailure('qa_report', `the report's max is ${max} °C: no excursion in it`);
    if (!alarmLines.some((l) => l.includes('WARN_HIGH')) || !alarmLines.some((l) => l.includes(alarm.id) && l.includes('TEMP_HIGH'))) throw new DrillFailure('qa_report', `alarm lines: ${alarmLines.join(' | ') || 'none'}`);
    if (!caseLine?.includes(qaCase.id)) throw new DrillFailure('qa_report', `no disposition line for ${qaCase.id}`);
    const escalationLine = lines.find((l) => l.startsWith('# alarm_notification,') && l.includes(alarm.id) && l.includes(',1,'));
    if (!escalationLine) throw new DrillFailure('qa_report', `the report does not show the escalation to tier 1 of ${alarm.id}`);
    const pdf = await qa.text(`/shipments/${shp}/temperature-report.pdf`);
    if (pdf.status !== 200 || !pdf.type.includes('pdf')) throw new DrillFailure('qa_report', `PDF report HTTP ${pdf.status} ${pdf.type}`);
    ok('qa_report', `max ${max} °C, ${alarmLines.length} alarms, ${lines.filter((l) => l.startsWith('# alarm_notification,')).length} notifications, case ${caseLine.split(',')[2]}; PDF ${pdf.text.length} bytes`);

    return { ok: true, steps, figures };
  } catch (e) {
    const f = e instanceof DrillFailure ? e : new DrillFailure(current, e instanceof ApiError ? e.message : (e as Error).stack ?? String(e));
    log(f.message);
    return { ok: false, steps, figures, failed: { step: f.step, saw: f.saw } };
  } finally {
    for (const c of cleanup.reverse()) await c();
  }
}
