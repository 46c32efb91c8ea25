/**
 * Door photos and signatures: checked (type by magic bytes, size, structure), stripped of
 * metadata (a phone photo's Exif carries the customer's home position and the device), stored
 * in the PodStore under a key we choose, and recorded in tracking.pod_files with the SHA-256 of
 * the bytes kept. The rider app uploads first and then sends `deliver` (or `fail`) naming the
 * file's id; an offline queue that sends the same bytes again gets the same row back.
 */
import { resolve } from 'node:path';
import { getKey } from '../../platform/config/registry';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Queryable } from '../../platform/db/pool';
import { trackingKeys } from '../config';
import type { Actor } from '../lifecycle/store';
import { inspectImage, stripMetadata } from './image';
import { sha256Hex, type PodStore } from './pod-store';
import { LocalDiskStore, S3Store } from './storage';

export const POD_KINDS = ['photo', 'signature'] as const;
export type PodKind = (typeof POD_KINDS)[number];
export const POD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** States in which the shipment is still on its way to the customer, so evidence may be added. */
const OPEN_STATES = ['picked_up', 'in_transit', 'arriving', 'ready_for_pickup'];

export interface PodFile {
  id: string;
  shipmentId: string;
  kind: PodKind;
  contentType: string;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  uploadedBy: string;
  uploadedAt: string;
}

let configured: PodStore | undefined;

/** The store the configuration names (TRACKING_POD_STORE), made once per process. */
export function podStoreFromConfig(): PodStore {
  if (configured) return configured;
  if (getKey(trackingKeys.podStore) === 's3') {
    const need = (v: string | undefined, env: string) => {
      if (!v) throw new Error(`TRACKING_POD_STORE=s3 needs ${env}`);
      return v;
    };
    configured = new S3Store({
      endpoint: need(getKey(trackingKeys.podS3Endpoint), 'TRACKING_POD_S3_ENDPOINT'),
      bucket: need(getKey(trackingKeys.podS3Bucket), 'TRACKING_POD_S3_BUCKET'),
      region: getKey(trackingKeys.podS3Region),
      accessKeyId: need(getKey(trackingKeys.podS3AccessKeyId), 'TRACKING_POD_S3_ACCESS_KEY_ID'),
      secretAccessKey: need(getKey(trackingKeys.podS3SecretAccessKey), 'TRACKING_POD_S3_SECRET_ACCESS_KEY'),
      forcePathStyle: getKey(trackingKeys.podS3PathStyle),
    });
  } else {
    const dir = getKey(trackingKeys.podDir) || (process.env.STACK_DIR ? resolve(process.env.STACK_DIR, 'pod-files') : resolve('pod-files'));
    configured = new LocalDiskStore(dir);
  }
  return configured;
}

const rowOf = (r: Record<string, any>): PodFile => ({
  id: r.id, shipmentId: r.shipment_id, kind: r.kind, contentType: r.content_type, sha256: r.sha256, bytes: r.bytes,
  width: r.width, height: r.height, uploadedBy: r.uploaded_by, uploadedAt: new Date(r.uploaded_at).toISOString(),
});
const COLS = 'id, shipment_id, kind, content_type, sha256, bytes, width, height, uploaded_by, uploaded_at, storage_key';

/** Who may add evidence: the rider carrying it, the store holding it, staff. */
async function mayUpload(q: Queryable, shipmentId: string, actor: Actor): Promise<void> {
  const s = (await q.query(
    `SELECT s.facility_id, t.state, coalesce(t.rider_id, s.rider_id) AS rider_id, t.holder_facility_id
       FROM dispatch.shipments s LEFT JOIN tracking.shipment_state t ON t.shipment_id = s.id WHERE s.id = $1`, [shipmentId])).rows[0];
  if (!s) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
  // Who may touch it first: the state of another rider's or store's shipment is not theirs to learn.
  if (actor.role === 'rider' && s.rider_id && s.rider_id !== actor.riderId) throw new AppError('forbidden', 'other_rider', `Shipment ${shipmentId} is with another rider.`);
  if (actor.role === 'partner' && actor.facilityId !== s.holder_facility_id && actor.facilityId !== s.facility_id) {
    throw new AppError('forbidden', 'other_store', 'A partner account may only add proof to its own store\'s shipments.');
  }
  if (!OPEN_STATES.includes(s.state)) {
    throw new AppError('conflict', 'pod_not_now', `Shipment ${shipmentId} is ${s.state ?? 'not picked up yet'}: a photo or signature is taken at the door, while the shipment is still on its way.`, { state: s.state ?? null });
  }
  if (actor.role === 'rider' && s.rider_id !== actor.riderId) throw new AppError('forbidden', 'other_rider', `Shipment ${shipmentId} is with another rider.`);
}

