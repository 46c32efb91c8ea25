/**
 * The security documents (docs/security/*.md: the PIPIA, COMPLIANCE 59, and the last-mile risk
 * assessment, COMPLIANCE 29) point each safeguard at code and tests by relative link. A link to a
 * test may be followed by ` › `title``; that title must be a test in the file. A safeguard whose
 * file or test disappeared would otherwise still read as enforced.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testNames } from './testing/test-names';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = path.join(root, 'docs', 'security');

export interface DocRef { doc: string; target: string; title: string | null }

/** Every relative Markdown link of a document, with the test title that follows it, if any. */
export function docRefs(doc: string, md: string): DocRef[] {
  const out: DocRef[] = [];
  const re = /\[[^\]]*\]\(([^)\s]+)\)(?:\s*›\s*`([^`]+)`)?/g;
  for (const m of md.matchAll(re)) {
    const target = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    out.push({ doc, target: target.split('#')[0], title: m[2] ?? null });
  }
  return out;
}

/** What a reference points at that is not there: a file outside the repo, a missing file, a missing test. */
export function brokenRefs(refs: DocRef[], docDir: string, read: (abs: string) => string | null): string[] {
  const out: string[] = [];
  for (const r of refs) {
    const abs = path.resolve(docDir, r.target);
    if (!abs.startsWith(root + path.sep)) { out.push(`${r.doc}: ${r.target} leaves the repository`); continue; }
    const src = read(abs);
    if (src === null) { out.push(`${r.doc}: no file ${r.target}`); continue; }
    if (r.title !== null && !testNames(src).has(r.title)) out.push(`${r.doc}: no test "${r.title}" in ${r.target}`);
  }
  return out;
}

const readAbs = (abs: string) => (existsSync(abs) ? readFileSync(abs, 'utf8') : null);

describe('docs/security', () => {
  it('every file and test the security documents link to exists', () => {
    const docs = readdirSync(DOCS).filter((f) => f.endsWith('.md'));
    expect(docs).toEqual(expect.arrayContaining(['pipia.md', 'cold-chain-risk-assessment.md']));
    const refs = docs.flatMap((d) => docRefs(d, readFileSync(path.join(DOCS, d), 'utf8')));
    expect(refs.filter((r) => r.title).length).toBeGreaterThan(30);
    expect(brokenRefs(refs, DOCS, readAbs)).toEqual([]);
  });

  it('the checker reports a missing file, a renamed test and a link out of the repository', () => {
    const md = [
      '[a](../../a.test.ts) › `here`', '[a](../../a.test.ts) › `gone`', '[b](../../b.ts)',
      '[out](../../../etc/passwd)', '[web](https://example.com) [anchor](#x)',
    ].join('\n');
    const refs = docRefs('x.md', md);
    expect(refs).toHaveLength(4);
    const files: Record<string, string> = { [path.join(root, 'a.test.ts')]: "it('here', () => {})" };
    expect(brokenRefs(refs, DOCS, (abs) => files[abs] ?? null)).toEqual([
      'x.md: no test "gone" in ../../a.test.ts', 'x.md: no file ../../b.ts', 'x.md: ../../../etc/passwd leaves the repository',
    ]);
  });
});
