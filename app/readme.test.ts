import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configTable } from '../platform/config/registry';
import { contractTables } from '../telemetry/contract/readme-table';
import './config';

// The README's generated tables, between `<!-- <name>:start -->` and `<!-- <name>:end -->`, are
// exactly what the code generates; `REGEN=1 npx vitest run app/readme.test.ts` rewrites them.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = path.join(root, 'README.md');

function block(readme: string, name: string): { start: number; end: number } {
  const open = `<!-- ${name}:start -->\n`, close = `<!-- ${name}:end -->`;
  const start = readme.indexOf(open), end = readme.indexOf(close);
  if (start < 0 || end < start) throw new Error(`README.md has no ${open.trim()} … ${close} block`);
  return { start: start + open.length, end };
}

function expectBlock(name: string, generated: string): void {
  let readme = readFileSync(README, 'utf8');
  const b = block(readme, name);
  if (process.env.REGEN === '1') {
    readme = readme.slice(0, b.start) + generated + '\n' + readme.slice(b.end);
    writeFileSync(README, readme);
  }
  const { start, end } = block(readme, name);
  expect(readme.slice(start, end), `README.md's ${name} is stale: REGEN=1 npx vitest run app/readme.test.ts`).toBe(generated + '\n');
}

describe('README.md', () => {
  it('lists every setting as declared (config-table)', () => {
    expectBlock('config-table', configTable());
  });

  it('describes the box contract as the JSON Schema does (contract-table)', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'telemetry/contract/coldbox-telemetry-1.schema.json'), 'utf8'));
    expectBlock('contract-table', contractTables(schema));
  });
});
