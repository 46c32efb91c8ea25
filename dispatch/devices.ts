/**
 * Device models and calibration certificates (issue 23). A box is an instance of a model: the
 * logger's probe accuracy per temperature range, sample interval, buffer and holdover table. A
 * box may be paired with a rider or bound to a shipment only when its model reads to ±0.5 °C over
 * the whole of 0–40 °C (GSP) and a calibration certificate is on file and in date (COMPLIANCE
 * A.13). Certificates are the one source of a box's due date: boxes.calibration_due is their copy,
 * kept by a trigger (dispatch/sql/box_calibration_sync.sql).
 *
 * No route or field sets a probe offset (COMPLIANCE A.7): calibration is the metrology lab's
 * work, the software keeps its certificate.
 */
import { z } from 'zod';
import { createHash } from 'node:crypto';
import type { Queryable } from '../platform/db/pool';
import { AppError } from '../platform/errors';
import { newId } from '../platform/ids';
import { schemas } from '../platform/http/route';
import { getKey } from '../platform/config/registry';
import { dispatchKeys } from './config';
import { calibrationState } from './network';

/** The model of boxes registered without one: dispatch.boxes.model_id's default (migration 017). */
export const DEFAULT_DEVICE_MODEL = 'dm_default';
/** GSP (Appendix 3): temperature measured to ±0.5 °C over 0–40 °C. */
export const GSP_ACCURACY = { fromC: 0, toC: 40, accuracyC: 0.5 } as const;
/** A certificate's document: a scan or the lab's PDF; 5 MB holds a multi-page scan. */
export const CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024;
export const CERTIFICATE_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type CertificateContentType = (typeof CERTIFICATE_CONTENT_TYPES)[number];

const custom = (ctx: z.RefinementCtx, code: string, message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path, params: { code } });

const ProbeRange = z.object({
  fromC: z.number().min(-100).max(100),
  toC: z.number().min(-100).max(100),
  accuracyC: z.number().gt(0, 'accuracy must be above 0 °C: no probe is exact').max(10),
}).strict();
const HoldoverPoint = z.object({ ambientC: z.number().min(-40).max(60), minutes: z.int().min(1).max(10_000) }).strict();

export const DeviceModelInput = z.object({
  maker: z.string().trim().min(1).max(120),
  name: z.string().trim().min(1).max(120),
  probeAccuracy: z.array(ProbeRange).min(1).max(20).meta({ description: 'Accuracy per range: ±accuracyC between fromC and toC (°C)' }),
  sampleIntervalS: z.int().min(5).max(3600),
  bufferReadings: z.int().min(1).max(10_000_000).meta({ description: 'Readings the logger keeps while offline' }),
  holdover: z.array(HoldoverPoint).min(1).max(20).meta({ description: 'Validated hold time by ambient temperature, ascending ambientC' }),
}).strict().superRefine((m, ctx) => {
  m.probeAccuracy.forEach((r, i) => {
    if (!(r.fromC < r.toC)) custom(ctx, 'range_inverted', `range ${i + 1} runs from ${r.fromC} °C to ${r.toC} °C: fromC must be below toC`, ['probeAccuracy', i, 'toC']);
  });
  m.holdover.forEach((h, i) => {
    if (i > 0 && !(h.ambientC > m.holdover[i - 1].ambientC)) custom(ctx, 'holdover_unsorted', `holdover rows must be in ascending ambientC, each once (row ${i + 1}: ${h.ambientC} °C after ${m.holdover[i - 1].ambientC} °C)`, ['holdover', i, 'ambientC']);
  });
});
export type DeviceModelInput = z.infer<typeof DeviceModelInput>;

export interface DeviceModel extends DeviceModelInput {
  id: string;
  gsp: { accurate: boolean; reason: string | null };
  boxes: number;
}

/**
 * Whether ranges meet GSP accuracy: 0–40 °C covered with no gap, and every range that overlaps
 * it reads to ±0.5 °C or better. Where ranges overlap, the worse one counts (the logger's maker
 * states both; we cannot tell which applies).
 */
