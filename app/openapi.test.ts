/**
 * The API contract: every operation of the real route list (app/modules.ts) has an operationId,
 * declared tags, its answer's schema or raw content type, a request body schema where it takes
 * one, examples on the main operations that parse with their own schemas; the document is valid
 * OpenAPI 3.1; and the web apps' generated types are fresh.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { apiDocument, generateSchemaDts, SCHEMA_DTS } from './gen-api';
import { OPERATION_ID, type RouteDef } from '../platform/http/route';
import { API_TAGS } from '../platform/http/tags';
import { successStatus } from '../platform/http/openapi';
import { orderRequestSchema } from '../dispatch/domain/order-schema';

/** Operations whose examples the document must show (issue 18). */
const MAIN = ['login', 'placeOrder', 'listOrders', 'getOrder', 'recordShipmentEvent', 'recordRiderPositions', 'acknowledgeAlarm', 'getFacilityPlan'];
/** POST/PUT/PATCH routes that take no body (the action is the path). */
const NO_BODY = new Set(['logout', 'confirmOrder', 'replanFacility', 'replaceShipment']);

type Op = { operationId?: string; tags?: string[]; requestBody?: { content: Record<string, { schema?: unknown; example?: unknown }> }; responses: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown }> }> };

function operations(doc: Awaited<ReturnType<typeof apiDocument>>): Array<{ key: string; op: Op }> {
  const out: Array<{ key: string; op: Op }> = [];
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const m of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = (item as Record<string, Op | undefined>)[m];
      if (op) out.push({ key: `${m.toUpperCase()} ${p}`, op });
    }
  }
  return out;
}

describe('OpenAPI document of the real route list', async () => {
  const doc = await apiDocument();
  // Imported after apiDocument(), which lets the route list load outside the stack too.
  const { routeModules } = await import('./modules');
  const routes: RouteDef[] = routeModules.flatMap((m) => m.routes);
  const ops = operations(doc);

  it('documents every route once', () => {
    expect(ops.length).toBe(routes.length);
    expect(ops.length).toBeGreaterThan(60);
  });

  it('gives every operation a unique camelCase operationId', () => {
    const missing = ops.filter((o) => !o.op.operationId).map((o) => o.key);
    expect(missing, 'operations without operationId').toEqual([]);
    const bad = ops.filter((o) => !OPERATION_ID.test(o.op.operationId!)).map((o) => `${o.key}: ${o.op.operationId}`);
    expect(bad, 'operationIds that are not camelCase').toEqual([]);
    const seen = new Map<string, string>();
    const dup: string[] = [];
    for (const o of ops) {
      const prev = seen.get(o.op.operationId!);
      if (prev) dup.push(`${o.op.operationId}: ${prev} and ${o.key}`);
      seen.set(o.op.operationId!, o.key);
    }
    expect(dup, 'duplicate operationIds').toEqual([]);
  });

  it('tags every operation with a declared tag and lists the tags with descriptions', () => {
    const declared = new Set((doc.tags ?? []).map((t) => t.name));
    for (const t of doc.tags ?? []) expect(t.description, `tag ${t.name}`).toBe(API_TAGS[t.name as keyof typeof API_TAGS]);
    const bad = ops.filter((o) => !o.op.tags?.length || o.op.tags.some((t) => !declared.has(t))).map((o) => `${o.key}: ${o.op.tags}`);
    expect(bad, 'operations with no or undeclared tags').toEqual([]);
  });

  it('declares the schema (JSON) or the content type (raw) of every 2xx answer', () => {
    const bad: string[] = [];
    for (const r of routes) {
      const o = ops.find((x) => x.op.operationId === r.operationId)!;
      const status = String(successStatus(r));
      const res = o.op.responses[status];
      if (!res) { bad.push(`${o.key}: no ${status} response`); continue; }
      if (status === '204') { if (res.content) bad.push(`${o.key}: 204 with content`); continue; }
      const types = Object.keys(res.content ?? {});
      if (!types.length) bad.push(`${o.key}: ${status} declares no content`);
      for (const t of types) if (!res.content![t].schema) bad.push(`${o.key}: ${status} ${t} has no schema`);
      if (types.includes('application/json') && !r.response) bad.push(`${o.key}: JSON answer without a response schema`);
    }
    expect(bad).toEqual([]);
  });

  it('declares the request body of every POST/PUT/PATCH that takes one, and the Error schema for client errors', () => {
    const bad: string[] = [];
    for (const o of ops) {
      const method = o.key.split(' ')[0];
      const content = o.op.requestBody?.content ?? {};
      // JSON, or a file upload declared as binary per media type.
      const declared = content['application/json']?.schema || (Object.keys(content).length > 0 && Object.values(content).every((c) => (c.schema as { format?: string })?.format === 'binary'));
      if (['POST', 'PUT', 'PATCH'].includes(method) && !NO_BODY.has(o.op.operationId!) && !declared) bad.push(`${o.key}: no request body schema`);
      for (const [status, res] of Object.entries(o.op.responses)) {
        if (/^4/.test(status) && (res.content?.['application/json']?.schema as { $ref?: string })?.$ref !== '#/components/schemas/Error') bad.push(`${o.key}: ${status} is not the Error schema`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('documents POST /orders with the order schema, not any object', () => {
    const body = doc.paths!['/api/v1/orders'].post!.requestBody as { content: Record<string, { schema: { $ref: string } }> };
    expect(body.content['application/json'].schema.$ref).toBe('#/components/schemas/OrderRequest');
    const schema = doc.components!.schemas!.OrderRequest as { required: string[]; properties: Record<string, { items?: { properties?: object } }> };
    expect(schema.required).toEqual(expect.arrayContaining(['channel', 'items', 'customer', 'delivery']));
    expect(schema.properties.items.items?.properties).toHaveProperty('skuId');
  });

  it('shows examples on the main operations, and each parses with its schema', () => {
    const bad: string[] = [];
    for (const id of MAIN) {
      const r = routes.find((x) => x.operationId === id);
      if (!r) { bad.push(`${id}: no such route`); continue; }
      const o = ops.find((x) => x.op.operationId === id)!;
      const res = o.op.responses[String(successStatus(r))]?.content?.['application/json'];
      if (res?.example === undefined) bad.push(`${id}: no response example`);
      else if (!r.response!.safeParse(res.example).success) bad.push(`${id}: response example does not match: ${r.response!.safeParse(res.example).error!.issues[0].message} at ${r.response!.safeParse(res.example).error!.issues[0].path.join('.')}`);
      if (r.body) {
        const req = o.op.requestBody?.content['application/json'];
        const schema = id === 'placeOrder' ? orderRequestSchema() : r.body;
        if (req?.example === undefined) bad.push(`${id}: no request example`);
        else if (!schema.safeParse(req.example).success) bad.push(`${id}: request example does not match: ${JSON.stringify(schema.safeParse(req.example).error!.issues[0])}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const config = await createConfig({ extends: ['minimal'], rules: { 'operation-operationId-unique': 'error', 'operation-tag-defined': 'error', 'no-invalid-media-type-examples': 'error' } });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('web-shared/api/schema.d.ts is what `npm run gen:api` generates now', async () => {
    expect(readFileSync(SCHEMA_DTS, 'utf8'), 'stale: run npm run gen:api').toBe(await generateSchemaDts());
  });
});