/** Checks, strips and stores one image; the same bytes again return the first row. */
export async function storePodFile(store: PodStore, q: Queryable, input: { shipmentId: string; kind: PodKind; bytes: Buffer; actor: Actor }): Promise<PodFile> {
  await mayUpload(q, input.shipmentId, input.actor);
  const info = inspectImage(input.bytes);
  const clean = stripMetadata(input.bytes);
  const sha256 = sha256Hex(clean);
  const prior = (await q.query(`SELECT ${COLS} FROM tracking.pod_files WHERE shipment_id = $1 AND kind = $2 AND sha256 = $3`, [input.shipmentId, input.kind, sha256])).rows[0];
  if (prior) return rowOf(prior);
  const contentType = `image/${info.type}`;
  const key = `pod/${input.shipmentId}/${input.kind}-${sha256}.${info.type === 'jpeg' ? 'jpg' : info.type}`;
  // Stored before the row: a row always names bytes that exist; bytes without a row (a crash
  // between the two) are overwritten by the retry under the same key.
  await store.put(key, clean, contentType);
  const { rows } = await q.query(
    `INSERT INTO tracking.pod_files (id, shipment_id, kind, content_type, sha256, bytes, width, height, storage_key, uploaded_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
     ON CONFLICT (shipment_id, kind, sha256) DO NOTHING
     RETURNING ${COLS}`,
    [newId('pod'), input.shipmentId, input.kind, contentType, sha256, clean.length, info.width, info.height, key, input.actor.id]);
  // Empty when a concurrent upload of the same bytes won: answer with its row.
  return rowOf(rows[0] ?? (await q.query(`SELECT ${COLS} FROM tracking.pod_files WHERE shipment_id = $1 AND kind = $2 AND sha256 = $3`, [input.shipmentId, input.kind, sha256])).rows[0]);
}

/** The shipment's file `id` of `kind`, for an event that names it; a clear 4xx otherwise. */
export async function podFileForEvent(q: Queryable, shipmentId: string, id: string, kind: PodKind): Promise<PodFile> {
  const r = (await q.query(`SELECT ${COLS} FROM tracking.pod_files WHERE id = $1`, [id])).rows[0];
  if (!r || r.shipment_id !== shipmentId) throw new AppError('invalid_input', 'pod_file_unknown', `No ${kind} ${id} was uploaded for shipment ${shipmentId}: upload it first (POST /shipments/${shipmentId}/pod/${kind}).`);
  if (r.kind !== kind) throw new AppError('invalid_input', 'pod_file_kind', `File ${id} is a ${r.kind}, not a ${kind}.`);
  return rowOf(r);
}

/** A shipment's files, oldest first. */
export async function podFilesOf(q: Queryable, shipmentId: string): Promise<PodFile[]> {
  const { rows } = await q.query(`SELECT ${COLS} FROM tracking.pod_files WHERE shipment_id = $1 ORDER BY uploaded_at, id`, [shipmentId]);
  return rows.map(rowOf);
}

/** One file's row and bytes, checked against the SHA-256 recorded when it was stored. */
export async function readPodFile(store: PodStore, q: Queryable, shipmentId: string, id: string): Promise<{ file: PodFile; bytes: Buffer }> {
  const r = (await q.query(`SELECT ${COLS} FROM tracking.pod_files WHERE id = $1 AND shipment_id = $2`, [id, shipmentId])).rows[0];
  if (!r) throw new AppError('not_found', 'pod_file_not_found', `No proof-of-delivery file ${id} on shipment ${shipmentId}.`);
  const bytes = await store.get(r.storage_key);
  if (!bytes) throw new AppError('unavailable', 'pod_file_missing', `The stored bytes of ${id} are missing from the photo store; restore them from backup.`);
  if (sha256Hex(bytes) !== r.sha256) throw new AppError('conflict', 'pod_file_altered', `The stored bytes of ${id} no longer match the SHA-256 recorded at upload; the file was altered.`, { sha256: r.sha256 });
  return { file: rowOf(r), bytes };
}
