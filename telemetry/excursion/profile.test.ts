import { describe, expect, it } from 'vitest';
import { AlarmProfileSchema, BASE_PROFILES, resolveProfile } from './profile';
import { RECIPIENTS } from './testing';

const MIN = 60_000;

describe('base profiles', () => {
  it('chilled matches COMPLIANCE D.42', () => {
    expect(BASE_PROFILES.chilled).toMatchObject({
      low: 2, high: 8, warnLow: 2.5, warnHigh: 7.5, highDelayMs: 15 * MIN, freezeLimit: 0, freezeDelayMs: 5 * MIN,
      cumulativeLimitMs: 30 * MIN, ignorePeriodMs: 10 * MIN, deltaHOverRK: 10_000,
    });
  });
  it('frozen stays at or below −15 °C, ambient is 15–25 °C', () => {
    expect([BASE_PROFILES.frozen.low, BASE_PROFILES.frozen.high]).toEqual([-25, -15]);
    expect([BASE_PROFILES.ambient.low, BASE_PROFILES.ambient.high]).toEqual([15, 25]);
  });
});

describe('resolveProfile: base class → facility → SKU', () => {
  it('a cold profile without recipients does not validate (GSP ≥3 SMS)', () => {
    for (const cls of ['chilled', 'frozen'] as const) {
      const res = resolveProfile(cls);
      expect(res.ok).toBe(false);
      expect(!res.ok && res.issues.join()).toMatch(/≥3 distinct SMS/);
    }
  });
  it('ambient needs no recipients', () => expect(resolveProfile('ambient').ok).toBe(true));

  it.each([
    ['3 SMS', [...RECIPIENTS], true],
    ['2 SMS + 1 e-mail', [RECIPIENTS[0], RECIPIENTS[1], { channel: 'email', contactId: 'usr_qa3' }], false],
    ['3 SMS to the same person', [RECIPIENTS[0], RECIPIENTS[0], RECIPIENTS[0]], false],
    ['a phone number instead of a contact id', [RECIPIENTS[0], RECIPIENTS[1], { channel: 'sms', contactId: '13812345678' }], false],
  ] as const)('chilled with %s → %s', (_n, recipients, ok) => {
    expect(resolveProfile('chilled', { facility: { recipients: [...recipients] } }).ok).toBe(ok);
  });

  it('later overrides win, nested groups merge key by key', () => {
    const res = resolveProfile('chilled', {
      facility: { recipients: [...RECIPIENTS], highDelayMs: 20 * MIN, warnHigh: 7, door: { expectedOpenMaxMs: 2 * MIN } },
      sku: { highDelayMs: 10 * MIN, stabilityBudgetMs: 120 * MIN, door: { unexpectedOpenMaxMs: 30_000 } },
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.profile).toMatchObject({
      highDelayMs: 10 * MIN, warnHigh: 7, stabilityBudgetMs: 120 * MIN, low: 2,
      door: { expectedOpenMaxMs: 2 * MIN, unexpectedOpenMaxMs: 30_000 },
    });
    // the base table is not mutated by a resolution
    expect(BASE_PROFILES.chilled.highDelayMs).toBe(15 * MIN);
  });

  it.each([
    ['warnHigh above high', { warnHigh: 8.5 }, 'warnHigh'],
    ['warnLow below low', { warnLow: 1.5 }, 'warnLow'],
    ['warnings crossed', { warnLow: 6, warnHigh: 5 }, 'warnHigh'],
    ['low ≥ high', { low: 8, high: 8, warnLow: null, warnHigh: null }, 'high'],
    ['freeze limit above low', { freezeLimit: 3 }, 'freezeLimit'],
    ['negative delay', { highDelayMs: -1 }, 'highDelayMs'],
    ['battery thresholds inverted', { battery: { lowPct: 10, criticalPct: 20 } }, 'battery'],
    ['monitoring lost shorter than data gap', { monitoringLostMs: 60_000 }, 'monitoringLostMs'],
  ] as const)('rejects %s', (_n, sku, path) => {
    const res = resolveProfile('chilled', { facility: { recipients: [...RECIPIENTS] }, sku: sku as never });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.issues.some((i) => i.startsWith(path))).toBe(true);
  });

  it('the schema rejects unknown keys (a typo never silently becomes a default)', () => {
    const p = { ...BASE_PROFILES.ambient, hihgDelayMs: 1 };
    expect(AlarmProfileSchema.safeParse(p).success).toBe(false);
  });
});
