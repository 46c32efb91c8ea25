/**
 * GET /lanes and /lanes.csv (issue 23): lane quality over a period of local days, grouped by
 * facility, area, hour of day, rider or box (app/lanes/figures.ts), worst first with what drove
 * each lane. The shipments are those of the orders placed in the period, as on the KPI page; the
 * facts come from each context's index (dispatch, tracking, telemetry). A partner account sees
 * its own store only.
 */
import { z } from 'zod';
import { appDb } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';
import { route, schemas, type RequestContext, type RouteModule } from '../../platform/http/route';
import { dispatchKeys, facilityDirectory, shipmentFacts, shipmentLanes } from '../../dispatch';
import { shipmentOutcomes } from '../../tracking';
import { alarmsOfShipments, excursionsByShipment, recordSummary } from '../../telemetry';
import { recordPorts } from '../record-ports';
import { coldOut } from '../kpi/figures';
import { csvLine } from '../csv';
import { CAUSES, DIMENSIONS, lanes, WEIGHTS, type LaneInput, type LaneRow } from './figures';

/** The longest period one report covers, days (a quarter). */
export const LANES_MAX_DAYS = 92;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const Query = z.object({
  from: z.string().optional().meta({ description: 'First local day (YYYY-MM-DD) in the facility\'s zone, or the default zone for all facilities; default 6 days before `to`' }),
  to: z.string().optional().meta({ description: 'Last local day (YYYY-MM-DD), included; default today' }),
  by: z.enum(DIMENSIONS).default('facility').meta({ description: 'Lane dimension: facility, area (the delivery point\'s ~1 km cell, named by its centre), hour (local hour the shipment left the facility), rider, box (box kind)' }),
  facilityId: schemas.id('fac').optional(),
}).strict();

const n = z.number().nullable();
const LaneSchema = z.object({
  key: z.string().meta({ description: 'The lane: facility id, cell centre "lat,lng", hour "00"–"23", rider id, box kind; "none" when the shipment has none (never left)' }),
  label: z.string(),
  shipments: z.number().int(), coldShipments: z.number().int().meta({ description: 'Cold shipments that left the facility' }), delivered: z.number().int(),
  excursions: z.number().int(), excursionsPer1000Cold: n, timeOutOfRangeMin: z.number(),
  late: z.number().int(), onTimeRate: z.number().min(0).max(1).nullable(),
  holdoverMargin: z.object({ n: z.number().int(), minMin: n, p10Min: n, medianMin: n, maxMin: n })
    .meta({ description: 'Holdover end (the last cold leg\'s start plus its box\'s validated holdover) minus the hand-over time, minutes, over delivered cold shipments' }),
  thinMargin: z.number().int().meta({ description: 'Delivered cold shipments whose margin was below thinMarginMin (negative: after the holdover ran out)' }),
  alarms: z.object({ raised: z.number().int(), acknowledged: z.number().int(), medianAckMin: n, p90AckMin: n }),
  score: z.number().meta({ description: '100 × (3 × shipments with an excursion + 2 × thin-margin deliveries + late deliveries) ÷ shipments' }),
  driver: z.object({ cause: z.enum(CAUSES), count: z.number().int(), shipmentIds: z.array(z.string()).meta({ description: 'The shipments behind it (at most 20)' }) }).nullable()
    .meta({ description: 'The largest term of the score; null when the lane has none' }),
});
const LanesAnswer = z.object({
  from: z.string(), to: z.string(), timeZone: z.string(), facilityId: z.string().nullable(), by: z.enum(DIMENSIONS),
  thinMarginMin: z.number(), weights: z.object({ excursions: z.number(), thin_margin: z.number(), late: z.number() }),
  lanes: z.array(LaneSchema),
}).meta({ id: 'Lanes' });
type LanesAnswer = z.infer<typeof LanesAnswer>;

const ERRORS = { 400: { codes: ['validation_failed', 'invalid_period', 'period_reversed', 'period_too_long'] }, 403: { codes: ['other_store', 'no_store'] }, 404: { codes: ['facility_not_found'] } };

