/** Stage 1 — decode: topic + bytes → a typed message, or the decoder's reason code. */
import { decodeBirth, decodeStatus, decodeTelemetry, parseTopic } from '../../contract';
import type { Stage } from '../types';

export const decodeStage: Stage = {
  name: 'decode',
  async run(batch, env) {
    for (const it of batch.items) {
      const t = parseTopic(it.topic);
      it.kind = t?.kind ?? null;
      it.boxId = t?.boxId ?? null;
      if (!t) { it.rejected = { reason: 'invalid_topic', detail: `not a box topic: ${it.topic.slice(0, 200)}` }; continue; }
      if (t.kind === 'telemetry') {
        const r = decodeTelemetry(it.topic, it.payload, it.receivedAt, env.decode);
        if (r.ok) it.telemetry = r; else it.rejected = { reason: r.reason, detail: r.detail };
      } else if (t.kind === 'birth') {
        const r = decodeBirth(it.topic, it.payload);
        if (r.ok) it.birth = r.message; else it.rejected = { reason: r.reason, detail: r.detail };
      } else {
        const r = decodeStatus(it.topic, it.payload);
        if (r.ok) it.status = r.status; else it.rejected = { reason: r.reason, detail: r.detail };
      }
    }
  },
};
