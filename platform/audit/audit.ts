/**
 * Audit trail (21 CFR Part 11 §11.10(e), EU GMP Annex 11 §9): append-only rows with who,
 * when (UTC, database clock), what, old and new value and the reason. The application role
 * holds only SELECT and INSERT on the table, and a trigger refuses UPDATE/DELETE for anyone.
 */
import type { Queryable } from '../db/pool';
import { Where } from '../db/where';

export interface AuditRow {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
  requestId?: string | null;
  ip?: string | null;
}

export async function recordAudit(q: Queryable, row: AuditRow): Promise<void> {
  await q.query(
    `INSERT INTO platform.audit_log (actor_id, actor_role, action, entity_type, entity_id, old_value, new_value, reason, request_id, ip)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [row.actorId, row.actorRole, row.action, row.entityType, row.entityId ?? null,
      row.oldValue === undefined ? null : JSON.stringify(row.oldValue),
      row.newValue === undefined ? null : JSON.stringify(row.newValue),
      row.reason ?? null, row.requestId ?? null, row.ip ?? null],
  );
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** Rows with id below this (newest first paging). */
  before?: number;
}

export async function queryAudit(q: Queryable, f: AuditQuery) {
  const w = new Where()
    .add('entity_type = ?', f.entityType).add('entity_id = ?', f.entityId).add('actor_id = ?', f.actorId)
    .add('action = ?', f.action).add('at >= ?', f.from).add('at < ?', f.to).add('id < ?', f.before);
  const { rows } = await q.query(
    `SELECT id, at, actor_id, actor_role, action, entity_type, entity_id, old_value, new_value, reason, request_id
       FROM platform.audit_log ${w.sql()} ORDER BY id DESC LIMIT ${w.param(f.limit)}`, w.args);
  return rows.map((r) => ({
    id: r.id, at: r.at.toISOString(), actorId: r.actor_id, actorRole: r.actor_role, action: r.action,
    entityType: r.entity_type, entityId: r.entity_id, oldValue: r.old_value, newValue: r.new_value,
    reason: r.reason, requestId: r.request_id,
  }));
}
