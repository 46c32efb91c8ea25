/**
 * Locates ../shared/data beside the checkout. Missing data skips tests with a plain message,
 * except in CI (CI=true), where missing data must fail.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');

/**
 * Returns the absolute path of `rel` under shared data, or null when it is missing (outside CI).
 * @throws Error in CI when missing
 */
export function sharedData(rel: string): string | null {
  const p = path.join(SHARED_DATA, rel);
  if (existsSync(p)) return p;
  if (process.env.CI === 'true') throw new Error(`shared data missing in CI: ${p}`);
  console.log(`skipping: shared data not found at ${p}`);
  return null;
}

/** DATABASE_URL for integration tests, or null (and a plain message) when unset. */
export function databaseUrl(what: string): string | null {
  const u = process.env.DATABASE_URL;
  if (!u) console.log(`skipping ${what}: DATABASE_URL is not set`);
  return u || null;
}
