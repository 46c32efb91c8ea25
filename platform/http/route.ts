/**
 * Routes are declared once: method, path, who may call it, zod schemas for the input and
 * output. From that one declaration come the koa handler (validation, permission check,
 * audit, idempotency), the OpenAPI 3.1 document and the role × route permission matrix test.
 */
import type { ParameterizedContext } from 'koa';
import { z, type ZodType } from 'zod';
import { AppError } from '../errors';
import type { Queryable } from '../db/pool';
import type { AuditRow } from '../audit/audit';
import { idPattern } from '../ids';
import type { ApiTag } from './tags';

export const ROLES = ['admin', 'dispatcher', 'qa', 'rider', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  facilityId: string | null;
  riderId: string | null;
  /** When the password was last checked in this session (for re-authentication rules). */
  lastAuthAt: Date;
}

/**
 * An audit row as a handler gives it: who, from where and in which request come from the
 * request itself; `reason` defaults to the request's reason, when the route takes one.
 */
export type AuditEntry = Omit<AuditRow, 'actorId' | 'actorRole' | 'requestId' | 'ip'>;

/** What a handler gets besides its validated input. */
export interface RequestContext {
  user: SessionUser | undefined;
  requestId: string;
  ip: string;
  /** The change reason given by the client (body `reason` or header `X-Change-Reason`). */
  reason: string | null;
  /** Writes an audit row through `q` (pass the transaction client so both commit together). */
  audit(q: Queryable, entry: AuditEntry): Promise<void>;
  koa: ParameterizedContext;
}

export type Access = readonly Role[] | 'public' | 'authenticated';

export interface RouteResult<T = unknown> {
  status?: number;
  body?: T;
  headers?: Record<string, string>;
}

/** Content types a raw (non-JSON) answer may have; the document lists them per operation. */
export const RAW_CONTENT_TYPES = ['text/csv', 'text/html', 'text/event-stream', 'image/png', 'image/svg+xml', 'image/jpeg', 'image/webp', 'application/pdf', 'application/x-tar'] as const;
export type RawContentType = (typeof RAW_CONTENT_TYPES)[number];

/** operationId: camelCase, starting with a verb-like lowercase word (`listFacilities`, `placeOrder`). */
export const OPERATION_ID = /^[a-z][a-zA-Z0-9]{2,79}$/;

/** A documented error answer of an operation (the body is the shared Error schema). */
export interface ErrorDoc {
  /** Stable `error.code` values this status carries on this route. */
  codes: string[];
  description?: string;
}

interface RouteBase<P, Q, B> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** koa-style path relative to /api/v1, e.g. `/orders/:id`. */
  path: string;
  /** Unique across the API, camelCase (the typed client's function names come from it). */
  operationId: string;
  summary: string;
  /** Declared once in tags.ts. */
  tags: [ApiTag, ...ApiTag[]];
  access: Access;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /**
   * The body is bytes of one of these media types (an uploaded image), handed to the handler
   * as a Buffer in `body`; not JSON, so `body` above is left out.
   */
  binaryBody?: { contentTypes: readonly string[]; maxBytes: number };
  successStatus?: number;
  /** The route's main client errors (status → codes), documented besides the generic 4XX. */
  errors?: Partial<Record<400 | 401 | 403 | 404 | 409 | 422 | 423 | 429, ErrorDoc>>;
  /** Example request body and JSON answer, shown in the document (the OpenAPI test parses them with the schemas). */
  examples?: { request?: unknown; response?: unknown };
  /**
   * `handler`: `body` documents the request, but the handler validates it itself with the same
   * schema (an order's issues carry their own stable codes), so the wrapper passes it on as sent.
   */
  bodyValidation?: 'handler';
  /** GMP-relevant change: a non-empty reason is required (Annex 11 §9). */
  reasonRequired?: boolean;
  /** Honour the Idempotency-Key header (replay the first answer; 409 on a different body). */
  idempotent?: boolean;
  /** `none`: a state-changing route that needs no audit row (login, logout write their own). */
  audit?: 'none';
  handler(input: { params: P; query: Q; body: B }, rc: RequestContext): Promise<RouteResult | void>;
}

/**
 * What the 2xx answer is — one of, enforced by the type:
 * - `response`: a JSON body with this zod schema. In the dev and test profiles every JSON answer
 *   is checked against it (a mismatch is a 500 `response_schema_mismatch`), so the document
 *   cannot drift from what the handler sends.
 * - `produces`: a raw answer the handler writes to ctx.body itself (CSV, HTML, SSE, images).
 * - `successStatus: 204`: no body.
 */
export type RouteDef<P = any, Q = any, B = any> = RouteBase<P, Q, B> & (
  | { response: ZodType; produces?: never }
  | { produces: readonly [RawContentType, ...RawContentType[]]; response?: never }
  | { successStatus: 204; response?: never; produces?: never }
);

export function route<P, Q, B>(def: RouteDef<P, Q, B>): RouteDef<P, Q, B> {
  return def;
}

/** A context's routes, mounted under /api/v1. */
export interface RouteModule {
  name: string;
  routes: RouteDef[];
}

export function allowed(access: Access, user: SessionUser | undefined): 'ok' | 'unauthenticated' | 'forbidden' {
  if (access === 'public') return 'ok';
  if (!user) return 'unauthenticated';
  if (access === 'authenticated') return 'ok';
  return access.includes(user.role) ? 'ok' : 'forbidden';
}

/** zod issues → one stable error: `validation_failed` with per-field codes. */
export function validationError(where: 'body' | 'query' | 'params', error: z.ZodError): AppError {
  const issues = error.issues.map((i) => {
    const path = [where, ...i.path.map(String)].join('.');
    if (i.code === 'unrecognized_keys') {
      return { path, code: 'unknown_field', message: `unknown field(s): ${(i as { keys: string[] }).keys.join(', ')}` };
    }
    if (i.code === 'invalid_type') return { path, code: 'invalid_type', message: i.message };
    if (i.code === 'too_big' || i.code === 'too_small') return { path, code: i.code, message: i.message };
    return { path, code: i.code === 'custom' ? ((i as { params?: { code?: string } }).params?.code ?? 'invalid_value') : 'invalid_value', message: i.message };
  });
  const first = issues[0];
  return new AppError('invalid_input', 'validation_failed', `Invalid ${where}: ${first.path} — ${first.message}`, { issues });
}

/** Common schema pieces. */
export const schemas = {
  id: (prefix: string) => z.string().regex(idPattern(prefix), `must be an id like ${prefix}_ followed by 1–32 lowercase letters or digits`),
  reason: z.string().trim().min(3).max(2000).meta({ description: 'Why the change is made (kept in the audit trail)' }),
  pageQuery: z.object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
  }),
};