export function gspAccuracy(ranges: Array<{ fromC: number; toC: number; accuracyC: number }>): { accurate: boolean; reason: string | null } {
  const { fromC, toC, accuracyC } = GSP_ACCURACY;
  const inside = ranges.filter((r) => r.toC > fromC && r.fromC < toC).sort((a, b) => a.fromC - b.fromC);
  const worse = inside.find((r) => r.accuracyC > accuracyC);
  if (worse) return { accurate: false, reason: `±${worse.accuracyC} °C between ${worse.fromC} and ${worse.toC} °C; GSP needs ±${accuracyC} °C over ${fromC}–${toC} °C` };
  let reached: number = fromC;
  for (const r of inside) {
    if (r.fromC > reached) break;
    reached = Math.max(reached, r.toC);
  }
  if (reached < toC) return { accurate: false, reason: `no stated accuracy from ${reached} °C; the ranges must cover ${fromC}–${toC} °C` };
  return { accurate: true, reason: null };
}

const modelFrom = (r: Record<string, any>): DeviceModel => ({
  id: r.id, maker: r.maker, name: r.name, probeAccuracy: r.probe_accuracy, sampleIntervalS: r.sample_interval_s, bufferReadings: r.buffer_readings,
  holdover: r.holdover, gsp: gspAccuracy(r.probe_accuracy), boxes: Number(r.boxes ?? 0),
});
const MODEL_SELECT = `SELECT m.*, (SELECT count(*) FROM dispatch.boxes b WHERE b.model_id = m.id) AS boxes FROM dispatch.device_models m`;

export async function listDeviceModels(q: Queryable): Promise<DeviceModel[]> {
  return (await q.query(`${MODEL_SELECT} ORDER BY m.maker, m.name`)).rows.map(modelFrom);
}

export async function getDeviceModel(q: Queryable, id: string): Promise<DeviceModel | null> {
  const r = (await q.query(`${MODEL_SELECT} WHERE m.id = $1`, [id])).rows[0];
  return r ? modelFrom(r) : null;
}

async function mustModel(q: Queryable, id: string): Promise<DeviceModel> {
  const m = await getDeviceModel(q, id);
  if (!m) throw new AppError('not_found', 'device_model_not_found', `No device model ${id}.`);
  return m;
}

const sameName = (e: unknown, m: DeviceModelInput) => {
  if ((e as { code?: string }).code === '23505') throw new AppError('conflict', 'already_exists', `A device model "${m.maker} ${m.name}" already exists.`);
  throw e;
};

