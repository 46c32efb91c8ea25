/**
 * OsrmEngine against REAL osrm-routed v6 responses recorded in ../shared/data/osrm (Monaco):
 * a local HTTP server answers a request only if its path + query equals a recorded NAME.url,
 * with NAME.json / NAME.status byte for byte. Root fixtures = CH pipeline, mld/ = MLD.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { sharedData } from '../testing/shared-data';
import { OsrmEngine } from './osrm';

interface Fixture {
  status: number;
  body: string;
}

function loadFixtures(dir: string): Map<string, Fixture> {
  const m = new Map<string, Fixture>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.url'))) {
    const name = f.slice(0, -4);
    const jsonPath = path.join(dir, `${name}.json`);
    if (!existsSync(jsonPath)) continue; // e.g. table100-mld.url has no recorded body
    const u = new URL(readFileSync(path.join(dir, f), 'utf8').trim());
    const statusPath = path.join(dir, `${name}.status`);
    const status = existsSync(statusPath) ? Number(readFileSync(statusPath, 'utf8').trim()) : 200;
    m.set(u.pathname + u.search, { status, body: readFileSync(jsonPath, 'utf8') });
  }
  return m;
}

/** Replays fixtures; `hooks` can inject failures before the lookup. */
async function replayServer(fixtures: Map<string, Fixture>, hooks: { before?: (url: string, res: http.ServerResponse) => boolean } = {}) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    seen.push(url);
    if (hooks.before?.(url, res)) return;
    const f = fixtures.get(url);
    if (!f) {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`no recorded response for ${url}`);
      return;
    }
    res.writeHead(f.status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(f.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const P = {
  a: { lat: 43.7314, lng: 7.419 },
  b: { lat: 43.739, lng: 7.4247 },
  paris: { lat: 48.8566, lng: 2.3522 },
};
const TABLE10 = [
  [7.4190, 43.7314], [7.4247, 43.7390], [7.4284, 43.7384], [7.4206, 43.7335], [7.4163, 43.7277],
  [7.4128, 43.7306], [7.4232, 43.7356], [7.4296, 43.7421], [7.4353, 43.7466], [7.4180, 43.7360],
].map(([lng, lat]) => ({ lat, lng }));

async function code(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return [e.kind, e.code];
    throw e;
  }
  return ['none', 'none'];
}

const root = sharedData('osrm');

for (const variant of ['ch', 'mld'] as const) {
  const dir = root && (variant === 'ch' ? root : path.join(root, 'mld'));
  describe.skipIf(!dir)(`OsrmEngine on recorded ${variant} responses`, () => {
    let srv: Awaited<ReturnType<typeof replayServer>>;
    let fixtures: Map<string, Fixture>;
    let eng: OsrmEngine; // unlimited radius: the recorded requests carry no radiuses
    beforeAll(async () => {
      fixtures = loadFixtures(dir!);
      srv = await replayServer(fixtures);
      eng = new OsrmEngine({ baseUrl: srv.url, radiusM: null, retries: 0 });
    });
    afterAll(async () => {
      await eng.close();
      await srv.close();
    });

    it('route: 2117.9 m, 202.4 s, 129-point GeoJSON line', async () => {
      const r = await eng.route([P.a, P.b]);
      expect(r.distanceM).toBeCloseTo(2117.9, 1);
      expect(r.durationS).toBeCloseTo(202.4, 1);
      expect(r.geometry.type).toBe('LineString');
      expect(r.geometry.coordinates).toHaveLength(129);
      expect(r.geometry.coordinates[0]).toEqual([7.419003, 43.731396]);
      expect(r.legs).toEqual([{ durationS: 202.4, distanceM: 2117.9 }]);
    });

    it('nearest: snapped 0.51 m onto a named road', async () => {
      const s = await eng.nearest(P.a);
      expect(s.distanceM).toBeCloseTo(0.506, 3);
      expect(s.point).toEqual({ lat: 43.731396, lng: 7.419003 });
      expect(s.name).toBe('Tunnel Rocher Fontvieille');
    });

    it('table: 10×10 durations and distances as recorded', async () => {
      const t = await eng.table(TABLE10, TABLE10);
      const body = JSON.parse(readFileSync(path.join(dir!, 'table.json'), 'utf8'));
      expect(t.durations).toEqual(body.durations);
      expect(t.distances).toEqual(body.distances);
      expect(t.unroutable).toEqual([]);
      expect(t.durations[0][0]).toBe(0);
    });

    it('unlimited radius snaps Paris into Monaco (200 Ok) — why radiuses matter', async () => {
      const r = await eng.route([P.a, P.paris], { geometry: false });
      expect(r.distanceM).toBeCloseTo(13487.5, 1);
    });

    it('radiuses=100 → NoSegment → unprocessable snap_too_far', async () => {
      const bounded = new OsrmEngine({ baseUrl: srv.url, radiusM: 100, retries: 0 });
      expect(await code(bounded.route([P.a, P.paris], { geometry: false }))).toEqual(['unprocessable', 'snap_too_far']);
      await bounded.close();
    });

    it('maps recorded error codes to error kinds', async () => {
      const raw = (name: string) => {
        const u = new URL(readFileSync(path.join(dir!, `${name}.url`), 'utf8').trim());
        return eng.get(u.pathname + u.search);
      };
      expect(await code(raw('error-malformed'))).toEqual(['upstream', 'osrm_invalid_query']);
      expect(await code(raw('error-option'))).toEqual(['upstream', 'osrm_invalid_query']);
      expect(await code(raw('error-range'))).toEqual(['invalid_input', 'osrm_invalid_value']);
      expect(await code(raw('error-service'))).toEqual(['upstream', 'osrm_invalid_service']);
      expect(await code(raw('error-toobig'))).toEqual(['upstream', 'osrm_too_big']);
      expect(await code(raw('error-outside'))).toEqual(['unprocessable', 'snap_too_far']);
    });

    it('validates coordinates before calling OSRM', async () => {
      expect(await code(eng.route([P.a, { lat: 95, lng: 7.4247 }]))).toEqual(['invalid_input', 'coordinate_out_of_range']);
    });
  });
}

describe.skipIf(!root)('OsrmEngine table100 (CH) and chunking', () => {
  let srv: Awaited<ReturnType<typeof replayServer>>;
  let body: { durations: number[][]; distances: number[][] };
  let pts: { lat: number; lng: number }[];
  beforeAll(async () => {
    const fixtures = loadFixtures(root!);
    body = JSON.parse(readFileSync(path.join(root!, 'table100.json'), 'utf8'));
    pts = (JSON.parse(readFileSync(path.join(root!, 'table100-points.json'), 'utf8')) as [number, number][]).map(([lng, lat]) => ({ lat, lng }));
    // Besides exact replays, answer sub-tables (sources/destinations) from the recorded 100×100
    // matrix, so chunked requests can be checked against real numbers.
    const index = new Map(pts.map((p, i) => [`${p.lng.toFixed(6)},${p.lat.toFixed(6)}`, i]));
    srv = await replayServer(fixtures, {
      before(url, res) {
        const m = /^\/table\/v1\/driving\/([^?]+)\?(.*)$/.exec(url);
        if (!m || !m[2].includes('sources=')) return false;
        const coords = m[1].split(';').map((c) => index.get(c)!);
        const q = new URLSearchParams(m[2]);
        if (coords.length > 100) {
          res.writeHead(400).end(JSON.stringify({ code: 'TooBig', message: 'Too many table coordinates' }));
          return true;
        }
        const s = q.get('sources')!.split(';').map((k) => coords[Number(k)]);
        const d = q.get('destinations')!.split(';').map((k) => coords[Number(k)]);
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({ code: 'Ok', durations: s.map((i) => d.map((j) => body.durations[i][j])), distances: s.map((i) => d.map((j) => body.distances[i][j])) }),
        );
        return true;
      },
    });
  });
  afterAll(() => srv.close());

  it('100×100 in one request equals the recorded matrix', async () => {
    const eng = new OsrmEngine({ baseUrl: srv.url, radiusM: null, retries: 0 });
    const n = srv.seen.length;
    const t = await eng.table(pts, pts);
    expect(srv.seen.length - n).toBe(1);
    expect(t.durations).toEqual(body.durations);
    expect(t.distances).toEqual(body.distances);
    await eng.close();
  });

  it('splits a 100×100 table into blocks of ≤ maxTableSize coordinates, same numbers', async () => {
    const eng = new OsrmEngine({ baseUrl: srv.url, radiusM: null, retries: 0, maxTableSize: 30 });
    const n = srv.seen.length;
    const t = await eng.table(pts, pts);
    const reqs = srv.seen.slice(n);
    expect(reqs.length).toBe(49); // 15 sources + 15 destinations per block → 7 × 7 blocks
    for (const r of reqs) expect(r.split('?')[0].split(';').length).toBeLessThanOrEqual(30);
    expect(t.durations).toEqual(body.durations);
    expect(t.distances).toEqual(body.distances);
    await eng.close();
  });

  it('1×100 and 100×3 tables (non-square) are split and exact', async () => {
    const eng = new OsrmEngine({ baseUrl: srv.url, radiusM: null, retries: 0 });
    const t1 = await eng.table([pts[5]], pts);
    expect(t1.durations[0]).toEqual(body.durations[5]);
    const t2 = await eng.table(pts, pts.slice(0, 3));
    expect(t2.durations.map((r) => r[2])).toEqual(body.durations.map((r) => r[2]));
    await eng.close();
  });
});

