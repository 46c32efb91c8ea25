/**
 * Shipments whose pickup is in a locked prefix (the box is on board) but whose
 * delivery is not: the delivery must go on the same route. Place it at its
 * cheapest feasible position; if there is none (e.g. the holdover can no
 * longer be met), lock it right after the prefix so the plan still shows it
 * (hard checks are not applied to locked stops; lateness is still reported).
 */
import { KIND_PICKUP, type Model } from '../model';
import { evaluateRoute } from '../route-eval';
import type { Sol } from '../solution';

/** Puts the delivery of every picked-up (locked) shipment on its rider's route. */
export function placeOpenDeliveries(m: Model, sol: Sol): void {
  for (let r = 0; r < sol.routes.length; r++) {
    const route0 = sol.routes[r];
    const open: number[] = [];
    for (let i = 0; i < route0.len; i++) {
      const node = route0.nodes[i];
      if (m.nodeKind[node] !== KIND_PICKUP) continue;
      let delivered = false;
      for (let k = i + 1; k < route0.len; k++) if (route0.nodes[k] === node + 1) delivered = true;
      if (!delivered) open.push(node + 1);
    }
    if (open.length === 0) continue;
    const route = sol.own(m, r);
    const seq = Array.from(route.nodes.subarray(0, route.len));
    let forced = 0;
    for (const d of open) {
      let best = Infinity;
      let bestPos = -1;
      for (let pos = route.locked; pos <= seq.length; pos++) {
        const cand = [...seq.slice(0, pos), d, ...seq.slice(pos)];
        // Later open deliveries are still missing: close them at the end to evaluate.
        const rest = open.filter((x) => x !== d && !seq.includes(x));
        const full = [...cand, ...rest];
        const c = evaluateRoute(m, route.v, full, full.length);
        if (c < best) {
          best = c;
          bestPos = pos;
        }
      }
      if (bestPos < 0) {
        m.nodeLocked[d] = 1;
        seq.splice(route.locked + forced, 0, d);
        forced++;
      } else {
        seq.splice(bestPos, 0, d);
      }
    }
    route.setNodes(seq, seq.length);
    // Forced deliveries join the locked prefix.
    route.locked += forced;
    route.update(m);
  }
}
