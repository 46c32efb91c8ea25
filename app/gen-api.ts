/**
 * `npm run gen:api`: writes web-shared/api/schema.d.ts, the web apps' API types, with
 * openapi-typescript from the OpenAPI document built in-process from the route list (no server,
 * no database: the route declarations are all it reads). app/openapi.test.ts fails when the
 * committed file differs from a fresh generation.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenApiDoc } from '../platform/http/openapi';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DTS = path.join(root, 'web-shared/api/schema.d.ts');

/** The document of every route the API mounts. */
export async function apiDocument(): Promise<OpenApiDoc> {
  // Building routes opens no connection (pools connect on first query), but geo's module asks
  // for the pool object, which needs a URL; a generation outside the stack gives it a dummy one.
  process.env.DATABASE_APP_URL ??= 'postgres://gen-api@127.0.0.1:1/none';
  const { routeModules } = await import('./modules');
  const { buildOpenApi } = await import('../platform/http/openapi');
  return buildOpenApi(routeModules.flatMap((m) => m.routes));
}

/** The text of schema.d.ts for the current routes. */
export async function generateSchemaDts(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(await apiDocument())), { exportType: false, alphabetize: false });
  return astToString(ast);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = await generateSchemaDts();
  writeFileSync(SCHEMA_DTS, text);
  console.log(`wrote ${path.relative(root, SCHEMA_DTS)} (${text.length} bytes)`);
  process.exit(0);
}
