/**
 * Which service areas cover a point, answered in memory from the pieces of
 * geo.service_area_parts (≤ 64 vertices each, geo migration 003): the same question as
 * geo.facilities_covering (geo/sql/), without its PostgreSQL CPU on every order.
 *
 * Never stale: every change to the pieces bumps geo.service_area_generation (migration 006)
 * and is announced at commit (change notices); the index reloads on the notice. Until it has,
 * the generation guards: the index knows the one it was loaded at, and the database uses its
 * answer only while that is still current (dispatch.stock_for_order), else answers itself.
 */
import type { LatLng } from './coords';
import { CHANGE_CHANNELS, sqlIdent, type Queryable } from './db';
import { watchChanges, type ChangeWatch } from '../platform/db/change-notices';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { appDb } from '../platform/db/pool';

/** A GeoJSON Polygon (as ST_AsGeoJSON writes a piece). */
export interface Polygon { type: 'Polygon'; coordinates: number[][][] }

export interface CoverPart {
  facilityId: string;
  /** The piece as GeoJSON: exterior ring first, then holes; [lng, lat] positions. */
  polygon: Polygon;
}

export class CoverIndex {
  readonly partCount: number;
  private readonly facility: string[];
  private readonly polygons: Polygon[];
  /** minX, minY, maxX, maxY per part. */
  private readonly box: Float64Array;

  constructor(parts: CoverPart[]) {
    this.partCount = parts.length;
    this.facility = parts.map((p) => p.facilityId);
    this.polygons = parts.map((p) => p.polygon);
    this.box = new Float64Array(parts.length * 4);
    parts.forEach((p, i) => {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const ring of p.polygon.coordinates) {
        for (const [x, y] of ring) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
      }
      this.box.set([x0, y0, x1, y1], 4 * i);
    });
  }

  /**
   * Facilities whose service area covers `p` (each once, in no particular order). Planar in
   * degrees as ST_Covers on geometry: holes excluded, a point on an edge covered (Turf's
   * booleanPointInPolygon, boundary included).
   */
  covering(p: LatLng): string[] {
    const x = p.lng, y = p.lat;
    const at = [x, y];
    const out: string[] = [];
    for (let i = 0; i < this.partCount; i++) {
      const b = 4 * i;
      if (x < this.box[b] || y < this.box[b + 1] || x > this.box[b + 2] || y > this.box[b + 3]) continue;
      const f = this.facility[i];
      if (out.includes(f)) continue; // a point on a cut between two pieces lies in both
      if (booleanPointInPolygon(at, this.polygons[i])) out.push(f);
    }
    return out;
  }
}

/**
 * The process's index of service-area pieces at one generation, loaded on first use and again
 * on every change notice of its schema. `current()` is null until the first load completes and
 * while notices are not received (callers then let the database answer).
 */
export class ServiceAreaCover {
  private loaded: { gen: number; index: CoverIndex } | null = null;
  private loading: Promise<void> | null = null;
  /** A change was announced while a load was under way: its snapshot may predate it. */
  private changedWhileLoading = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly changes: ChangeWatch;
  private waiting: Array<{ gen: number; done: () => void }> = [];

  private readonly schema: string;

  /** @param opts.schema schema of service_area_parts and service_area_generation (default 'geo'; tests use scratch copies) */
  constructor(private readonly db: Queryable, opts: { schema?: string } = {}) {
    this.schema = sqlIdent(opts.schema ?? 'geo');
    // '' : notices may have been missed (the listener was down); another schema's: not ours.
    this.changes = watchChanges(CHANGE_CHANNELS.serviceAreas, (schema) => {
      if (schema === '' || schema === this.schema) this.load();
    });
  }

  current(): { gen: number; index: CoverIndex } | null {
    if (!this.changes.live) return null;
    if (!this.loaded && !this.loading) this.load();
    return this.loaded;
  }

  /** Waits until notices are received and the loads under way are done (warm-up, tests). */
  async ready(): Promise<void> {
    await this.changes.whenLive();
    this.current();
    while (this.loading) await this.loading;
  }

  /** Resolves once the index holds generation `gen` or a later one (loaded on a notice). */
  reached(gen: number): Promise<void> {
    if (this.loaded && this.loaded.gen >= gen) return Promise.resolve();
    return new Promise((done) => this.waiting.push({ gen, done }));
  }

  /** Stops following changes (a scratch index in a test). */
  close(): void {
    this.changes.stop();
    if (this.retry) clearTimeout(this.retry);
  }

  private load(): void {
    if (this.loading) {
      this.changedWhileLoading = true;
      return;
    }
    this.changedWhileLoading = false;
    this.loading = (async () => {
      try {
        // The generation and the pieces in one statement: one snapshot.
        const r = await this.db.query({
          text: `SELECT g.gen, p.facility_id, ST_AsGeoJSON(p.part)
                   FROM ${this.schema}.service_area_generation g LEFT JOIN ${this.schema}.service_area_parts p ON true`,
          rowMode: 'array',
        });
        const rows = r.rows as unknown as [string | number, string | null, string | null][];
        const gen = Number(rows[0][0]);
        const parts = rows.filter((w) => w[1] !== null).map((w) => ({ facilityId: w[1]!, polygon: JSON.parse(w[2]!) as Polygon }));
        this.loaded = { gen, index: new CoverIndex(parts) };
        this.waiting = this.waiting.filter((w) => (w.gen <= gen ? (w.done(), false) : true));
      } catch {
        // The database answers meanwhile; try again in a second.
        this.retry ??= setTimeout(() => { this.retry = null; this.load(); }, 1000).unref();
      } finally {
        this.loading = null;
      }
      if (this.changedWhileLoading) this.load();
    })();
  }
}

let shared: ServiceAreaCover | undefined;

/** The process-wide {@link ServiceAreaCover} on the application pool. */
export function sharedServiceAreaCover(): ServiceAreaCover {
  shared ??= new ServiceAreaCover(appDb());
  return shared;
}
