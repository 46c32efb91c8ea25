/**
 * Verifies a regulator's record archive (./archive.ts) with nothing but its bytes and a public
 * key. Pure. Checks, in order:
 *  - the archive reads as ustar and holds manifest.json and manifest.sig once each;
 *  - the manifest's signature verifies with the key given, and names that key;
 *  - every file the manifest lists is present once with its SHA-256 and size; nothing unlisted;
 *  - every record file verifies as a record (chain, seal, addenda, Merkle path: ./verify.ts), its
 *    shipment is the one its name says, and its anchor is the signed anchor file of the archive;
 *  - every anchor file's signature verifies; the manifest's count is the number of records.
 * A record whose bytes changed is still verified as a record when it parses, so the answer names
 * both the file and the entry that breaks.
 */
import { createHash, verify, type KeyObject } from 'node:crypto';
import { verifyDailyRoot } from '../log/signing';
import { ARCHIVE_FORMAT, type ArchiveAnchor, type ArchiveManifest } from './archive';
import { keyIdOf } from './keys';
import { readUstar, TarFormatError, type TarEntry } from './ustar';
import { verifyRecord, type RecordExport, type RecordVerification } from './verify';

export interface ArchiveFileCheck {
  path: string;
  ok: boolean;
  /** what is wrong with the file, empty when ok */
  problems: string[];
  /** for records/…: the record's own verification (null when it does not parse) */
  record?: RecordVerification | null;
}

