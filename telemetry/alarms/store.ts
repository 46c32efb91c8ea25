/**
 * Alarm store: one open alarm per box × type (unique partial index), raised and cleared by the
 * excursion engine, acknowledged and resolved by people. Every change writes an audit row
 * (COMPLIANCE C.30) in the same transaction. Applying the same engine event twice (a QoS 1
 * redelivery re-evaluated after a crash) changes nothing the second time and writes no audit.
 */
import type pg from 'pg';
import { Where } from '../../platform/db/where';
import { withTx, type Queryable } from '../../platform/db/pool';
import { recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { ExcursionEvent, Severity } from '../excursion';

export const SEVERITIES: Severity[] = ['critical', 'major', 'minor', 'warning'];
export const severityRank = (s: Severity) => SEVERITIES.length - SEVERITIES.indexOf(s);

export interface Alarm {
  id: string;
  boxId: string;
  type: string;
  severity: Severity;
  status: 'active' | 'acknowledged' | 'resolved';
  condition: 'active' | 'cleared';
  temperatureClass: string | null;
  shipmentIds: string[];
  facilityIds: string[];
  riderIds: string[];
  raisedAt: string;
  retrospective: boolean;
  details: Record<string, unknown>;
  occurrences: number;
  clearedAt: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolveNote: string | null;
  escalationTier: number;
  lastNotifiedAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toAlarm(r: Record<string, any>): Alarm {
  return {
    id: r.id, boxId: r.box_id, type: r.type, severity: r.severity, status: r.status, condition: r.condition,
    temperatureClass: r.temperature_class, shipmentIds: r.shipment_ids, facilityIds: r.facility_ids, riderIds: r.rider_ids,
    raisedAt: r.raised_at.toISOString(), retrospective: r.retrospective, details: r.details, occurrences: r.occurrences,
    clearedAt: iso(r.cleared_at), createdAt: r.created_at.toISOString(),
    acknowledgedAt: iso(r.acknowledged_at), acknowledgedBy: r.acknowledged_by, ackNote: r.ack_note,
    resolvedAt: iso(r.resolved_at), resolvedBy: r.resolved_by, resolveNote: r.resolve_note,
    escalationTier: r.escalation_tier, lastNotifiedAt: iso(r.last_notified_at),
  };
}

/** Who and what an engine event concerns (from custody at the reading's time). */
export interface EventScope {
  boxId: string;
  temperatureClass: string | null;
  shipmentIds: string[];
  facilityIds: string[];
  riderIds: string[];
}

export interface AlarmChange {
  alarm: Alarm;
  /** created: a new alarm; reactivated: an open alarm's condition came back; cleared: back in range. */
  change: 'created' | 'reactivated' | 'cleared';
}

const SYSTEM_ACTOR = 'system:telemetry';

/**
 * Applies engine events to the alarm table; returns only the real changes (for the feed,
 * notifications and re-planning). Each event in its own short transaction.
 */
export async function applyEvents(pool: pg.Pool, items: Array<{ scope: EventScope; event: ExcursionEvent }>, concurrency = 8): Promise<AlarmChange[]> {
  // Events of one box × type keep their order (raise before clear); different ones run in
  // parallel, each a short transaction of its own.
  const lanes = new Map<string, Array<{ scope: EventScope; event: ExcursionEvent; i: number }>>();
  items.forEach((it, i) => {
    const k = `${it.scope.boxId}|${it.event.type}`;
    const lane = lanes.get(k) ?? [];
    lane.push({ ...it, i });
    lanes.set(k, lane);
  });
  const results: Array<AlarmChange | null> = new Array(items.length).fill(null);
  const queue = [...lanes.values()];
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const { scope, event, i } of lane) {
        results[i] = event.action === 'raise' ? await raise(pool, scope, event) : await clear(pool, scope, event);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return results.filter((r): r is AlarmChange => r !== null);
}

async function raise(pool: pg.Pool, s: EventScope, e: ExcursionEvent): Promise<AlarmChange | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await withTx(pool, async (c) => {
        const { rows } = await c.query(`SELECT * FROM telemetry.alarms WHERE box_id = $1 AND type = $2 AND status <> 'resolved' FOR UPDATE`, [s.boxId, e.type]);
        const prev = rows[0];
        if (!prev) {
          const ins = await c.query(
            `INSERT INTO telemetry.alarms (id, box_id, type, severity, temperature_class, shipment_ids, facility_ids, rider_ids, raised_at, retrospective, details)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING *`,
            [newId('alm'), s.boxId, e.type, e.severity, s.temperatureClass, s.shipmentIds, s.facilityIds, s.riderIds, new Date(e.at), e.retrospective, JSON.stringify(e.details)],
          );
          const alarm = toAlarm(ins.rows[0]);
          await recordAudit(c, { actorId: SYSTEM_ACTOR, actorRole: null, action: 'alarm.raise', entityType: 'alarm', entityId: alarm.id, newValue: { boxId: alarm.boxId, type: alarm.type, severity: alarm.severity, raisedAt: alarm.raisedAt, retrospective: alarm.retrospective, shipmentIds: alarm.shipmentIds } });
          return { alarm, change: 'created' as const };
        }
        const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
        const worse = severityRank(e.severity) > severityRank(prev.severity);
        const reactivate = prev.condition === 'cleared';
        const widened = s.shipmentIds.some((x) => !prev.shipment_ids.includes(x));
        if (!reactivate && !worse && !widened) return null; // already open and active: idempotent
        const upd = await c.query(
          `UPDATE telemetry.alarms SET condition = 'active', cleared_at = NULL, severity = $2,
             occurrences = occurrences + $3, shipment_ids = $4, facility_ids = $5, rider_ids = $6, updated_at = now()
           WHERE id = $1 RETURNING *`,
          [prev.id, worse ? e.severity : prev.severity, reactivate ? 1 : 0, union(prev.shipment_ids, s.shipmentIds), union(prev.facility_ids, s.facilityIds), union(prev.rider_ids, s.riderIds)],
        );
        const alarm = toAlarm(upd.rows[0]);
        if (reactivate || worse) {
          await recordAudit(c, { actorId: SYSTEM_ACTOR, actorRole: null, action: 'alarm.reactivate', entityType: 'alarm', entityId: alarm.id, oldValue: { condition: prev.condition, severity: prev.severity }, newValue: { condition: 'active', severity: alarm.severity, at: new Date(e.at).toISOString() } });
        }
        return reactivate || worse ? { alarm, change: 'reactivated' as const } : null;
      });
    } catch (err) {
      // Two processes raised the same box × type at once: the index refused the second insert.
      if ((err as { code?: string }).code === '23505') continue;
      throw err;
    }
  }
  throw new Error(`could not raise alarm ${s.boxId}/${e.type}: kept conflicting`);
}

