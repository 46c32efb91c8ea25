/**
 * `npm run cli -- verify-record <file> [--public-key <pem>] [--fingerprint <key id>]`: checks an
 * exported temperature record offline — no database, no network — with the file and a public
 * key. The key is either given (`--public-key`, a PEM file), or the one embedded in the export,
 * trusted only when its fingerprint matches `--fingerprint` or RECORD_PUBLIC_KEY_FINGERPRINT
 * (a key shipped inside the file it vouches for proves nothing on its own).
 */
import { readFileSync } from 'node:fs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { getKey } from '../platform/config/registry';
import { keyIdOf, telemetryKeys, verifyRecord, type RecordExport, type RecordVerification } from '../telemetry';

export class VerifyUsageError extends Error {}

export function verifyRecordFile(file: string, o: { publicKeyFile?: string; fingerprint?: string }): RecordVerification {
  let x: RecordExport;
  try {
    x = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new VerifyUsageError(`cannot read ${file} as JSON: ${(e as Error).message}`);
  }
  if (!x || typeof x !== 'object' || !Array.isArray(x.entries)) throw new VerifyUsageError(`${file} is not an exported temperature record`);
  let key: KeyObject;
  if (o.publicKeyFile) {
    key = createPublicKey(readFileSync(o.publicKeyFile, 'utf8'));
  } else {
    const trusted = o.fingerprint ?? getKey(telemetryKeys.recordPublicKeyFingerprint);
    if (!trusted) throw new VerifyUsageError('give --public-key <pem file>, or --fingerprint <key id> (or RECORD_PUBLIC_KEY_FINGERPRINT) to trust the key embedded in the export');
    key = createPublicKey(x.publicKey?.pem ?? '');
    if (keyIdOf(key) !== trusted) throw new VerifyUsageError(`the key embedded in the export (${keyIdOf(key)}) is not the trusted key ${trusted}`);
  }
  return verifyRecord(x, key);
}

/** Human-readable lines of a verification. */
export function describeVerification(v: RecordVerification): string[] {
  const lines = [`${v.ok ? 'VERIFIED' : 'NOT VERIFIED'}: temperature record of ${v.shipmentId}, ${v.entries} entries${v.sealed ? ', sealed' : ''}${v.anchored ? ', anchored' : ''}`];
  for (const c of v.checks) lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.check.padEnd(7)} ${c.detail}`);
  if (v.firstBroken) lines.push(`  first broken entry: #${v.firstBroken.index} (${v.firstBroken.boxId ?? '?'} at ${v.firstBroken.ts ?? '?'}): ${v.firstBroken.reason}`);
  return lines;
}
