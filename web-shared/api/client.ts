/**
 * The one place the web apps call the API. Same-origin requests carry the session cookie the
 * login sets (httpOnly: scripts never see the token). Every failure becomes an ApiError with
 * the server's stable code; 401 also tells the session module, which sends the user to log in.
 */
export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: unknown = null) {
    super(message);
    this.name = 'ApiError';
  }
}

type Unauthenticated = () => void;
const onUnauthenticated = new Set<Unauthenticated>();

/** Called when a request answers 401 (session over); returns an unsubscribe function. */
export function whenUnauthenticated(f: Unauthenticated): () => void {
  onUnauthenticated.add(f);
  return () => onUnauthenticated.delete(f);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function queryString(q: Query | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** `file`: the body is these bytes, sent with the file's own media type (an upload), instead of JSON `body`. */
export async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown; file?: Blob; reason?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.file) headers['content-type'] = opts.file.type || 'application/octet-stream';
  else if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.reason) headers['x-change-reason'] = opts.reason;
  let res: Response;
  try {
    res = await fetch(API_BASE + path + queryString(opts.query), {
      method, headers, credentials: 'same-origin', signal: opts.signal,
      body: opts.file ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'The server cannot be reached; check the network and try again.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    if (res.status === 401 && path !== '/auth/login') for (const f of onUnauthenticated) f();
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `HTTP ${res.status}`, err?.details ?? null);
  }
  return json as T;
}
