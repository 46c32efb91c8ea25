/**
 * `npm run cli -- verify-record <file> [--public-key <pem>] [--fingerprint <key id>]`: checks an
 * exported temperature record, or a regulator's archive of records (a tar file: its manifest's
 * signature, every file's hash, every record), offline — no database, no network — with the
 * file and a public key. The key is either given (`--public-key`, a PEM file), or the one
 * embedded in the export or archive, trusted only when its fingerprint matches `--fingerprint`
 * or RECORD_PUBLIC_KEY_FINGERPRINT (a key shipped inside the file it vouches for proves nothing
 * on its own).
 */
import { readFileSync } from 'node:fs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { getKey } from '../platform/config/registry';
import {
  archivePublicKeyPem, keyIdOf, looksLikeUstar, telemetryKeys, verifyRecord, verifyRecordArchive,
  type ArchiveVerification, type RecordExport, type RecordVerification,
} from '../telemetry';

export class VerifyUsageError extends Error {}

export type FileVerification = { kind: 'record'; result: RecordVerification } | { kind: 'archive'; result: ArchiveVerification };

function trustedKey(embeddedPem: string | null | undefined, what: string, o: { publicKeyFile?: string; fingerprint?: string }): KeyObject {
  if (o.publicKeyFile) return createPublicKey(readFileSync(o.publicKeyFile, 'utf8'));
  const trusted = o.fingerprint ?? getKey(telemetryKeys.recordPublicKeyFingerprint);
  if (!trusted) throw new VerifyUsageError(`give --public-key <pem file>, or --fingerprint <key id> (or RECORD_PUBLIC_KEY_FINGERPRINT) to trust the key embedded in the ${what}`);
  let key: KeyObject;
  try { key = createPublicKey(embeddedPem ?? ''); } catch { throw new VerifyUsageError(`the ${what} holds no readable public key; give --public-key <pem file>`); }
  if (keyIdOf(key) !== trusted) throw new VerifyUsageError(`the key embedded in the ${what} (${keyIdOf(key)}) is not the trusted key ${trusted}`);
  return key;
}

/** A record export (JSON) or a record archive (ustar), told apart by the tar header's magic. */
export function verifyAnyRecordFile(file: string, o: { publicKeyFile?: string; fingerprint?: string }): FileVerification {
  let buf: Buffer;
  try { buf = readFileSync(file); } catch (e) { throw new VerifyUsageError(`cannot read ${file}: ${(e as Error).message}`); }
  if (looksLikeUstar(buf)) return { kind: 'archive', result: verifyRecordArchive(buf, trustedKey(archivePublicKeyPem(buf), 'archive', o)) };
  return { kind: 'record', result: verifyRecordBytes(file, buf, o) };
}

export function verifyRecordFile(file: string, o: { publicKeyFile?: string; fingerprint?: string }): RecordVerification {
  let buf: Buffer;
  try { buf = readFileSync(file); } catch (e) { throw new VerifyUsageError(`cannot read ${file}: ${(e as Error).message}`); }
  return verifyRecordBytes(file, buf, o);
}

function verifyRecordBytes(file: string, buf: Buffer, o: { publicKeyFile?: string; fingerprint?: string }): RecordVerification {
  let x: RecordExport;
  try {
    x = JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw new VerifyUsageError(`cannot read ${file} as JSON: ${(e as Error).message}`);
  }
  if (!x || typeof x !== 'object' || !Array.isArray(x.entries)) throw new VerifyUsageError(`${file} is not an exported temperature record`);
  return verifyRecord(x, trustedKey(x.publicKey?.pem, 'export', o));
}

/** Human-readable lines of a verification. */
export function describeVerification(v: RecordVerification): string[] {
  const lines = [`${v.ok ? 'VERIFIED' : 'NOT VERIFIED'}: temperature record of ${v.shipmentId}, ${v.entries} entries${v.sealed ? ', sealed' : ''}${v.anchored ? ', anchored' : ''}`];
  for (const c of v.checks) lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.check.padEnd(7)} ${c.detail}`);
  if (v.firstBroken) lines.push(`  first broken entry: #${v.firstBroken.index} (${v.firstBroken.boxId ?? '?'} at ${v.firstBroken.ts ?? '?'}): ${v.firstBroken.reason}`);
  return lines;
}

/** Human-readable lines of an archive's verification: one per file, records with their entries and state. */
export function describeArchiveVerification(v: ArchiveVerification): string[] {
  const m = v.manifest;
  const lines = [`${v.ok ? 'VERIFIED' : 'NOT VERIFIED'}: record archive of ${m.facilityId ?? '?'}, ${m.period ? `${m.period.from} – ${m.period.to}` : 'period ?'}, ${m.count ?? '?'} record(s), generated ${m.generatedAt ?? '?'}`];
  lines.push(`  ${m.ok ? 'OK  ' : 'FAIL'} manifest.json ${m.detail}`);
  for (const f of v.files) {
    const r = f.record;
    const what = r ? `${r.shipmentId}: ${r.entries} entries${r.sealed ? ', sealed' : ''}${r.anchored ? ', anchored' : ''}` : '';
    lines.push(`  ${f.ok ? 'OK  ' : 'FAIL'} ${f.path}${what ? ` ${what}` : ''}${f.problems.length ? ` — ${f.problems.join('; ')}` : ''}`);
  }
  lines.push(`  records: ${v.recordsOk} verified, ${v.recordsFailed} failed`);
  return lines;
}