describe('OsrmEngine resilience', () => {
  it('retries 5xx with backoff, then succeeds', async () => {
    let calls = 0;
    const srv = await replayServer(new Map(), {
      before(_url, res) {
        calls++;
        if (calls < 3) res.writeHead(503).end('busy');
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'Ok', waypoints: [{ location: [7.419003, 43.731396], distance: 0.5, name: 'x' }] }));
        return true;
      },
    });
    const eng = new OsrmEngine({ baseUrl: srv.url, retries: 3, backoffMs: 5 });
    const s = await eng.nearest(P.a);
    expect(s.distanceM).toBe(0.5);
    expect(calls).toBe(3);
    expect(srv.seen[0]).toBe('/nearest/v1/driving/7.419000,43.731400?number=1&radiuses=500');
    await eng.close();
    await srv.close();
  });

  it('gives up after the retries: unavailable osrm_unavailable', async () => {
    const srv = await replayServer(new Map(), { before: (_u, res) => (res.writeHead(502).end('bad gateway'), true) });
    const eng = new OsrmEngine({ baseUrl: srv.url, retries: 2, backoffMs: 1 });
    expect(await code(eng.nearest(P.a))).toEqual(['unavailable', 'osrm_unavailable']);
    expect(srv.seen.length).toBe(3);
    await eng.close();
    await srv.close();
  });

  it('connection refused → unavailable after retries', async () => {
    const srv = await replayServer(new Map());
    const url = srv.url;
    await srv.close();
    const eng = new OsrmEngine({ baseUrl: url, retries: 1, backoffMs: 1 });
    expect(await code(eng.nearest(P.a))).toEqual(['unavailable', 'osrm_unavailable']);
    await eng.close();
  });

  it('times out slow answers: unavailable osrm_timeout', async () => {
    const srv = await replayServer(new Map(), { before: () => true /* never answers */ });
    const eng = new OsrmEngine({ baseUrl: srv.url, retries: 1, backoffMs: 1, timeoutMs: 50 });
    expect(await code(eng.nearest(P.a))).toEqual(['unavailable', 'osrm_timeout']);
    await eng.close();
    await srv.close();
  });

  it('a table coordinate that cannot snap becomes an unroutable row/column, the rest is returned', async () => {
    const srv = await replayServer(new Map(), {
      before(url, res) {
        const coords = url.split('?')[0].split('/')[4].split(';');
        const bad = coords.findIndex((c) => c.startsWith('2.352200'));
        if (bad >= 0) res.writeHead(400).end(JSON.stringify({ code: 'NoSegment', message: `Could not find a matching segment for coordinate ${bad}` }));
        else res.writeHead(200).end(JSON.stringify({ code: 'Ok', durations: coords.map(() => coords.map(() => 60)), distances: coords.map(() => coords.map(() => 500)) }));
        return true;
      },
    });
    const eng = new OsrmEngine({ baseUrl: srv.url, retries: 0 });
    const t = await eng.table([P.a, P.paris, P.b], [P.a, P.paris, P.b]);
    expect(t.durations).toEqual([[60, null, 60], [null, null, null], [60, null, 60]]);
    expect(t.distances[0]).toEqual([500, null, 500]);
    expect(t.unroutable).toEqual([
      { scope: 'source', sourceIndex: 1, reason: 'snap_too_far' },
      { scope: 'destination', destinationIndex: 1, reason: 'snap_too_far' },
    ]);
    await eng.close();
    await srv.close();
  });
});
