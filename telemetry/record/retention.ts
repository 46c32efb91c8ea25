/**
 * How long a quality record is kept (COMPLIANCE A.8, A.21): the temperature record of a
 * shipment (entries, seal, addenda, anchor leaf), its QA cases, signatures and audit rows stay
 * for max(5 years, latest expiry among the order's lots + 1 year), counted from delivery (the
 * seal's end time). The purge's SQL guard (telemetry/sql/record_purge.sql) applies the same
 * rule with the database's clock, so a caller that gets this wrong is still refused.
 */

/** Minimum retention from delivery (GSP App.3; 药品网络销售监督管理办法). */
export const RECORD_RETENTION_YEARS = 5;
/** Retention past the latest expiry of the order's lots. */
export const RECORD_RETENTION_PAST_EXPIRY_YEARS = 1;

/**
 * Adds calendar years in UTC. 29 February plus years lands on 1 March in a common year (the
 * later day, so the record is kept longer; PostgreSQL's interval arithmetic, used by the SQL
 * guard, gives 28 February: the guard is at most one day more lenient than this planner).
 */
function addYearsUtc(t: Date, years: number): Date {
  const d = new Date(t.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** A lot expiry date ('YYYY-MM-DD' or a Date): the lot is usable through the end of that UTC day. */
function endOfExpiryDay(e: string | Date): Date {
  const s = typeof e === 'string' ? e.slice(0, 10) : e.toISOString().slice(0, 10);
  const t = Date.parse(`${s}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(t)) throw new RangeError(`bad expiry date ${String(e)}`);
  return new Date(t + 86_400_000);
}

/**
 * The instant until which a shipment's quality record must be kept.
 * @param deliveredAt when the shipment ended (delivered, returned, cancelled after pickup)
 * @param lotExpiries expiry dates of the lots the order used; missing (null) or none means the
 *   5-year minimum alone applies
 */
export function retainUntil(deliveredAt: Date, lotExpiries: ReadonlyArray<string | Date | null | undefined> = []): Date {
  if (Number.isNaN(deliveredAt.getTime())) throw new RangeError('deliveredAt is not a date');
  const floor = addYearsUtc(deliveredAt, RECORD_RETENTION_YEARS);
  let latest = floor;
  for (const e of lotExpiries) {
    if (e == null) continue;
    const past = addYearsUtc(endOfExpiryDay(e), RECORD_RETENTION_PAST_EXPIRY_YEARS);
    if (past > latest) latest = past;
  }
  return latest;
}

/** Whether a record may be purged at `now`: strictly after its retention has run out. */
export function pastRetention(now: Date, deliveredAt: Date, lotExpiries: ReadonlyArray<string | Date | null | undefined> = []): boolean {
  return now.getTime() > retainUntil(deliveredAt, lotExpiries).getTime();
}
