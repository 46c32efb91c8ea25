/**
 * GET /kpis and /kpis.csv: a day's figures (app/kpi/figures.ts) in total, per facility and per
 * hour, with how fast alarms were acknowledged. A partner account sees its own store only.
 */
import { z } from 'zod';
import { appDb } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';
import { route, schemas, type RequestContext, type RouteModule } from '../../platform/http/route';
import { facilityDirectory, shipmentFacts, unservableOrders } from '../../dispatch';
import { ridersAtWorkByHour, shipmentOutcomes } from '../../tracking';
import { alarmResponse, excursionsByShipment } from '../../telemetry';
import { byHour, figures, type Figures } from './figures';
import { csvLine } from '../csv';

const Query = z.object({
  date: z.iso.date().optional().meta({ description: 'The local day (YYYY-MM-DD) in the facility\'s zone, or the default zone for all facilities; default today' }),
  facilityId: schemas.id('fac').optional(),
}).strict();

const rate = z.number().min(0).max(1).nullable();
const FiguresSchema = z.object({
  orders: z.number().int(), shipments: z.number().int(), delivered: z.number().int(),
  within30MinRate: rate, avgOrderToDoorMin: z.number().nullable(), onTimeRate: rate, fulfilmentRate: rate, intactRate: rate,
  excursionsPer1000Cold: z.number().nullable(),
});
const KpiAnswer = z.object({
  date: z.string(), timeZone: z.string(), facilityId: z.string().nullable(),
  totals: FiguresSchema,
  alarms: z.object({ raised: z.number().int(), acknowledged: z.number().int(), medianAckMin: z.number().nullable(), p90AckMin: z.number().nullable(), within5MinRate: rate }),
  hours: z.array(z.object({ hour: z.number().int(), orders: z.number().int(), delivered: z.number().int(), ridersAtWork: z.number().int() })),
  facilities: z.array(FiguresSchema.extend({ facilityId: z.string(), name: z.string() })),
}).meta({ id: 'Kpis' });
type KpiAnswer = z.infer<typeof KpiAnswer>;

async function kpis(rc: RequestContext, query: z.infer<typeof Query>): Promise<KpiAnswer> {
  const u = rc.user!;
  if (u.role === 'partner' && query.facilityId && query.facilityId !== u.facilityId) throw new AppError('forbidden', 'other_store', 'A partner account sees only its own store\'s figures.');
  const facilityId = u.role === 'partner' ? u.facilityId ?? undefined : query.facilityId;
  if (u.role === 'partner' && !facilityId) throw new AppError('forbidden', 'no_store', 'This partner account is not linked to a store.');
  const db = appDb();
  const directory = await facilityDirectory(db, facilityId ? [facilityId] : undefined);
  if (facilityId && !directory.has(facilityId)) throw new AppError('not_found', 'facility_not_found', `No facility ${facilityId}.`);
  const timeZone = facilityId ? directory.get(facilityId)!.timeZone : getKey(keys.defaultTimeZone);
  const hourFmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  const date = query.date ?? new Intl.DateTimeFormat('sv-SE', { timeZone }).format(new Date());
  const range = (await db.query(`SELECT ($1::date)::timestamp AT TIME ZONE $2 AS f, ($1::date + 1)::timestamp AT TIME ZONE $2 AS t`, [date, timeZone])).rows[0];
  const day = { from: range.f as Date, to: range.t as Date };
  const facts = await shipmentFacts(db, { ...day, facilityId });
  const ids = facts.map((s) => s.id);
  const [outcomes, excursions, alarms, riders, unservable] = await Promise.all([
    shipmentOutcomes(db, ids), excursionsByShipment(db, ids), alarmResponse(db, { ...day, facilityId }),
    ridersAtWorkByHour(db, ids, { ...day, timeZone }), facilityId ? Promise.resolve(0) : unservableOrders(db, day),
  ]);
  const hourOf = (d: Date) => Number(hourFmt.format(d)) % 24;
  const h = byHour(facts, outcomes, hourOf, day);
  const perFacility = new Map<string, typeof facts>();
  for (const s of facts) {
    const list = perFacility.get(s.facilityId);
    if (list) list.push(s);
    else perFacility.set(s.facilityId, [s]);
  }
  const names = facilityId ? directory : await facilityDirectory(db, [...perFacility.keys()]);
  return {
    date, timeZone, facilityId: facilityId ?? null,
    totals: figures(facts, outcomes, excursions, unservable),
    alarms,
    hours: h.orders.map((n, hour) => ({ hour, orders: n, delivered: h.delivered[hour], ridersAtWork: riders[hour] })),
    facilities: [...perFacility].map(([id, f]) => ({ facilityId: id, name: names.get(id)?.name ?? id, ...figures(f, outcomes, excursions) }))
      .sort((a, b) => b.orders - a.orders || a.facilityId.localeCompare(b.facilityId)),
  };
}

