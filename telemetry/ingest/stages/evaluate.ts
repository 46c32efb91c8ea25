/**
 * Stage 6 — evaluate: runs the excursion engine (pure, telemetry/excursion) per shipment in the
 * box, with the state kept in Redis under optimistic locking (see state/excursion-store.ts for
 * why). Alarm events are applied to the alarm table before the state is saved: applying is
 * idempotent, so a crash or a lost compare-and-set in between only repeats work.
 */
import { evaluateSeries, initExcursionState, noteBirth, onStatus, summarize, type EvalReading, type ExcursionEvent, type ReadingContext } from '../../excursion';
import type { BoxCustody } from '../../ports';
import { applyEvents, type EventScope } from '../../alarms/store';
import type { ShipmentMeta, StoredState } from '../../state/excursion-store';
import { ingestMetrics as m } from '../metrics';
import { live, type Batch, type PipelineEnv, type Stage } from '../types';
import { doorExpectedAt } from './custody';

type Op = { kind: 'readings'; readings: EvalReading[] } | { kind: 'status'; status: 'online' | 'offline'; at: number } | { kind: 'birth' };

interface Group { meta: ShipmentMeta; custody: BoxCustody; ops: Op[] }

/** Keeps states of finished custody for a week (late buffered data), then Redis drops them. */
const INACTIVE_TTL_MS = 7 * 24 * 3600_000;

/**
 * The pre-alarm's horizon is the time left until the shipment's ETA, while that is ahead; a door
 * opening is expected inside one of the custody's door windows (pickup, handover), ends included.
 */
export function readingContext(c: BoxCustody, ts: number): ReadingContext | undefined {
  const left = c.etaAt ? c.etaAt.getTime() - ts : null;
  const ctx: ReadingContext = {};
  if (left !== null && left > 0) ctx.remainingEtaMs = left;
  // Only `true` is kept: the context is stored with every reading of the engine's history (Redis).
  if (doorExpectedAt(c, ts)) ctx.doorExpected = true;
  return ctx.remainingEtaMs === undefined && !ctx.doorExpected ? undefined : ctx;
}

function groupsOf(batch: Batch, env: PipelineEnv, current: Map<string, BoxCustody[]>): Map<string, Group> {
  const groups = new Map<string, Group>();
  const group = (boxId: string, c: BoxCustody, riderFallback: string | null): Group => {
    const key = env.excursions.key(boxId, c.shipmentId);
    let g = groups.get(key);
    if (!g) {
      g = { custody: c, ops: [], meta: { boxId, shipmentId: c.shipmentId, facilityId: c.facilityId, riderId: c.riderId ?? riderFallback, temperatureClass: c.temperatureClass, stabilityBudgetMin: c.stabilityBudgetMin } };
      groups.set(key, g);
    }
    return g;
  };
  for (const it of batch.items) {
    if (!live(it) || !it.boxId) continue;
    if (it.readings) {
      const byShipment = new Map<string, { c: BoxCustody; rs: EvalReading[] }>();
      for (const r of it.readings) {
        for (const c of r.custody) {
          const e = byShipment.get(c.shipmentId) ?? { c, rs: [] };
          e.rs.push({ ts: r.ts, seq: r.seq, readingIndex: r.readingIndex, receivedAt: r.receivedAt, probes: r.probes, door: r.door, batt: r.batt, hist: r.hist, ctx: readingContext(c, r.ts) });
          byShipment.set(c.shipmentId, e);
        }
      }
      for (const { c, rs } of byShipment.values()) {
        const g = group(it.boxId, c, it.box?.riderId ?? null);
        const last = g.ops.at(-1);
        if (last?.kind === 'readings') last.readings.push(...rs); else g.ops.push({ kind: 'readings', readings: rs });
      }
    } else if (it.status || it.birth) {
      for (const c of current.get(it.boxId) ?? []) {
        group(it.boxId, c, it.box?.riderId ?? null).ops.push(it.status ? { kind: 'status', status: it.status, at: it.receivedAt } : { kind: 'birth' });
      }
    }
  }
  return groups;
}

export const evaluateStage: Stage = {
  name: 'evaluate',
  async run(batch, env) {
    const now = env.now();
    const needCurrent = [...new Set(batch.items.filter((i) => live(i) && (i.status || i.birth) && i.boxId).map((i) => i.boxId!))];
    const current = new Map(await Promise.all(needCurrent.map(async (b) => [b, await env.custody.current(b, now)] as const)));
    const groups = groupsOf(batch, env, current);
    let pending = [...groups.keys()];
    for (let attempt = 0; pending.length && attempt < 8; attempt++) {
      const states = await env.excursions.load(pending, attempt > 0);
      const writes: Array<{ key: string; expectV: number; state: StoredState; active: boolean; ttlMs?: number }> = [];
      const toApply: Array<{ scope: EventScope; event: ExcursionEvent }> = [];
      for (const key of pending) {
        const g = groups.get(key)!;
        const { profile, valid } = await env.profiles.get(g.meta.temperatureClass, g.meta.facilityId, g.meta.stabilityBudgetMin);
        if (!valid && attempt === 0) m.invalidProfiles.inc();
        const v = states.get(key)!;
        let exc = v.state?.exc ?? initExcursionState({ boxId: g.meta.boxId, shipmentId: g.meta.shipmentId, pairedAt: g.custody.from.getTime() }, profile);
        const events: ExcursionEvent[] = [];
        for (const op of g.ops) {
          if (op.kind === 'birth') exc = noteBirth(exc);
          else if (op.kind === 'status') { const r = onStatus(exc, op.status, op.at, profile); exc = r.state; events.push(...r.events); }
          else {
            const r = evaluateSeries(exc, op.readings, profile, { maxHistory: env.maxHistory });
            exc = r.state;
            events.push(...r.events);
            if (r.beyondHorizon.length && attempt === 0) m.beyondHorizon.inc(r.beyondHorizon.length);
          }
        }
        const scope: EventScope = {
          boxId: g.meta.boxId, temperatureClass: g.meta.temperatureClass, shipmentIds: [g.meta.shipmentId],
          facilityIds: [g.meta.facilityId], riderIds: g.meta.riderId ? [g.meta.riderId] : [],
        };
        for (const event of events) toApply.push({ scope, event });
        if (g.ops.some((o) => o.kind === 'readings')) {
          env.latest.offerFigures({
            ...summarize(exc, profile), shipmentId: g.meta.shipmentId, boxId: g.meta.boxId, at: exc.lastTs === null ? null : new Date(exc.lastTs).toISOString(),
          }, { facilityIds: scope.facilityIds, riderIds: scope.riderIds });
        }
        const active = g.custody.to === null || g.custody.to.getTime() > now;
        writes.push({ key, expectV: v.v, state: { exc, meta: g.meta }, active, ttlMs: active ? 0 : INACTIVE_TTL_MS });
      }
      const changes = await applyEvents(env.db, toApply);
      batch.alarmChanges.push(...changes);
      pending = await env.excursions.save(writes);
      if (pending.length) m.casConflicts.inc(pending.length);
    }
    if (pending.length) throw new Error(`excursion state of ${pending.length} shipment(s) kept changing under us; batch will be retried`);
  },
};
