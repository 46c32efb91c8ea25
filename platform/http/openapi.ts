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

/** The generated OpenAPI 3.1 document. */
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
        body: r.binaryBody
          ? { required: true, content: Object.fromEntries(r.binaryBody.contentTypes.map((t) => [t, { schema: { type: 'string' as const, format: 'binary', maxLength: r.binaryBody!.maxBytes } }])) }
          : r.body ? { required: true, content: { 'application/json': { schema: r.body, ...(r.examples?.request !== undefined ? { example: r.examples.request } : {}) } } } : undefined,
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
 * /api/v1/openapi.json and shows, per tag, every operation with its access rule, parameters,
 * request body and answers: schemas drawn as field trees with `$ref`s resolved to their
 * component (linked, expanded in place), and the examples.
 */
export function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API docs — Cold-chain dispatch</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:14px/1.45 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;display:flex;color:#1d2433}
nav{width:300px;flex:none;height:100vh;overflow:auto;border-right:1px solid #ddd;padding:8px;position:sticky;top:0;box-sizing:border-box}
main{flex:1;padding:16px 24px;max-width:1100px;min-width:0}
nav a{display:block;color:#333;text-decoration:none;padding:1px 0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:13px}
nav h3{margin:10px 0 2px;font-size:12px;text-transform:uppercase;color:#666}
input{width:100%;padding:5px;box-sizing:border-box}
details.op{border:1px solid #d6dbe3;border-radius:6px;margin:8px 0;padding:6px 10px}
details.op>summary{cursor:pointer}
h2.tag{margin:24px 0 0;border-bottom:1px solid #eee}p.tagd{margin:2px 0 8px;color:#555}
.m{display:inline-block;width:58px;font-weight:600;text-transform:uppercase;font-size:12px}.get{color:#08754a}.post{color:#0550b3}.patch,.put{color:#9a5b00}.delete{color:#b42318}
code.id{color:#666;font-size:12px;margin-left:6px}
h4{margin:10px 0 4px;font-size:13px}
table.params{border-collapse:collapse;font-size:13px}table.params td,table.params th{border-bottom:1px solid #eee;padding:2px 8px 2px 0;text-align:left;vertical-align:top}
ul.schema{list-style:none;margin:0;padding-left:16px;border-left:1px dotted #ccc}ul.schema.top{padding-left:0;border:0}
ul.schema li{margin:1px 0}
.f{font-family:ui-monospace,monospace;font-weight:600}.req{color:#b42318}.t{color:#0550b3;font-family:ui-monospace,monospace;font-size:12px}.d{color:#555}
a.ref{color:#7a3db8;font-family:ui-monospace,monospace;font-size:12px}
.st{font-family:ui-monospace,monospace;font-weight:600;margin-right:6px}.st2{color:#08754a}.st4{color:#b42318}
pre{background:#f6f7f9;padding:8px;overflow:auto;font-size:12px;max-height:320px}
details.ex>summary{cursor:pointer;color:#0550b3;font-size:13px}
</style></head>
<body><nav><input id="q" placeholder="filter: path, operationId, summary…" aria-label="filter operations"><div id="toc"></div></nav>
<main><h1>Cold-chain dispatch API</h1>
<p>OpenAPI 3.1: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Errors are <code>{"error":{"code","message","details"}}</code> (schema <a class="ref" href="#schema-Error">Error</a>); clients switch on <code>error.code</code>. Authenticate with <code>Authorization: Bearer &lt;token&gt;</code> from <code>POST /api/v1/auth/login</code>, or its session cookie.</p>
<div id="ops">Loading /api/v1/openapi.json…</div><div id="schemas"></div></main>
<script>
const esc=s=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
fetch('/api/v1/openapi.json').then(r=>r.json()).then(doc=>{
  const comps=(doc.components&&doc.components.schemas)||{};
  const refName=r=>r.replace('#/components/schemas/','');
  const typeOf=s=>{
    if(!s||typeof s!=='object')return 'any';
    if(s.$ref)return refName(s.$ref);
    let t=Array.isArray(s.type)?s.type.join(' | '):s.type;
    if(s.enum)t=s.enum.map(v=>JSON.stringify(v)).join(' | ');
    else if(s.const!==undefined)t=JSON.stringify(s.const);
    else if(t==='array')t='array';
    else if(!t&&(s.oneOf||s.anyOf))t='one of';
    else if(!t)t='any';
    const f=[];if(s.format)f.push(s.format);if(s.pattern)f.push('/'+s.pattern+'/');
    if(s.minimum!==undefined)f.push('≥ '+s.minimum);if(s.maximum!==undefined)f.push('≤ '+s.maximum);
    if(s.minLength!==undefined)f.push('len ≥ '+s.minLength);if(s.maxLength!==undefined)f.push('len ≤ '+s.maxLength);
    if(s.minItems!==undefined)f.push('items ≥ '+s.minItems);if(s.maxItems!==undefined)f.push('items ≤ '+s.maxItems);
    if(s.default!==undefined)f.push('default '+JSON.stringify(s.default));if(s.contentMediaType)f.push(s.contentMediaType);
    return t+(f.length?' ('+f.join(', ')+')':'');
  };
  // A schema as a field tree; a $ref names its component (a link) and is expanded in place,
  // except inside itself (recursion) or deeper than a few levels.
  const tree=(s,seen,depth)=>{
    if(!s||typeof s!=='object')return '';
    if(s.$ref){const n=refName(s.$ref);if(seen.includes(n)||depth>6)return '';return tree(comps[n],seen.concat(n),depth+1);}
    let h='';
    if(s.properties){const req=new Set(s.required||[]);
      h+='<ul class="schema">'+Object.entries(s.properties).map(([k,v])=>'<li><span class="f">'+esc(k)+'</span>'+(req.has(k)?'<span class="req" title="required">*</span>':'')+': '+typeHtml(v)+(v.description?' <span class="d">— '+esc(v.description)+'</span>':'')+tree(v,seen,depth+1)+'</li>').join('')+'</ul>';
      if(s.additionalProperties===false)h=h.slice(0,-5)+'<li class="d">no other fields</li></ul>';}
    else if(s.additionalProperties&&typeof s.additionalProperties==='object')h+='<ul class="schema"><li><span class="f">{key}</span>: '+typeHtml(s.additionalProperties)+tree(s.additionalProperties,seen,depth+1)+'</li></ul>';
    if(s.items&&!Array.isArray(s.items))h+='<ul class="schema"><li><span class="d">each item:</span> '+typeHtml(s.items)+tree(s.items,seen,depth+1)+'</li></ul>';
    if(s.prefixItems)h+='<ul class="schema">'+s.prefixItems.map((v,i)=>'<li><span class="d">['+i+']</span> '+typeHtml(v)+'</li>').join('')+'</ul>';
    const alts=s.oneOf||s.anyOf;
    if(alts)h+='<ul class="schema">'+alts.map((v,i)=>'<li><span class="d">option '+(i+1)+':</span> '+typeHtml(v)+(v.description?' <span class="d">— '+esc(v.description)+'</span>':'')+tree(v,seen,depth+1)+'</li>').join('')+'</ul>';
    return h;
  };
  const typeHtml=s=>s&&s.$ref?'<a class="ref" href="#schema-'+esc(refName(s.$ref))+'">'+esc(refName(s.$ref))+'</a>':'<span class="t">'+esc(typeOf(s))+(s&&s.type==='array'&&s.items?' of '+esc(typeOf(s.items)):'')+'</span>';
  const schemaBlock=s=>'<div>'+typeHtml(s)+(s&&s.description?' <span class="d">— '+esc(s.description)+'</span>':'')+'<ul class="schema top"><li>'+tree(s,[],0)+'</li></ul></div>';
  const example=(label,v)=>v===undefined?'':'<details class="ex" open><summary>'+esc(label)+'</summary><pre>'+esc(JSON.stringify(v,null,2))+'</pre></details>';
  const content=c=>Object.entries(c||{}).map(([type,m])=>'<div><code>'+esc(type)+'</code> '+(type==='application/json'?schemaBlock(m.schema):'<span class="t">'+esc(typeOf(m.schema))+'</span>')+example('Example',m.example)+'</div>').join('');
  const ops=[];for(const [p,item] of Object.entries(doc.paths||{}))for(const [m,op] of Object.entries(item))if(op&&op.responses)ops.push({p,m,op});
  const tags=(doc.tags||[]).map(t=>t.name);
  const opHtml=(o,i)=>{const op=o.op;let h='<details class="op" id="op-'+esc(op.operationId||i)+'"><summary><span class="m '+o.m+'">'+o.m+'</span><code>'+esc(o.p)+'</code> — '+esc(op.summary||'')+'<code class="id">'+esc(op.operationId||'')+'</code></summary>';
    h+='<p>'+esc(op.description||'')+'</p>';
    if(op.parameters&&op.parameters.length)h+='<h4>Parameters</h4><table class="params"><tr><th>name</th><th>in</th><th>type</th><th></th></tr>'+op.parameters.map(p=>'<tr><td><span class="f">'+esc(p.name)+'</span>'+(p.required?'<span class="req">*</span>':'')+'</td><td>'+esc(p.in)+'</td><td>'+typeHtml(p.schema)+'</td><td class="d">'+esc(p.description||(p.schema&&p.schema.description)||'')+'</td></tr>').join('')+'</table>';
    if(op.requestBody)h+='<h4>Request body</h4>'+content(op.requestBody.content);
    h+='<h4>Answers</h4>'+Object.entries(op.responses).map(([st,r])=>'<div><span class="st st'+st[0]+'">'+esc(st)+'</span>'+esc(r.description||'')+(st[0]==='2'?content(r.content):'')+'</div>').join('');
    return h+'</details>';};
  const render=f=>{const match=o=>(o.m+' '+o.p+' '+(o.op.summary||'')+' '+(o.op.operationId||'')).toLowerCase().includes(f);
    let toc='',body='';
    for(const t of tags){const list=ops.filter(o=>(o.op.tags||[])[0]===t&&match(o));if(!list.length)continue;
      const td=(doc.tags.find(x=>x.name===t)||{}).description||'';
      toc+='<h3>'+esc(t)+'</h3>'+list.map(o=>'<a href="#op-'+esc(o.op.operationId)+'" title="'+esc(o.p)+'"><span class="m '+o.m+'">'+o.m+'</span>'+esc(o.p.replace('/api/v1',''))+'</a>').join('');
      body+='<h2 class="tag" id="tag-'+esc(t)+'">'+esc(t)+'</h2><p class="tagd">'+esc(td)+'</p>'+list.map(opHtml).join('');}
    document.getElementById('toc').innerHTML=toc+'<h3>schemas</h3>'+Object.keys(comps).map(n=>'<a href="#schema-'+esc(n)+'">'+esc(n)+'</a>').join('');
    document.getElementById('ops').innerHTML=body;};
  render('');document.getElementById('q').oninput=e=>render(e.target.value.toLowerCase());
  document.getElementById('schemas').innerHTML='<h2 class="tag">Schemas</h2>'+Object.entries(comps).map(([n,s])=>'<details class="op" id="schema-'+esc(n)+'"><summary><span class="f">'+esc(n)+'</span> '+(s.description?'<span class="d">— '+esc(s.description)+'</span>':'')+'</summary>'+schemaBlock({$ref:'#/components/schemas/'+n})+example('Example',s.example)+'</details>').join('');
  // A link to a schema or operation opens it.
  const openHash=()=>{const el=document.getElementById(decodeURIComponent(location.hash.slice(1)));if(el&&el.tagName==='DETAILS'){el.open=true;el.scrollIntoView();}};
  window.addEventListener('hashchange',openHash);openHash();
});
</script></body></html>`;
}
