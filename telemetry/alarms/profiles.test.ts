import { describe, it, expect } from 'vitest';
import { resolveStored, type ProfileRow } from './profiles';

const sms = (n: number) => Array.from({ length: n }, (_, i) => ({ channel: 'sms' as const, contactId: `con_c${i}` }));

describe('stored alarm profiles', () => {
  it('a chilled profile needs ≥3 SMS recipients (GSP App.3); fewer is invalid', () => {
    const rows: ProfileRow[] = [{ facilityId: 'fac_a001', productClass: 'chilled', override: { recipients: sms(2) }, escalation: [] }];
    const r = resolveStored('chilled', rows, 'fac_a001');
    expect(r.valid).toBe(false);
    expect(r.issues.join()).toMatch(/≥3/);
    expect(resolveStored('chilled', [{ ...rows[0], override: { recipients: sms(3) } }], 'fac_a001').valid).toBe(true);
  });

  it('an invalid profile still evaluates: configured thresholds are kept, monitoring never stops', () => {
    const rows: ProfileRow[] = [{ facilityId: 'fac_a001', productClass: 'chilled', override: { highDelayMs: 0, recipients: [] }, escalation: [] }];
    const r = resolveStored('chilled', rows, 'fac_a001');
    expect(r.valid).toBe(false);
    expect(r.profile).toMatchObject({ low: 2, high: 8, highDelayMs: 0 });
  });

  it("facility rows override the '*' row; recipients and escalation are replaced, not merged", () => {
    const rows: ProfileRow[] = [
      { facilityId: '*', productClass: 'chilled', override: { highDelayMs: 600_000, recipients: sms(3) }, escalation: [{ afterMin: 10, recipients: sms(1) }] },
      { facilityId: 'fac_b001', productClass: 'chilled', override: { highDelayMs: 0, recipients: sms(4) }, escalation: [] },
    ];
    expect(resolveStored('chilled', rows, 'fac_b001').profile).toMatchObject({ highDelayMs: 0 });
    expect(resolveStored('chilled', rows, 'fac_b001').profile.recipients).toHaveLength(4);
    expect(resolveStored('chilled', rows, 'fac_b001').escalation).toHaveLength(1); // inherited from '*' (own list empty)
    expect(resolveStored('chilled', rows, 'fac_c001').profile).toMatchObject({ highDelayMs: 600_000 });
  });
});
