/**
 * OSRM engine: HTTP client for osrm-routed (API v5/v6: /route, /table, /nearest).
 *
 * Wire format (http://project-osrm.org/docs/v5.24.0/api/): GET /{service}/v1/{profile}/{lng},{lat};…?options,
 * responses `{"code":"Ok",…}` or, on HTTP 400, `{"code":"NoSegment","message":…}`. Durations in
 * seconds, distances in metres; table cells are null where no route exists.
 *
 * - keep-alive agent (one TCP connection per concurrent request, reused);
 * - per-attempt timeout; retries with exponential backoff + jitter on 5xx, timeouts and
 *   connection errors (all our requests are idempotent GETs); 4xx are never retried;
 * - `radiuses` bounds snapping: osrm-routed's default is UNLIMITED (the recorded
 *   outside-unlimited fixture snaps Paris to a Monaco road 686 km away);
 * - tables larger than the server's --max-table-size (default 100 coordinates) are split into
 *   source × destination blocks with sources + destinations ≤ maxTableSize;
 * - a table coordinate that cannot be snapped (NoSegment "…coordinate N") is marked unroutable
 *   and the block is retried without it, so one bad address does not fail a whole plan.
 */
import http from 'node:http';
import https from 'node:https';
import type { LatLng } from '../coords';
import { assertValidLatLng } from '../coords';
import { AppError, type ErrorKind } from '../errors';
import type { LineString, Route, RoutingEngine, Snapped, Table, Unroutable } from './engine';

export interface OsrmOptions {
  /** Base URL of osrm-routed, e.g. http://127.0.0.1:5000 (no trailing slash needed). */
  baseUrl: string;
  /** Profile path segment. Default 'driving' (osrm-routed ignores it, but it must be present). */
  profile?: string;
  /** Max coordinates per table request (server's --max-table-size). Default 100. */
  maxTableSize?: number;
  /** Snapping radius in metres sent as `radiuses`; null = omit (unlimited). Default 500. */
  radiusM?: number | null;
  /** Per-attempt timeout, ms. Default 10,000. */
  timeoutMs?: number;
  /** Retries after the first attempt on 5xx / connection errors / timeouts. Default 3. */
  retries?: number;
  /** First backoff delay, ms; doubles each retry, ±50 % jitter. Default 100. */
  backoffMs?: number;
  /** Max sockets kept per host. Default 16. */
  maxSockets?: number;
}

/** OSRM error code → our error kind and stable code. */
const OSRM_ERRORS: Record<string, [ErrorKind, string]> = {
  NoRoute: ['unprocessable', 'no_route'],
  NoSegment: ['unprocessable', 'snap_too_far'],
  NoTable: ['unprocessable', 'no_route'],
  NoMatch: ['unprocessable', 'no_route'],
  NoTrips: ['unprocessable', 'no_route'],
  // A coordinate out of range reached the server: the caller's input.
  InvalidValue: ['invalid_input', 'osrm_invalid_value'],
  // The rest mean WE built a request the server rejects (bug, or config mismatch such as a
  // maxTableSize above the server's limit) → upstream/502, not the caller's fault.
  InvalidQuery: ['upstream', 'osrm_invalid_query'],
  InvalidOptions: ['upstream', 'osrm_invalid_options'],
  InvalidService: ['upstream', 'osrm_invalid_service'],
  InvalidUrl: ['upstream', 'osrm_invalid_url'],
  InvalidVersion: ['upstream', 'osrm_invalid_version'],
  TooBig: ['upstream', 'osrm_too_big'],
};

/** Maps an OSRM error body to an AppError. */
export function osrmError(status: number, body: { code?: string; message?: string } | null): AppError {
  const code = body?.code ?? 'Unknown';
  const [kind, ours] = OSRM_ERRORS[code] ?? (status >= 500 ? ['unavailable', 'osrm_unavailable'] : ['upstream', 'osrm_error']);
  return new AppError(kind, ours, `OSRM ${code}: ${body?.message ?? `HTTP ${status}`}`, { osrmCode: code, status });
}

const RETRYABLE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'socket hang up']);