/** Checks the period before anything is read: dates, order, length. */
export function lanePeriod(from: string | undefined, to: string | undefined, today: string): { from: string; to: string } {
  const day = (s: string, name: string) => {
    const t = DATE.test(s) ? Date.parse(`${s}T00:00:00Z`) : NaN;
    if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== s) throw new AppError('invalid_input', 'invalid_period', `${name} must be a day as YYYY-MM-DD: ${s}`);
    return t;
  };
  const t = day(to ?? today, 'to');
  const f = from === undefined ? t - 6 * DAY_MS : day(from, 'from');
  if (f > t) throw new AppError('invalid_input', 'period_reversed', `from (${from}) is after to (${to ?? today}): give the first day, then the last.`);
  const days = (t - f) / DAY_MS + 1;
  if (days > LANES_MAX_DAYS) throw new AppError('invalid_input', 'period_too_long', `The period has ${days} days; one report covers at most ${LANES_MAX_DAYS}. Choose a shorter period.`);
  return { from: new Date(f).toISOString().slice(0, 10), to: new Date(t).toISOString().slice(0, 10) };
}

/** Runs `fn` over `items`, `width` at a time. */
async function pooled<T, R>(items: T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i]); }
  }));
  return out;
}

async function laneReport(rc: RequestContext, query: z.infer<typeof Query>): Promise<LanesAnswer> {
  const u = rc.user!;
  if (u.role === 'partner' && query.facilityId && query.facilityId !== u.facilityId) throw new AppError('forbidden', 'other_store', 'A partner account sees only its own store\'s lanes.');
  const facilityId = u.role === 'partner' ? u.facilityId ?? undefined : query.facilityId;
  if (u.role === 'partner' && !facilityId) throw new AppError('forbidden', 'no_store', 'This partner account is not linked to a store.');
  const db = appDb();
  const only = facilityId ? await facilityDirectory(db, [facilityId]) : undefined;
  if (facilityId && !only!.has(facilityId)) throw new AppError('not_found', 'facility_not_found', `No facility ${facilityId}.`);
  const timeZone = facilityId ? only!.get(facilityId)!.timeZone : getKey(keys.defaultTimeZone);
  const period = lanePeriod(query.from, query.to, new Intl.DateTimeFormat('sv-SE', { timeZone }).format(new Date()));
  const range = (await db.query(`SELECT ($1::date)::timestamp AT TIME ZONE $3 AS f, ($2::date + 1)::timestamp AT TIME ZONE $3 AS t`, [period.from, period.to, timeZone])).rows[0];
  const facts = await shipmentFacts(db, { from: range.f, to: range.t, facilityId });
  const ids = facts.map((s) => s.id);
  const [outcomes, excursions, alarms, laneFacts, facilities] = await Promise.all([
    shipmentOutcomes(db, ids), excursionsByShipment(db, ids), alarmsOfShipments(db, ids), shipmentLanes(db, ids),
    only ?? facilityDirectory(db, [...new Set(facts.map((s) => s.facilityId))]),
  ]);
  // Time out of range is the temperature record's own figure (what QA signs), read per cold
  // shipment that left: a few queries each, bounded by the period's cold shipments.
  const cold = facts.filter((s) => coldOut(s, outcomes.get(s.id)));
  const outMs = new Map(await pooled(cold, 4, async (s) => {
    const r = await recordPorts.shipment(s.id);
    return [s.id, r ? (await recordSummary(db, r)).timeOutOfRangeMs : 0] as const;
  }));
  const inputs: LaneInput[] = facts.map((s) => ({ fact: s, lane: laneFacts.get(s.id), outcome: outcomes.get(s.id), timeOutOfRangeMs: outMs.get(s.id) ?? 0 }));
  const thinMarginMin = getKey(dispatchKeys.holdoverSafetyMinutes);
  return {
    ...period, timeZone, facilityId: facilityId ?? null, by: query.by, thinMarginMin, weights: WEIGHTS,
    lanes: lanes(query.by, inputs, { excursions, alarms, facilities, thinMarginMin }),
  };
}

