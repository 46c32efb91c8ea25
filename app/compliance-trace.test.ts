/**
 * The traceability matrix (COMPLIANCE C.40, issue 17): COMPLIANCE-TRACE.md at the repo root
 * holds blocks `## <title>`, each a table `| Item | Requirement | Tests |` whose Tests cell lists
 * `path/to/file.test.ts › test name` entries separated by `<br>`. A requirement whose test was
 * renamed or deleted would silently lose its evidence; this test fails instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testNames } from './testing/test-names';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEP = ' › ';

interface Entry { block: string; item: string; file: string; name: string }

/** Every `path › name` of every block's table (header and separator rows skipped). */
export function parseMatrix(md: string): { blocks: string[]; entries: Entry[]; problems: string[] } {
  const blocks: string[] = [];
  const entries: Entry[] = [];
  const problems: string[] = [];
  let block: string | null = null;
  let header = false;
  for (const line of md.split('\n')) {
    const h = /^## (.+)$/.exec(line);
    if (h) { block = h[1].trim(); blocks.push(block); header = false; continue; }
    if (!line.startsWith('|') || !block) continue;
    const cells = line.slice(1, line.endsWith('|') ? -1 : undefined).split('|').map((c) => c.trim());
    if (!header) {
      if (cells.join('|') !== 'Item|Requirement|Tests') problems.push(`${block}: the table header must be | Item | Requirement | Tests |`);
      header = true;
      continue;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (cells.length !== 3) { problems.push(`${block}: a row needs three cells: ${line}`); continue; }
    const [item, , tests] = cells;
    const listed = tests.split('<br>').map((t) => t.trim()).filter(Boolean);
    if (!listed.length) problems.push(`${block} ${item}: no tests listed`);
    for (const t of listed) {
      const at = t.indexOf(SEP);
      if (at < 0) { problems.push(`${block} ${item}: "${t}" is not "path${SEP}test name"`); continue; }
      entries.push({ block, item, file: t.slice(0, at).trim(), name: t.slice(at + SEP.length).trim() });
    }
  }
  return { blocks, entries, problems };
}

/** What no longer exists: files and test names the matrix lists. */
export function missing(entries: Entry[], read: (file: string) => string | null): string[] {
  const cache = new Map<string, Set<string> | null>();
  const out: string[] = [];
  for (const e of entries) {
    if (!cache.has(e.file)) { const src = read(e.file); cache.set(e.file, src === null ? null : testNames(src)); }
    const names = cache.get(e.file);
    if (!names) out.push(`${e.block} ${e.item}: no file ${e.file}`);
    else if (!names.has(e.name)) out.push(`${e.block} ${e.item}: no test "${e.name}" in ${e.file}`);
  }
  return out;
}

const readRepoFile = (file: string) => {
  const p = path.resolve(root, file);
  return p.startsWith(root + path.sep) && existsSync(p) ? readFileSync(p, 'utf8') : null;
};

describe('COMPLIANCE-TRACE.md', () => {
  it('every test the matrix names exists, in the file it names', () => {
    const { blocks, entries, problems } = parseMatrix(readFileSync(path.join(root, 'COMPLIANCE-TRACE.md'), 'utf8'));
    expect(problems).toEqual([]);
    expect(blocks).toContain('QA disposition and e-signatures');
    expect(entries.length).toBeGreaterThan(10);
    expect(missing(entries, readRepoFile)).toEqual([]);
  });

  it('the checker reports a missing file, a renamed test and a malformed row', () => {
    const md = [
      '## Example', '', '| Item | Requirement | Tests |', '|---|---|---|',
      '| 1 | r | a.test.ts › it\'s here<br>a.test.ts › gone |',
      '| 2 | r | b.test.ts › anything |',
      '| 3 | r | no separator |',
    ].join('\n');
    const { entries, problems } = parseMatrix(md);
    expect(problems).toEqual(['Example 3: "no separator" is not "path › test name"']);
    const files: Record<string, string> = { 'a.test.ts': "describe('x', () => { it('it\\'s here', () => {}); test.skip(\"other\", () => {}); });" };
    expect(missing(entries, (f) => files[f] ?? null)).toEqual(['Example 1: no test "gone" in a.test.ts', 'Example 2: no file b.test.ts']);
    expect(testNames(files['a.test.ts'])).toEqual(new Set(["it's here", 'other']));
  });
});
