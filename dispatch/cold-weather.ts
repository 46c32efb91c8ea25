/**
 * Dispatcher controls for weather (issue 23): the forecast and severe-weather warning at a
 * facility, and "no instant cold delivery" pauses. A pause covers [from, until) unless lifted
 * earlier; while it runs sourcing refuses instant cold lines there (`cold_paused`,
 * domain/sourcing.ts) and the public availability answer says so. Scheduled and next-day cold
 * delivery and ambient goods are not affected: the pause is about a box's time in the heat now.
 */
import { z } from 'zod';
import type { Queryable } from '../platform/db/pool';
import { AppError } from '../platform/errors';
import { newId } from '../platform/ids';
import { fleetChanged } from './fleet-snapshot';
import { hottest, weather, type WeatherHour } from './weather';

/** Longest pause one request may set: a longer closure of cold delivery is a network change, not a weather call. */
export const COLD_PAUSE_MAX_HOURS = 72;

export const ColdPauseInput = z.object({
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Start (ISO 8601); default now' }),
  until: z.iso.datetime({ offset: true }).meta({ description: 'End (ISO 8601), exclusive; at most 72 h after the start' }),
  reason: z.string().trim().min(3).max(500).meta({ description: 'Why (kept with the pause and in the audit trail), e.g. "typhoon signal 8"' }),
}).strict();

export interface ColdPause {
  id: string; facilityId: string; from: string; until: string; reason: string; createdBy: string; createdAt: string;
  liftedAt: string | null; liftedBy: string | null;
  /** Running at the time of the answer. */
  active: boolean;
}

const toPause = (r: Record<string, any>, now: Date): ColdPause => ({
  id: r.id, facilityId: r.facility_id, from: r.from_at.toISOString(), until: r.until_at.toISOString(), reason: r.reason, createdBy: r.created_by,
  createdAt: r.created_at.toISOString(), liftedAt: r.lifted_at?.toISOString() ?? null, liftedBy: r.lifted_by ?? null,
  active: !r.lifted_at && r.from_at <= now && now < r.until_at,
});

async function assertFacility(q: Queryable, facilityId: string): Promise<{ lat: number; lng: number }> {
  const f = (await q.query('SELECT ST_Y(location) AS lat, ST_X(location) AS lng FROM dispatch.facilities WHERE id = $1', [facilityId])).rows[0];
  if (!f) throw new AppError('not_found', 'facility_not_found', `No facility ${facilityId}.`);
  return f;
}

/** Sets a pause in the caller's transaction (the route audits it there); this process's sourcing sees it at once. */
export async function setColdPause(q: Queryable, facilityId: string, input: z.infer<typeof ColdPauseInput>, userId: string, now = new Date()): Promise<ColdPause> {
  await assertFacility(q, facilityId);
  const from = input.from ? new Date(input.from) : now;
  const until = new Date(input.until);
  if (!(until > from)) throw new AppError('invalid_input', 'pause_period_invalid', `The pause must end after it starts (from ${from.toISOString()}, until ${until.toISOString()}).`);
  if (until <= now) throw new AppError('invalid_input', 'pause_in_past', `The pause would already be over (until ${until.toISOString()} is not after now).`);
  if (until.getTime() - from.getTime() > COLD_PAUSE_MAX_HOURS * 3_600_000) {
    throw new AppError('invalid_input', 'pause_too_long', `A pause may last at most ${COLD_PAUSE_MAX_HOURS} hours; set a new one when it ends if the weather holds.`);
  }
  const { rows } = await q.query(
    `INSERT INTO dispatch.cold_pauses (id, facility_id, from_at, until_at, reason, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *`,
    [newId('cp'), facilityId, from, until, input.reason, userId]);
  fleetChanged();
  return toPause(rows[0], now);
}

/** Ends a pause now. 404 when unknown, 409 `cold_pause_ended` when already lifted or over. */
export async function liftColdPause(q: Queryable, id: string, userId: string, now = new Date()): Promise<{ before: ColdPause; after: ColdPause }> {
  const r = (await q.query('SELECT * FROM dispatch.cold_pauses WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!r) throw new AppError('not_found', 'cold_pause_not_found', `No cold-delivery pause ${id}.`);
  const before = toPause(r, now);
  if (r.lifted_at || r.until_at <= now) throw new AppError('conflict', 'cold_pause_ended', `Pause ${id} already ended at ${(r.lifted_at ?? r.until_at).toISOString()}.`);
  // Lifting one that has not started yet cancels it: a lifted pause never counts again.
  const { rows } = await q.query('UPDATE dispatch.cold_pauses SET lifted_at = $2, lifted_by = $3 WHERE id = $1 RETURNING *', [id, now, userId]);
  fleetChanged();
  return { before, after: toPause(rows[0], now) };
}

/** A facility's pauses that have not ended, then the 20 latest that have. */
export async function listColdPauses(q: Queryable, facilityId: string, now = new Date()): Promise<ColdPause[]> {
  await assertFacility(q, facilityId);
  const { rows } = await q.query(
    `(SELECT * FROM dispatch.cold_pauses WHERE facility_id = $1 AND lifted_at IS NULL AND until_at > $2 ORDER BY from_at, id)
     UNION ALL
     (SELECT * FROM dispatch.cold_pauses WHERE facility_id = $1 AND (lifted_at IS NOT NULL OR until_at <= $2) ORDER BY coalesce(lifted_at, until_at) DESC, id LIMIT 20)`,
    [facilityId, now]);
  return rows.map((r) => toPause(r, now));
}

export interface FacilityWeather {
  facilityId: string;
  area: string;
  source: 'fixture' | 'provider' | 'fallback';
  /** A severe-weather flag covers the facility's area this hour. */
  severeNow: boolean;
  /** The first severe hour within the answer's hours (ISO), or null. */
  severeFrom: string | null;
  hottest: WeatherHour | null;
  hours: WeatherHour[];
  /** The pause running now, if any. */
  coldPause: ColdPause | null;
}

/** The forecast at a facility for the next `hours` hours, its severe-weather warning and any running pause. */
export async function facilityWeather(q: Queryable, facilityId: string, hours: number, now = new Date()): Promise<FacilityWeather> {
  const at = await assertFacility(q, facilityId);
  const f = await weather().forecast(at, now, new Date(now.getTime() + hours * 3_600_000));
  const pause = (await q.query(
    `SELECT * FROM dispatch.cold_pauses WHERE facility_id = $1 AND lifted_at IS NULL AND from_at <= $2 AND until_at > $2 ORDER BY until_at DESC LIMIT 1`, [facilityId, now])).rows[0];
  return {
    facilityId, area: f.area, source: f.source, severeNow: f.hours[0]?.severe ?? false, severeFrom: f.hours.find((h) => h.severe)?.at ?? null,
    hottest: hottest(f), hours: f.hours, coldPause: pause ? toPause(pause, now) : null,
  };
}
