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

export interface RouteDef<P = any, Q = any, B = any> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** koa-style path relative to /api/v1, e.g. `/orders/:id`. */
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /**
   * The body is bytes of one of these media types (an uploaded image), handed to the handler
   * as a Buffer in `body`; not JSON, so `body` above is left out.
   */
  binaryBody?: { contentTypes: readonly string[]; maxBytes: number };
  /** Response schema for the 2xx answer (documentation). */
  response?: ZodType;
  successStatus?: number;
  /** GMP-relevant change: a non-empty reason is required (Annex 11 §9). */
  reasonRequired?: boolean;
  /** Honour the Idempotency-Key header (replay the first answer; 409 on a different body). */
  idempotent?: boolean;
  /** `none`: a state-changing route that needs no audit row (login, logout write their own). */
  audit?: 'none';
  /** Non-JSON response (CSV, HTML, SSE): handler writes ctx.body itself. */
  raw?: boolean;
  handler(input: { params: P; query: Q; body: B }, rc: RequestContext): Promise<RouteResult | void>;
}

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
