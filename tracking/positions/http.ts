/** The rider app's position batches (thin: who may post for whom, validation; the work in record.ts). */
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { route, schemas, type RouteDef } from '../../platform/http/route';
import { toWgs84 } from '../../geo';
import type { PositionFix, RecordPositions } from './record';

/** Most fixes per call: an offline stretch is sent in calls of up to this many. */
export const MAX_FIXES_PER_CALL = 500;

const FixInput = z.object({
  at: z.iso.datetime({ offset: true }).meta({ description: 'Device time of the fix (ISO 8601 with offset)' }),
  lat: z.number().finite().min(-90, 'coordinate_out_of_range').max(90, 'coordinate_out_of_range'),
  lng: z.number().finite().min(-180, 'coordinate_out_of_range').max(180, 'coordinate_out_of_range'),
  crs: z.enum(['wgs84', 'gcj02', 'bd09']).optional().meta({ description: 'Datum of lat/lng (default wgs84); stored as WGS-84' }),
  accuracyM: z.number().finite().min(0).max(1_000_000).meta({ description: 'Horizontal accuracy, metres (worse than 500 m is flagged low_accuracy)' }),
  speedMps: z.number().finite().min(0).max(1000).optional(),
  headingDeg: z.number().finite().min(0).max(360).optional(),
}).strict();

export const PositionsBody = z.object({
  positions: z.array(FixInput)
    .min(1, 'send at least one position')
    .max(MAX_FIXES_PER_CALL, `at most ${MAX_FIXES_PER_CALL} positions per call: send the rest in another call`),
}).strict();

const Answer = z.object({
  riderId: z.string(),
  accepted: z.int(),
  flagged: z.int(),
  results: z.array(z.object({ index: z.int(), accepted: z.boolean(), flag: z.enum(['future_time', 'impossible_jump', 'outside_network', 'low_accuracy']).optional() })),
});

export function toFix(f: z.infer<typeof FixInput>): PositionFix {
  const crs = f.crs ?? 'wgs84';
  const p = toWgs84({ lat: f.lat, lng: f.lng }, crs);
  return { at: new Date(f.at), lat: p.lat, lng: p.lng, crs, accuracyM: f.accuracyM, speedMps: f.speedMps ?? null, headingDeg: f.headingDeg ?? null };
}

export function positionRoutes(record: RecordPositions): RouteDef[] {
  return [
    route({
      method: 'post', path: '/riders/me/positions', operationId: 'recordRiderPositions', tags: ['tracking'], access: ['rider', 'admin'], audit: 'none', successStatus: 200,
      summary: 'The rider app sends a batch of GPS fixes (1–500, device time each); flagged fixes are stored with their flag and never move the position or ETAs',
      query: z.object({ riderId: schemas.id('rdr').optional().meta({ description: 'Admin only: the rider the fixes belong to' }) }).strict(),
      body: PositionsBody, response: Answer,
      errors: { 400: { codes: ['rider_id_required'] }, 403: { codes: ['no_rider', 'other_rider'] } },
      examples: {
        request: { positions: [
          { at: '2026-12-05T16:52:00+08:00', lat: 23.1339, lng: 113.3221, crs: 'gcj02', accuracyM: 6, speedMps: 5.2, headingDeg: 190 },
          { at: '2026-12-05T16:52:05+08:00', lat: 23.1337, lng: 113.3220, crs: 'gcj02', accuracyM: 650 },
        ] },
        response: { riderId: 'rdr_li01', accepted: 2, flagged: 1, results: [{ index: 0, accepted: true }, { index: 1, accepted: true, flag: 'low_accuracy' }] },
      },
      async handler({ query, body }, rc) {
        const u = rc.user!;
        let riderId: string;
        if (u.role === 'rider') {
          if (!u.riderId) throw new AppError('forbidden', 'no_rider', 'This account is not linked to a rider.');
          if (query.riderId && query.riderId !== u.riderId) throw new AppError('forbidden', 'other_rider', 'A rider sends only their own positions.');
          riderId = u.riderId;
        } else {
          if (!query.riderId) throw new AppError('invalid_input', 'rider_id_required', 'An admin posting positions names the rider: ?riderId=rdr_….');
          riderId = query.riderId;
        }
        // Positions are telemetry, not GMP changes: stored in tracking.rider_positions, not the audit trail.
        return { status: 200, body: await record(riderId, body.positions.map(toFix)) };
      },
    }),
  ];
}
