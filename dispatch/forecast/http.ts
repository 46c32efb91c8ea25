/** The demand forecast and rider roster of a facility over HTTP (roster.ts); staff, a partner for its own store. */
import { z } from 'zod';
import { appDb } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { route, schemas } from '../../platform/http/route';
import { demandRoster } from './roster';

const RosterHourOut = z.object({
  hour: z.int().meta({ description: 'Local hour of the day, 0–23' }),
  orders: z.number().meta({ description: 'Forecast deliveries needing a rider in that hour' }),
  basis: z.enum(['same_weekday', 'recent_days', 'none']).meta({ description: 'same_weekday: the same weekday-hour of the last weeks, each week back half as much; recent_days: fewer than two such weeks, the same hour over the last 14 days; none: no history' }),
  weeks: z.int(),
  riders: z.int().meta({ description: 'Fewest riders on duty for the on-time target (Erlang C, no batching)' }),
  onTime: z.number().meta({ description: 'The share of that hour\'s orders on time with that many riders' }),
});
export const DemandRosterOut = z.object({
  facilityId: z.string(), date: z.string().meta({ description: 'Local date forecast' }), timeZone: z.string(),
  target: z.number(), promiseMin: z.int(), weeks: z.int(),
  ride: z.object({
    oneWayMin: z.number().meta({ description: 'Median pickup-to-door minutes over the last 28 days (15 when there is no delivery yet)' }),
    busyMinPerOrder: z.number().meta({ description: 'Rider minutes per order: out, back and handling' }),
    handlingMin: z.number(), samples: z.int(), basis: z.enum(['history', 'default']),
  }),
  hours: z.array(RosterHourOut).length(24),
  totals: z.object({ orders: z.number(), peakRiders: z.int(), peakHour: z.int().nullable(), riderHours: z.int() }),
  ridersHome: z.int().meta({ description: 'Riders whose home is this facility today' }),
}).meta({ id: 'DemandRoster', description: 'Orders per hour forecast for a day and the riders each hour needs to deliver the target share within the promise' });

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real date');

export const forecastRoutes = [
  route({
    method: 'get', path: '/facilities/:id/roster', operationId: 'getDemandRoster', response: DemandRosterOut, tags: ['planning'], access: ['admin', 'dispatcher', 'qa', 'partner'],
    params: z.object({ id: schemas.id('fac') }).strict(),
    query: z.object({
      date: LocalDate.optional().meta({ description: 'Local date to forecast; default tomorrow at the facility' }),
      target: z.coerce.number().min(0.5).max(0.999).default(0.9).meta({ description: 'Share of orders to deliver within the promise, 0.5–0.999 (default 0.9)' }),
      promise: z.coerce.number().int().min(10).max(240).default(30).meta({ description: 'Promise in minutes, 10–240 (default 30)' }),
      weeks: z.coerce.number().int().min(2).max(12).default(4).meta({ description: 'Weeks of history for the same weekday, 2–12 (default 4)' }),
    }).strict(),
    errors: { 403: { codes: ['other_store'] }, 404: { codes: ['facility_not_found'] } },
    summary: 'Demand forecast per hour for a day and the recommended rider roster that meets an on-time target',
    async handler({ params, query }, rc) {
      if (rc.user?.role === 'partner' && rc.user.facilityId !== params.id) throw new AppError('forbidden', 'other_store', 'A partner account may only see its own store.');
      return { body: await demandRoster(appDb(), params.id, { date: query.date, target: query.target, promiseMin: query.promise, weeks: query.weeks }) };
    },
  }),
];