export interface ArchiveVerification {
  ok: boolean;
  manifest: { ok: boolean; detail: string; facilityId: string | null; period: { from: string; to: string } | null; generatedAt: string | null; count: number | null };
  files: ArchiveFileCheck[];
  /** records in the archive that verified / did not */
  recordsOk: number;
  recordsFailed: number;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const RECORD = /^records\/([^/]+)\.json$/;
const ANCHOR = /^anchors\/(\d+)\.json$/;

function parse<T>(b: Buffer): T | null {
  try { return JSON.parse(b.toString('utf8')) as T; } catch { return null; }
}

/** The key embedded in the archive (public-key.pem), for a verifier that trusts it by fingerprint. */
export function archivePublicKeyPem(buf: Buffer): string | null {
  try { return readUstar(buf).find((e) => e.name === 'public-key.pem')?.data.toString('utf8') ?? null; } catch { return null; }
}

export function verifyRecordArchive(buf: Buffer, key: KeyObject): ArchiveVerification {
  const fail = (detail: string): ArchiveVerification => ({
    ok: false, manifest: { ok: false, detail, facilityId: null, period: null, generatedAt: null, count: null }, files: [], recordsOk: 0, recordsFailed: 0,
  });
  let entries: TarEntry[];
  try { entries = readUstar(buf); } catch (e) {
    if (e instanceof TarFormatError) return fail(e.message);
    throw e;
  }
  const byName = new Map<string, TarEntry[]>();
  for (const e of entries) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  const one = (n: string) => (byName.get(n)?.length === 1 ? byName.get(n)![0] : null);
  const mEntry = one('manifest.json');
  const sEntry = one('manifest.sig');
  if (!mEntry || !sEntry) return fail('the archive must hold manifest.json and manifest.sig exactly once');

  const keyId = keyIdOf(key);
  const m = parse<ArchiveManifest>(mEntry.data);
  let sigOk = false;
  try { sigOk = verify(null, mEntry.data, key, Buffer.from(sEntry.data.toString('ascii').trim(), 'base64')); } catch { sigOk = false; }
  const shapeOk = !!m && m.format === ARCHIVE_FORMAT && Array.isArray(m.files) && typeof m.count === 'number';
  const manifest: ArchiveVerification['manifest'] = {
    ok: sigOk && shapeOk && m!.keyId === keyId,
    detail: !sigOk ? `the manifest's signature does not verify with key ${keyId}` : !shapeOk ? `manifest.json is not a ${ARCHIVE_FORMAT} manifest`
      : m!.keyId !== keyId ? `the manifest names key ${m!.keyId}, the key given is ${keyId}` : `signed with key ${keyId}; ${m!.files.length} files listed`,
    facilityId: m?.facilityId ?? null, period: m?.period ?? null, generatedAt: m?.generatedAt ?? null, count: typeof m?.count === 'number' ? m.count : null,
  };
  if (!shapeOk) return { ok: false, manifest, files: [], recordsOk: 0, recordsFailed: 0 };

  const files: ArchiveFileCheck[] = [];
  const listed = new Set<string>();
  const anchors = new Map<number, ArchiveAnchor>();
  for (const f of m!.files) {
    listed.add(f.path);
    const copies = byName.get(f.path) ?? [];
    const problems: string[] = [];
    if (!copies.length) problems.push('listed in the manifest, missing from the archive');
    else if (copies.length > 1) problems.push(`in the archive ${copies.length} times`);
    const e = copies[0];
    if (e && (sha256(e.data) !== f.sha256 || e.data.length !== f.size)) problems.push(`SHA-256 differs from the manifest (${e.data.length} bytes, manifest says ${f.size})`);
    const a = ANCHOR.exec(f.path);
    if (e && a) {
      const x = parse<ArchiveAnchor>(e.data);
      if (!x || String(x.id) !== a[1]) problems.push('not an anchor file');
      else if (!verifyDailyRoot({ day: x.day, root: x.root, leafCount: x.leafCount, alg: 'Ed25519', keyId: x.keyId, sig: x.sig }, key)) problems.push(`anchor ${x.id}'s signature does not verify`);
      else anchors.set(x.id, x);
    }
    files.push({ path: f.path, ok: !problems.length, problems });
  }
  for (const name of byName.keys()) {
    if (!listed.has(name) && name !== 'manifest.json' && name !== 'manifest.sig') files.push({ path: name, ok: false, problems: ['in the archive but not in the manifest'] });
  }

  // Records after the anchors were read: a record's anchor must be one of the archive's signed anchor files.
  let recordsOk = 0, recordsFailed = 0, recordCount = 0;
  for (const f of files) {
    const r = RECORD.exec(f.path);
    if (!r) continue;
    if (listed.has(f.path)) recordCount++;
    const e = byName.get(f.path)?.[0];
    if (!e) { recordsFailed++; continue; }
    const x = parse<RecordExport>(e.data);
    if (!x || typeof x !== 'object' || !Array.isArray(x.entries)) {
      f.record = null;
      f.problems.push('not a temperature record (does not parse)');
    } else {
      const v = verifyRecord(x, key);
      f.record = v;
      if (!v.ok) {
        const b = v.firstBroken;
        f.problems.push(b ? `entry #${b.index} (${b.boxId ?? '?'} at ${b.ts ?? '?'}): ${b.reason}` : `record check failed: ${v.checks.filter((c) => !c.ok).map((c) => `${c.check}: ${c.detail}`).join('; ')}`);
      }
      if (x.shipmentId !== r[1]) f.problems.push(`holds the record of ${x.shipmentId}`);
      if (x.anchor) {
        const a = anchors.get(x.anchor.id);
        if (!a) f.problems.push(`its anchor ${x.anchor.id} is not a verified anchor file of the archive`);
        else if (a.root !== x.anchor.root || a.day !== x.anchor.day || a.leafCount !== x.anchor.leafCount || a.sig !== x.anchor.sig) f.problems.push(`its anchor differs from anchors/${a.id}.json`);
      }
    }
    f.ok = !f.problems.length;
    if (f.ok) recordsOk++; else recordsFailed++;
  }
  if (recordCount !== m!.count) {
    manifest.ok = false;
    manifest.detail += `; the manifest counts ${m!.count} records, it lists ${recordCount}`;
  }
  return { ok: manifest.ok && files.every((f) => f.ok), manifest, files, recordsOk, recordsFailed };
}
