/**
 * The koa application: request ids, access log and metrics, one error middleware that maps
 * the closed set of error kinds to HTTP, JSON body reading with a size limit, sessions,
 * per-route permission checks and validation, audit, idempotency, OpenAPI.
 */
import { createHash, randomUUID } from 'node:crypto';
import Koa, { type ParameterizedContext } from 'koa';
import Router from '@koa/router';
import { AppError, fromPgError, isAppError } from '../errors';
import { logger } from '../logger';
import { httpDuration } from '../metrics';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';
import { appDb, type Queryable } from '../db/pool';
import { recordAudit } from '../audit/audit';
import { SESSION_COOKIE, sessionFromToken } from '../auth/sessions';
import { allowed, validationError, type RouteDef, type RouteModule, type RequestContext, type AuditEntry } from './route';
import { buildOpenApi, docsPage, ErrorBody } from './openapi';
import { responseMismatch } from './response-check';
import { beginIdempotent, finishIdempotent, abandonIdempotent } from './idempotency';
import { MAX_JSON_DEPTH, jsonDepth, serializeBody } from './json-body';

export const API_PREFIX = '/api/v1';

export interface ExtraMount {
  /** Plain koa middleware for non-API paths (static UIs, /healthz, /metrics, SSE). */
  (app: Koa): void;
}

