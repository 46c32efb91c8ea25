import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type ZodMediaTypeObject } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { RawContentType, RouteDef } from './route';
import { API_TAGS, type ApiTag } from './tags';

/** The one error shape of every 4xx/5xx answer (platform/errors.ts). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable snake_case code a client can switch on' }),
    message: z.string().meta({ description: 'For people; may change' }),
    details: z.unknown().nullable(),
  }).strict(),
}).strict().meta({ id: 'Error', example: { error: { code: 'validation_failed', message: 'Invalid body: body.note — Too small: expected string to have >=3 characters', details: { issues: [{ path: 'body.note', code: 'too_small', message: 'Too small: expected string to have >=3 characters' }] } } } });

const STATUS_TEXT: Record<number, string> = { 400: 'Bad input', 401: 'Not logged in', 403: 'Not allowed', 404: 'Not found', 409: 'Conflict', 422: 'Cannot be done', 423: 'Locked', 429: 'Too many requests' };

/** The client errors a route can answer: the ones every route of its kind has, plus its own. */
export function errorCodes(r: RouteDef): Map<number, string[]> {
  const m = new Map<number, string[]>();
  const add = (status: number, ...codes: string[]) => m.set(status, [...new Set([...(m.get(status) ?? []), ...codes])]);
  if (r.body || r.query || r.params) add(400, 'validation_failed');
  if (r.reasonRequired) add(400, 'reason_required');
  if (r.access !== 'public') add(401, 'authentication_required', 'invalid_session');
  if (Array.isArray(r.access)) add(403, 'forbidden');
  if (r.idempotent) add(409, 'idempotency_key_reused', 'idempotency_in_progress');
  for (const [status, doc] of Object.entries(r.errors ?? {})) if (doc) add(Number(status), ...doc.codes);
  return m;
}

export function successStatus(r: RouteDef): number {
  return r.successStatus ?? (r.method === 'post' ? 201 : 200);
}

let cached: { routes: RouteDef[]; doc: OpenApiDoc } | undefined;

/** The parts of the generated document this code reads (the generator's own type is wider). */
export type OpenApiDoc = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** OpenAPI 3.1 document generated from the route declarations (the zod schemas). */
export function buildOpenApi(routes: RouteDef[]): OpenApiDoc {
  if (cached?.routes === routes) return cached.doc;
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'cookie', { type: 'apiKey', in: 'cookie', name: 'cc_session' });
  const used = new Set<string>();
  for (const r of routes) {
    for (const t of r.tags) used.add(t);
    const path = '/api/v1' + r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const access = r.access === 'public' ? 'public' : r.access === 'authenticated' ? 'any logged-in user' : `roles: ${r.access.join(', ')}`;
    const status = successStatus(r);
    const errors: Record<string, ResponseConfig> = {};
    for (const [code, codes] of [...errorCodes(r)].sort((a, b) => a[0] - b[0])) {
      const own = r.errors?.[code as keyof NonNullable<RouteDef['errors']>]?.description;
      errors[String(code)] = {
        description: `${own ?? STATUS_TEXT[code] ?? 'Client error'}. error.code: ${codes.join(', ')}`,
        content: { 'application/json': { schema: ErrorBody } },
      };
    }
    registry.registerPath({
      method: r.method,
      path,
      operationId: r.operationId,
      summary: r.summary,
      description: `Access: ${access}.${r.reasonRequired ? ' Requires a change reason.' : ''}${r.idempotent ? ' Honours the Idempotency-Key header.' : ''}`,
      tags: r.tags,
      security: r.access === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
      request: {
        params: r.params as never,
        query: r.query as never,
        body: r.body ? { required: true, content: { 'application/json': { schema: r.body, ...(r.examples?.request !== undefined ? { example: r.examples.request } : {}) } } } : undefined,
      },
      responses: {
        [String(status)]: r.response
          ? { description: 'Success', content: { 'application/json': { schema: r.response, ...(r.examples?.response !== undefined ? { example: r.examples.response } : {}) } } }
          : r.produces
            ? { description: `Success (${r.produces.join(' or ')})`, content: Object.fromEntries(r.produces.map((t) => [t, { schema: rawSchema(t) }])) }
            : { description: 'Success, no content' },
        ...errors,
        '4XX': { description: 'Other client errors', content: { 'application/json': { schema: ErrorBody } } },
      },
    });
  }
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Cold-chain dispatch API', version: '1', description: 'Pharmacy O2O cold-chain dispatch, telemetry and tracking.' },
    servers: [{ url: '/' }],
    tags: (Object.keys(API_TAGS) as ApiTag[]).filter((t) => used.has(t)).map((name) => ({ name, description: API_TAGS[name] })),
  });
  cached = { routes, doc };
  return doc;
}

/** A raw answer's schema: text, or bytes for images and PDFs (OpenAPI 3.1 contentMediaType). */
function rawSchema(type: RawContentType): ZodMediaTypeObject['schema'] {
  return type.startsWith('text/') || type === 'image/svg+xml' ? { type: 'string' } : { type: 'string', contentMediaType: type };
}

/**
 * A self-contained docs page (no CDN: the machines that run this may be offline) that reads
 * /api/v1/openapi.json and lists every operation with its access rule and schemas.
 */
export function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API docs</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:14px/1.45 system-ui,sans-serif;margin:0;display:flex}nav{width:280px;height:100vh;overflow:auto;border-right:1px solid #ddd;padding:8px;position:sticky;top:0}
main{flex:1;padding:16px;max-width:1000px}details{border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:6px 10px}summary{cursor:pointer}
.m{display:inline-block;width:60px;font-weight:600;text-transform:uppercase}.get{color:#0a7}.post{color:#05c}.patch,.put{color:#c70}.delete{color:#c22}
pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}nav a{display:block;color:#333;text-decoration:none;padding:2px 0}input{width:100%;padding:4px;box-sizing:border-box}</style></head>
<body><nav><input id="q" placeholder="filter…"><div id="toc"></div></nav><main><h1>Cold-chain dispatch API</h1><p>OpenAPI 3.1: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Errors are <code>{"error":{"code","message","details"}}</code>.</p><div id="ops"></div></main>
<script>
fetch('/api/v1/openapi.json').then(r=>r.json()).then(doc=>{
  const ops=[];for(const [p,item] of Object.entries(doc.paths||{}))for(const [m,op] of Object.entries(item))ops.push({p,m,op});
  const esc=s=>String(s).replace(/[&<>]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));
  const render=f=>{const list=ops.filter(o=>(o.m+' '+o.p+' '+(o.op.summary||'')).toLowerCase().includes(f));
    document.getElementById('toc').innerHTML=list.map((o,i)=>'<a href="#op'+i+'"><span class="m '+o.m+'">'+o.m+'</span>'+esc(o.p)+'</a>').join('');
    document.getElementById('ops').innerHTML=list.map((o,i)=>'<details id="op'+i+'"><summary><span class="m '+o.m+'">'+o.m+'</span><code>'+esc(o.p)+'</code> — '+esc(o.op.summary||'')+'</summary><p>'+esc(o.op.description||'')+'</p><pre>'+esc(JSON.stringify({parameters:o.op.parameters,requestBody:o.op.requestBody,responses:o.op.responses},null,2))+'</pre></details>').join('');};
  render('');document.getElementById('q').oninput=e=>render(e.target.value.toLowerCase());
  const c=document.createElement('details');c.innerHTML='<summary>Schemas</summary><pre>'+esc(JSON.stringify(doc.components,null,2))+'</pre>';document.getElementById('ops').after(c);
});
</script></body></html>`;
}
