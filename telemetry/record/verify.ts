/**
 * Verifies a shipment's temperature record as exported (`RecordExport`), with nothing but the
 * export and a public key: the API's verify route runs it on an export it has just built from
 * the database, `npm run cli -- verify-record <file>` on a file. Pure.
 *
 * Checks, each named in the answer:
 *  - chain:   every entry recomputes hᵢ = SHA-256(hᵢ₋₁ ‖ canonical(readingᵢ)) from the genesis,
 *             indexes run 1..n, and the sealed part ends at the sealed head;
 *  - seal:    the seal statement hashes to the stored digest (the anchored leaf);
 *  - addenda: entries after the seal form consecutive addenda, each head matches its chain
 *             position and each signature verifies;
 *  - anchor:  the seal digest's Merkle path leads to the signed root, and the signature verifies;
 *  - key:     the key that signed is the key given.
 * The first entry that breaks is named with its index, box and device time.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { LOG_FORMAT, type LogReading } from '../log/canonical';
import { verifyChain, type StoredLogRow } from '../log/hash-chain';
import { verifyMerkleProof } from '../log/merkle';
import { verifyDailyRoot } from '../log/signing';
import { keyIdOf } from './keys';
import { sealDigest, verifyAddendum, type AddendumFacts, type SealFacts } from './statements';

export const EXPORT_FORMAT = 'coldchain.record-export/1';

export interface ExportEntry {
  index: number;
  /** 0 = sealed part (or not yet sealed); n = n-th addendum */
  addendum: number;
  boxId: string;
  /** device time, Unix ms (the reading's key with boxId) */
  ts: number;
  /** null when the reading row is missing from the readings table */
  reading: LogReading | null;
  hash: string;
}

export interface RecordExport {
  format: typeof EXPORT_FORMAT;
  canonicalFormat: string;
  shipmentId: string;
  exportedAt: string;
  /** in chain order */
  entries: ExportEntry[];
  seal: (SealFacts & { digest: string; sealedAt: string }) | null;
  addenda: Array<AddendumFacts & { keyId: string; sig: string; createdAt: string }>;
  anchor: { id: number; day: string; root: string; leafCount: number; keyId: string; sig: string; leafIndex: number; proof: string[]; createdAt: string } | null;
  publicKey: { keyId: string; pem: string };
}

export type CheckName = 'format' | 'key' | 'chain' | 'seal' | 'addenda' | 'anchor';

export interface RecordVerification {
  ok: boolean;
  shipmentId: string;
  entries: number;
  sealed: boolean;
  anchored: boolean;
  checks: Array<{ check: CheckName; ok: boolean; detail: string }>;
  /** the first entry that does not verify, or null */
  firstBroken: { index: number; boxId: string | null; ts: string | null; reason: string } | null;
}

/**
 * @param publicKey the key to trust (a PEM or KeyObject); signatures by any other key fail
 */
