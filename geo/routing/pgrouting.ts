/**
 * Routing on PostgreSQL + PostGIS + pgRouting (the default engine).
 *
 * - nearest / snapping: KNN (`ORDER BY the_geom <-> point`, GiST index) over geo_net.ways in the
 *   main component; the 8 index-nearest candidates are re-ranked by true geodesic distance
 *   (degrees of longitude are shorter than degrees of latitude, so `<->` alone may mis-rank).
 *   All points of a request are snapped in ONE query (unnest … CROSS JOIN LATERAL).
 * - table / route: in-memory Dijkstra over the network loaded once per network version (see
 *   graph.ts for the measurements behind that choice); route geometry comes from one query.
 * - service areas use pgr_drivingDistance in SQL (service-areas.ts).
 */
import type { LatLng } from '../coords';
import { assertValidLatLng } from '../coords';
import type { Queryable } from '../db';
import { AppError } from '../errors';
import { sqlIdent } from '../db';
import type { LineString, Route, RoutingEngine, Snapped, Table, Unroutable } from './engine';
import { RoadGraph, type EdgePosition } from './graph';
import { appendLine, sliceLine } from './line';

export interface PgRoutingOptions {
  /** Points farther than this from any road are unroutable (`snap_too_far`). Default 500 m. */
  maxSnapM?: number;
  /** KNN candidates re-ranked by geodesic distance. Default 8. */
  knnCandidates?: number;
  /** Schema holding ways / ways_vertices_pgr / network_meta. Default 'geo_net' (tests use a scratch copy). */
  schema?: string;
}

/** A point snapped onto an edge of geo_net.ways. */
export interface EdgeSnap extends EdgePosition {
  point: LatLng;
  distanceM: number;
  name: string | null;
}

export class PgRoutingEngine implements RoutingEngine {
  readonly name = 'pgrouting';
  private readonly maxSnapM: number;
  private readonly knn: number;
  private readonly schema: string;
  private graph: { version: number; graph: Promise<RoadGraph> } | null = null;

  constructor(
    private readonly db: Queryable,
    opts: PgRoutingOptions = {},
  ) {
    this.maxSnapM = opts.maxSnapM ?? 500;
    this.knn = opts.knnCandidates ?? 8;
    this.schema = sqlIdent(opts.schema ?? 'geo_net');
  }

  /** Snaps many points in one query; null where nothing routable lies within maxSnapM. */
  async snap(points: LatLng[]): Promise<(EdgeSnap | null)[]> {
    points.forEach((p, i) => assertValidLatLng(p, `points[${i}]`));
    if (!points.length) return [];
    const r = await this.db.query<{ i: string; gid: string; frac: number; dist_m: number; lng: number; lat: number; name: string | null }>(
      `SELECT p.i, s.gid, s.frac, s.dist_m, ST_X(s.pt) AS lng, ST_Y(s.pt) AS lat, s.name
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lng, lat, i)
       CROSS JOIN LATERAL (
         SELECT c.gid, c.name, ST_LineLocatePoint(c.the_geom, c.g) AS frac, ST_ClosestPoint(c.the_geom, c.g) AS pt,
                ST_Distance(c.the_geom::geography, c.g::geography) AS dist_m
         FROM (
           SELECT w.gid, w.name, w.the_geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326) AS g
           FROM ${this.schema}.ways w
           WHERE w.in_main_component
           ORDER BY w.the_geom <-> ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)
           LIMIT $3
         ) c
         ORDER BY dist_m, c.gid
         LIMIT 1
       ) s`,
      [points.map((p) => p.lng), points.map((p) => p.lat), this.knn],
    );
    const out: (EdgeSnap | null)[] = points.map(() => null);
    for (const row of r.rows) {
      if (row.dist_m > this.maxSnapM) continue;
      out[Number(row.i) - 1] = {
        gid: Number(row.gid),
        fraction: Math.max(0, Math.min(1, row.frac)),
        point: { lat: row.lat, lng: row.lng },
        distanceM: row.dist_m,
        name: row.name,
      };
    }
    return out;
  }

  async nearest(point: LatLng): Promise<Snapped> {
    const [s] = await this.snap([point]);
    if (!s) throw snapTooFar(point, this.maxSnapM);
    return { point: s.point, distanceM: s.distanceM, ...(s.name ? { name: s.name } : {}) };
  }