async function clear(pool: pg.Pool, s: EventScope, e: ExcursionEvent): Promise<AlarmChange | null> {
  return withTx(pool, async (c) => {
    const { rows } = await c.query(
      `UPDATE telemetry.alarms SET condition = 'cleared', cleared_at = $3, updated_at = now()
        WHERE box_id = $1 AND type = $2 AND status <> 'resolved' AND condition = 'active' RETURNING *`,
      [s.boxId, e.type, new Date(e.at)],
    );
    if (!rows[0]) return null;
    const alarm = toAlarm(rows[0]);
    await recordAudit(c, { actorId: SYSTEM_ACTOR, actorRole: null, action: 'alarm.clear', entityType: 'alarm', entityId: alarm.id, oldValue: { condition: 'active' }, newValue: { condition: 'cleared', clearedAt: alarm.clearedAt, retrospective: e.retrospective } });
    return { alarm, change: 'cleared' as const };
  });
}

export async function getAlarm(q: Queryable, id: string): Promise<Alarm | null> {
  const { rows } = await q.query(`SELECT * FROM telemetry.alarms WHERE id = $1`, [id]);
  return rows[0] ? toAlarm(rows[0]) : null;
}

export interface AlarmFilter {
  status?: Array<'active' | 'acknowledged' | 'resolved'>;
  open?: boolean;
  boxId?: string;
  type?: string;
  severity?: Severity;
  facilityId?: string;
  riderId?: string;
  shipmentId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** created_at of the last alarm of the previous page (newest first). */
  before?: Date;
}

export async function listAlarms(q: Queryable, f: AlarmFilter): Promise<Alarm[]> {
  const w = new Where()
    .add('status = ANY(?::text[])', f.status?.length ? f.status : undefined).raw(`status <> 'resolved'`, !!f.open)
    .add('box_id = ?', f.boxId || undefined).add('type = ?', f.type || undefined).add('severity = ?', f.severity || undefined)
    .add('? = ANY(facility_ids)', f.facilityId || undefined).add('? = ANY(rider_ids)', f.riderId || undefined).add('? = ANY(shipment_ids)', f.shipmentId || undefined)
    .add('created_at >= ?', f.from).add('created_at < ?', f.to).add('created_at < ?', f.before);
  const { rows } = await q.query(`SELECT * FROM telemetry.alarms ${w.sql()} ORDER BY created_at DESC, id DESC LIMIT ${w.param(f.limit)}`, w.args);
  return rows.map(toAlarm);
}

