/**
 * The daily anchor (COMPLIANCE C.37): the seals not yet anchored go into one Merkle tree
 * (RFC 6962 shape, telemetry/log/merkle.ts; leaf data = the seal digest, which commits to the
 * sealed head, count, times and gap summary), its root is signed with the server's Ed25519 key
 * and stored with each leaf's audit path. The worker runs it daily (shortly after 00:00 UTC,
 * covering the previous day's seals and any a missed run left); running it more often only
 * makes smaller trees. One run at a time (a transaction-scoped advisory lock), and a seal is in
 * exactly one anchor (unique shipment id in the leaves).
 */
import type pg from 'pg';
import { withTx } from '../../platform/db/pool';
import { merkleProofs } from '../log/merkle';
import { signDailyRoot } from '../log/signing';
import type { RecordKey } from './keys';

export interface Anchor { id: number; day: string; root: string; leafCount: number; keyId: string }

export async function anchorPendingSeals(db: pg.Pool, key: RecordKey, now = new Date()): Promise<Anchor | null> {
  return withTx(db, async (c) => {
    await c.query(`SELECT pg_advisory_xact_lock(hashtext('telemetry.record_anchor'))`);
    const { rows } = await c.query(
      `SELECT s.shipment_id, encode(s.digest, 'hex') AS digest FROM telemetry.record_seals s
        WHERE s.sealed_at <= $1 AND NOT EXISTS (SELECT 1 FROM telemetry.record_anchor_leaves l WHERE l.shipment_id = s.shipment_id)
        ORDER BY s.shipment_id COLLATE "C"`, [now]);
    if (!rows.length) return null;
    const { root, proofs } = merkleProofs(rows.map((r) => r.digest));
    const day = now.toISOString().slice(0, 10);
    const signed = signDailyRoot({ day, root, leafCount: rows.length, order: [] }, key.privateKey, key.keyId);
    const a = (await c.query(
      `INSERT INTO telemetry.record_anchors (day, root, leaf_count, key_id, sig) VALUES ($1, decode($2, 'hex'), $3, $4, $5) RETURNING id`,
      [day, root, rows.length, key.keyId, signed.sig])).rows[0];
    await c.query(
      `INSERT INTO telemetry.record_anchor_leaves (anchor_id, position, shipment_id, proof)
       SELECT $1, u.n - 1, u.s, (SELECT coalesce(array_agg(x.p ORDER BY x.i), '{}') FROM jsonb_array_elements_text(u.p) WITH ORDINALITY AS x(p, i))
         FROM unnest($2::text[], $3::jsonb[]) WITH ORDINALITY AS u(s, p, n)`,
      [a.id, rows.map((r) => r.shipment_id), proofs.map((p) => JSON.stringify(p))]);
    return { id: Number(a.id), day, root, leafCount: rows.length, keyId: key.keyId };
  });
}
