/**
 * A shipment's temperature as a customer's page draws it: the readings of the boxes that carried
 * it, during the legs they carried it, cut into at most `buckets` time slices with the lowest
 * and highest probe value of each (so a short spike survives downsampling), plus the shipment's
 * excursion alarms and the limits of its temperature class.
 */
import type { Queryable } from '../../platform/db/pool';
import { EXCURSION_TYPES } from '../alarms/store';
import { resolveStored } from '../alarms/profiles';
import { PRODUCT_CLASSES, type ProductClass } from '../excursion/profile';

/** Probes resolve 0.1 °C at best (the contract's accuracy), so more digits would only be noise. */
const round1 = (x: number) => Math.round(x * 10) / 10;

export interface CustodyLeg { boxId: string; from: string | Date; to: string | Date | null }

export interface ShipmentCurve {
  /** Readings found for the shipment (before downsampling). */
  readings: number;
  /** Time-ordered slices: `at` is the slice's first reading, °C min/max over probes and readings (0.1 °C). */
  points: Array<{ at: string; min: number; max: number }>;
  limits: { low: number; high: number };
  excursions: Array<{ type: string; status: string; raisedAt: string; resolvedAt: string | null }>;
}

/**
 * `legs` come from dispatch's custody history (which box, from when to when); a reading counts
 * when it lies in a leg and ingest attached it to the shipment. Reading by (box, time) uses the
 * readings' primary key rather than scanning for the shipment id.
 */
export async function shipmentCurve(q: Queryable, shipmentId: string, o: { legs: CustodyLeg[]; temperatureClass: string; facilityId: string; buckets?: number; now?: Date }): Promise<ShipmentCurve> {
  const buckets = Math.max(1, Math.min(500, o.buckets ?? 100));
  const now = o.now ?? new Date();
  const cls: ProductClass = (PRODUCT_CLASSES as readonly string[]).includes(o.temperatureClass) ? o.temperatureClass as ProductClass : 'chilled';
  const legs = o.legs.map((l) => ({ box: l.boxId, from: new Date(l.from), to: l.to ? new Date(l.to) : now }));
  const [curve, alarms, profileRows] = await Promise.all([
    legs.length ? q.query(
      `WITH legs AS (SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS l(box_id, f, t)),
            r AS (SELECT r.ts, (SELECT min(x) FROM unnest(r.t) x) AS lo, (SELECT max(x) FROM unnest(r.t) x) AS hi
                    FROM legs JOIN telemetry.readings r ON r.box_id = legs.box_id AND r.ts >= legs.f AND r.ts <= legs.t
                   WHERE $1 = ANY(r.shipment_ids)),
            b AS (SELECT min(ts) AS t0, max(ts) AS t1, count(*) AS n FROM r)
       SELECT (SELECT n FROM b) AS n, min(r.ts) AS at, min(r.lo) AS lo, max(r.hi) AS hi
         FROM r, b
        GROUP BY CASE WHEN b.t1 = b.t0 THEN 0 ELSE least($5 - 1, floor(extract(epoch FROM r.ts - b.t0) / extract(epoch FROM b.t1 - b.t0) * $5)) END
        ORDER BY 2`,
      [shipmentId, legs.map((l) => l.box), legs.map((l) => l.from), legs.map((l) => l.to), buckets]) : Promise.resolve({ rows: [] as any[] }),
    q.query(
      `SELECT type, status, raised_at, resolved_at FROM telemetry.alarms WHERE $1 = ANY(shipment_ids) AND type = ANY($2::text[]) ORDER BY raised_at`,
      [shipmentId, EXCURSION_TYPES]),
    q.query(`SELECT facility_id, product_class, override, escalation FROM telemetry.alarm_profiles WHERE facility_id IN ('*', $1) AND product_class = $2`, [o.facilityId, cls]),
  ]);
  const rows = profileRows.rows.map((r) => ({ facilityId: r.facility_id, productClass: r.product_class, override: r.override, escalation: r.escalation }));
  const { profile } = resolveStored(cls, rows, o.facilityId);
  return {
    readings: Number(curve.rows[0]?.n ?? 0),
    points: curve.rows.filter((r) => r.lo !== null).map((r) => ({ at: r.at.toISOString(), min: round1(r.lo), max: round1(r.hi) })),
    limits: { low: profile.low, high: profile.high },
    excursions: alarms.rows.map((a) => ({ type: a.type, status: a.status, raisedAt: a.raised_at.toISOString(), resolvedAt: a.resolved_at?.toISOString() ?? null })),
  };
}