/** The person acting on an alarm (from the session). */
export interface Actor { id: string; role: string; riderId: string | null; facilityId: string | null }

/**
 * active → acknowledged. Stops escalation (the worker checks the status before each step).
 * Acknowledging twice is a 409, so the first person's name and note are never overwritten.
 */
export async function acknowledge(c: Queryable, id: string, actor: Actor, note: string, audit: (q: Queryable, e: { action: string; entityType: string; entityId: string; oldValue: unknown; newValue: unknown }) => Promise<void>): Promise<Alarm> {
  const { rows } = await c.query(`SELECT * FROM telemetry.alarms WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new AppError('not_found', 'alarm_not_found', `No alarm ${id}.`);
  const prev = toAlarm(rows[0]);
  assertMayAct(prev, actor, 'acknowledge');
  if (prev.status !== 'active') throw new AppError('conflict', 'alarm_not_active', `Alarm ${id} is ${prev.status}; only an active alarm can be acknowledged.`, { status: prev.status });
  const upd = await c.query(`UPDATE telemetry.alarms SET status = 'acknowledged', acknowledged_at = clock_timestamp(), acknowledged_by = $2, ack_note = $3, updated_at = now() WHERE id = $1 RETURNING *`, [id, actor.id, note]);
  const next = toAlarm(upd.rows[0]);
  await audit(c, { action: 'alarm.acknowledge', entityType: 'alarm', entityId: id, oldValue: { status: prev.status }, newValue: { status: next.status, acknowledgedAt: next.acknowledgedAt, acknowledgedBy: actor.id, note } });
  return next;
}

/** active|acknowledged → resolved, with the resolution note. Frees the box × type slot. */
export async function resolve(c: Queryable, id: string, actor: Actor, note: string, audit: (q: Queryable, e: { action: string; entityType: string; entityId: string; oldValue: unknown; newValue: unknown }) => Promise<void>): Promise<Alarm> {
  const { rows } = await c.query(`SELECT * FROM telemetry.alarms WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new AppError('not_found', 'alarm_not_found', `No alarm ${id}.`);
  const prev = toAlarm(rows[0]);
  assertMayAct(prev, actor, 'resolve');
  if (prev.status === 'resolved') throw new AppError('conflict', 'alarm_already_resolved', `Alarm ${id} is already resolved.`);
  const upd = await c.query(
    `UPDATE telemetry.alarms SET status = 'resolved', resolved_at = clock_timestamp(), resolved_by = $2, resolve_note = $3,
        acknowledged_at = coalesce(acknowledged_at, clock_timestamp()), acknowledged_by = coalesce(acknowledged_by, $2), updated_at = now()
      WHERE id = $1 RETURNING *`, [id, actor.id, note]);
  const next = toAlarm(upd.rows[0]);
  await audit(c, { action: 'alarm.resolve', entityType: 'alarm', entityId: id, oldValue: { status: prev.status, condition: prev.condition }, newValue: { status: 'resolved', resolvedAt: next.resolvedAt, resolvedBy: actor.id, note } });
  return next;
}

/**
 * Who may act: dispatcher, QA and admin on any alarm; a rider may acknowledge (not resolve)
 * alarms on boxes they carry — they are the one who can close the lid or move the box to a
 * cooler now, while resolving is a quality decision. Partners only read.
 */
export function assertMayAct(a: Alarm, actor: Actor, what: 'acknowledge' | 'resolve'): void {
  if (['admin', 'dispatcher', 'qa'].includes(actor.role)) return;
  if (actor.role === 'rider' && what === 'acknowledge' && actor.riderId && a.riderIds.includes(actor.riderId)) return;
  throw new AppError('forbidden', 'forbidden', `Role ${actor.role} may not ${what} alarm ${a.id}.`);
}

/** Whether a user may see an alarm (riders: their boxes; partners: their store's). */
export function maySee(a: Pick<Alarm, 'riderIds' | 'facilityIds'>, actor: Actor): boolean {
  if (['admin', 'dispatcher', 'qa'].includes(actor.role)) return true;
  if (actor.role === 'rider') return !!actor.riderId && a.riderIds.includes(actor.riderId);
  if (actor.role === 'partner') return !!actor.facilityId && a.facilityIds.includes(actor.facilityId);
  return false;
}