async function readBytes(ctx: ParameterizedContext, limit: number): Promise<Buffer> {
  const len = Number(ctx.get('content-length') || 0);
  if (len > limit) throw new AppError('payload_too_large', 'payload_too_large', `Request body is larger than ${limit} bytes.`, { limit });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      // Stop reading; the connection is closed after the answer so no half body lingers.
      ctx.set('Connection', 'close');
      throw new AppError('payload_too_large', 'payload_too_large', `Request body is larger than ${limit} bytes.`, { limit });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

async function readBody(ctx: ParameterizedContext, limit: number): Promise<unknown> {
  const bytes = await readBytes(ctx, limit);
  if (bytes.length === 0) return undefined;
  if (!ctx.is('application/json')) {
    throw new AppError('unsupported_media_type', 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = bytes.toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new AppError('invalid_input', 'too_deeply_nested', `The body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep; no request needs that many.`, { maxDepth: MAX_JSON_DEPTH });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError('invalid_input', 'malformed_json', `The body is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * CSRF: a session cookie rides along on requests another site starts (SameSite=Lax still lets
 * some through: a sibling subdomain is "same site", and browsers have exceptions for fresh
 * cookies). A state-changing call authenticated by the cookie alone must come from our own
 * origin: the browser says so in Sec-Fetch-Site, or failing that in Origin. Bearer calls carry
 * their credential deliberately and are not affected; a client sending neither header is not a
 * browser acting for another site.
 */
function crossSiteCookieCall(ctx: ParameterizedContext): boolean {
  if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS') return false;
  const site = ctx.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = ctx.get('origin');
  if (!origin) return false;
  try { return new URL(origin).host !== ctx.host; } catch { return true; }
}

function bearerOrCookie(ctx: ParameterizedContext): string | undefined {
  const h = ctx.get('authorization');
  if (h) {
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (!m) throw new AppError('unauthenticated', 'invalid_session', 'Malformed Authorization header; expected "Bearer <token>".');
    return m[1];
  }
  const cookie = ctx.cookies.get(SESSION_COOKIE) || undefined;
  if (cookie && crossSiteCookieCall(ctx)) {
    throw new AppError('forbidden', 'cross_site_request', 'This request came from another site and was refused. Use the page on this server, or send the session as an Authorization header.');
  }
  return cookie;
}

function mountRoute(router: Router, r: RouteDef, bodyLimit: number, checkAnswers: boolean): void {
  const fullPath = API_PREFIX + r.path;
  router[r.method](fullPath, async (ctx) => {
    ctx.state.routePath = fullPath;
    // Who is calling: a missing session is fine for public routes; a forged one never is.
    const token = bearerOrCookie(ctx);
    if (token) {
      ctx.state.user = await sessionFromToken(appDb(), token);
      if (!ctx.state.user && r.access !== 'public') {
        throw new AppError('unauthenticated', 'invalid_session', 'The session is invalid or has expired; log in again.');
      }
    }
    const verdict = allowed(r.access, ctx.state.user);
    if (verdict === 'unauthenticated') throw new AppError('unauthenticated', 'authentication_required', 'Log in first.');
    if (verdict === 'forbidden') throw new AppError('forbidden', 'forbidden', `Role ${ctx.state.user!.role} may not ${r.method.toUpperCase()} ${fullPath}.`);

    const binary = r.binaryBody;
    if (binary && !ctx.is(binary.contentTypes as string[])) {
      throw new AppError('unsupported_media_type', 'unsupported_media_type', `Send the file with Content-Type ${binary.contentTypes.join(', ')}.`, { accepted: binary.contentTypes });
    }
    const rawBody = binary ? await readBytes(ctx, binary.maxBytes) : r.method === 'get' || r.method === 'delete' ? undefined : await readBody(ctx, bodyLimit);
    let body: unknown = undefined;
    if (binary) {
      if ((rawBody as Buffer).length === 0) throw new AppError('invalid_input', 'body_required', 'The request body is empty: send the file\'s bytes.');
      body = rawBody;
    } else if (r.body && r.bodyValidation === 'handler') {
      body = rawBody ?? {};
    } else if (r.body) {
      // No body at all validates as {} so the answer names the missing fields.
      const parsed = r.body.safeParse(rawBody === undefined ? {} : rawBody);
      if (!parsed.success) throw validationError('body', parsed.error);
      body = parsed.data;
    } else if (rawBody !== undefined && r.method !== 'get') {
      throw new AppError('invalid_input', 'unexpected_body', 'This endpoint takes no request body.');
    }
    let query: unknown = ctx.query;
    if (r.query) {
      const parsed = r.query.safeParse(ctx.query);
      if (!parsed.success) throw validationError('query', parsed.error);
      query = parsed.data;
    }
    let params: unknown = ctx.params;
    if (r.params) {
      const parsed = r.params.safeParse(ctx.params);
      if (!parsed.success) throw validationError('params', parsed.error);
      params = parsed.data;
    }
    const reasonRaw = (body as { reason?: unknown } | undefined)?.reason ?? ctx.get('x-change-reason');
    const reason = typeof reasonRaw === 'string' && reasonRaw.trim() ? reasonRaw.trim() : null;
    if (r.reasonRequired && (!reason || reason.length < 3)) {
      throw new AppError('invalid_input', 'reason_required', 'This change needs a reason (body field "reason" or header X-Change-Reason, at least 3 characters).');
    }

    let audited = 0;
    const rc: RequestContext = {
      user: ctx.state.user,
      requestId: ctx.state.requestId,
      ip: ctx.ip,
      reason,
      koa: ctx,
      audit: async (q: Queryable, entry: AuditEntry) => {
        audited++;
        await recordAudit(q, {
          ...entry,
          reason: entry.reason ?? reason,
          actorId: ctx.state.user?.id ?? null,
          actorRole: ctx.state.user?.role ?? null,
          requestId: ctx.state.requestId,
          ip: ctx.ip,
        });
      },
    };

    let idem: { scope: string; key: string } | undefined;
    if (r.idempotent) {
      const key = ctx.get('idempotency-key');
      if (key) {
        if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new AppError('invalid_input', 'invalid_idempotency_key', 'Idempotency-Key must be 1–200 visible ASCII characters.');
        const scope = `${r.method} ${fullPath} ${ctx.state.user?.id ?? 'anon'}`;
        const hash = createHash('sha256').update(JSON.stringify(rawBody ?? null)).digest('hex');
        const prior = await beginIdempotent(appDb(), scope, key, hash);
        if (prior) {
          ctx.status = prior.status;
          ctx.body = prior.response;
          ctx.set('Idempotent-Replayed', 'true');
          return;
        }
        idem = { scope, key };
      }
    }

    let result: Awaited<ReturnType<RouteDef['handler']>>;
    try {
      result = await r.handler({ params, query, body } as never, rc);
    } catch (e) {
      if (idem) await abandonIdempotent(appDb(), idem.scope, idem.key);
      throw e;
    }
    if (r.produces) return;
    const status = result?.status ?? r.successStatus ?? (r.method === 'post' ? 201 : 200);
    ctx.status = status;
    if (result?.headers) for (const [k, v] of Object.entries(result.headers)) ctx.set(k, v);
    const out = result?.body ?? (status === 204 ? undefined : { ok: true });
    // Plain objects and arrays are serialised here, once, for the answer and the idempotent
    // replay alike (json-body.ts); streams, buffers and strings go out as they are.
    const json = typeof out === 'object' && out !== null && (Array.isArray(out) || Object.getPrototypeOf(out) === Object.prototype) ? serializeBody(out) : undefined;
    if (checkAnswers) checkAnswer(r, fullPath, status, json, out);
    if (json !== undefined) {
      ctx.type = 'application/json';
      // Encoded here in one pass; a string body is measured for Content-Length, then encoded.
      ctx.body = Buffer.from(json);
    } else {
      ctx.body = out;
    }
    if (idem) await finishIdempotent(appDb(), idem.scope, idem.key, status, json ?? JSON.stringify(out ?? null));

    if (r.method !== 'get' && r.audit !== 'none' && audited === 0 && status < 300) {
      // Every state-changing call leaves an audit row (Part 11 §11.10(e)). Routes record a
      // precise one; this is the safety net and logs loudly so the gap gets fixed.
      logger.warn({ route: fullPath }, 'state-changing route recorded no audit row; writing a generic one');
      await rc.audit(appDb(), { action: `${r.method} ${fullPath}`, entityType: r.tags[0] ?? 'api', entityId: (ctx.params as Record<string, string>).id ?? null, newValue: { status } });
    }
  });
}

/**
 * dev and test profiles: the answer must be what the route declares (its `response` schema for
 * 2xx, the Error schema otherwise, no body for 204), or the request fails loudly with a 500
 * naming the route, so the integration tests prove the OpenAPI document.
 */
function checkAnswer(r: RouteDef, fullPath: string, status: number, json: string | undefined, out: unknown): void {
  let problem: string | null = null;
  if (status === 204 || (status >= 300 && status < 400)) {
    if (out !== undefined && out !== null) problem = `status ${status} with a body`;
  } else if (json === undefined) {
    problem = `a non-JSON body (${out === undefined ? 'none' : typeof out}) from a route declared as JSON`;
  } else if (status >= 400) {
    problem = responseMismatch(ErrorBody, json);
  } else if (!r.response) {
    problem = `a JSON answer but the route declares no response schema`;
  } else {
    problem = responseMismatch(r.response, json);
  }
  if (problem) {
    logger.error({ route: `${r.method.toUpperCase()} ${fullPath}`, operationId: r.operationId, status, problem }, 'answer does not match the declared response schema');
    throw new AppError('internal', 'response_schema_mismatch', `${r.method.toUpperCase()} ${fullPath} (${r.operationId}) answered ${status} with ${problem}.`);
  }
}

export interface ApiAppOptions {
  modules: RouteModule[];
  extra?: ExtraMount[];
  /** Checks for /readyz: name → async check that throws when not ready. */
  readiness?: Record<string, () => Promise<void>>;
}

export const NO_DEVICE_ACCESS = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

export function createApiApp(opts: ApiAppOptions): Koa {
  const app = new Koa({ proxy: false });
  const bodyLimit = getKey(keys.httpBodyLimit);
  const routes = opts.modules.flatMap((m) => m.routes);
  const profile = getKey(keys.stackProfile);
  const checkAnswers = profile === 'dev' || profile === 'test';

  // 1. request id + access log + metrics + errors: outermost so they see everything.
  app.use(async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    ctx.state.requestId = /^[A-Za-z0-9._-]{8,100}$/.test(incoming) ? incoming : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    // No answer may use the camera, the microphone or the position; a web app that needs one says so (static-ui's `permissions`).
    ctx.set('Permissions-Policy', NO_DEVICE_ACCESS);
    const start = process.hrtime.bigint();
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith(API_PREFIX)) {
        const other = routes.some((r) => matchPath(API_PREFIX + r.path, ctx.path));
        throw other
          ? new AppError('method_not_allowed', 'method_not_allowed', `${ctx.method} is not supported on ${ctx.path}.`)
          : new AppError('not_found', 'route_not_found', `No API route ${ctx.method} ${ctx.path}.`);
      }
    } catch (e) {
      const err = isAppError(e) ? e : fromPgError(e);
      if (err) {
        ctx.status = err.status;
        ctx.body = { error: { code: err.code, message: err.message, details: err.details ?? null } };
        if (err.status === 405) {
          ctx.set('Allow', routes.filter((r) => matchPath(API_PREFIX + r.path, ctx.path)).map((r) => r.method.toUpperCase()).join(', '));
        }
      } else {
        logger.error({ err: e, requestId: ctx.state.requestId, route: ctx.state.routePath }, 'unhandled error');
        ctx.status = 500;
        // Never a stack trace: the request id lets an operator find it in the logs.
        ctx.body = { error: { code: 'internal_error', message: `Internal error; quote request id ${ctx.state.requestId}.`, details: null } };
      }
    } finally {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const routeLabel = ctx.state.routePath ?? (ctx.path.startsWith(API_PREFIX) ? 'unmatched' : ctx.path.split('/').slice(0, 2).join('/'));
      httpDuration.observe({ method: ctx.method, route: routeLabel, status: String(ctx.status) }, seconds);
      logger.info({ requestId: ctx.state.requestId, method: ctx.method, route: routeLabel, status: ctx.status, ms: Math.round(seconds * 1000), user: ctx.state.user?.id }, 'request');
    }
  });

  // 2. Health, metrics, static UIs and other non-API mounts.
  app.use(async (ctx, next) => {
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.path === '/readyz') {
      const checks: Record<string, string> = {};
      let ok = true;
      await Promise.all(Object.entries(opts.readiness ?? {}).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          checks[name] = 'ok';
        } catch (e) {
          ok = false;
          checks[name] = `failed: ${(e as Error).message}`;
        }
      }));
      ctx.status = ok ? 200 : 503;
      ctx.body = { status: ok ? 'ready' : 'not_ready', checks };
      return;
    }
    if (ctx.path === `${API_PREFIX}/openapi.json`) {
      ctx.body = buildOpenApi(routes);
      return;
    }
    if (ctx.path === `${API_PREFIX}/docs`) {
      ctx.type = 'html';
      ctx.body = docsPage();
      return;
    }
    await next();
  });
  for (const mount of opts.extra ?? []) mount(app);

  const router = new Router();
  for (const r of routes) mountRoute(router, r, bodyLimit, checkAnswers);
  app.use(router.routes());
  return app;
}

function matchPath(pattern: string, path: string): boolean {
  const re = new RegExp('^' + pattern.replace(/:[A-Za-z_]+/g, '[^/]+') + '/?$');
  return re.test(path);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