const pct = (x: number | null) => (x === null ? '' : (x * 100).toFixed(1));
const FIGURE_COLUMNS: Array<[keyof Figures, string, (f: Figures) => unknown]> = [
  ['orders', 'orders', (f) => f.orders], ['shipments', 'shipments', (f) => f.shipments], ['delivered', 'delivered', (f) => f.delivered],
  ['within30MinRate', 'within_30_min_pct', (f) => pct(f.within30MinRate)], ['avgOrderToDoorMin', 'avg_order_to_door_min', (f) => f.avgOrderToDoorMin],
  ['onTimeRate', 'on_time_pct', (f) => pct(f.onTimeRate)], ['fulfilmentRate', 'fulfilment_pct', (f) => pct(f.fulfilmentRate)],
  ['intactRate', 'intact_pct', (f) => pct(f.intactRate)], ['excursionsPer1000Cold', 'excursions_per_1000_cold', (f) => f.excursionsPer1000Cold],
];

export function kpiCsv(k: KpiAnswer): string {
  const line = csvLine;
  return '\ufeff' + [
    line('# date', k.date), line('# time_zone', k.timeZone),
    line('# alarms_raised', k.alarms.raised), line('# alarms_acknowledged', k.alarms.acknowledged), line('# alarm_ack_median_min', k.alarms.medianAckMin),
    line('# alarm_ack_p90_min', k.alarms.p90AckMin), line('# alarms_acked_within_5_min_pct', pct(k.alarms.within5MinRate)),
    line('facility_id', 'facility', ...FIGURE_COLUMNS.map((c) => c[1])),
    line('', 'total', ...FIGURE_COLUMNS.map((c) => c[2](k.totals))),
    ...k.facilities.map((f) => line(f.facilityId, f.name, ...FIGURE_COLUMNS.map((c) => c[2](f)))),
    '',
    line('hour', 'orders', 'delivered', 'riders_at_work'),
    ...k.hours.map((h) => line(String(h.hour).padStart(2, '0'), h.orders, h.delivered, h.ridersAtWork)),
  ].join('\r\n') + '\r\n';
}

export const kpiModule: RouteModule = {
  name: 'kpi',
  routes: [
    route({
      method: 'get', path: '/kpis', operationId: 'getKpis', tags: ['kpi'], access: ['admin', 'dispatcher', 'qa', 'partner'], query: Query, response: KpiAnswer,
      errors: { 403: { codes: ['other_store', 'no_store'] }, 404: { codes: ['facility_not_found'] } },
      summary: 'A day\'s figures: 30-minute rate, order-to-door minutes, on time, fulfilment, intact, excursions per 1,000 cold shipments, alarm acknowledgement times; per facility and per hour',
      async handler({ query }, rc) { return { body: await kpis(rc, query) }; },
    }),
    route({
      method: 'get', path: '/kpis.csv', operationId: 'getKpisCsv', tags: ['kpi'], access: ['admin', 'dispatcher', 'qa', 'partner'], query: Query, produces: ['text/csv'],
      errors: { 403: { codes: ['other_store', 'no_store'] }, 404: { codes: ['facility_not_found'] } },
      summary: 'The same figures as CSV (a total row, one row per facility, then one row per hour)',
      async handler({ query }, rc) {
        const k = await kpis(rc, query);
        rc.koa.type = 'text/csv; charset=utf-8';
        rc.koa.set('Content-Disposition', `attachment; filename="kpis-${k.date}${k.facilityId ? `-${k.facilityId}` : ''}.csv"`);
        rc.koa.body = kpiCsv(k);
      },
    }),
  ],
};
