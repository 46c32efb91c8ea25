/**
 * Keeps the live map's planned routes current: each facility's plan geometry on load, and a
 * facility's again when the feed says it has a new plan. Colours as on the dispatch board.
 */
import { dispatchApi } from '../dispatch/api';
import type { RouteLayer } from './layers/route-layer';
import { routeColors } from './route-colors';

/** Geometry requests in flight at once (each may route a few riders on the server). */
const CONCURRENCY = 4;

/** `ridersOf` gives a facility's rider ids, so colours match the dispatch board's. */
export function planRoutes(layer: RouteLayer, label: (riderId: string, minutes: number, km: string) => string, ridersOf: (facilityId: string) => string[]) {
  const latest = new Map<string, string | null>();
  async function one(facilityId: string): Promise<void> {
    const g = await dispatchApi.geometry(facilityId).catch(() => null);
    if (!g) return;
    latest.set(facilityId, g.planId);
    const colors = routeColors([...new Set([...ridersOf(facilityId), ...g.routes.map((r) => r.riderId)])]);
    layer.update(facilityId, g.routes.map((r) => ({
      riderId: r.riderId, onRoads: r.onRoads, coordinates: r.geometry.coordinates, color: colors.get(r.riderId)!,
      label: label(r.riderId, Math.round(r.durationS / 60), (r.distanceM / 1000).toFixed(1)),
    })));
  }
  return {
    async loadAll(facilityIds: string[]): Promise<void> {
      const queue = [...facilityIds];
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (queue.length) await one(queue.shift()!); }));
    },
    /** A `plan` feed event. */
    onPlan(e: { facilityId: string; planId: string }): void {
      if (latest.get(e.facilityId) !== e.planId) void one(e.facilityId);
    },
  };
}
