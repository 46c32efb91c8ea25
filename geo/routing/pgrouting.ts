/**
 * Routing on PostgreSQL + PostGIS + pgRouting (the default engine).
 *
 * - nearest / snapping: KNN (`ORDER BY the_geom <-> point`, GiST index) over geo_net.ways in the
 *   main component; the 8 index-nearest candidates are re-ranked by true geodesic distance
 *   (degrees of longitude are shorter than degrees of latitude, so `<->` alone may mis-rank).
 *   In memory (snap-index.ts, same rule) once the index of the network version is built in the
 *   background; until then all points of a request are snapped in ONE query (snap_points).
 * - table / route: in-memory Dijkstra over the network loaded once per network version (see
 *   graph.ts for the measurements behind that choice); route geometry comes from one query.
 * - service areas use pgr_drivingDistance in SQL (service-areas.ts).
 */
import type { LatLng } from '../coords';
import { assertValidLatLng } from '../coords';
import type { Queryable } from '../db';
import { AppError } from '../errors';
import { CHANGE_CHANNELS, prepared, sqlIdent } from '../db';
import { watchChanges } from '../../platform/db/change-notices';
import type { LineString, Route, RoutingEngine, Snapped, Table, Unroutable } from './engine';
import { ContractionHierarchy } from './ch';
import { RoadGraph, type EdgePosition } from './graph';
import { TurnGraph } from './turns';
import { SnapIndex } from './snap-index';
import { lineStringFromWkb } from '../wkb';

/** The in-memory router: node-based (RoadGraph) or edge-based with turn costs (TurnGraph). */
export type Router = RoadGraph | TurnGraph;
import { appendTimed, sliceLine } from './line';

export interface PgRoutingOptions {
  /** Points farther than this from any road are unroutable (`snap_too_far`). Default 500 m. */
  maxSnapM?: number;
  /** KNN candidates re-ranked by geodesic distance. Default 8. */
  knnCandidates?: number;
  /** Schema holding ways / ways_vertices_pgr / network_meta. Default 'geo_net' (tests use a scratch copy). */
  schema?: string;
  /**
   * Build a contraction hierarchy for table() after loading the graph (in the background; plain
   * Dijkstra answers until it is ready). Default true.
   */
  contraction?: boolean;
  /**
   * Model turn costs (OSRM car profile: turn angle penalties, U-turns only at dead ends) on an
   * edge-based graph (turns.ts). Default false: node-based graph, same costs as pgRouting's own
   * functions (pgr_dijkstra…) on geo_net.ways.
   * Durations come much closer to OSRM's (geo/README.md), but the edge-based graph's hierarchy is
   * slow to build and plain Dijkstra answers meanwhile. Above `turnContractionMaxNodes` no
   * hierarchy is built at all.
   */
  turnCosts?: boolean;
  /** With turn costs, build the hierarchy only up to this many edge-based nodes (≈ 2 per road segment). Default 100,000. */
  turnContractionMaxNodes?: number;
  /**
   * Snap in memory (snap-index.ts: the same rule as geo_net.snap_points, no round trip) once the
   * index of the current network version is built, in the background after the graph. Default
   * true; until the index is ready, and with false, points are snapped in SQL.
   */
  snapIndex?: boolean;
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
  private readonly contraction: boolean;
  private readonly turnCosts: boolean;
  private readonly turnContractionMaxNodes: number;
  private building: AbortController | null = null;
  /** The network version as read at a change-notice epoch; imports announce themselves. */
  private versionCache: { version: number; epoch: number } | null = null;
  private readonly networkChanges = watchChanges(CHANGE_CHANNELS.network);
  private graph: {
    version: number;
    graph: Promise<Router>;
    ch: Promise<ContractionHierarchy | null>;
    chReady: ContractionHierarchy | null;
    snap: Promise<SnapIndex | null>;
    snapReady: SnapIndex | null;
  } | null = null;
  private readonly useSnapIndex: boolean;

  constructor(
    private readonly db: Queryable,
    opts: PgRoutingOptions = {},
  ) {
    this.maxSnapM = opts.maxSnapM ?? 500;
    this.knn = opts.knnCandidates ?? 8;
    this.schema = sqlIdent(opts.schema ?? 'geo_net');
    this.contraction = opts.contraction ?? true;
    this.turnCosts = opts.turnCosts ?? false;
    this.turnContractionMaxNodes = opts.turnContractionMaxNodes ?? 100_000;
    this.useSnapIndex = opts.snapIndex ?? true;
  }

  /** Snaps many points in one query; null where nothing routable lies within maxSnapM. */
  async snap(points: LatLng[]): Promise<(EdgeSnap | null)[]> {
    return (await this.snapVersioned(points)).snaps;
  }

