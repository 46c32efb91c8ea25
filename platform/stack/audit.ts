/**
 * `npm test` runs this before the suite (platform/stack/test.sh): `npm audit --omit=dev --json`
 * judged by platform/security/audit-policy.ts. Exit 1 on a high or critical advisory outside the
 * allow-list; exit 0 with a warning when npm cannot get an audit answer from the registry.
 * SKIP_NPM_AUDIT=1 skips it (said so on stderr), for working without a network.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AllowList, decide, describeDecision } from '../security/audit-policy';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// npm retries a registry it cannot reach for about a minute; a test run should not wait longer.
const TIMEOUT_MS = 90_000;

if (process.env.SKIP_NPM_AUDIT === '1') {
  console.error('npm audit skipped (SKIP_NPM_AUDIT=1): dependencies were NOT checked.');
  process.exit(0);
}

const allow = AllowList.parse(JSON.parse(readFileSync(path.join(root, 'platform/security/audit-allowlist.json'), 'utf8')));
const stdout = await new Promise<string>((resolve) => {
  // npm audit exits non-zero whenever it finds anything; the JSON is what counts.
  execFile('npm', ['audit', '--omit=dev', '--json'], { cwd: root, timeout: TIMEOUT_MS, maxBuffer: 64 << 20 }, (_err, out) => resolve(String(out ?? '')));
});
let report: unknown = null;
try { report = JSON.parse(stdout); } catch { /* nothing parseable: unavailable */ }
const d = decide(report, allow, new Date().toISOString().slice(0, 10));
for (const line of describeDecision(d)) console.error(line);
process.exit(d.kind === 'checked' && !d.ok ? 1 : 0);
