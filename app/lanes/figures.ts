/**
 * Lane quality (issue 23): the period's shipments grouped by one dimension (facility, area, local
 * hour, rider, box), each lane with its cold-chain and delivery figures, a score, and what drove
 * the score with the shipments behind it. Pure, so the definitions are tested with plain rows.
 *
 * Figures shared with the KPI page come from app/kpi/figures.ts (excursions per 1,000 cold
 * shipments, on-time rate, delivered); the lane adds:
 * - late: delivered or collected after the promised time (the complement of on time).
 * - timeOutOfRangeMin: the temperature records' time out of range, summed over the lane.
 * - holdover margin: the last cold leg's holdover end minus the hand-over time, per delivered
 *   cold shipment, as a distribution; "thin" when below the planner's holdover safety margin
 *   (negative = delivered after the box's validated holdover ran out).
 * - alarms: every alarm about a shipment of the lane (once per lane), acknowledgement minutes
 *   from raised (server time) to acknowledged, as the KPI page counts them.
 *
 * Score (worst first): 100 × (3 × shipments with an excursion + 2 × thin-margin deliveries +
 * late deliveries) ÷ shipments. An excursion weighs most (the medicine may be lost), a thin
 * margin next (an excursion nearly happened), lateness least (the customer waited). The driver
 * is the largest of the three terms.
 */
import type { ShipmentFact, ShipmentLane } from '../../dispatch';
import type { ShipmentOutcome } from '../../tracking';
import type { ShipmentAlarm } from '../../telemetry';
import { coldOut, figures, handedOverAt } from '../kpi/figures';

