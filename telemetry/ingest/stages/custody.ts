/**
 * Stage 4 — attach custody: which shipments were in the box at each reading's device time
 * (from dispatch, through the cached port). A box with no shipment still has its readings
 * stored; it is just not evaluated against a product profile.
 */
import type { BoxCustody } from '../../ports';
import { live, type Stage } from '../types';

export const custodyStage: Stage = {
  name: 'custody',
  async run(batch, env) {
    const now = env.now();
    const memo = new Map<string, Promise<BoxCustody[]>>();
    await Promise.all(batch.items.filter((i) => live(i) && i.readings).map(async (it) => {
      for (const r of it.readings!) r.custody = await env.custody.at(r.boxId, r.ts, now, memo);
    }));
  },
};
