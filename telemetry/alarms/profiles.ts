/**
 * Alarm profiles as the running system sees them: overrides stored per facility ('*' = all)
 * and product class, resolved by the pure `resolveProfile` (base → '*' → facility → SKU), plus
 * the escalation tiers. A cold (chilled/frozen) profile must name ≥3 distinct SMS recipients
 * (GSP App.3, COMPLIANCE A.3): `resolveProfile` enforces it, and the API refuses to store a
 * profile that does not resolve.
 */
import { z } from 'zod';
import type { Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { BASE_PROFILES, RecipientSchema, resolveProfile, type AlarmProfile, type ProductClass, type ProfileOverride, type Recipient } from '../excursion';

export const EscalationTierSchema = z.strictObject({
  afterMin: z.number().positive().max(24 * 60).meta({ description: 'Minutes unacknowledged after the previous step before this tier is notified' }),
  recipients: z.array(RecipientSchema).min(1).max(20),
});
export const EscalationSchema = z.array(EscalationTierSchema).max(10);
export type EscalationTier = z.infer<typeof EscalationTierSchema>;

export interface ProfileRow { facilityId: string; productClass: ProductClass; override: ProfileOverride; escalation: EscalationTier[] }

export interface ResolvedProfile {
  profile: AlarmProfile;
  /** false when the stored overrides do not validate: the base profile is used, unnotified. */
  valid: boolean;
  issues: string[];
  escalation: EscalationTier[];
}

/**
 * Merges the '*' and facility overrides (facility wins; recipients replace, never merge).
 * A profile that does not validate still evaluates (monitoring never stops for a missing
 * recipient), with the base thresholds, and is reported invalid.
 */
export function resolveStored(productClass: ProductClass, rows: ProfileRow[], facilityId: string, sku?: ProfileOverride): ResolvedProfile {
  const all = rows.find((r) => r.facilityId === '*' && r.productClass === productClass);
  const own = rows.find((r) => r.facilityId === facilityId && r.productClass === productClass);
  const facility = mergeOverride(all?.override, own?.override);
  const res = resolveProfile(productClass, { facility, sku });
  const escalation = own?.escalation.length ? own.escalation : (all?.escalation ?? []);
  if (res.ok) return { profile: res.profile, valid: true, issues: [], escalation };
  // Usually only the recipients are missing: keep the configured thresholds when they are sane.
  const fallback = { ...structuredClone(BASE_PROFILES[productClass]), ...stripRecipients(facility), ...stripRecipients(sku) } as AlarmProfile;
  const safe = sane(fallback) ? fallback : structuredClone(BASE_PROFILES[productClass]);
  return { profile: safe, valid: false, issues: res.issues, escalation };
}

function stripRecipients(o: ProfileOverride | undefined): ProfileOverride {
  if (!o) return {};
  const { recipients: _r, door, battery, prediction, severity, ...flat } = o;
  void _r; void door; void battery; void prediction; void severity;
  return flat;
}

/** The minimal ordering checks the engine relies on. */
function sane(p: AlarmProfile): boolean {
  return p.low < p.high && (p.warnLow === null || p.warnLow >= p.low) && (p.warnHigh === null || p.warnHigh <= p.high);
}

function mergeOverride(a: ProfileOverride | undefined, b: ProfileOverride | undefined): ProfileOverride | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    ...a, ...b,
    door: { ...a.door, ...b.door }, battery: { ...a.battery, ...b.battery },
    prediction: { ...a.prediction, ...b.prediction }, severity: { ...a.severity, ...b.severity },
  };
}

export async function loadProfileRows(q: Queryable): Promise<ProfileRow[]> {
  const { rows } = await q.query(`SELECT facility_id, product_class, override, escalation FROM telemetry.alarm_profiles`);
  return rows.map((r) => ({ facilityId: r.facility_id, productClass: r.product_class, override: r.override, escalation: r.escalation }));
}

/**
 * Validates and stores an override. Refused (422 `profile_invalid`) when the result does not
 * resolve, e.g. a chilled profile with fewer than 3 SMS recipients, or when a recipient or
 * escalation contact does not exist.
 */
export async function saveProfile(q: Queryable, row: ProfileRow, actorId: string | null): Promise<{ old: ProfileRow | null; profile: AlarmProfile }> {
  const checked = await checkProfile(q, row);
  await q.query(
    `INSERT INTO telemetry.alarm_profiles (facility_id, product_class, override, escalation, updated_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (facility_id, product_class) DO UPDATE SET override = excluded.override, escalation = excluded.escalation, updated_at = now(), updated_by = excluded.updated_by`,
    [row.facilityId, row.productClass, JSON.stringify(row.override), JSON.stringify(row.escalation), actorId],
  );
  return checked;
}

/**
 * What `saveProfile` would store, checked without storing it (a QA change request is checked
 * when proposed and again when approved): the stored row it replaces and the resolved profile.
 * Throws 422 `profile_invalid` or `contact_not_found`.
 */
export async function checkProfile(q: Queryable, row: ProfileRow): Promise<{ old: ProfileRow | null; profile: AlarmProfile }> {
  const rows = await loadProfileRows(q);
  const old = rows.find((r) => r.facilityId === row.facilityId && r.productClass === row.productClass) ?? null;
  const next = [...rows.filter((r) => r !== old), row];
  const resolved = resolveStored(row.productClass, next, row.facilityId === '*' ? '__any__' : row.facilityId);
  if (!resolved.valid) throw new AppError('unprocessable', 'profile_invalid', `The alarm profile does not validate: ${resolved.issues.join('; ')}`, { issues: resolved.issues });
  const contacts = new Set<string>([...resolved.profile.recipients, ...row.escalation.flatMap((t) => t.recipients)].map((r: Recipient) => r.contactId));
  if (contacts.size) {
    const { rows: found } = await q.query(`SELECT id FROM telemetry.contacts WHERE id = ANY($1::text[])`, [[...contacts]]);
    const missing = [...contacts].filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw new AppError('unprocessable', 'contact_not_found', `Unknown contact(s): ${missing.join(', ')}`, { missing });
  }
  return { old, profile: resolved.profile };
}

/**
 * Cached per-process view of the profile table (ingest resolves a profile per message; the
 * table changes rarely). `ttlMs` bounds how stale a change can be.
 */
export class ProfileCache {
  private rows: ProfileRow[] | null = null;
  private loadedAt = 0;
  private resolved = new Map<string, ResolvedProfile>();

  constructor(private readonly db: Queryable, private readonly ttlMs: number) {}

  async get(productClass: ProductClass, facilityId: string, stabilityBudgetMin: number | null): Promise<ResolvedProfile> {
    if (!this.rows || Date.now() - this.loadedAt > this.ttlMs) {
      this.rows = await loadProfileRows(this.db);
      this.loadedAt = Date.now();
      this.resolved.clear();
    }
    const k = `${productClass}|${facilityId}|${stabilityBudgetMin}`;
    let r = this.resolved.get(k);
    if (!r) {
      const sku: ProfileOverride | undefined = stabilityBudgetMin === null ? undefined : { stabilityBudgetMs: Math.round(stabilityBudgetMin * 60_000) };
      r = resolveStored(productClass, this.rows, facilityId, sku);
      this.resolved.set(k, r);
    }
    return r;
  }
}
