import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { RouteDef } from './route';

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().nullable() }),
}).meta({ id: 'Error' });

let cached: { routes: RouteDef[]; doc: unknown } | undefined;

/** OpenAPI 3.1 document generated from the route declarations (the zod schemas). */
export function buildOpenApi(routes: RouteDef[]): unknown {
  if (cached?.routes === routes) return cached.doc;
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'cookie', { type: 'apiKey', in: 'cookie', name: 'cc_session' });
  for (const r of routes) {
    const path = '/api/v1' + r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const access = r.access === 'public' ? 'public' : r.access === 'authenticated' ? 'any logged-in user' : `roles: ${r.access.join(', ')}`;
    registry.registerPath({
      method: r.method,
      path,
      summary: r.summary,
      description: `Access: ${access}.${r.reasonRequired ? ' Requires a change reason.' : ''}${r.idempotent ? ' Honours the Idempotency-Key header.' : ''}`,
      tags: r.tags,
      security: r.access === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
      request: {
        params: r.params as never,
        query: r.query as never,
        body: r.binaryBody
          ? { content: Object.fromEntries(r.binaryBody.contentTypes.map((t) => [t, { schema: { type: 'string' as const, format: 'binary', maxLength: r.binaryBody!.maxBytes } }])) }
          : r.body ? { content: { 'application/json': { schema: r.body } } } : undefined,
      },
      responses: {
        [String(r.successStatus ?? (r.method === 'post' ? 201 : 200))]: {
          description: 'Success',
          content: r.response ? { 'application/json': { schema: r.response } } : undefined,
        },
        '4XX': { description: 'Client error', content: { 'application/json': { schema: ErrorBody } } },
      },
    });
  }
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Cold-chain dispatch API', version: '1', description: 'Pharmacy O2O cold-chain dispatch, telemetry and tracking.' },
    servers: [{ url: '/' }],
  });
  cached = { routes, doc };
  return doc;
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
