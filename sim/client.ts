/**
 * The simulator's HTTP client: the public API with a real login, as any outside client uses it.
 * No project code is imported (app/imports.test.ts): sim/ sees the system as a stranger does.
 */

export interface Answer<T = any> { status: number; body: T }

export class ApiError extends Error {
  constructor(readonly method: string, readonly path: string, readonly status: number, readonly body: unknown) {
    super(`${method} ${path} → ${status} ${JSON.stringify(body).slice(0, 400)}`);
  }
}

export class Api {
  private constructor(readonly baseUrl: string, readonly token: string, readonly username: string) {}

  /** Logs in with a username and password (POST /api/v1/auth/login). */
  static async login(baseUrl: string, username: string, password: string): Promise<Api> {
    const a = await send(baseUrl, null, 'POST', '/auth/login', { username, password });
    if (a.status !== 200) throw new ApiError('POST', '/auth/login', a.status, a.body);
    return new Api(baseUrl, a.body.token, username);
  }

  /** Any answer, for steps that expect a refusal. */
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>> {
    return send(this.baseUrl, this.token, method, path, body, headers);
  }

  /** A 2xx answer's body; anything else throws with what the server said. */
  async ok<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const a = await this.call<T>(method, path, body, headers);
    if (a.status < 200 || a.status > 299) throw new ApiError(method, path, a.status, a.body);
    return a.body;
  }

  /** Raw text (the tracking page, CSV reports). */
  async text(path: string, absolute = false): Promise<{ status: number; text: string; type: string }> {
    const res = await fetch(absolute ? `${this.baseUrl}${path}` : `${this.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
  }
}

async function send(baseUrl: string, token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const h: Record<string, string> = { accept: 'application/json', ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the text */ }
  return { status: res.status, body: parsed as any };
}