export function verifyRecord(x: RecordExport, publicKey: KeyObject | string): RecordVerification {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const checks: RecordVerification['checks'] = [];
  const check = (c: CheckName, ok: boolean, detail: string) => checks.push({ check: c, ok, detail });
  let firstBroken: RecordVerification['firstBroken'] = null;
  const entries = [...(x.entries ?? [])].sort((a, b) => a.index - b.index);
  const broken = (index: number, reason: string) => {
    if (firstBroken && firstBroken.index <= index) return;
    const e = entries.find((y) => y.index === index);
    firstBroken = { index, boxId: e?.boxId ?? null, ts: e ? new Date(e.ts).toISOString() : null, reason };
  };

  check('format', x.format === EXPORT_FORMAT && x.canonicalFormat === LOG_FORMAT, `${x.format} / ${x.canonicalFormat}`);
  const keyId = keyIdOf(key);
  check('key', x.publicKey?.keyId === keyId, x.publicKey?.keyId === keyId ? `signed with key ${keyId}` : `export names key ${x.publicKey?.keyId}, the key given is ${keyId}`);

  // Chain: a missing reading is reported at its entry; the rest is the log's own verifier.
  const missing = entries.find((e) => e.reading === null);
  const rows: StoredLogRow[] = entries.map((e) => ({ index: e.index, hash: e.hash, reading: e.reading ?? ({} as LogReading) }));
  const upTo = missing ? rows.slice(0, missing.index - 1) : rows;
  const sealHead = x.seal ? { index: x.seal.count, hash: x.seal.head } : undefined;
  const chain = verifyChain(x.shipmentId, upTo, sealHead && sealHead.index <= upTo.length ? sealHead : undefined);
  if (!chain.ok) {
    broken(chain.firstBrokenIndex, chain.reason);
    check('chain', false, `entry ${chain.firstBrokenIndex}: ${chain.reason}`);
  } else if (missing) {
    broken(missing.index, 'reading_missing');
    check('chain', false, `entry ${missing.index}: its reading (${missing.boxId} at ${new Date(missing.ts).toISOString()}) is missing`);
  } else if (sealHead && sealHead.index > rows.length) {
    broken(rows.length + 1, 'truncated');
    check('chain', false, `the seal covers ${sealHead.index} entries, the record has ${rows.length}`);
  } else {
    check('chain', true, `${rows.length} entries recompute to ${chain.head.hash}`);
  }

  // The sealed part holds exactly entries 1..count; everything after it is an addendum.
  if (x.seal) {
    const digestOk = sealDigest(x.seal) === x.seal.digest && x.seal.shipmentId === x.shipmentId;
    const misplaced = entries.find((e) => (e.index <= x.seal!.count) !== (e.addendum === 0));
    if (misplaced) broken(misplaced.index, misplaced.addendum === 0 ? 'after_seal_not_in_addendum' : 'addendum_inside_seal');
    check('seal', digestOk && !misplaced, !digestOk ? 'the seal statement does not hash to its digest' : misplaced ? `entry ${misplaced.index} is on the wrong side of the seal` : `sealed at ${x.seal.count} entries, ${x.seal.outcome}`);
    let next = x.seal.count + 1;
    let addendaOk = true;
    let detail = `${x.addenda.length} addenda`;
    for (const a of [...x.addenda].sort((p, q) => p.no - q.no)) {
      const own = entries.filter((e) => e.addendum === a.no);
      const span = own.length === a.toIndex - a.fromIndex + 1 && own.every((e) => e.index >= a.fromIndex && e.index <= a.toIndex);
      const head = entries.find((e) => e.index === a.toIndex)?.hash;
      const sigOk = a.shipmentId === x.shipmentId && verifyAddendum(a, a.sig, key);
      if (a.fromIndex !== next || !span || head !== a.head || !sigOk) {
        addendaOk = false;
        detail = `addendum ${a.no}: ${!sigOk ? 'signature does not verify' : head !== a.head ? 'head does not match the chain' : 'entries out of place'}`;
        broken(a.fromIndex, `addendum_${a.no}_invalid`);
        break;
      }
      next = a.toIndex + 1;
    }
    if (addendaOk && next !== entries.length + 1) { addendaOk = false; detail = `entries ${next}..${entries.length} are in no signed addendum`; broken(next, 'unsigned_after_seal'); }
    check('addenda', addendaOk, detail);
  } else {
    const after = entries.find((e) => e.addendum !== 0);
    if (after) broken(after.index, 'addendum_without_seal');
    check('seal', true, 'not sealed yet (the shipment has not ended)');
    check('addenda', !after && x.addenda.length === 0, after ? 'addendum entries without a seal' : 'none');
  }

  if (x.anchor && x.seal) {
    const a = x.anchor;
    const pathOk = verifyMerkleProof(x.seal.digest, a.leafIndex, a.leafCount, a.proof, a.root);
    const sigOk = verifyDailyRoot({ day: a.day, root: a.root, leafCount: a.leafCount, alg: 'Ed25519', keyId: a.keyId, sig: a.sig }, key);
    check('anchor', pathOk && sigOk, !pathOk ? `the seal is not on a path to anchor ${a.id}'s root` : !sigOk ? `anchor ${a.id}'s signature does not verify` : `seal is leaf ${a.leafIndex} of ${a.leafCount} under the root signed on ${a.day}`);
  } else {
    check('anchor', !x.anchor, x.anchor ? 'an anchor without a seal' : x.seal ? 'not anchored yet (the daily job anchors it)' : 'not sealed yet');
  }

  return {
    ok: checks.every((c) => c.ok), shipmentId: x.shipmentId, entries: entries.length, sealed: !!x.seal, anchored: !!x.anchor && !!x.seal,
    checks, firstBroken,
  };
}
