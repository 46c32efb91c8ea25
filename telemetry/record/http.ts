/**
 * HTTP face of the temperature record under /api/v1/shipments/:id: the export (the whole
 * record, verifiable offline), its verification, and the live figures. Staff (admin,
 * dispatcher, qa) see every shipment; a partner only its own store's, and another store's
 * shipment reads as not found (no probing of ids). /temperature-records/export is the
 * regulator's archive of a facility and a period, for QA and admins only.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { appDb } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { route, schemas, type RouteModule, type SessionUser } from '../../platform/http/route';
import type { RecordPorts, RecordShipment } from '../ports';
import { exportRecord, facilityRecordArchive, recordSummary, verifyStoredRecord } from './service';
import { archivePeriod, ARCHIVE_MAX_DAYS } from './archive';

const ShipmentParams = z.object({ id: schemas.id('shp') }).strict();
const ACCESS = ['admin', 'dispatcher', 'qa', 'partner'] as const;

async function visibleShipment(ports: RecordPorts, id: string, u: SessionUser | undefined): Promise<RecordShipment> {
  const s = await ports.shipment(id);
  if (!s || (u?.role === 'partner' && u.facilityId !== s.facilityId)) throw new AppError('not_found', 'shipment_not_found', `No shipment ${id}.`);
  return s;
}

const Reading = z.object({
  boxId: z.string(), fw: z.string(), seq: z.number(), readingIndex: z.number(), ts: z.number().meta({ description: 'device time, Unix ms' }),
  receivedAt: z.number().meta({ description: 'server receive time, Unix ms' }), probes: z.array(z.number()), rh: z.number().nullable(),
  door: z.boolean().nullable(), batt: z.number().nullable(), hist: z.boolean(),
});
const SealOut = z.object({
  shipmentId: z.string(), count: z.number(), head: z.string(), firstTs: z.number().nullable(), lastTs: z.number().nullable(),
  custodyFrom: z.number().nullable(), custodyTo: z.number().nullable(), largestGapMs: z.number(), gapsOverLimit: z.number(), gapLimitMs: z.number(),
  outcome: z.string(), endedAt: z.number(), digest: z.string(), sealedAt: z.string(),
});
const RecordExportOut = z.object({
  format: z.literal('coldchain.record-export/1'), canonicalFormat: z.string(), shipmentId: z.string(), exportedAt: z.string(),
  entries: z.array(z.object({
    index: z.number(), addendum: z.number().meta({ description: '0 = sealed part (or not sealed yet); n = n-th signed addendum' }),
    boxId: z.string(), ts: z.number(), reading: Reading.nullable().meta({ description: 'null when the reading row is missing' }), hash: z.string(),
  })).meta({ description: 'In chain (arrival) order; sort by ts for the curve' }),
  seal: SealOut.nullable(),
  addenda: z.array(z.object({ shipmentId: z.string(), no: z.number(), fromIndex: z.number(), toIndex: z.number(), head: z.string(), keyId: z.string(), sig: z.string(), createdAt: z.string() })),
  anchor: z.object({ id: z.number(), day: z.string(), root: z.string(), leafCount: z.number(), keyId: z.string(), sig: z.string(), leafIndex: z.number(), proof: z.array(z.string()), createdAt: z.string() }).nullable(),
  publicKey: z.object({ keyId: z.string(), pem: z.string() }),
}).meta({ id: 'TemperatureRecord' });

const VerificationOut = z.object({
  ok: z.boolean(), shipmentId: z.string(), entries: z.number(), sealed: z.boolean(), anchored: z.boolean(),
  checks: z.array(z.object({ check: z.enum(['format', 'key', 'chain', 'seal', 'addenda', 'anchor']), ok: z.boolean(), detail: z.string() })),
  firstBroken: z.object({ index: z.number(), boxId: z.string().nullable(), ts: z.string().nullable(), reason: z.string() }).nullable(),
}).meta({ id: 'TemperatureRecordVerification' });

const SummaryOut = z.object({
  shipmentId: z.string(), temperatureClass: z.string(),
  limits: z.object({ low: z.number(), high: z.number(), freezeLimit: z.number().nullable() }),
  readings: z.number(), firstTs: z.number().nullable(), lastTs: z.number().nullable(),
  minC: z.number().nullable(), maxC: z.number().nullable(),
  mktC: z.number().nullable().meta({ description: 'Mean kinetic temperature, USP <1079.2> (ΔH = 83.144 kJ/mol); information only' }),
  timeOutOfRangeMs: z.number().meta({ description: 'Cumulative time out of range over every leg' }),
  longestExcursionMs: z.number().meta({ description: 'Longest single continuous time out of range' }),
  stabilityBudget: z.object({ budgetMs: z.number(), usedMs: z.number(), remainingMs: z.number().meta({ description: 'negative = exceeded (quarantine)' }) }).nullable(),
  largestGapMs: z.number(), gapsOverLimit: z.number(), gapLimitMs: z.number(), sealed: z.boolean(), asOf: z.string(),
}).meta({ id: 'TemperatureSummary' });

export function recordModule(ports: RecordPorts): RouteModule {
  const exportRoute = route({
    method: 'get', path: '/shipments/:id/temperature-record', operationId: 'exportTemperatureRecord', tags: ['quality'], access: ACCESS,
    summary: 'Export a shipment\'s temperature record (entries, seal, addenda, Merkle proof, anchor, public key; empty before the first reading in custody); verify offline with `npm run cli -- verify-record`',
    params: ShipmentParams, response: RecordExportOut,
    async handler({ params }, rc) {
      await visibleShipment(ports, params.id, rc.user);
      const x = await exportRecord(appDb(), params.id);
      return { body: x, headers: { 'Content-Disposition': `attachment; filename="temperature-record-${params.id}.json"` } };
    },
  });
  const verifyRoute = route({
    method: 'get', path: '/shipments/:id/temperature-record/verify', operationId: 'verifyTemperatureRecord', tags: ['quality'], access: ACCESS,
    summary: 'Verify a shipment\'s temperature record: recompute the hash chain and the Merkle path, naming the first broken entry',
    params: ShipmentParams, response: VerificationOut,
    async handler({ params }, rc) {
      await visibleShipment(ports, params.id, rc.user);
      return { body: await verifyStoredRecord(appDb(), params.id) };
    },
  });
  const summaryRoute = route({
    method: 'get', path: '/shipments/:id/temperature-summary', operationId: 'getTemperatureSummary', tags: ['quality'], access: ACCESS,
    summary: 'Get live temperature figures of a shipment: time out of range, stability budget left, MKT, min/max, largest gap',
    params: ShipmentParams, response: SummaryOut,
    async handler({ params }, rc) {
      const s = await visibleShipment(ports, params.id, rc.user);
      return { body: await recordSummary(appDb(), s) };
    },
  });
  const archiveRoute = route({
    method: 'get', path: '/temperature-records/export', operationId: 'exportTemperatureRecordArchive', tags: ['quality'], access: ['admin', 'qa'],
    summary: `Export every sealed temperature record of a facility whose shipment ended in a period (at most ${ARCHIVE_MAX_DAYS} days) as one tar archive: records/<shipment>.json, anchors/<id>.json, public-key.pem and a signed manifest.json (SHA-256 and size of every file); verify offline with \`npm run cli -- verify-record <archive>\``,
    query: z.object({
      facilityId: schemas.id('fac'),
      from: z.string().min(1).meta({ description: 'Start: a date (YYYY-MM-DD, UTC, from 00:00) or an ISO date-time, inclusive' }),
      to: z.string().min(1).meta({ description: 'End: a date (YYYY-MM-DD, UTC; that whole day is included) or an ISO date-time, exclusive' }),
    }).strict(),
    produces: ['application/x-tar'],
    errors: { 400: { codes: ['validation_failed', 'invalid_period', 'period_reversed', 'period_too_long'] }, 404: { codes: ['facility_not_found'] } },
    async handler({ query }, rc) {
      const period = archivePeriod(query.from, query.to);
      const now = new Date();
      const stream = await facilityRecordArchive(appDb(), ports, query.facilityId, period, now);
      // Who took which records out, and when: a regulator's copy is a disclosure (GDP 4.2, Annex 11 §12).
      await rc.audit(appDb(), { action: 'record.export_archive', entityType: 'facility', entityId: query.facilityId, newValue: { from: period.from.toISOString(), to: period.to.toISOString() } });
      rc.koa.type = 'application/x-tar';
      rc.koa.set('Content-Disposition', `attachment; filename="temperature-records-${query.facilityId}-${now.toISOString().slice(0, 10)}.tar"`);
      rc.koa.set('Cache-Control', 'no-store');
      rc.koa.body = Readable.from(stream);
    },
  });
  return { name: 'temperature-record', routes: [exportRoute, verifyRoute, summaryRoute, archiveRoute] };
}