export async function createDeviceModel(q: Queryable, m: DeviceModelInput): Promise<DeviceModel> {
  const id = newId('dm');
  await q.query(
    `INSERT INTO dispatch.device_models (id, maker, name, probe_accuracy, sample_interval_s, buffer_readings, holdover) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [id, m.maker, m.name, JSON.stringify(m.probeAccuracy), m.sampleIntervalS, m.bufferReadings, JSON.stringify(m.holdover)]).catch((e) => sameName(e, m));
  return mustModel(q, id);
}

/** Replaces a model's data; boxes of it are judged by the new figures from their next pairing. */
export async function updateDeviceModel(q: Queryable, id: string, m: DeviceModelInput): Promise<{ before: DeviceModel; after: DeviceModel }> {
  const before = await mustModel(q, id);
  await q.query(
    `UPDATE dispatch.device_models SET maker = $2, name = $3, probe_accuracy = $4, sample_interval_s = $5, buffer_readings = $6, holdover = $7, updated_at = now() WHERE id = $1`,
    [id, m.maker, m.name, JSON.stringify(m.probeAccuracy), m.sampleIntervalS, m.bufferReadings, JSON.stringify(m.holdover)]).catch((e) => sameName(e, m));
  return { before, after: await mustModel(q, id) };
}

export async function deleteDeviceModel(q: Queryable, id: string): Promise<DeviceModel> {
  const m = await mustModel(q, id);
  if (id === DEFAULT_DEVICE_MODEL) throw new AppError('conflict', 'device_model_default', `${id} is the model boxes registered without one get.`);
  if (m.boxes > 0) throw new AppError('conflict', 'device_model_in_use', `${m.boxes} box(es) are of model ${id}; give them another model first.`, { boxes: m.boxes });
  await q.query('DELETE FROM dispatch.device_models WHERE id = $1', [id]);
  return m;
}

/** Sets a box's model; returns the model before and after. */
export async function setBoxModel(q: Queryable, boxId: string, modelId: string): Promise<{ before: string; after: string }> {
  const box = (await q.query('SELECT model_id FROM dispatch.boxes WHERE id = $1 FOR UPDATE', [boxId])).rows[0];
  if (!box) throw new AppError('not_found', 'box_not_found', `No box ${boxId}.`);
  await mustModel(q, modelId);
  await q.query('UPDATE dispatch.boxes SET model_id = $2 WHERE id = $1', [boxId, modelId]);
  return { before: box.model_id, after: modelId };
}

// ---- certificates ----

export const CertificateMeta = z.object({
  certificateNumber: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9/._-]*$/, 'letters, digits, / . _ - (starting with a letter or digit)'),
  issuer: z.string().trim().min(1).max(120),
  calibratedOn: z.iso.date(),
  dueOn: z.iso.date(),
}).strict();
export type CertificateMeta = z.infer<typeof CertificateMeta>;

export interface Certificate {
  id: string; boxId: string; source: 'declared' | 'documented'; certificateNumber: string | null; issuer: string | null;
  calibratedOn: string | null; dueOn: string; contentType: string | null; sha256: string | null; bytes: number | null;
  uploadedBy: string | null; uploadedAt: string;
}
const CERT_COLS = `id, box_id, source, certificate_number, issuer, to_char(calibrated_on,'YYYY-MM-DD') AS calibrated_on, to_char(due_on,'YYYY-MM-DD') AS due_on,
  content_type, sha256, bytes, uploaded_by, uploaded_at`;
const certFrom = (r: Record<string, any>): Certificate => ({
  id: r.id, boxId: r.box_id, source: r.source, certificateNumber: r.certificate_number, issuer: r.issuer, calibratedOn: r.calibrated_on, dueOn: r.due_on,
  contentType: r.content_type, sha256: r.sha256, bytes: r.bytes, uploadedBy: r.uploaded_by, uploadedAt: new Date(r.uploaded_at).toISOString(),
});

/**
 * The document's type from its own bytes (magic numbers, and the end marker that shows it was
 * not cut short); the Content-Type header is only a claim.
 */
export function documentType(b: Buffer): CertificateContentType {
  const tail = b.subarray(Math.max(0, b.length - 1024)).toString('latin1');
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') {
    if (!tail.includes('%%EOF')) throw corrupt('PDF', 'it has no %%EOF end marker');
    return 'application/pdf';
  }
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    if (b.length < 20 || b.subarray(b.length - 8, b.length - 4).toString('latin1') !== 'IEND') throw corrupt('PNG', 'it does not end with an IEND chunk');
    return 'image/png';
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    if (!tail.includes('\xff\xd9')) throw corrupt('JPEG', 'it has no end-of-image marker');
    return 'image/jpeg';
  }
  throw new AppError('invalid_input', 'document_unsupported', 'The file is not a PDF, PNG or JPEG (judged by its first bytes). Scan the certificate to one of those.', { accepted: CERTIFICATE_CONTENT_TYPES });
}
const corrupt = (kind: string, why: string) => new AppError('invalid_input', 'document_corrupt', `The ${kind} looks cut short or damaged: ${why}. Save or scan it again.`);

async function lockBox(q: Queryable, boxId: string): Promise<void> {
  const r = await q.query('SELECT 1 FROM dispatch.boxes WHERE id = $1 FOR UPDATE', [boxId]);
  if (!r.rowCount) throw new AppError('not_found', 'box_not_found', `No box ${boxId}.`);
}

/** Calibration is due at least once a year (COMPLIANCE A.13): a certificate valid longer is refused. */
const MAX_INTERVAL_DAYS = 366;
const days = (from: string, to: string) => Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86_400_000);

/** Stores a calibration certificate with its document; `today` is the facility's date. */
export async function addCertificate(q: Queryable, input: { boxId: string; meta: CertificateMeta; bytes: Buffer; claimedType: string; uploadedBy: string | null; today: string }): Promise<Certificate> {
  const { meta } = input;
  if (meta.calibratedOn > input.today) throw new AppError('invalid_input', 'calibrated_in_future', `calibratedOn ${meta.calibratedOn} is after today (${input.today}).`);
  if (!(meta.dueOn > meta.calibratedOn)) throw new AppError('invalid_input', 'due_before_calibration', `dueOn ${meta.dueOn} must come after calibratedOn ${meta.calibratedOn}.`);
  if (days(meta.calibratedOn, meta.dueOn) > MAX_INTERVAL_DAYS) {
    throw new AppError('invalid_input', 'interval_over_a_year', `dueOn ${meta.dueOn} is more than a year after calibratedOn ${meta.calibratedOn}; probes are calibrated at least once a year.`);
  }
  const type = documentType(input.bytes);
  const claimed = input.claimedType.split(';')[0].trim().toLowerCase();
  if (claimed !== type) throw new AppError('invalid_input', 'document_type_mismatch', `The file was sent as ${claimed} but its bytes are ${type}.`, { sent: claimed, found: type });
  await lockBox(q, input.boxId);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const { rows } = await q.query(
    `INSERT INTO dispatch.calibration_certificates (id, box_id, source, certificate_number, issuer, calibrated_on, due_on, content_type, sha256, bytes, document, uploaded_by)
     VALUES ($1,$2,'documented',$3,$4,$5,$6,$7,$8,$9,$10,$11)
     ON CONFLICT (box_id, certificate_number) DO NOTHING RETURNING ${CERT_COLS}`,
    [newId('cal'), input.boxId, meta.certificateNumber, meta.issuer, meta.calibratedOn, meta.dueOn, type, sha256, input.bytes.length, input.bytes, input.uploadedBy]);
  if (!rows[0]) throw new AppError('conflict', 'certificate_exists', `Box ${input.boxId} already has certificate ${meta.certificateNumber}.`);
  return certFrom(rows[0]);
}

/** The due date typed in at registration, kept as a certificate without a document. */
export async function declareCalibration(q: Queryable, boxId: string, dueOn: string, uploadedBy: string | null): Promise<Certificate> {
  const { rows } = await q.query(
    `INSERT INTO dispatch.calibration_certificates (id, box_id, source, due_on, uploaded_by) VALUES ($1,$2,'declared',$3,$4) RETURNING ${CERT_COLS}`,
    [newId('cal'), boxId, dueOn, uploadedBy]);
  return certFrom(rows[0]);
}

/** A box's certificates, newest first (the first decides its due date). */
export async function listCertificates(q: Queryable, boxId: string): Promise<Certificate[]> {
  const r = await q.query('SELECT 1 FROM dispatch.boxes WHERE id = $1', [boxId]);
  if (!r.rowCount) throw new AppError('not_found', 'box_not_found', `No box ${boxId}.`);
  const { rows } = await q.query(
    `SELECT ${CERT_COLS} FROM dispatch.calibration_certificates WHERE box_id = $1
      ORDER BY source = 'documented' DESC, calibrated_on DESC NULLS LAST, uploaded_at DESC, id DESC`, [boxId]);
  return rows.map(certFrom);
}

/** A certificate's document, checked against its SHA-256. */
export async function readCertificateDocument(q: Queryable, boxId: string, id: string): Promise<{ cert: Certificate; bytes: Buffer }> {
  const r = (await q.query(`SELECT ${CERT_COLS}, document FROM dispatch.calibration_certificates WHERE id = $1 AND box_id = $2`, [id, boxId])).rows[0];
  if (!r) throw new AppError('not_found', 'certificate_not_found', `Box ${boxId} has no certificate ${id}.`);
  if (!r.document) throw new AppError('not_found', 'no_document', `Certificate ${id} was declared at registration; no document is on file. Upload the certificate.`);
  const bytes = r.document as Buffer;
  if (createHash('sha256').update(bytes).digest('hex') !== r.sha256) throw new Error(`certificate ${id}: stored bytes do not match their SHA-256`);
  return { cert: certFrom(r), bytes };
}

// ---- pairing ----

export interface Pairability {
  modelId: string;
  gsp: { accurate: boolean; reason: string | null };
  certificate: { id: string; source: 'declared' | 'documented'; dueOn: string } | null;
  calibration: { state: 'ok' | 'due_soon' | 'overdue'; daysLeft: number } | null;
}

/** What pairing needs to know of a box on `today`; null when there is no such box. */
export async function pairability(q: Queryable, boxId: string, today: string): Promise<Pairability | null> {
  const r = (await q.query(
    `SELECT b.model_id, m.probe_accuracy,
            (SELECT json_build_object('id', c.id, 'source', c.source, 'dueOn', to_char(c.due_on,'YYYY-MM-DD')) FROM dispatch.calibration_certificates c WHERE c.box_id = b.id
              ORDER BY c.source = 'documented' DESC, c.calibrated_on DESC NULLS LAST, c.uploaded_at DESC, c.id DESC LIMIT 1) AS cert
       FROM dispatch.boxes b JOIN dispatch.device_models m ON m.id = b.model_id WHERE b.id = $1`, [boxId])).rows[0];
  if (!r) return null;
  return {
    modelId: r.model_id, gsp: gspAccuracy(r.probe_accuracy), certificate: r.cert,
    calibration: r.cert ? calibrationState(r.cert.dueOn, today, getKey(dispatchKeys.calibrationWarnDays)) : null,
  };
}

/**
 * Refuses, with a stable code, a box that may not be paired or carry a shipment: its model is not
 * GSP-accurate, it has no certificate, or the certificate is out of date. Returns the warnings
 * (calibration due within the warning window).
 */
export async function assertPairable(q: Queryable, boxId: string, today: string): Promise<string[]> {
  const p = await pairability(q, boxId, today);
  if (!p) throw new AppError('not_found', 'box_not_found', `No box ${boxId}.`);
  if (!p.gsp.accurate) {
    throw new AppError('conflict', 'model_not_gsp_accurate', `Box ${boxId}'s model ${p.modelId} does not meet GSP accuracy (${p.gsp.reason}). Take another box.`, { modelId: p.modelId });
  }
  if (!p.certificate || !p.calibration) {
    throw new AppError('conflict', 'no_calibration_certificate', `Box ${boxId} has no calibration certificate on file; upload it before the box is used.`);
  }
  if (p.calibration.state === 'overdue') {
    throw new AppError('conflict', 'calibration_overdue', `Box ${boxId}'s probe calibration was due on ${p.certificate.dueOn}; it cannot carry shipments until recalibrated. Take another box.`, { calibrationDue: p.certificate.dueOn });
  }
  return p.calibration.state === 'due_soon' ? [`calibration due in ${p.calibration.daysLeft} days (${p.certificate.dueOn})`] : [];
}

/**
 * Boxes in service whose calibration falls due within `warnDays` of `today` or is overdue, soonest
 * first: the daily calibration-due job's list (dispatch/workers.ts). The alarm notifiers do not
 * fit a reminder (an alarm is raised, acknowledged and escalated); the console's Admin boxes tab
 * shows the same state.
 */
export async function calibrationDueList(q: Queryable, today: string, warnDays: number): Promise<Array<{ boxId: string; facilityId: string; dueOn: string; state: 'due_soon' | 'overdue' }>> {
  const { rows } = await q.query(
    `SELECT id, facility_id, to_char(calibration_due,'YYYY-MM-DD') AS due FROM dispatch.boxes
      WHERE status <> 'retired' AND calibration_due <= $1::date + $2::int ORDER BY calibration_due, id`, [today, warnDays]);
  return rows.map((r) => ({ boxId: r.id, facilityId: r.facility_id, dueOn: r.due, state: r.due < today ? 'overdue' : 'due_soon' }));
}

export const certificateParams = z.object({ id: schemas.id('box'), certId: schemas.id('cal') }).strict();