  /**
   * Snaps and reads the network version in the same statement (same snapshot), so the edge ids
   * are known to belong to that version (edge ids restart with every import).
   */
  private async snapVersioned(points: LatLng[]): Promise<{ snaps: (EdgeSnap | null)[]; version: number }> {
    points.forEach((p, i) => assertValidLatLng(p, `points[${i}]`));
    if (!points.length) return { snaps: [], version: -1 };
    const known = await this.currentVersion();
    const out = points.map((p) => this.memoised(p, known));
    // In memory when this version's index is built.
    const index = this.graph?.version === known ? this.graph.snapReady : null;
    if (index) {
      return { snaps: out.map((s, i) => (s !== undefined ? s : this.remember(points[i], known, this.fromIndex(index, points[i])))), version: known };
    }
    // In SQL meanwhile, the points not seen before in one query.
    const missing: number[] = [];
    out.forEach((s, i) => s === undefined && missing.push(i));
    if (missing.length) {
      const fetched = await this.snapQuery(missing.map((i) => points[i]));
      if (fetched.version !== known) {
        // An import landed: re-read the version next time, and redo all in one snapshot.
        this.versionCache = null;
        return this.snapQuery(points);
      }
      missing.forEach((i, j) => (out[i] = this.remember(points[i], known, fetched.snaps[j])));
    }
    return { snaps: out as (EdgeSnap | null)[], version: known };
  }

  /**
   * Snaps of point objects seen before, by identity (checked against their values and the
   * network version), whether they came from the index or from SQL: facilities' locations come
   * from cached objects and recur in every sourcing and planning call.
   */
  private snapMemo = new WeakMap<LatLng, { lat: number; lng: number; version: number; snap: EdgeSnap | null }>();

  private memoised(p: LatLng, version: number): EdgeSnap | null | undefined {
    const m = this.snapMemo.get(p);
    return m && m.lat === p.lat && m.lng === p.lng && m.version === version ? m.snap : undefined;
  }

  private remember(p: LatLng, version: number, snap: EdgeSnap | null): EdgeSnap | null {
    this.snapMemo.set(p, { lat: p.lat, lng: p.lng, version, snap });
    return snap;
  }

  private fromIndex(index: SnapIndex, p: LatLng): EdgeSnap | null {
    const hit = index.nearest(p, this.knn, this.maxSnapM);
    return hit && { gid: hit.gid, fraction: hit.fraction, point: hit.point, distanceM: hit.distanceM, name: hit.name };
  }

  /**
   * The snapping index of network `version` (roads of the main component), or null when an
   * import landed meanwhile (the version is read in the same statement as the roads).
   */
  private async buildSnapIndex(version: number): Promise<SnapIndex | null> {
    const r = await this.db.query({
      text: `SELECT (SELECT version FROM ${this.schema}.network_meta WHERE id), gid, name, ST_AsBinary(the_geom)
               FROM ${this.schema}.ways WHERE in_main_component`,
      rowMode: 'array',
    });
    const rows = r.rows as unknown as [string, string | number, string | null, Buffer][];
    if (rows.length && Number(rows[0][0]) !== version) return null;
    return new SnapIndex(rows.map((w) => ({ gid: Number(w[1]), name: w[2], coords: lineStringFromWkb(w[3]) })));
  }

  /** The network version, re-read only after an import's notice (every time while notices are not received). */
  private async currentVersion(): Promise<number> {
    const w = this.networkChanges;
    if (this.versionCache && w.live && this.versionCache.epoch === w.epoch) return this.versionCache.version;
    const epoch = w.epoch;
    const v = await this.db.query<{ version: string }>(`SELECT version FROM ${this.schema}.network_meta WHERE id`);
    const version = Number(v.rows[0]?.version ?? 0);
    this.versionCache = { version, epoch };
    return version;
  }

  private snapStatement: ReturnType<typeof prepared> | undefined;

  private async snapQuery(points: LatLng[]): Promise<{ snaps: (EdgeSnap | null)[]; version: number }> {
    // snap_points (geo/sql/snap_points.sql) keeps one generic plan per session; every order snaps its customer.
    this.snapStatement ??= prepared(`SELECT i, gid, frac, dist_m, lng, lat, name, version FROM ${this.schema}.snap_points($1::float8[], $2::float8[], $3::int)`);
    const r = await this.db.query<{ i: string; gid: string; frac: number; dist_m: number; lng: number; lat: number; name: string | null; version: string }>(
      this.snapStatement([points.map((p) => p.lng), points.map((p) => p.lat), this.knn]));
    const out: (EdgeSnap | null)[] = points.map(() => null);
    const version = r.rows.length ? Number(r.rows[0].version) : -1;
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
    return { snaps: out, version };
  }

