/**
 * The regulator's bulk export (issue 17): every sealed temperature record of one facility whose
 * shipment ended in a period, as ONE ustar archive, streamed record by record:
 *
 *   records/<shipmentId>.json   the per-shipment export verify-record reads (./verify.ts)
 *   anchors/<id>.json           each signed daily Merkle root those records' proofs lead to
 *   public-key.pem              the server's Ed25519 public key (trust it by its fingerprint)
 *   manifest.json               facility, period, generated-at, key id, record count, and
 *                               every file above with its SHA-256 and size
 *   manifest.sig                base64 Ed25519 signature over the exact bytes of manifest.json
 *
 * The manifest comes last because it lists the hashes of what was streamed before it; a
 * reader needs the whole archive anyway. `verifyRecordArchive` (./archive-verify.ts) checks it.
 */
import { createHash, sign } from 'node:crypto';
import { AppError } from '../../platform/errors';
import type { Queryable } from '../../platform/db/pool';
import { loadRecordExport } from './export';
import type { RecordKey } from './keys';
import { ustarEnd, ustarFile } from './ustar';
import type { RecordExport } from './verify';

export const ARCHIVE_FORMAT = 'coldchain.record-archive/1';
/** The longest period one archive covers, days (a regulator asks for a year; a leap year has 366 days). */
export const ARCHIVE_MAX_DAYS = 366;
const DAY_MS = 86_400_000;

export interface ArchivePeriod {
  /** inclusive */
  from: Date;
  /** exclusive */
  to: Date;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  facilityId: string;
  /** shipments that ended in [from, to) */
  period: { from: string; to: string };
  generatedAt: string;
  keyId: string;
  /** records in the archive */
  count: number;
  files: Array<{ path: string; sha256: string; size: number }>;
}

export interface ArchiveAnchor { id: number; day: string; root: string; leafCount: number; keyId: string; sig: string; createdAt: string }

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period of a request. A date (YYYY-MM-DD, UTC) as `from` starts at that day's 00:00; as
 * `to` it includes that whole day, so from=to=one date is that day. A date-time is taken as
 * given (`to` exclusive). Errors are AppErrors with stable codes (the CLI prints their message).
 */
export function archivePeriod(from: string, to: string): ArchivePeriod {
  const at = (s: string, name: string) => {
    const t = Date.parse(DATE.test(s) ? `${s}T00:00:00Z` : s);
    if (!Number.isFinite(t)) throw new AppError('invalid_input', 'invalid_period', `${name} must be a date (YYYY-MM-DD) or an ISO date-time: ${s}`);
    return t;
  };
  const f = at(from, 'from'), t = at(to, 'to');
  // compared as given: from=03-02, to=03-01 is reversed although 03-01's day ends at 03-02 00:00
  const p = { from: new Date(f), to: new Date(DATE.test(to) ? t + DAY_MS : t) };
  if (f > t) throw new AppError('invalid_input', 'period_reversed', `The period starts (${from}) after it ends (${to}).`);
  if (p.to.getTime() - p.from.getTime() > ARCHIVE_MAX_DAYS * DAY_MS) throw new AppError('invalid_input', 'period_too_long', `One archive covers at most ${ARCHIVE_MAX_DAYS} days; split the period.`);
  return p;
}

/** Shipments whose record was sealed for an end inside the period, by id (byte order). */
export async function sealedInPeriod(q: Queryable, p: ArchivePeriod): Promise<string[]> {
  const { rows } = await q.query(
    `SELECT shipment_id FROM telemetry.record_seals WHERE ended_at >= $1 AND ended_at < $2 ORDER BY shipment_id COLLATE "C"`, [p.from, p.to]);
  return rows.map((r) => r.shipment_id as string);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The archive as a stream of buffers; one record is in memory at a time.
 * @param shipmentIds the facility's sealed shipments of the period, in the order to write them
 */
export async function* recordArchive(q: Queryable, o: { facilityId: string; period: ArchivePeriod; shipmentIds: string[] }, key: RecordKey, now = new Date()): AsyncGenerator<Buffer> {
  const files: ArchiveManifest['files'] = [];
  const mtime = now.getTime();
  function* file(path: string, data: Buffer) {
    files.push({ path, sha256: sha256(data), size: data.length });
    yield* ustarFile(path, data, mtime);
  }
  const anchors = new Map<number, ArchiveAnchor>();
  for (const id of o.shipmentIds) {
    const x: RecordExport = await loadRecordExport(q, id, key, now);
    if (x.anchor) {
      const { id: aid, day, root, leafCount, keyId, sig, createdAt } = x.anchor;
      anchors.set(aid, { id: aid, day, root, leafCount, keyId, sig, createdAt });
    }
    yield* file(`records/${id}.json`, Buffer.from(JSON.stringify(x) + '\n'));
  }
  for (const a of [...anchors.values()].sort((p, r) => p.id - r.id)) yield* file(`anchors/${a.id}.json`, Buffer.from(JSON.stringify(a) + '\n'));
  yield* file('public-key.pem', Buffer.from(key.publicPem));
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT, facilityId: o.facilityId, period: { from: o.period.from.toISOString(), to: o.period.to.toISOString() },
    generatedAt: now.toISOString(), keyId: key.keyId, count: o.shipmentIds.length, files,
  };
  const m = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  yield* ustarFile('manifest.json', m, mtime);
  yield* ustarFile('manifest.sig', Buffer.from(sign(null, m, key.privateKey).toString('base64') + '\n'), mtime);
  yield ustarEnd();
}