  /** The in-memory graph of the current network version (loaded on first use, reloaded after a re-import). */
  async loadGraph(): Promise<RoadGraph> {
    const v = await this.db.query<{ version: string }>(`SELECT version FROM ${this.schema}.network_meta WHERE id`);
    const version = Number(v.rows[0]?.version ?? 0);
    if (version === 0) throw new AppError('unavailable', 'network_not_loaded', 'no road network imported yet (run import-osm)');
    if (!this.graph || this.graph.version !== version) {
      const graph = this.db
        .query<{ gid: string; source: string; target: string; cost_s: number; reverse_cost_s: number; length_m: number }>(
          `SELECT gid, source, target, cost_s, reverse_cost_s, length_m FROM ${this.schema}.ways`,
        )
        .then(
          (r) =>
            new RoadGraph(
              r.rows.map((w) => ({
                gid: Number(w.gid),
                source: Number(w.source),
                target: Number(w.target),
                costS: w.cost_s,
                reverseCostS: w.reverse_cost_s,
                lengthM: w.length_m,
              })),
            ),
        );
      this.graph = { version, graph };
      graph.catch(() => {
        if (this.graph?.graph === graph) this.graph = null;
      });
    }
    return this.graph.graph;
  }

  async table(sources: LatLng[], destinations: LatLng[]): Promise<Table> {
    const snaps = await this.snap([...sources, ...destinations]);
    const graph = await this.loadGraph();
    // A re-import between snap and load could leave a gid unknown to the graph: treat as unsnapped.
    const ok = (s: EdgeSnap | null) => (s && graph.hasEdge(s.gid) ? s : null);
    const src = snaps.slice(0, sources.length).map(ok);
    const dst = snaps.slice(sources.length).map(ok);
    const { durations, distances } = graph.matrix(src, dst);
    const unroutable: Unroutable[] = [];
    src.forEach((s, i) => !s && unroutable.push({ scope: 'source', sourceIndex: i, reason: 'snap_too_far' }));
    dst.forEach((d, j) => !d && unroutable.push({ scope: 'destination', destinationIndex: j, reason: 'snap_too_far' }));
    for (let i = 0; i < src.length; i++) {
      if (!src[i]) continue;
      for (let j = 0; j < dst.length; j++) {
        if (dst[j] && durations[i][j] === null) unroutable.push({ scope: 'pair', sourceIndex: i, destinationIndex: j, reason: 'no_route' });
      }
    }
    return { durations, distances, unroutable };
  }

  async route(points: LatLng[]): Promise<Route> {
    if (points.length < 2) throw new AppError('invalid_input', 'too_few_points', 'a route needs at least 2 points');
    const snaps = await this.snap(points);
    snaps.forEach((s, i) => {
      if (!s) throw snapTooFar(points[i], this.maxSnapM, i);
    });
    const graph = await this.loadGraph();
    const legs: { durationS: number; distanceM: number }[] = [];
    const paths = [];
    for (let i = 0; i + 1 < snaps.length; i++) {
      const a = snaps[i]!;
      const b = snaps[i + 1]!;
      const p = graph.path(a, b);
      if (!p) throw new AppError('unprocessable', 'no_route', `no route between points ${i} and ${i + 1}`, { from: i, to: i + 1 });
      legs.push({ durationS: p.durationS, distanceM: p.distanceM });
      paths.push({ a, b, p });
    }
    // All edge geometries in one query.
    const gids = new Set<number>();
    for (const { a, b, p } of paths) {
      gids.add(a.gid);
      gids.add(b.gid);
      p.edges.forEach((e) => gids.add(e.gid));
    }
    const g = await this.db.query<{ gid: string; geom: string }>(
      `SELECT gid, ST_AsGeoJSON(the_geom, 7) AS geom FROM ${this.schema}.ways WHERE gid = ANY($1::bigint[])`,
      [[...gids]],
    );
    const geom = new Map<number, [number, number][]>(g.rows.map((r) => [Number(r.gid), (JSON.parse(r.geom) as LineString).coordinates]));
    const coords: [number, number][] = [];
    for (const { a, b, p } of paths) {
      const ca = geom.get(a.gid)!;
      const cb = geom.get(b.gid)!;
      if (p.leaveStartAt === null) {
        appendLine(coords, sliceLine(ca, a.fraction, b.fraction));
      } else {
        appendLine(coords, sliceLine(ca, a.fraction, p.leaveStartAt === 'target' ? 1 : 0));
        for (const e of p.edges) {
          const c = geom.get(e.gid)!;
          appendLine(coords, e.dir === 1 ? c : [...c].reverse());
        }
        appendLine(coords, sliceLine(cb, p.enterEndAt === 'source' ? 0 : 1, b.fraction));
      }
    }
    if (coords.length === 1) coords.push(coords[0]);
    return {
      geometry: { type: 'LineString', coordinates: coords },
      durationS: legs.reduce((s, l) => s + l.durationS, 0),
      distanceM: legs.reduce((s, l) => s + l.distanceM, 0),
      legs,
    };
  }
}

function snapTooFar(p: LatLng, maxSnapM: number, index?: number): AppError {
  return new AppError('unprocessable', 'snap_too_far', `no road within ${maxSnapM} m of ${p.lat},${p.lng}`, {
    lat: p.lat,
    lng: p.lng,
    maxSnapM,
    ...(index !== undefined ? { index } : {}),
  });
}