  /** Snaps, then loads the graph of the same network version (re-snaps once if an import landed in between). */
  private async snapWithGraph(points: LatLng[]): Promise<{ snaps: (EdgeSnap | null)[]; graph: Router; ch: ContractionHierarchy | null; version: number }> {
    for (let attempt = 0; ; attempt++) {
      const { snaps, version } = await this.snapVersioned(points);
      const entry = await this.loadEntry();
      const graph = await entry.graph;
      if (entry.version === version || version === -1 || attempt >= 1) {
        // Still different after a retry (imports in quick succession): treat unknown ids as unsnapped.
        const ok = entry.version === version;
        return { snaps: ok ? snaps : snaps.map(() => null), graph, ch: entry.chReady, version: entry.version };
      }
    }
  }

  async nearest(point: LatLng): Promise<Snapped> {
    const [s] = await this.snap([point]);
    if (!s) throw snapTooFar(point, this.maxSnapM);
    return { point: s.point, distanceM: s.distanceM, ...(s.name ? { name: s.name } : {}) };
  }

  /** The in-memory graph of the current network version (loaded on first use, reloaded after a re-import). */
  async loadGraph(): Promise<Router> {
    return (await this.loadEntry()).graph;
  }

  private async loadEntry(): Promise<NonNullable<PgRoutingEngine['graph']>> {
    const version = await this.currentVersion();
    if (version === 0) throw new AppError('unavailable', 'network_not_loaded', 'no road network imported yet (run import-osm)');
    if (!this.graph || this.graph.version !== version) {
      // rowMode 'array': faster and far less garbage than row objects on large networks.
      // Bearings (degrees from north, geodesic) of the first and last segment feed turn costs.
      const sql = `SELECT gid, source, target, cost_s, reverse_cost_s, length_m${
        this.turnCosts
          ? `, degrees(ST_Azimuth(ST_PointN(the_geom, 1)::geography, ST_PointN(the_geom, 2)::geography)),
               degrees(ST_Azimuth(ST_PointN(the_geom, ST_NPoints(the_geom) - 1)::geography, ST_PointN(the_geom, ST_NPoints(the_geom))::geography))`
          : ''
      } FROM ${this.schema}.ways`;
      const turnCosts = this.turnCosts;
      const graph: Promise<Router> = this.db.query({ text: sql, rowMode: 'array' }).then((r) => {
        const g = new RoadGraph(
          (r.rows as unknown as [string | number, string | number, string | number, number, number, number, number | null, number | null][]).map((w) => ({
            gid: Number(w[0]),
            source: Number(w[1]),
            target: Number(w[2]),
            costS: w[3],
            reverseCostS: w[4],
            lengthM: w[5],
            startBearing: w[6] ?? null,
            endBearing: w[7] ?? null,
          })),
        );
        return turnCosts ? new TurnGraph(g) : g;
      });
      const entry: NonNullable<PgRoutingEngine['graph']> = { version, graph, ch: Promise.resolve(null), chReady: null, snap: Promise.resolve(null), snapReady: null };
      if (this.useSnapIndex) {
        entry.snap = graph
          .then(() => this.buildSnapIndex(version))
          .then((ix) => (entry.snapReady = ix))
          .catch(() => null); // stays on SQL snapping
      }
      if (this.contraction) {
        const maxNodes = this.turnContractionMaxNodes;
        // A newer network version or close() aborts the build of this one.
        this.building?.abort();
        const abort = new AbortController();
        this.building = abort;
        entry.ch = graph
          .then((g) => (g instanceof TurnGraph && g.nodeCount > maxNodes ? null : ContractionHierarchy.build(g.arcs(), { signal: abort.signal })))
          .then((ch) => (entry.chReady = ch))
          .catch(() => null); // stays on plain Dijkstra
      }
      this.graph = entry;
      graph.catch(() => {
        if (this.graph?.graph === graph) this.graph = null;
      });
    }
    return this.graph;
  }

  /** Stops a contraction still being built and drops the in-memory graph (the pool stays open: it is the caller's). */
  async close(): Promise<void> {
    this.building?.abort();
    this.building = null;
    this.graph = null;
  }

  /** {@link ready} for a process starting up: a database without a road network yet has nothing to load. */
  async warm(): Promise<void> {
    try {
      await this.ready();
    } catch (e) {
      if ((e as AppError).code !== 'network_not_loaded') throw e;
    }
  }

  /** Loads the graph and waits for the contraction hierarchy and the snapping index (benchmarks, warm-up at start). */
  async ready(): Promise<{ graph: Router; contracted: boolean; snapIndexed: boolean }> {
    const graph = await this.loadGraph();
    const [ch, snap] = await Promise.all([this.graph!.ch, this.graph!.snap]);
    return { graph, contracted: ch !== null, snapIndexed: snap !== null };
  }

