/**
 * Latest state per box (temperatures, door, battery, online), written to `box_latest` and
 * pushed on the real-time feed at most once per box per interval: at 4 readings/s per box a
 * write and an event per reading would cost more than the readings themselves, and a console
 * refreshing every second shows the same thing. Trailing: the last state of an interval is
 * always flushed. A cache, not a record (the readings table is the record).
 */
import type pg from 'pg';
import type { Redis } from 'ioredis';
import { logger } from '../../platform/logger';
import { publishFeed, type BoxState, type FeedEvent, type FeedScope, type ShipmentFigures } from '../feed/bus';

interface Pending {
  boxId: string;
  ts: number | null;
  receivedAt: number | null;
  t: number[] | null;
  rh: number | null;
  door: boolean | null;
  batt: number | null;
  driftFlag: boolean | null;
  fw: string | null;
  online: boolean | null;
  statusAt: number | null;
  shipmentIds: string[];
  facilityId: string | null;
  riderId: string | null;
}

export class LatestWriter {
  private pending = new Map<string, Pending>();
  /** Per shipment, its latest running figures (published only: the engine's state is their store). */
  private figures = new Map<string, { figures: ShipmentFigures; scope: FeedScope }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly db: pg.Pool, private readonly redis: Redis, private readonly intervalMs: number) {}

  start(): void {
    this.timer ??= setInterval(() => { void this.flush().catch((err) => logger.warn({ err }, 'latest-state flush failed')); }, Math.max(50, this.intervalMs));
    this.timer.unref();
  }

  private entry(boxId: string, scope: { facilityId: string | null; riderId: string | null }): Pending {
    let p = this.pending.get(boxId);
    if (!p) {
      p = { boxId, ts: null, receivedAt: null, t: null, rh: null, door: null, batt: null, driftFlag: null, fw: null, online: null, statusAt: null, shipmentIds: [], facilityId: scope.facilityId, riderId: scope.riderId };
      this.pending.set(boxId, p);
    }
    p.facilityId = scope.facilityId ?? p.facilityId;
    p.riderId = scope.riderId ?? p.riderId;
    return p;
  }

  offerReading(r: { boxId: string; ts: number; receivedAt: number; probes: number[]; rh: number | null; door: boolean | null; batt: number | null; driftFlag: boolean; fw: string; shipmentIds: string[] }, scope: { facilityId: string | null; riderId: string | null }): void {
    const p = this.entry(r.boxId, scope);
    if (p.ts !== null && r.ts <= p.ts) return;
    Object.assign(p, { ts: r.ts, receivedAt: r.receivedAt, t: r.probes, rh: r.rh, door: r.door, batt: r.batt, driftFlag: r.driftFlag, fw: r.fw, shipmentIds: r.shipmentIds, online: true });
  }

  offerStatus(boxId: string, online: boolean, at: number, scope: { facilityId: string | null; riderId: string | null }): void {
    const p = this.entry(boxId, scope);
    p.online = online;
    p.statusAt = at;
  }

  offerBirth(boxId: string, fw: string, scope: { facilityId: string | null; riderId: string | null }): void {
    this.entry(boxId, scope).fw = fw;
  }

  offerFigures(figures: ShipmentFigures, scope: FeedScope): void {
    const prev = this.figures.get(figures.shipmentId);
    if (prev && prev.figures.at !== null && figures.at !== null && figures.at < prev.figures.at) return;
    this.figures.set(figures.shipmentId, { figures, scope });
  }

  /** Writes and publishes everything pending (one statement, one pipelined publish). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0 && this.figures.size === 0) return;
    const batch = [...this.pending.values()];
    const figures = [...this.figures.values()];
    this.pending.clear();
    this.figures.clear();
    this.flushing = (async () => {
      if (batch.length) await this.write(batch);
      const now = Date.now();
      await publishFeed(this.redis, figures.map((f) => ({ type: 'shipment.figures', figures: f.figures, scope: f.scope, publishedAt: now })));
    })().finally(() => { this.flushing = undefined; });
    await this.flushing;
  }

  private async write(batch: Pending[]): Promise<void> {
    const col = <K extends keyof Pending>(k: K) => batch.map((p) => p[k]);
    const tsCol = (k: 'ts' | 'receivedAt' | 'statusAt') => batch.map((p) => (p[k] === null ? null : new Date(p[k] as number).toISOString()));
    // A reading older than the stored one (a buffered flush) never overwrites the latest state.
    const newer = `(excluded.ts IS NOT NULL AND (l.ts IS NULL OR excluded.ts > l.ts))`;
    const pick = (c: string) => `${c} = CASE WHEN ${newer} THEN excluded.${c} ELSE l.${c} END`;
    const { rows } = await this.db.query(
      `INSERT INTO telemetry.box_latest AS l (box_id, ts, received_at, t, rh, door, batt, drift_flag, fw, online, status_at, shipment_ids, facility_id, rider_id, updated_at)
       SELECT u.box_id, u.ts, u.received_at, u.t::double precision[], u.rh, u.door, u.batt, u.drift_flag, u.fw, u.online, u.status_at,
              u.shipment_ids::text[], u.facility_id, u.rider_id, now()
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::float8[], $6::bool[], $7::float8[], $8::bool[], $9::text[], $10::bool[], $11::timestamptz[], $12::text[], $13::text[], $14::text[])
           AS u(box_id, ts, received_at, t, rh, door, batt, drift_flag, fw, online, status_at, shipment_ids, facility_id, rider_id)
       ON CONFLICT (box_id) DO UPDATE SET
         ${pick('received_at')}, ${pick('t')}, ${pick('rh')}, ${pick('door')}, ${pick('batt')}, ${pick('drift_flag')}, ${pick('shipment_ids')},
         ts = CASE WHEN ${newer} THEN excluded.ts ELSE l.ts END,
         fw = coalesce(excluded.fw, l.fw),
         online = CASE WHEN excluded.status_at IS NOT NULL AND (l.status_at IS NULL OR excluded.status_at >= l.status_at) THEN excluded.online
                       WHEN ${newer} THEN true ELSE l.online END,
         status_at = greatest(excluded.status_at, l.status_at),
         facility_id = coalesce(excluded.facility_id, l.facility_id), rider_id = coalesce(excluded.rider_id, l.rider_id),
         updated_at = now()
       RETURNING *`,
      [col('boxId'), tsCol('ts'), tsCol('receivedAt'), batch.map((p) => (p.t ? `{${p.t.join(',')}}` : null)), col('rh'), col('door'), col('batt'), col('driftFlag'), col('fw'),
        col('online'), tsCol('statusAt'), batch.map((p) => `{${p.shipmentIds.join(',')}}`), col('facilityId'), col('riderId')],
    );
    const now = Date.now();
    const events: FeedEvent[] = rows.map((r) => ({
      type: 'box', box: rowToBoxState(r), publishedAt: now,
      scope: { facilityIds: r.facility_id ? [r.facility_id] : [], riderIds: r.rider_id ? [r.rider_id] : [] },
    }));
    await publishFeed(this.redis, events);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush().catch((err) => logger.warn({ err }, 'final latest-state flush failed'));
  }
}

export function rowToBoxState(r: Record<string, any>): BoxState & { facilityId: string | null; riderId: string | null; fw: string | null; statusAt: string | null } {
  return {
    boxId: r.box_id, ts: r.ts?.toISOString() ?? null, receivedAt: r.received_at?.toISOString() ?? null, t: r.t, rh: r.rh, door: r.door, batt: r.batt,
    online: r.online, driftFlag: r.drift_flag, shipmentIds: r.shipment_ids ?? [], facilityId: r.facility_id, riderId: r.rider_id, fw: r.fw,
    statusAt: r.status_at?.toISOString() ?? null,
  };
}
