/**
 * Stage 4 — attach custody: which shipments were in the box at each reading's device time
 * (from dispatch, through the cached port). A box with no shipment still has its readings
 * stored; it is just not evaluated against a product profile. Each leg carries its door windows
 * (when an opening is expected); a live open door outside them gets a fresh custody read first.
 */
import type { BoxCustody } from '../../ports';
import { live, type Stage } from '../types';

/** Whether a door opening at `ts` (device time) is expected in this custody leg: inside one of its door windows, ends included. */
export function doorExpectedAt(c: BoxCustody, ts: number): boolean {
  return c.doorWindows.some((w) => w.from.getTime() <= ts && ts <= w.to.getTime());
}

export const custodyStage: Stage = {
  name: 'custody',
  async run(batch, env) {
    const now = env.now();
    const memo = new Map<string, Promise<BoxCustody[]>>();
    const items = batch.items.filter((i) => live(i) && i.readings);
    const attach = (it: (typeof items)[number]) => Promise.all(it.readings!.map(async (r) => { r.custody = await env.custody.at(r.boxId, r.ts, now, memo); }));
    await Promise.all(items.map(attach));
    // A live open-door reading outside every cached door window is checked against a fresh read
    // (once per box and batch) before it can raise DOOR_OPEN.
    const stale = new Set<string>();
    for (const it of items) {
      for (const r of it.readings!) {
        if (r.door === true && r.custody.length && env.custody.isLive(r.ts, now) && !r.custody.some((c) => doorExpectedAt(c, r.ts))) stale.add(r.boxId);
      }
    }
    if (!stale.size) return;
    const refreshed = new Set<string>();
    await Promise.all([...stale].map(async (b) => { if (await env.custody.refresh(b, now)) refreshed.add(b); }));
    await Promise.all(items.filter((it) => it.readings!.some((r) => refreshed.has(r.boxId))).map(attach));
  },
};