  async table(sources: LatLng[], destinations: LatLng[]): Promise<Table> {
    const { snaps, graph, ch } = await this.snapWithGraph([...sources, ...destinations]);
    const ok = (s: EdgeSnap | null) => (s && graph.hasEdge(s.gid) ? s : null);
    const src = snaps.slice(0, sources.length).map(ok);
    const dst = snaps.slice(sources.length).map(ok);
    const { durations, distances } = ch ? contractedMatrix(graph, ch, src, dst) : graph.matrix(src, dst);
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

  async route(points: LatLng[], retry = true): Promise<Route> {
    if (points.length < 2) throw new AppError('invalid_input', 'too_few_points', 'a route needs at least 2 points');
    const { snaps, graph, ch, version: graphVersion } = await this.snapWithGraph(points);
    snaps.forEach((s, i) => {
      if (!s || !graph.hasEdge(s.gid)) throw snapTooFar(points[i], this.maxSnapM, i);
    });
    const legs: { durationS: number; distanceM: number }[] = [];
    const paths = [];
    for (let i = 0; i + 1 < snaps.length; i++) {
      const a = snaps[i]!;
      const b = snaps[i + 1]!;
      const p = ch && graph instanceof RoadGraph ? graph.pathVia(ch, a, b) : graph.path(a, b);
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
    const g = await this.db.query<{ gid: string; geom: string; version: string }>(
      `SELECT gid, ST_AsGeoJSON(the_geom, 7) AS geom, (SELECT version FROM ${this.schema}.network_meta WHERE id) AS version
       FROM ${this.schema}.ways WHERE gid = ANY($1::bigint[])`,
      [[...gids]],
    );
    // An import committed between the path search and this query: edge ids changed meaning.
    if (g.rows.length && Number(g.rows[0].version) !== graphVersion && retry) return this.route(points, false);
    const geom = new Map<number, [number, number][]>(g.rows.map((r) => [Number(r.gid), (JSON.parse(r.geom) as LineString).coordinates]));
    const coords: [number, number][] = [];
    const times: number[] = [];
    for (const { a, b, p } of paths) {
      const legStart = Math.max(0, times.length - 1);
      const ca = geom.get(a.gid)!;
      const cb = geom.get(b.gid)!;
      if (p.leaveStartAt === null) {
        appendTimed(coords, times, sliceLine(ca, a.fraction, b.fraction), p.durationS);
      } else {
        const fwd = p.leaveStartAt === 'target';
        appendTimed(coords, times, sliceLine(ca, a.fraction, fwd ? 1 : 0), fwd ? (1 - a.fraction) * graph.edgeCost(a.gid, 1) : a.fraction * graph.edgeCost(a.gid, -1));
        for (const e of p.edges) {
          const c = geom.get(e.gid)!;
          appendTimed(coords, times, e.dir === 1 ? c : [...c].reverse(), graph.edgeCost(e.gid, e.dir));
        }
        const viaSource = p.enterEndAt === 'source';
        appendTimed(coords, times, sliceLine(cb, viaSource ? 0 : 1, b.fraction), viaSource ? b.fraction * graph.edgeCost(b.gid, 1) : (1 - b.fraction) * graph.edgeCost(b.gid, -1));
      }
      // Turn delays are not in edge costs: stretch this leg's times to its duration.
      const t0 = times[legStart] ?? 0;
      const span = times[times.length - 1] - t0;
      const want = p.durationS;
      if (span > 0) for (let k = legStart + 1; k < times.length; k++) times[k] = t0 + ((times[k] - t0) * want) / span;
    }
    if (coords.length === 1) {
      coords.push(coords[0]);
      times.push(times[0]);
    }
    return {
      geometry: { type: 'LineString', coordinates: coords },
      durationS: legs.reduce((s, l) => s + l.durationS, 0),
      distanceM: legs.reduce((s, l) => s + l.distanceM, 0),
      legs,
      coordinateTimesS: times,
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

/** Table on the contraction hierarchy, plus the along-one-edge case the hierarchy cannot see. */
function contractedMatrix(graph: Router, ch: ContractionHierarchy, src: (EdgePosition | null)[], dst: (EdgePosition | null)[]) {
  const r = ch.manyToMany(
    src.map((s) => (s ? graph.seeds(s, true) : null)),
    dst.map((d) => (d ? graph.seeds(d, false) : null)),
  );
  src.forEach((s, i) => {
    if (!s) return;
    dst.forEach((d, j) => {
      const direct = d ? graph.direct(s, d) : null;
      const cur = r.durations[i][j];
      if (direct && (cur === null || direct[0] <= cur)) {
        r.durations[i][j] = direct[0];
        r.distances[i][j] = direct[1];
      }
    });
  });
  return r;
}
