/**
 * The import rules of DESIGN.md's context table, checked on every .ts file of the tree:
 * - a context (geo, dispatch, telemetry, tracking) reaches another context only through that
 *   context's `index.ts`, in its tests too; the web build (web-shared, web-console) may also use a
 *   context's `browser.ts`, its face without server dependencies;
 * - platform is imported by every context and imports none of them (its modules may be imported
 *   directly: it has no index.ts);
 * - app/ is the composition root: it may import anything, and only bench/ imports it;
 *   bench/ may import anything;
 * - sim/ is a client of the system (DESIGN.md): its code imports nothing of the project, only
 *   packages; its tests may start the stack they drive (app/, the harness), as bench/ does;
 * - an import path is a string literal (a computed `import(path)` could not be checked).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, it, expect } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTEXTS = new Set(['geo', 'dispatch', 'telemetry', 'tracking']);
const SKIP = new Set(['node_modules', '.stack', '.git']);

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) tsFiles(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier of a file (static, re-export, dynamic), with its line; null = computed. */
function specifiers(file: string): Array<{ spec: string | null; line: number }> {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ spec: string | null; line: number }> = [];
  const at = (n: ts.Node) => src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1;
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      out.push({ spec: n.moduleSpecifier.text, line: at(n) });
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const a = n.arguments[0];
      out.push({ spec: a && ts.isStringLiteralLike(a) ? a.text : null, line: at(n) });
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

/** What the tree breaks, as `file:line message`. */
function importViolations(root = ROOT): string[] {
  const bad: string[] = [];
  for (const file of tsFiles(root)) {
    const rel = path.relative(root, file);
    const from = rel.split(path.sep)[0];
    for (const { spec, line } of specifiers(file)) {
      const where = `${rel}:${line}`;
      if (spec === null) {
        if (from !== 'bench') bad.push(`${where} computes its import path; import a literal path`);
        continue;
      }
      if (!spec.startsWith('.')) continue; // a package
      const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep);
      const to = target[0];
      const inner = target.slice(1).join('/').replace(/\.(ts|js)$/, '');
      const simTest = from === 'sim' && /\.test\.ts$/.test(rel);
      if (from === 'sim' && to !== 'sim' && !simTest) {
        bad.push(`${where} imports '${spec}': sim/ is a client of the system, through its public interfaces only (HTTP, MQTT, the feed); only its tests start the stack`);
      } else if (to === 'app' && from !== 'app' && from !== 'bench' && !simTest) {
        bad.push(`${where} imports '${spec}': app/ is the composition root, nothing but bench/ imports it`);
      } else if (CONTEXTS.has(to) && from === 'platform') {
        bad.push(`${where} imports '${spec}': platform imports no context`);
      } else if (CONTEXTS.has(to) && from !== to && from !== 'app' && from !== 'bench' && inner !== '' && inner !== 'index'
        && !(inner === 'browser' && from.startsWith('web-'))) {
        bad.push(`${where} imports '${spec}': another context is reached through ${to}/index.ts`);
      }
    }
  }
  return bad;
}

describe('imports', () => {
  it('cross contexts only through their index.ts; platform imports no context', () => {
    expect(importViolations()).toEqual([]);
  });

  it('names each broken rule with its file and line (on a small tree)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'imports-'));
    const file = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    };
    try {
      file('dispatch/a.ts', "import { x } from '../geo';\nimport { y } from '../geo/index';\nimport { z } from '../geo/coords';\nimport { w } from './b';\n");
      file('telemetry/b.ts', "const p = '../dispatch/index';\nexport const m = () => import(p);\nexport const n = () => import('../dispatch/http');\nexport * from '../geo/routing/engine';\n");
      file('platform/c.ts', "import type { LatLng } from '../geo';\n");
      file('geo/d.test.ts', "import { a } from './coords';\nimport { b } from '../app/modules';\n");
      file('app/e.ts', "import { dispatchModule } from '../dispatch/http';\n");
      file('bench/f.ts', "import { c } from '../geo/coords';\nconst p = 'x';\nawait import(p);\n");
      file('sim/g.ts', "import { h } from './h';\nimport { login } from '../platform/auth/routes';\n");
      file('sim/g.int.test.ts', "import { routeModules } from '../app/modules';\n");
      expect(importViolations(root)).toEqual([
        "dispatch/a.ts:3 imports '../geo/coords': another context is reached through geo/index.ts",
        "geo/d.test.ts:2 imports '../app/modules': app/ is the composition root, nothing but bench/ imports it",
        "platform/c.ts:1 imports '../geo': platform imports no context",
        "sim/g.ts:2 imports '../platform/auth/routes': sim/ is a client of the system, through its public interfaces only (HTTP, MQTT, the feed); only its tests start the stack",
        'telemetry/b.ts:2 computes its import path; import a literal path',
        "telemetry/b.ts:3 imports '../dispatch/http': another context is reached through dispatch/index.ts",
        "telemetry/b.ts:4 imports '../geo/routing/engine': another context is reached through geo/index.ts",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