export const DIMENSIONS = ['facility', 'area', 'hour', 'rider', 'box'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const CAUSES = ['excursions', 'thin_margin', 'late'] as const;
export type Cause = (typeof CAUSES)[number];
export const WEIGHTS: Record<Cause, number> = { excursions: 3, thin_margin: 2, late: 1 };
/** Shipment ids listed behind a driver (the CSV and the console show them; the rest are counted). */
export const DRIVER_IDS_MAX = 20;
/** Area cells: 0.01° of latitude × 0.01° of longitude, about 1.1 km × 1.0 km at 22–31° N. */
export const CELL_DEG = 0.01;

export interface LaneInput {
  fact: ShipmentFact;
  lane: ShipmentLane | undefined;
  outcome: ShipmentOutcome | undefined;
  timeOutOfRangeMs: number;
}

export interface LaneContext {
  excursions: Map<string, number>;
  alarms: ShipmentAlarm[];
  facilities: Map<string, { name: string; timeZone: string }>;
  /** below this margin, minutes, a delivery counts as thin (the planner's holdover safety margin) */
  thinMarginMin: number;
}

export interface MarginDistribution { n: number; minMin: number | null; p10Min: number | null; medianMin: number | null; maxMin: number | null }

export interface LaneRow {
  key: string;
  label: string;
  shipments: number;
  coldShipments: number;
  delivered: number;
  excursions: number;
  excursionsPer1000Cold: number | null;
  timeOutOfRangeMin: number;
  late: number;
  onTimeRate: number | null;
  holdoverMargin: MarginDistribution;
  thinMargin: number;
  alarms: { raised: number; acknowledged: number; medianAckMin: number | null; p90AckMin: number | null };
  score: number;
  driver: { cause: Cause; count: number; shipmentIds: string[] } | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** percentile_cont: linear between the two nearest ranks of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/** The ~1 km cell of a point, named by its centre (e.g. "23.125N 113.335E"). */
export function areaCell(p: { lat: number; lng: number }): { key: string; label: string } {
  const c = (v: number) => (Math.floor(v / CELL_DEG) + 0.5) * CELL_DEG;
  const lat = c(p.lat).toFixed(3), lng = c(p.lng).toFixed(3);
  const label = `${lat.replace('-', '')}${p.lat < 0 ? 'S' : 'N'} ${lng.replace('-', '')}${p.lng < 0 ? 'W' : 'E'}`;
  return { key: `${lat},${lng}`, label };
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();
function localHour(d: Date, timeZone: string): number {
  let f = hourFormats.get(timeZone);
  if (!f) hourFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' })));
  return Number(f.format(d)) % 24;
}

/** One place per dimension: which lane a shipment is in and what the lane is called. */
export function laneOf(by: Dimension, s: LaneInput, ctx: LaneContext): { key: string; label: string } {
  switch (by) {
    case 'facility': return { key: s.fact.facilityId, label: ctx.facilities.get(s.fact.facilityId)?.name ?? s.fact.facilityId };
    case 'area': return s.lane ? areaCell(s.lane.point) : { key: 'none', label: '' };
    case 'hour': {
      // The hour it left the facility (when the cold chain was on the road), else when it was ordered.
      const h = localHour(s.lane?.leftAt ?? s.fact.orderCreatedAt, ctx.facilities.get(s.fact.facilityId)?.timeZone ?? 'Asia/Shanghai');
      return { key: String(h).padStart(2, '0'), label: `${String(h).padStart(2, '0')}:00–${String((h + 1) % 24).padStart(2, '0')}:00` };
    }
    case 'rider': return s.lane?.riderId ? { key: s.lane.riderId, label: s.lane.riderName ?? s.lane.riderId } : { key: 'none', label: '' };
    case 'box': return s.lane?.box ? { key: s.lane.box, label: s.lane.box } : { key: 'none', label: '' };
  }
}

function lane(key: string, label: string, members: LaneInput[], ctx: LaneContext): LaneRow {
  const f = figures(members.map((m) => m.fact), new Map(members.flatMap((m) => (m.outcome ? [[m.fact.id, m.outcome] as const] : []))), ctx.excursions);
  const behind: Record<Cause, string[]> = { excursions: [], thin_margin: [], late: [] };
  const margins: number[] = [];
  let cold = 0, excursions = 0, outMs = 0;
  const ids = new Set<string>();
  for (const m of members) {
    const id = m.fact.id;
    ids.add(id);
    if (coldOut(m.fact, m.outcome)) {
      cold++;
      const n = ctx.excursions.get(id) ?? 0;
      excursions += n;
      if (n) behind.excursions.push(id);
    }
    outMs += m.timeOutOfRangeMs;
    const at = handedOverAt(m.fact, m.outcome);
    if (!at) continue;
    if (at > m.fact.dueAt) behind.late.push(id);
    if (m.fact.cold && m.lane?.holdoverEndsAt) {
      const margin = (m.lane.holdoverEndsAt.getTime() - at.getTime()) / 60_000;
      margins.push(margin);
      if (margin < ctx.thinMarginMin) behind.thin_margin.push(id);
    }
  }
  margins.sort((a, b) => a - b);
  const r1 = (x: number | null) => (x === null ? null : round1(x));

  const alarms = ctx.alarms.filter((a) => a.shipmentIds.some((s) => ids.has(s)));
  const ack = alarms.filter((a) => a.acknowledgedAt).map((a) => (a.acknowledgedAt!.getTime() - a.createdAt.getTime()) / 60_000).sort((a, b) => a - b);

  const terms = CAUSES.map((c) => ({ cause: c, weight: WEIGHTS[c] * behind[c].length }));
  const top = terms.reduce((a, b) => (b.weight > a.weight ? b : a));
  return {
    key, label,
    shipments: f.shipments, coldShipments: cold, delivered: f.delivered,
    excursions, excursionsPer1000Cold: f.excursionsPer1000Cold,
    timeOutOfRangeMin: round1(outMs / 60_000),
    late: behind.late.length, onTimeRate: f.onTimeRate,
    holdoverMargin: { n: margins.length, minMin: r1(margins[0] ?? null), p10Min: r1(percentile(margins, 0.1)), medianMin: r1(percentile(margins, 0.5)), maxMin: r1(margins.at(-1) ?? null) },
    thinMargin: behind.thin_margin.length,
    alarms: { raised: alarms.length, acknowledged: ack.length, medianAckMin: r1(percentile(ack, 0.5)), p90AckMin: r1(percentile(ack, 0.9)) },
    score: f.shipments ? round1((100 * terms.reduce((a, t) => a + t.weight, 0)) / f.shipments) : 0,
    driver: top.weight ? { cause: top.cause, count: behind[top.cause].length, shipmentIds: behind[top.cause].slice(0, DRIVER_IDS_MAX) } : null,
  };
}

/** The lanes of one dimension, worst (highest score) first; ties: more shipments first, then by key. */
export function lanes(by: Dimension, shipments: LaneInput[], ctx: LaneContext): LaneRow[] {
  const groups = new Map<string, { label: string; members: LaneInput[] }>();
  for (const s of shipments) {
    const { key, label } = laneOf(by, s, ctx);
    const g = groups.get(key);
    if (g) g.members.push(s);
    else groups.set(key, { label, members: [s] });
  }
  return [...groups].map(([key, g]) => lane(key, g.label, g.members, ctx))
    .sort((a, b) => b.score - a.score || b.shipments - a.shipments || a.key.localeCompare(b.key));
}
