/**
 * Recurring deliveries for chronic medicines ("every 30 days"): the series, created with its first
 * order (orders/create.ts), keeps the order as a template (personal data encrypted) and each later
 * occurrence becomes a normal order through the same sourcing path, `DISPATCH_RECURRING_LEAD_HOURS`
 * before its window.
 */
import { appDb, withTx } from '../platform/db/pool';
import { getKey } from '../platform/config/registry';
import { piiRings } from '../platform/pii';
import { decryptField } from '../platform/privacy';
import { logger } from '../platform/logger';
import { AppError } from '../platform/errors';
import { dispatchKeys } from './config';
import { createOrder } from './orders/create';

/** Places the occurrences that fall due (worker job). Returns how many orders were created. */
export async function recurringTick(now = new Date()): Promise<number> {
  const leadMs = getKey(dispatchKeys.recurringLeadHours) * 3600_000;
  const due = (await appDb().query(
    `SELECT id FROM dispatch.recurring_orders WHERE active AND next_at <= $1 ORDER BY next_at LIMIT 200`, [new Date(now.getTime() + leadMs)])).rows;
  let created = 0;
  for (const { id } of due) {
    await withTx(appDb(), async (c) => {
      // NO KEY UPDATE: the occurrence is placed on another connection, whose order row refers to
      // this series (a foreign key takes KEY SHARE); FOR UPDATE would make it wait for us for ever.
      const r = (await c.query('SELECT * FROM dispatch.recurring_orders WHERE id = $1 AND active FOR NO KEY UPDATE SKIP LOCKED', [id])).rows[0];
      if (!r || r.next_at.getTime() - leadMs > now.getTime()) return;
      const template = JSON.parse(decryptField(r.template.enc, piiRings().enc, { context: `${id}:template` }));
      const start = r.next_at as Date;
      const body = { ...template, delivery: { mode: 'scheduled', window: { start: start.toISOString(), end: new Date(start.getTime() + r.window_minutes * 60_000).toISOString() } } };
      let error: string | null = null;
      try {
        await createOrder(body, { id: 'system:recurring', role: null }, { now, recurringId: id });
        created++;
      } catch (e) {
        // The occurrence is skipped with its reason on the series (visible to dispatchers); the series goes on.
        error = e instanceof AppError ? `${e.code}: ${e.message}` : 'unexpected error';
        logger.warn({ recurringId: id, error }, 'recurring occurrence not placed');
      }
      const next = new Date(start.getTime() + r.every_days * 86_400_000);
      const remaining = r.remaining === null ? null : r.remaining - 1;
      const active = (remaining === null || remaining > 0) && (!r.until_at || next <= r.until_at);
      await c.query(`UPDATE dispatch.recurring_orders SET next_at = $2, remaining = $3, active = $4, last_error = $5, occurrences = occurrences + 1 WHERE id = $1`,
        [id, next, remaining, active, error]);
    });
  }
  return created;
}
