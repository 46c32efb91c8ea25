import { describe, expect, it } from 'vitest';
import { AllowList, decide, describeDecision } from './audit-policy';

/** A canned `npm audit --omit=dev --json` report: one critical, one high (through a dependency), one moderate. */
const report = {
  auditReportVersion: 2,
  vulnerabilities: {
    'lib-a': { name: 'lib-a', severity: 'critical', isDirect: true, via: [{ source: 1100001, name: 'lib-a', dependency: 'lib-a', title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'critical', range: '<1.2.3' }], effects: [], range: '<1.2.3', nodes: ['node_modules/lib-a'], fixAvailable: true },
    'lib-b': { name: 'lib-b', severity: 'high', isDirect: false, via: [{ source: 1100002, name: 'lib-b', dependency: 'lib-b', title: 'ReDoS', url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff', severity: 'high', range: '<4' }], effects: ['lib-c'], range: '<4', nodes: ['node_modules/lib-b'], fixAvailable: false },
    'lib-c': { name: 'lib-c', severity: 'high', isDirect: true, via: ['lib-b'], effects: [], range: '*', nodes: ['node_modules/lib-c'], fixAvailable: false },
    'lib-d': { name: 'lib-d', severity: 'moderate', isDirect: true, via: [{ source: 1100003, name: 'lib-d', title: 'Info leak', url: 'https://github.com/advisories/GHSA-gggg-hhhh-iiii', severity: 'moderate', range: '<2' }], effects: [], range: '<2', nodes: ['node_modules/lib-d'], fixAvailable: true },
  },
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 2, critical: 1, total: 4 } },
};
const clean = { auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { total: 0 } } };
const TODAY = '2026-12-05';

describe('npm audit policy', () => {
  it('high and critical advisories fail unless allowed; moderate ones are only counted; each advisory once', () => {
    const d = decide(report, [], TODAY);
    expect(d.kind).toBe('checked');
    if (d.kind !== 'checked') return;
    expect(d.ok).toBe(false);
    expect(d.failing.map((f) => f.ghsa)).toEqual(['GHSA-aaaa-bbbb-cccc', 'GHSA-dddd-eeee-ffff']);
    expect(d.lowerSeverity).toBe(1);
    expect(decide(clean, [], TODAY)).toMatchObject({ kind: 'checked', ok: true, failing: [] });
  });

  it('an allow-list entry by GHSA id or npm id passes until its expiry day, and fails the day after', () => {
    const allow = AllowList.parse([
      { id: 'GHSA-aaaa-bbbb-cccc', reason: 'only reachable through the CLI import, never the API', expires: TODAY },
      { id: 1100002, reason: 'no fixed release yet; input length is capped before it', expires: '2027-01-31' },
    ]);
    expect(decide(report, allow, TODAY)).toMatchObject({ kind: 'checked', ok: true, failing: [], expired: [] });
    const later = decide(report, allow, '2026-12-06');
    expect(later).toMatchObject({ kind: 'checked', ok: false, failing: [] });
    if (later.kind !== 'checked') return;
    expect(later.expired.map((f) => [f.ghsa, f.expires])).toEqual([['GHSA-aaaa-bbbb-cccc', TODAY]]);
    expect(describeDecision(later).join('\n')).toMatch(/FAIL GHSA-aaaa-bbbb-cccc critical in lib-a.*expired on 2026-12-05/);
  });

  it('names allow-list entries that no longer match anything, without failing', () => {
    const allow = AllowList.parse([{ id: 'GHSA-zzzz-zzzz-zzzz', reason: 'was a problem in an older lockfile', expires: '2027-06-30' }]);
    const d = decide(clean, allow, TODAY);
    expect(d).toMatchObject({ kind: 'checked', ok: true });
    expect(describeDecision(d).join('\n')).toContain('allow-list entry GHSA-zzzz-zzzz-zzzz matches no current advisory');
  });

  it('a registry that gives no audit answer is a warning, not a failure', () => {
    const npmError = { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } };
    for (const r of [npmError, null, { error: { summary: 'getaddrinfo ENOTFOUND registry.npmjs.org' } }]) {
      const d = decide(r, [], TODAY);
      expect(d.kind).toBe('unavailable');
      expect(describeDecision(d)[0]).toMatch(/^WARNING: npm audit could not get an answer.*NOT checked/);
    }
  });

  it('an allow-list entry needs an advisory id, a reason and a date, and nothing else', () => {
    expect(AllowList.safeParse([{ id: 'CVE-2024-1', reason: 'a reason long enough', expires: '2027-01-01' }]).success).toBe(false);
    expect(AllowList.safeParse([{ id: 'GHSA-aaaa-bbbb-cccc', reason: 'short', expires: '2027-01-01' }]).success).toBe(false);
    expect(AllowList.safeParse([{ id: 'GHSA-aaaa-bbbb-cccc', reason: 'a reason long enough', expires: 'next year' }]).success).toBe(false);
    expect(AllowList.safeParse([{ id: 'GHSA-aaaa-bbbb-cccc', reason: 'a reason long enough', expires: '2027-01-01', owner: 'x' }]).success).toBe(false);
  });
});
