/**
 * Alarm profiles per product class (COMPLIANCE D.42/43, B.27), resolved through one lookup:
 * base class → facility override → SKU override. Every key is declared once here, with its
 * unit and default; a resolved profile is validated by zod before the engine sees it.
 */
import { z } from 'zod';
import type { EventType, Severity } from './types';

export const PRODUCT_CLASSES = ['chilled', 'frozen', 'ambient'] as const;
export type ProductClass = (typeof PRODUCT_CLASSES)[number];

const ms = (doc: string) => z.number().int().nonnegative().describe(`${doc} (ms)`);
const degC = (doc: string) => z.number().min(-90).max(90).describe(`${doc} (°C)`);

const SeveritySchema = z.enum(['critical', 'major', 'minor', 'warning']);

export const RecipientSchema = z.strictObject({
  channel: z.enum(['sms', 'email', 'push']),
  /** Reference to a contact held by dispatch; the profile itself carries no phone numbers (PII). */
  contactId: z.string().regex(/^[a-z]+_[A-Za-z0-9]+$/),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export const AlarmProfileSchema = z
  .strictObject({
    productClass: z.enum(PRODUCT_CLASSES),
    low: degC('Lower alarm limit; in range means low ≤ t ≤ high'),
    high: degC('Upper alarm limit'),
    warnLow: degC('Lower warning threshold, fires with no delay when t ≤ warnLow').nullable(),
    warnHigh: degC('Upper warning threshold, fires with no delay when t ≥ warnHigh').nullable(),
    highDelayMs: ms('Single-event delay above high: continuous violation before TEMP_HIGH'),
    lowDelayMs: ms('Single-event delay below low before TEMP_LOW'),
    freezeLimit: degC('FREEZE when t ≤ freezeLimit (null = no freeze rule)').nullable(),
    freezeDelayMs: ms('Single-event delay at or below freezeLimit'),
    cumulativeLimitMs: ms('Cumulative out-of-range time per shipment before CUMULATIVE (null = off)').nullable(),
    stabilityBudgetMs: ms('SKU stability budget: allowed out-of-range time over all legs (null = none)').nullable(),
    ignorePeriodMs: ms('Start-up ignore period after pairing; mutes temperature alarms only'),
    sampleIntervalMs: ms('Expected sampling period of the box'),
    dataGapFactor: z.number().min(1).describe('DATA_GAP after this many sample intervals without data'),
    monitoringLostMs: ms('MONITORING_LOST after this long without data'),
    maxHoldMs: ms('Longest time a reading is assumed to represent in MKT; beyond it time is unmonitored'),
    door: z.strictObject({
      unexpectedOpenMaxMs: ms('Door open outside pickup/handover longer than this → DOOR_OPEN (0 = at once)'),
      expectedOpenMaxMs: ms('Door open at pickup/handover longer than this → DOOR_OPEN'),
    }),
    battery: z.strictObject({
      lowPct: z.number().min(0).max(100).describe('LOW_BATTERY (minor) at or below this charge (%)'),
      criticalPct: z.number().min(0).max(100).describe('LOW_BATTERY (major) at or below this charge (%)'),
      hysteresisPct: z.number().min(0).max(50).describe('Charge must rise this far above a threshold to clear (%)'),
    }),
    prediction: z.strictObject({
      enabled: z.boolean(),
      windowMs: ms('Least-squares window of the trend'),
      minPoints: z.number().int().min(2).describe('Readings needed in the window'),
      minSpanMs: ms('Minimum time span of the window'),
      horizonMs: ms('Horizon used when the reading carries no remaining ETA'),
    }),
    deltaHOverRK: z.number().positive().describe('MKT activation energy over gas constant, ΔH/R (K)'),
    severity: z.partialRecord(z.enum(['TEMP_HIGH', 'TEMP_LOW', 'FREEZE', 'WARN_HIGH', 'WARN_LOW', 'CUMULATIVE', 'BUDGET_EXCEEDED', 'DATA_GAP', 'MONITORING_LOST', 'DOOR_OPEN', 'PREDICTED_EXCURSION']), SeveritySchema),
    recipients: z.array(RecipientSchema),
  })
  .superRefine((p, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!(p.low < p.high)) bad('high', 'high must be above low');
    if (p.warnLow !== null && !(p.warnLow >= p.low && p.warnLow < p.high)) bad('warnLow', 'warnLow must lie in [low, high)');
    if (p.warnHigh !== null && !(p.warnHigh <= p.high && p.warnHigh > p.low)) bad('warnHigh', 'warnHigh must lie in (low, high]');
    if (p.warnLow !== null && p.warnHigh !== null && !(p.warnLow < p.warnHigh)) bad('warnHigh', 'warnLow must be below warnHigh');
    if (p.freezeLimit !== null && !(p.freezeLimit < p.low)) bad('freezeLimit', 'freezeLimit must be below low');
    if (!(p.battery.criticalPct < p.battery.lowPct)) bad('battery', 'criticalPct must be below lowPct');
    if (!(p.monitoringLostMs >= p.dataGapFactor * p.sampleIntervalMs)) bad('monitoringLostMs', 'monitoringLostMs must not be shorter than the data-gap threshold');
    // GSP App.3: alarm by SMS to at least 3 designated persons (COMPLIANCE A.3).
    if (p.productClass !== 'ambient') {
      const sms = new Set(p.recipients.filter((r) => r.channel === 'sms').map((r) => r.contactId));
      if (sms.size < 3) bad('recipients', `a ${p.productClass} profile needs ≥3 distinct SMS recipients (GSP App.3), has ${sms.size}`);
    }
  });

export type AlarmProfile = z.output<typeof AlarmProfileSchema>;

/** Default severity per type; LOW_BATTERY severity follows its level (see battery.ts). */
export const DEFAULT_SEVERITY: Record<Exclude<EventType, 'LOW_BATTERY'>, Severity> = {
  TEMP_HIGH: 'major',
  TEMP_LOW: 'major',
  FREEZE: 'critical',
  WARN_HIGH: 'warning',
  WARN_LOW: 'warning',
  CUMULATIVE: 'major',
  BUDGET_EXCEEDED: 'critical',
  DATA_GAP: 'warning',
  MONITORING_LOST: 'major',
  DOOR_OPEN: 'minor',
  PREDICTED_EXCURSION: 'warning',
};

export const severityOf = (p: AlarmProfile, type: Exclude<EventType, 'LOW_BATTERY'>): Severity =>
  p.severity[type] ?? DEFAULT_SEVERITY[type];

const MIN = 60_000;

/** Keys shared by every class: the box samples every 1 min (COMPLIANCE header default). */
const COMMON = {
  ignorePeriodMs: 10 * MIN, // Controlant default start-up ignore period (D.43)
  sampleIntervalMs: 1 * MIN,
  dataGapFactor: 2, // D.45: no reading for >2× the sample period
  monitoringLostMs: 5 * MIN, // D.45; also the GSP transport recording maximum (A.1)
  maxHoldMs: 5 * MIN,
  door: { unexpectedOpenMaxMs: 0, expectedOpenMaxMs: 5 * MIN },
  battery: { lowPct: 20, criticalPct: 10, hysteresisPct: 5 },
  prediction: { enabled: true, windowMs: 15 * MIN, minPoints: 5, minSpanMs: 5 * MIN, horizonMs: 30 * MIN },
  deltaHOverRK: 10_000, // USP <1079.2>: 83.144 kJ/mol / 8.3144 J/(mol·K)
  severity: {},
  recipients: [] as Recipient[],
  stabilityBudgetMs: null,
} satisfies Partial<AlarmProfile>;

/**
 * Base profiles. Chilled follows COMPLIANCE D.42 (2–8 °C, warn 2.5/7.5 no delay, >8 °C 15 min,
 * freeze ≤0 °C 5 min critical, cumulative 30 min). TEMP_LOW gets 10 min, shorter than the high
 * side because cold damage to biologics is the less reversible one. Recipients come from the
 * facility override: a base cold profile on its own does not validate, on purpose.
 */
export const BASE_PROFILES: Record<ProductClass, AlarmProfile> = {
  chilled: {
    ...COMMON, productClass: 'chilled', low: 2, high: 8, warnLow: 2.5, warnHigh: 7.5,
    highDelayMs: 15 * MIN, lowDelayMs: 10 * MIN, freezeLimit: 0, freezeDelayMs: 5 * MIN, cumulativeLimitMs: 30 * MIN,
  },
  frozen: {
    ...COMMON, productClass: 'frozen', low: -25, high: -15, warnLow: -24, warnHigh: -16.5,
    highDelayMs: 15 * MIN, lowDelayMs: 30 * MIN, freezeLimit: null, freezeDelayMs: 0, cumulativeLimitMs: 30 * MIN,
  },
  ambient: {
    ...COMMON, productClass: 'ambient', low: 15, high: 25, warnLow: 16, warnHigh: 24,
    highDelayMs: 30 * MIN, lowDelayMs: 30 * MIN, freezeLimit: null, freezeDelayMs: 0, cumulativeLimitMs: 60 * MIN,
  },
};

/** A facility or SKU override: any top-level key, nested groups merged key by key. */
export type ProfileOverride = Partial<Omit<AlarmProfile, 'productClass' | 'door' | 'battery' | 'prediction'>> & {
  door?: Partial<AlarmProfile['door']>;
  battery?: Partial<AlarmProfile['battery']>;
  prediction?: Partial<AlarmProfile['prediction']>;
};

export type ResolveResult = { ok: true; profile: AlarmProfile } | { ok: false; issues: string[] };

function merge(base: AlarmProfile, o: ProfileOverride | undefined): AlarmProfile {
  if (!o) return base;
  const { door, battery, prediction, severity, ...flat } = o;
  return {
    ...base,
    ...flat,
    door: { ...base.door, ...door },
    battery: { ...base.battery, ...battery },
    prediction: { ...base.prediction, ...prediction },
    severity: { ...base.severity, ...severity },
    // recipients, when given, replace the list: a SKU never silently inherits extra people.
  };
}

/**
 * The one lookup: base class → facility override → SKU override (later wins), then validated.
 * Overrides are plain data (from config / the alarm-profile table), so this stays pure.
 */
export function resolveProfile(
  productClass: ProductClass,
  overrides: { facility?: ProfileOverride; sku?: ProfileOverride } = {},
): ResolveResult {
  const merged = merge(merge(structuredClone(BASE_PROFILES[productClass]), overrides.facility), overrides.sku);
  const res = AlarmProfileSchema.safeParse(merged);
  if (res.success) return { ok: true, profile: res.data };
  return { ok: false, issues: res.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}
