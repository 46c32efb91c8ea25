/**
 * Redis cache of matrix cells between FIXED points (facilities, repeat customer addresses),
 * wrapping any RoutingEngine. Use it for points that recur; riders' live GPS positions
 * should go to the bare engine (they would only fill the cache).
 *
 * Key: `geo:mx:<engine>:<networkVersion>:<lat>,<lng>><lat>,<lng>` with coordinates rounded to
 * 1e-6° (≈ 0.1 m). Value: "<durationS>,<distanceM>", or "-" for a pair known to be
 * unroutable (no_route). Points that fail to snap are never cached (an import may fix them).
 * Invalidation: the network version is part of the key, so a re-import (version + 1) makes
 * every old cell unreachable at once; old keys then expire by TTL. No shared in-process state.
 */
import type { LatLng } from '../coords';
import type { RoutingEngine, Route, Snapped, Table, Unroutable } from './engine';

/** The few Redis commands used (an ioredis client fits). */
export interface RedisLike {
  mget(...keys: string[]): Promise<(string | null)[]>;
  pipeline(): { set(key: string, value: string, ex: 'EX', seconds: number): unknown; exec(): Promise<unknown> };
}

export interface MatrixCacheOptions {
  redis: RedisLike;
  /** Current network version (e.g. networkVersion(db) for pgRouting, a data release id for OSRM). */
  version: () => Promise<string | number>;
  /** Lifetime of a cell, seconds. Default 7 days. */
  ttlS?: number;
  /** Key prefix. Default 'geo:mx'. */
  prefix?: string;
}

const k6 = (p: LatLng) => `${p.lat.toFixed(6)},${p.lng.toFixed(6)}`;

export class MatrixCache implements RoutingEngine {
  readonly name: string;
  private readonly ttlS: number;
  private readonly prefix: string;
  /** Cells served from the cache / computed, since construction (for metrics and tests). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly inner: RoutingEngine,
    private readonly opts: MatrixCacheOptions,
  ) {
    this.name = inner.name;
    this.ttlS = opts.ttlS ?? 7 * 24 * 3600;
    this.prefix = opts.prefix ?? 'geo:mx';
  }

  nearest(point: LatLng): Promise<Snapped> {
    return this.inner.nearest(point);
  }

  route(points: LatLng[]): Promise<Route> {
    return this.inner.route(points);
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  async table(sources: LatLng[], destinations: LatLng[]): Promise<Table> {
    const base = `${this.prefix}:${this.inner.name}:${await this.opts.version()}:`;
    const key = (i: number, j: number) => `${base}${k6(sources[i])}>${k6(destinations[j])}`;
    const keys: string[] = [];
    for (let i = 0; i < sources.length; i++) for (let j = 0; j < destinations.length; j++) keys.push(key(i, j));
    const cached = keys.length ? await this.opts.redis.mget(...keys) : [];
    const durations = sources.map(() => destinations.map((): number | null => null));
    const distances = sources.map(() => destinations.map((): number | null => null));
    const missS = new Set<number>();
    const missD = new Set<number>();
    const known: boolean[][] = sources.map(() => destinations.map(() => false));
    cached.forEach((v, n) => {
      const i = Math.floor(n / destinations.length);
      const j = n % destinations.length;
      if (v === null) {
        missS.add(i);
        missD.add(j);
        return;
      }
      known[i][j] = true;
      if (v !== '-') {
        const [d, m] = v.split(',');
        durations[i][j] = Number(d);
        distances[i][j] = Number(m);
      }
    });
    const unroutable: Unroutable[] = [];
    if (missS.size) {
      // One engine call for the missing block (rows × columns that have any missing cell).
      const si = [...missS].sort((a, b) => a - b);
      const di = [...missD].sort((a, b) => a - b);
      const t = await this.inner.table(si.map((i) => sources[i]), di.map((j) => destinations[j]));
      const badS = new Set(t.unroutable.filter((u) => u.scope === 'source').map((u) => u.sourceIndex!));
      const badD = new Set(t.unroutable.filter((u) => u.scope === 'destination').map((u) => u.destinationIndex!));
      badS.forEach((a) => unroutable.push({ scope: 'source', sourceIndex: si[a], reason: 'snap_too_far' }));
      badD.forEach((b) => unroutable.push({ scope: 'destination', destinationIndex: di[b], reason: 'snap_too_far' }));
      const p = this.opts.redis.pipeline();
      si.forEach((i, a) =>
        di.forEach((j, b) => {
          if (known[i][j]) return;
          this.stats.misses++;
          durations[i][j] = t.durations[a][b];
          distances[i][j] = t.distances[a][b];
          if (badS.has(a) || badD.has(b)) return;
          const d = t.durations[a][b];
          p.set(key(i, j), d === null ? '-' : `${d},${t.distances[a][b]}`, 'EX', this.ttlS);
        }),
      );
      await p.exec();
    }
    this.stats.hits += cached.filter((v) => v !== null).length;
    const badRows = new Set(unroutable.filter((u) => u.scope === 'source').map((u) => u.sourceIndex));
    const badCols = new Set(unroutable.filter((u) => u.scope === 'destination').map((u) => u.destinationIndex));
    for (let i = 0; i < sources.length; i++) {
      if (badRows.has(i)) continue;
      for (let j = 0; j < destinations.length; j++) {
        if (!badCols.has(j) && durations[i][j] === null) unroutable.push({ scope: 'pair', sourceIndex: i, destinationIndex: j, reason: 'no_route' });
      }
    }
    return { durations, distances, unroutable };
  }
}
