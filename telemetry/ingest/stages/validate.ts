/**
 * Stage 2 — validate: the box must be registered (dispatch's box registry). The broker already
 * refuses a box publishing on another box's topic (per-box ACL), and the decoder refuses a
 * payload whose boxId differs from the topic (`topic_mismatch`); an unregistered box is
 * refused here (`unknown_box`).
 */
import type { Stage } from '../types';

export const validateStage: Stage = {
  name: 'validate',
  async run(batch, env) {
    const ids = [...new Set(batch.items.filter((i) => !i.rejected && i.boxId).map((i) => i.boxId!))];
    const infos = new Map(await Promise.all(ids.map(async (id) => [id, await env.boxes.get(id)] as const)));
    for (const it of batch.items) {
      if (it.rejected || !it.boxId) continue;
      const box = infos.get(it.boxId);
      if (!box) it.rejected = { reason: 'unknown_box', detail: `box ${it.boxId} is not registered` };
      else it.box = box;
    }
  },
};