const fmt = (v: number) => v.toFixed(6); // 6 decimals ≈ 0.1 m, what OSRM's own examples use
const coordsPath = (pts: LatLng[]) => pts.map((p) => `${fmt(p.lng)},${fmt(p.lat)}`).join(';');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class OsrmEngine implements RoutingEngine {
  readonly name = 'osrm';
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly profile: string;
  private readonly maxTableSize: number;
  private readonly radiusM: number | null;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;

  constructor(opts: OsrmOptions) {
    this.base = new URL(opts.baseUrl.replace(/\/+$/, '') + '/');
    this.profile = opts.profile ?? 'driving';
    this.maxTableSize = opts.maxTableSize ?? 100;
    if (this.maxTableSize < 2) throw new RangeError('maxTableSize must be ≥ 2');
    this.radiusM = opts.radiusM === undefined ? 500 : opts.radiusM;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.retries = opts.retries ?? 3;
    this.backoffMs = opts.backoffMs ?? 100;
    const agentOpts = { keepAlive: true, maxSockets: opts.maxSockets ?? 16 };
    this.agent = this.base.protocol === 'https:' ? new https.Agent(agentOpts) : new http.Agent(agentOpts);
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  /**
   * Low-level GET of `pathAndQuery` (relative to baseUrl) with retries; resolves the parsed
   * `Ok` body. @throws AppError mapped from the OSRM code, or unavailable `osrm_unavailable` / `osrm_timeout`.
   */
  async get<T = any>(pathAndQuery: string): Promise<T> {
    let lastErr: AppError | null = null;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
      let res: { status: number; text: string };
      try {
        res = await this.once(pathAndQuery);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'osrm_timeout') {
          lastErr = new AppError('unavailable', 'osrm_timeout', `OSRM did not answer within ${this.timeoutMs} ms`, { attempt });
          continue;
        }
        if (RETRYABLE_NET.has(err.code ?? '') || RETRYABLE_NET.has(err.message)) {
          lastErr = new AppError('unavailable', 'osrm_unavailable', `OSRM connection failed: ${err.code ?? err.message}`, { attempt });
          continue;
        }
        throw new AppError('unavailable', 'osrm_unavailable', `OSRM request failed: ${err.message}`);
      }
      let body: any = null;
      try {
        body = JSON.parse(res.text);
      } catch {
        body = null;
      }
      if (res.status >= 500) {
        lastErr = osrmError(res.status, body);
        if (lastErr.kind !== 'unavailable') lastErr = new AppError('unavailable', 'osrm_unavailable', lastErr.message, lastErr.details);
        continue;
      }
      if (body === null) throw new AppError('upstream', 'osrm_bad_response', `OSRM answered HTTP ${res.status} with a non-JSON body`, { status: res.status });
      if (res.status !== 200 || body.code !== 'Ok') throw osrmError(res.status, body);
      return body as T;
    }
    throw lastErr!;
  }

  private once(pathAndQuery: string): Promise<{ status: number; text: string }> {
    const url = new URL(pathAndQuery.replace(/^\//, ''), this.base);
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.get(url, { agent: this.agent, headers: { accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(this.timeoutMs, () => {
        const e = new Error('timeout') as NodeJS.ErrnoException;
        e.code = 'osrm_timeout';
        req.destroy(e);
      });
      req.on('error', reject);
    });
  }

  private radiuses(n: number): string {
    return this.radiusM === null ? '' : `radiuses=${new Array(n).fill(String(this.radiusM)).join(';')}`;
  }

  private static q(...parts: string[]): string {
    const p = parts.filter(Boolean);
    return p.length ? `?${p.join('&')}` : '';
  }

  async nearest(point: LatLng): Promise<Snapped> {
    assertValidLatLng(point);
    const body = await this.get<{ waypoints: { location: [number, number]; distance: number; name?: string }[] }>(
      `nearest/v1/${this.profile}/${coordsPath([point])}${OsrmEngine.q('number=1', this.radiuses(1))}`,
    );
    const w = body.waypoints[0];
    return { point: { lat: w.location[1], lng: w.location[0] }, distanceM: w.distance, ...(w.name ? { name: w.name } : {}) };
  }

  /**
   * Route through the points.
   * @param opts.geometry request the full geometry (overview=full, GeoJSON). Default true; when false
   * the geometry is just the snapped waypoints.
   */
  async route(points: LatLng[], opts: { geometry?: boolean } = {}): Promise<Route> {
    if (points.length < 2) throw new AppError('invalid_input', 'too_few_points', 'a route needs at least 2 points');
    points.forEach((p, i) => assertValidLatLng(p, `points[${i}]`));
    const geometry = opts.geometry ?? true;
    const params = geometry ? ['overview=full', 'geometries=geojson', 'steps=false'] : ['overview=false'];
    const body = await this.get<{
      routes: { geometry?: LineString; duration: number; distance: number; legs: { duration: number; distance: number }[] }[];
      waypoints: { location: [number, number] }[];
    }>(`route/v1/${this.profile}/${coordsPath(points)}${OsrmEngine.q(...params, this.radiuses(points.length))}`);
    const r = body.routes[0];
    if (!r) throw new AppError('unprocessable', 'no_route', 'OSRM returned no route');
    return {
      geometry: r.geometry ?? { type: 'LineString', coordinates: body.waypoints.map((w) => w.location) },
      durationS: r.duration,
      distanceM: r.distance,
      legs: r.legs.map((l) => ({ durationS: l.duration, distanceM: l.distance })),
    };
  }

  async table(sources: LatLng[], destinations: LatLng[]): Promise<Table> {
    sources.forEach((p, i) => assertValidLatLng(p, `sources[${i}]`));
    destinations.forEach((p, i) => assertValidLatLng(p, `destinations[${i}]`));
    const durations = sources.map(() => destinations.map((): number | null => null));
    const distances = sources.map(() => destinations.map((): number | null => null));
    const badSrc = new Set<number>();
    const badDst = new Set<number>();
    const same = sources.length === destinations.length && sources.every((s, i) => s.lat === destinations[i].lat && s.lng === destinations[i].lng);
    if (same && sources.length <= this.maxTableSize) {
      // Square table: send each coordinate once (what the OSRM docs show; halves the payload).
      await this.block(sources.map((_, i) => i), null, sources, destinations, durations, distances, badSrc, badDst);
    } else {
      // Split into blocks of ≤ maxTableSize coordinates: s sources + d destinations.
      const half = Math.floor(this.maxTableSize / 2);
      const sStep = destinations.length < half ? Math.min(sources.length, this.maxTableSize - destinations.length) : Math.max(1, half);
      const dStep = Math.max(1, Math.min(destinations.length, this.maxTableSize - Math.min(sStep, sources.length)));
      for (let s0 = 0; s0 < sources.length; s0 += sStep) {
        for (let d0 = 0; d0 < destinations.length; d0 += dStep) {
          const si = range(s0, Math.min(sources.length, s0 + sStep));
          const di = range(d0, Math.min(destinations.length, d0 + dStep));
          await this.block(si, di, sources, destinations, durations, distances, badSrc, badDst);
        }
      }
    }
    const unroutable: Unroutable[] = [];
    for (const i of [...badSrc].sort((a, b) => a - b)) unroutable.push({ scope: 'source', sourceIndex: i, reason: 'snap_too_far' });
    for (const j of [...badDst].sort((a, b) => a - b)) unroutable.push({ scope: 'destination', destinationIndex: j, reason: 'snap_too_far' });
    sources.forEach((_, i) => {
      if (badSrc.has(i)) return;
      destinations.forEach((_, j) => {
        if (!badDst.has(j) && durations[i][j] === null) unroutable.push({ scope: 'pair', sourceIndex: i, destinationIndex: j, reason: 'no_route' });
      });
    });
    return { durations, distances, unroutable };
  }

  /**
   * One table request. `di === null` = square request over `si` (no sources/destinations params).
   * On NoSegment for coordinate k, marks it unroutable and retries without it.
   */
  private async block(
    si: number[],
    di: number[] | null,
    sources: LatLng[],
    destinations: LatLng[],
    durations: (number | null)[][],
    distances: (number | null)[][],
    badSrc: Set<number>,
    badDst: Set<number>,
  ): Promise<void> {
    for (;;) {
      const s = si.filter((i) => !badSrc.has(i));
      const d = (di ?? si).filter((j) => !badDst.has(j));
      if (!s.length || !d.length) return;
      const square = di === null && s.length === d.length;
      const coords = square ? s.map((i) => sources[i]) : [...s.map((i) => sources[i]), ...d.map((j) => destinations[j])];
      const params = square
        ? ['annotations=duration,distance']
        : [`sources=${range(0, s.length).join(';')}`, `destinations=${range(s.length, s.length + d.length).join(';')}`, 'annotations=duration,distance'];
      let body: { durations: (number | null)[][]; distances?: (number | null)[][] };
      try {
        body = await this.get(`table/v1/${this.profile}/${coordsPath(coords)}${OsrmEngine.q(...params, this.radiuses(coords.length))}`);
      } catch (e) {
        // "Could not find a matching segment for coordinate 3" (index into the request's coordinates).
        const m = e instanceof AppError && e.code === 'snap_too_far' ? /coordinate (\d+)/.exec(e.message) : null;
        if (!m) throw e;
        const k = Number(m[1]);
        if (square) {
          badSrc.add(s[k]);
          badDst.add(d[k]);
        } else if (k < s.length) badSrc.add(s[k]);
        else badDst.add(d[k - s.length]);
        continue;
      }
      s.forEach((i, a) =>
        d.forEach((j, b) => {
          durations[i][j] = body.durations[a][b] ?? null;
          distances[i][j] = body.durations[a][b] === null ? null : (body.distances?.[a]?.[b] ?? null);
        }),
      );
      return;
    }
  }
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}
