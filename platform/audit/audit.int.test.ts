/**
 * Audit rows written from SQL (platform/sql/audit.sql: audit_write, audit_rows) are the rows
 * recordAudit writes from TypeScript, as the application role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDb, closeAppDb } from '../db/pool';
import { requireStack, uniq } from '../testing/harness';
import { recordAudit, type AuditRow } from './audit';

beforeAll(() => requireStack());
afterAll(() => closeAppDb());

const rowsOf = async (entityId: string) => (await appDb().query(
  `SELECT id, at, actor_id, actor_role, action, entity_type, entity_id, old_value, new_value, reason, request_id, ip
     FROM platform.audit_log WHERE entity_id = $1 ORDER BY id`, [entityId])).rows;
const withoutIdAndTime = (rows: Record<string, unknown>[]) => rows.map(({ id: _id, at: _at, ...rest }) => rest);

describe('audit rows from SQL', () => {
  const full = (entityId: string): AuditRow => ({
    actorId: 'usr_x', actorRole: 'qa', action: 'thing.change', entityType: 'thing', entityId,
    oldValue: { a: 1 }, newValue: { a: 2, s: '温度 2–8 °C' }, reason: 'because', requestId: 'req_1', ip: '10.0.0.1',
  });

  it('platform.audit_write writes the row recordAudit writes, every column; the optional ones default to NULL', async () => {
    const id = uniq('ent_');
    const r = full(id);
    await recordAudit(appDb(), r);
    await appDb().query('SELECT platform.audit_write($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [r.actorId, r.actorRole, r.action, r.entityType, r.entityId, JSON.stringify(r.oldValue), JSON.stringify(r.newValue), r.reason, r.requestId, r.ip]);
    await recordAudit(appDb(), { actorId: null, actorRole: null, action: 'thing.short', entityType: 'thing', entityId: id });
    await appDb().query(`SELECT platform.audit_write(NULL, NULL, 'thing.short', 'thing', $1)`, [id]);
    const rows = await rowsOf(id);
    const [ts1, sql1, ts2, sql2] = withoutIdAndTime(rows);
    expect(sql1).toEqual(ts1);
    expect(sql2).toEqual(ts2);
    expect(ts2).toMatchObject({ actor_id: null, old_value: null, new_value: null, reason: null, request_id: null, ip: null });
    expect(rows[1].at.getTime()).toBeGreaterThanOrEqual(rows[0].at.getTime());
  });

  it('platform.audit_rows writes many in one statement, in array order, each row as audit_write would', async () => {
    const id = uniq('ent_');
    const r = full(id);
    await appDb().query('SELECT platform.audit_write($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [r.actorId, r.actorRole, r.action, r.entityType, r.entityId, JSON.stringify(r.oldValue), JSON.stringify(r.newValue), r.reason, r.requestId, r.ip]);
    const batch = [
      { actor_id: r.actorId, actor_role: r.actorRole, action: r.action, entity_type: r.entityType, entity_id: id, old_value: r.oldValue, new_value: r.newValue, reason: r.reason, request_id: r.requestId, ip: r.ip, ignored: 1 },
      { action: 'thing.second', entity_type: 'thing', entity_id: id },
      { action: 'thing.third', entity_type: 'thing', entity_id: id, actor_id: null, new_value: null },
    ];
    await appDb().query('SELECT platform.audit_rows($1::jsonb)', [JSON.stringify(batch)]);
    const rows = await rowsOf(id);
    const [single, ...many] = withoutIdAndTime(rows);
    expect(many[0]).toEqual(single);
    expect(many.map((x) => x.action)).toEqual(['thing.change', 'thing.second', 'thing.third']);
    expect(many[1]).toMatchObject({ actor_id: null, actor_role: null, old_value: null, new_value: null, reason: null, request_id: null, ip: null });
    // old_value and new_value are stored as given: a JSON null is a JSON null, a missing key NULL.
    expect((await appDb().query(`SELECT action, new_value IS NULL AS missing, jsonb_typeof(new_value) AS type FROM platform.audit_log WHERE entity_id = $1 AND action <> 'thing.change' ORDER BY id`, [id])).rows)
      .toEqual([{ action: 'thing.second', missing: true, type: null }, { action: 'thing.third', missing: false, type: 'null' }]);
    // One statement, each row its own time (the column's clock_timestamp() default), ids in order.
    expect(rows.map((x) => x.id)).toEqual([...rows.map((x) => x.id)].sort((a, b) => a - b));
    await appDb().query('SELECT platform.audit_rows($1::jsonb)', ['[]']);
    await appDb().query('SELECT platform.audit_rows(NULL)');
    expect(await rowsOf(id)).toHaveLength(4);
  });

  it('a row the table refuses (no action) fails the statement and writes nothing', async () => {
    const id = uniq('ent_');
    await expect(appDb().query('SELECT platform.audit_rows($1::jsonb)', [JSON.stringify([{ action: 'ok', entity_type: 't', entity_id: id }, { entity_type: 't', entity_id: id }])]))
      .rejects.toMatchObject({ code: '23502' });
    expect(await rowsOf(id)).toHaveLength(0);
  });
});