const COLUMNS: Array<[string, (l: LaneRow) => unknown]> = [
  ['lane', (l) => l.key], ['label', (l) => l.label], ['score', (l) => l.score], ['driver', (l) => l.driver?.cause], ['driver_count', (l) => l.driver?.count],
  ['shipments', (l) => l.shipments], ['cold_shipments', (l) => l.coldShipments], ['delivered', (l) => l.delivered],
  ['excursions', (l) => l.excursions], ['excursions_per_1000_cold', (l) => l.excursionsPer1000Cold], ['time_out_of_range_min', (l) => l.timeOutOfRangeMin],
  ['late', (l) => l.late], ['on_time_pct', (l) => (l.onTimeRate === null ? null : (l.onTimeRate * 100).toFixed(1))],
  ['holdover_margins', (l) => l.holdoverMargin.n], ['holdover_margin_min_min', (l) => l.holdoverMargin.minMin], ['holdover_margin_p10_min', (l) => l.holdoverMargin.p10Min],
  ['holdover_margin_median_min', (l) => l.holdoverMargin.medianMin], ['holdover_margin_max_min', (l) => l.holdoverMargin.maxMin], ['thin_margin', (l) => l.thinMargin],
  ['alarms_raised', (l) => l.alarms.raised], ['alarms_acknowledged', (l) => l.alarms.acknowledged], ['alarm_ack_median_min', (l) => l.alarms.medianAckMin], ['alarm_ack_p90_min', (l) => l.alarms.p90AckMin],
  ['driver_shipments', (l) => l.driver?.shipmentIds.join(' ')],
];

/** As the other CSV exports: UTF-8 with a BOM (spreadsheets read the Chinese), CRLF, `#` lines for the header, snake_case columns. */
export function lanesCsv(a: LanesAnswer): string {
  return '\ufeff' + [
    csvLine('# from', a.from), csvLine('# to', a.to), csvLine('# time_zone', a.timeZone), csvLine('# by', a.by), csvLine('# facility_id', a.facilityId),
    csvLine('# score', `100 × (${a.weights.excursions} × excursion shipments + ${a.weights.thin_margin} × thin-margin deliveries + ${a.weights.late} × late deliveries) ÷ shipments`),
    csvLine('# thin_margin_below_min', a.thinMarginMin),
    csvLine(...COLUMNS.map((c) => c[0])),
    ...a.lanes.map((l) => csvLine(...COLUMNS.map((c) => c[1](l)))),
  ].join('\r\n') + '\r\n';
}

const ACCESS = ['admin', 'dispatcher', 'qa', 'partner'] as const;
export const lanesModule: RouteModule = {
  name: 'lanes',
  routes: [
    route({
      method: 'get', path: '/lanes', operationId: 'getLanes', tags: ['kpi'], access: ACCESS, query: Query, response: LanesAnswer, errors: ERRORS,
      summary: `Lane quality over a period (at most ${LANES_MAX_DAYS} days) by facility, area, hour, rider or box: excursions per 1,000 cold shipments, time out of range, holdover margin at delivery, alarms and acknowledgement times, late deliveries; worst first with what drove each lane`,
      async handler({ query }, rc) { return { body: await laneReport(rc, query) }; },
    }),
    route({
      method: 'get', path: '/lanes.csv', operationId: 'getLanesCsv', tags: ['kpi'], access: ACCESS, query: Query, produces: ['text/csv'], errors: ERRORS,
      summary: 'The same lanes as CSV, one row per lane, worst first',
      async handler({ query }, rc) {
        const a = await laneReport(rc, query);
        rc.koa.type = 'text/csv; charset=utf-8';
        rc.koa.set('Content-Disposition', `attachment; filename="lanes-${a.by}-${a.from}-${a.to}${a.facilityId ? `-${a.facilityId}` : ''}.csv"`);
        rc.koa.body = lanesCsv(a);
      },
    }),
  ],
};
