/**
 * The dispatch board as data, without a DOM: the plan's routes as columns of delivery cards,
 * and the edit a drop or a keyboard move asks for. The server decides what the edit does
 * (preview) and whether it may be made (apply); this only phrases the request.
 */
import type { Plan, PlanEdit } from './api';
import { NO_ROUTE_COLOR, routeColors } from '../map/route-colors';

export interface Card {
  shipmentId: string; orderId: string | null; eta: string | null; dueAt: string | null; lateMin: number;
  pinnedRiderId: string | null; pickedUp: boolean; cold: boolean; unassignedReason: string | null;
}
export interface Column { riderId: string; name: string; color: string; online: boolean; cards: Card[]; travelS: number; distanceM: number }
export interface Board { columns: Column[]; unassigned: Card[] }

export function buildBoard(plan: Plan, riders: Array<{ id: string; name: string; status: string }>): Board {
  const info = new Map((plan.shipments ?? []).map((s) => [s.id, s] as const));
  const colors = routeColors([...new Set([...riders.map((r) => r.id), ...plan.routes.map((r) => r.riderId)])]);
  const card = (shipmentId: string, eta: string | null, lateness: number, unassignedReason: string | null = null): Card => {
    const s = info.get(shipmentId);
    return {
      shipmentId, orderId: s?.orderId ?? null, eta, dueAt: s?.dueAt ?? null, lateMin: Math.round(lateness / 60),
      pinnedRiderId: s?.pinnedRiderId ?? null, pickedUp: s?.status === 'picked_up', cold: (s?.coldClasses.length ?? 0) > 0, unassignedReason,
    };
  };
  const routeOf = new Map(plan.routes.map((r) => [r.riderId, r] as const));
  const ids = [...new Set([...plan.routes.map((r) => r.riderId), ...riders.filter((r) => r.status === 'online').map((r) => r.id)])].sort();
  const name = new Map(riders.map((r) => [r.id, r] as const));
  const onRoute = new Set<string>();
  const columns = ids.map((id) => {
    const r = routeOf.get(id);
    const cards = (r?.stops ?? []).filter((s) => s.step === 'delivery').map((s) => { onRoute.add(s.shipmentId); return card(s.shipmentId, s.eta, s.lateness); });
    return { riderId: id, name: name.get(id)?.name ?? id, color: colors.get(id) ?? NO_ROUTE_COLOR, online: name.get(id)?.status === 'online', cards, travelS: r?.travelS ?? 0, distanceM: r?.distanceM ?? 0 };
  });
  const reasons = new Map(plan.unassigned.map((u) => [u.shipmentId, u.reason] as const));
  const unassigned = (plan.shipments ?? []).filter((s) => !onRoute.has(s.id) && s.status !== 'picked_up').map((s) => card(s.id, null, 0, reasons.get(s.id) ?? null));
  return { columns, unassigned };
}

/** Where a card sits: its rider (null = unassigned) and index in the column. */
export function locate(board: Board, shipmentId: string): { riderId: string | null; index: number } | null {
  const u = board.unassigned.findIndex((c) => c.shipmentId === shipmentId);
  if (u >= 0) return { riderId: null, index: u };
  for (const col of board.columns) {
    const i = col.cards.findIndex((c) => c.shipmentId === shipmentId);
    if (i >= 0) return { riderId: col.riderId, index: i };
  }
  return null;
}

/**
 * The edit for putting a shipment at `index` of rider `toRiderId`'s column (index counted in the
 * column as it is shown, before the card leaves its place). Null when nothing would change or
 * the target is the unassigned list (the plan has no "unassign": unpin and re-optimise instead).
 */
export function editFor(board: Board, shipmentId: string, toRiderId: string | null, index: number): PlanEdit | null {
  const from = locate(board, shipmentId);
  if (!from || toRiderId === null) return null;
  const col = board.columns.find((c) => c.riderId === toRiderId);
  if (!col) return null;
  if (from.riderId !== toRiderId) return { type: 'assign', shipmentId, riderId: toRiderId, position: Math.max(0, Math.min(index, col.cards.length)) };
  const order = col.cards.map((c) => c.shipmentId);
  const target = Math.max(0, Math.min(index > from.index ? index - 1 : index, order.length - 1));
  if (target === from.index) return null;
  order.splice(from.index, 1);
  order.splice(target, 0, shipmentId);
  return { type: 'reorder', riderId: toRiderId, shipmentIds: order };
}

/** The keyboard fallback: one place up (-1) or down (+1) in the card's own column. */
export function moveBy(board: Board, shipmentId: string, delta: -1 | 1): PlanEdit | null {
  const at = locate(board, shipmentId);
  if (!at || at.riderId === null) return null;
  // editFor counts the index before the card leaves, so one down is two slots on.
  return editFor(board, shipmentId, at.riderId, delta < 0 ? at.index - 1 : at.index + 2);
}
