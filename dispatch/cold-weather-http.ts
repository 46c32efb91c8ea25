/** HTTP routes for the weather at a facility and its "no instant cold delivery" pauses (cold-weather.ts). Dispatchers and admins set and lift; staff read. */
import { z } from 'zod';
import { appDb, withTx } from '../platform/db/pool';
import { route, schemas } from '../platform/http/route';
import { ColdPauseInput, facilityWeather, liftColdPause, listColdPauses, setColdPause } from './cold-weather';
import { fleetChanged } from './fleet-snapshot';

const staff = ['admin', 'dispatcher', 'qa'] as const;
const Iso = z.string().meta({ description: 'ISO 8601 instant (UTC)' });
const facParams = z.object({ id: schemas.id('fac') }).strict();

const WeatherHourOut = z.object({ at: Iso.meta({ description: 'Start of the hour' }), ambientC: z.number(), severe: z.boolean() }).meta({ id: 'WeatherHour' });
export const ColdPauseOut = z.object({
  id: z.string(), facilityId: z.string(), from: Iso, until: Iso, reason: z.string(), createdBy: z.string().meta({ description: 'User id of who set it' }), createdAt: Iso,
  liftedAt: Iso.nullable(), liftedBy: z.string().nullable(), active: z.boolean().meta({ description: 'Running at the time of the answer' }),
}).meta({ id: 'ColdPause', description: 'No instant cold delivery from a facility over [from, until), unless lifted' });
const FacilityWeatherOut = z.object({
  facilityId: z.string(), area: z.string().meta({ description: 'The district (fixture) or provider grid cell of the facility' }),
  source: z.enum(['fixture', 'provider', 'fallback']).meta({ description: 'fallback: the provider failed and last-known or fixture hours are shown' }),
  severeNow: z.boolean().meta({ description: 'A severe-weather flag covers the facility\'s area this hour: show the dispatcher a warning' }),
  severeFrom: Iso.nullable().meta({ description: 'The first severe hour within the answer, if any' }),
  hottest: WeatherHourOut.nullable(), hours: z.array(WeatherHourOut), coldPause: ColdPauseOut.nullable(),
}).meta({ id: 'FacilityWeather' });

export const coldWeatherRoutes = [
  route({
    method: 'get', path: '/facilities/:id/weather', operationId: 'getFacilityWeather', response: FacilityWeatherOut, tags: ['planning'], access: [...staff], params: facParams,
    query: z.object({ hours: z.coerce.number().int().min(1).max(48).default(6).meta({ description: 'Hours ahead, 1–48 (default 6)' }) }).strict(),
    errors: { 404: { codes: ['facility_not_found'] } },
    summary: 'The hourly ambient forecast at a facility, its severe-weather warning and the running "no instant cold delivery" pause',
    async handler({ params, query }) { return { body: await facilityWeather(appDb(), params.id, query.hours) }; },
  }),
  route({
    method: 'get', path: '/facilities/:id/cold-pauses', operationId: 'listColdPauses', response: z.object({ pauses: z.array(ColdPauseOut) }), tags: ['planning'], access: [...staff], params: facParams,
    errors: { 404: { codes: ['facility_not_found'] } }, summary: 'A facility\'s "no instant cold delivery" pauses: those not ended, then the 20 latest that have',
    async handler({ params }) { return { body: { pauses: await listColdPauses(appDb(), params.id) } }; },
  }),
  route({
    method: 'post', path: '/facilities/:id/cold-pauses', operationId: 'createColdPause', response: ColdPauseOut, tags: ['planning'], access: ['admin', 'dispatcher'], params: facParams,
    body: ColdPauseInput, successStatus: 201, examples: { request: { until: '2026-07-15T12:00:00+08:00', reason: 'Typhoon signal 8 over Tianhe' } },
    errors: { 400: { codes: ['validation_failed', 'pause_period_invalid', 'pause_in_past', 'pause_too_long'] }, 404: { codes: ['facility_not_found'] } },
    summary: 'Pause instant cold delivery from a facility for a period, with a reason (audited): sourcing then refuses instant cold lines there with `cold_paused`',
    async handler({ params, body }, rc) {
      return withTx(appDb(), async (c) => {
        const p = await setColdPause(c, params.id, body, rc.user!.id);
        await rc.audit(c, { action: 'facility.cold_pause', entityType: 'facility', entityId: params.id, newValue: p, reason: body.reason });
        return { status: 201, body: p };
      }).finally(fleetChanged); // sourcing's cached picture of the fleet carries the pauses
    },
  }),
  route({
    method: 'post', path: '/cold-pauses/:id/lift', operationId: 'liftColdPause', response: ColdPauseOut, tags: ['planning'], access: ['admin', 'dispatcher'],
    params: z.object({ id: schemas.id('cp') }).strict(), body: z.object({ reason: schemas.reason }).strict(), successStatus: 200,
    errors: { 404: { codes: ['cold_pause_not_found'] }, 409: { codes: ['cold_pause_ended'] } },
    summary: 'End a "no instant cold delivery" pause now (or cancel one not yet started), with a reason (audited)',
    async handler({ params, body }, rc) {
      return withTx(appDb(), async (c) => {
        const { before, after } = await liftColdPause(c, params.id, rc.user!.id);
        await rc.audit(c, { action: 'facility.cold_pause_lift', entityType: 'facility', entityId: after.facilityId, oldValue: before, newValue: after, reason: body.reason });
        return { body: after };
      }).finally(fleetChanged);
    },
  }),
];
