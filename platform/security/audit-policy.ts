/**
 * The dependency policy `npm test` applies before the suite (platform/stack/audit.ts): a high or
 * critical advisory against a production dependency fails the run unless the checked-in allow-list
 * (platform/security/audit-allowlist.json) names it with a reason and an expiry date not yet past.
 * Pure: it reads `npm audit --omit=dev --json` output and the list, and says what to do.
 */
import { z } from 'zod';

export const FAILING_SEVERITIES = ['high', 'critical'] as const;

export const AllowEntry = z.object({
  /** The advisory: its GHSA id (`GHSA-xxxx-xxxx-xxxx`) or npm's numeric advisory id. */
  id: z.union([z.string().regex(/^GHSA(-[0-9a-z]{4}){3}$/), z.number().int().positive()]),
  /** Why shipping with it is acceptable for now (not reachable, no fix yet, …). */
  reason: z.string().min(10),
  /** Last day (UTC) the exception holds; afterwards the advisory fails the run again. */
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
}).strict();
export const AllowList = z.array(AllowEntry);
export type AllowEntry = z.infer<typeof AllowEntry>;

export interface Finding { id: string | number; ghsa: string | null; package: string; severity: string; title: string; url: string }

export type Decision =
  | { kind: 'unavailable'; warning: string }
  | { kind: 'checked'; ok: boolean; failing: Finding[]; expired: Array<Finding & { expires: string }>; allowed: Finding[]; unused: AllowEntry[]; lowerSeverity: number };

const Advisory = z.object({ source: z.number(), name: z.string(), title: z.string().default(''), url: z.string().default(''), severity: z.string() }).passthrough();

/** The advisories of an audit report (npm 7+ format, auditReportVersion 2), one per id. */
export function advisories(report: unknown): Finding[] {
  const vulns = (report as { vulnerabilities?: Record<string, { via?: unknown[] }> }).vulnerabilities ?? {};
  const byId = new Map<number, Finding>();
  for (const v of Object.values(vulns)) {
    for (const via of v.via ?? []) {
      const a = Advisory.safeParse(via);
      if (!a.success || byId.has(a.data.source)) continue;
      const ghsa = /GHSA(-[0-9a-z]{4}){3}/.exec(a.data.url)?.[0] ?? null;
      byId.set(a.data.source, { id: a.data.source, ghsa, package: a.data.name, severity: a.data.severity, title: a.data.title, url: a.data.url });
    }
  }
  return [...byId.values()];
}

/**
 * What the policy says about one audit run. `report` is the parsed JSON npm printed (or null when
 * it printed nothing parseable); a report without `vulnerabilities` is npm saying it could not ask
 * the registry, which warns instead of failing (the registry is not ours to keep up).
 */
export function decide(report: unknown, allow: AllowEntry[], today: string): Decision {
  const r = report as { vulnerabilities?: unknown; message?: string; error?: { summary?: string } } | null;
  if (!r || typeof r !== 'object' || typeof r.vulnerabilities !== 'object' || r.vulnerabilities === null) {
    const why = r?.message || r?.error?.summary || 'no audit report';
    return { kind: 'unavailable', warning: `npm audit could not get an answer from the registry (${why}); dependencies were NOT checked.` };
  }
  const all = advisories(report);
  const serious = all.filter((f) => (FAILING_SEVERITIES as readonly string[]).includes(f.severity));
  const entryFor = (f: Finding) => allow.find((e) => e.id === f.id || (f.ghsa !== null && e.id === f.ghsa));
  const failing: Finding[] = [];
  const expired: Array<Finding & { expires: string }> = [];
  const allowed: Finding[] = [];
  for (const f of serious) {
    const e = entryFor(f);
    if (!e) failing.push(f);
    else if (e.expires < today) expired.push({ ...f, expires: e.expires });
    else allowed.push(f);
  }
  const unused = allow.filter((e) => !serious.some((f) => entryFor(f) === e));
  return { kind: 'checked', ok: failing.length === 0 && expired.length === 0, failing, expired, allowed, unused, lowerSeverity: all.length - serious.length };
}

/** The lines printed for a decision, a person's words. */
export function describeDecision(d: Decision): string[] {
  if (d.kind === 'unavailable') return [`WARNING: ${d.warning}`];
  const name = (f: Finding) => `${f.ghsa ?? f.id} ${f.severity} in ${f.package}: ${f.title} (${f.url})`;
  const out: string[] = [];
  for (const f of d.failing) out.push(`FAIL ${name(f)} — not on the allow-list`);
  for (const f of d.expired) out.push(`FAIL ${name(f)} — its allow-list entry expired on ${f.expires}`);
  for (const f of d.allowed) out.push(`allowed ${name(f)}`);
  for (const e of d.unused) out.push(`note: allow-list entry ${e.id} matches no current advisory; remove it`);
  out.push(d.ok
    ? `npm audit (production dependencies): no high or critical advisory outside the allow-list${d.lowerSeverity ? `; ${d.lowerSeverity} of lower severity` : ''}.`
    : 'npm audit policy failed: update the dependency, or add the advisory to platform/security/audit-allowlist.json with a reason and an expiry date.');
  return out;
}
