import { describe, expect, it } from 'vitest';
import { buildBoard, editFor, moveBy } from './board';
import type { Plan } from './api';

const stop = (shipmentId: string, step: 'pickup' | 'delivery', lateness = 0) => ({ shipmentId, step, eta: '2026-12-05T02:00:00.000Z', lateness, lat: 0, lng: 0, locked: false });
const plan: Plan = {
  planId: 'pln_1', facilityId: 'fac_1', createdAt: '2026-12-05T01:00:00.000Z', reason: 'test',
  unassigned: [{ shipmentId: 'shp_d', reason: 'capacity', detail: '' }],
  routes: [
    { riderId: 'rdr_b', stops: [stop('shp_a', 'pickup'), stop('shp_b', 'pickup'), stop('shp_a', 'delivery'), stop('shp_b', 'delivery', 300)], travelS: 900, distanceM: 4000 },
    { riderId: 'rdr_a', stops: [stop('shp_c', 'pickup'), stop('shp_c', 'delivery')], travelS: 600, distanceM: 2000 },
  ],
  shipments: ['shp_a', 'shp_b', 'shp_c', 'shp_d'].map((id) => ({ id, orderId: `ord_${id}`, status: 'assigned', dueAt: '2026-12-05T03:00:00.000Z', pinnedRiderId: null, coldClasses: id === 'shp_a' ? ['chilled'] : [] })),
};
const riders = [{ id: 'rdr_a', name: 'A', status: 'online' }, { id: 'rdr_b', name: 'B', status: 'online' }, { id: 'rdr_c', name: 'C', status: 'online' }];

describe('dispatch board', () => {
  const board = buildBoard(plan, riders);
  it('has a column per rider (idle online riders too) with deliveries in route order, and the unassigned', () => {
    expect(board.columns.map((c) => [c.riderId, c.cards.map((x) => x.shipmentId)])).toEqual([['rdr_a', ['shp_c']], ['rdr_b', ['shp_a', 'shp_b']], ['rdr_c', []]]);
    expect(board.columns[1].cards[1].lateMin).toBe(5);
    expect(board.columns[1].cards[0].cold).toBe(true);
    expect(board.unassigned.map((c) => [c.shipmentId, c.unassignedReason])).toEqual([['shp_d', 'capacity']]);
    expect(board.columns[0].color).not.toBe(board.columns[1].color);
  });
  it('turns a drop on another rider into an assign at that place, and within the column into a reorder', () => {
    expect(editFor(board, 'shp_d', 'rdr_b', 1)).toEqual({ type: 'assign', shipmentId: 'shp_d', riderId: 'rdr_b', position: 1 });
    expect(editFor(board, 'shp_c', 'rdr_b', 9)).toEqual({ type: 'assign', shipmentId: 'shp_c', riderId: 'rdr_b', position: 2 });
    expect(editFor(board, 'shp_b', 'rdr_b', 0)).toEqual({ type: 'reorder', riderId: 'rdr_b', shipmentIds: ['shp_b', 'shp_a'] });
    expect(editFor(board, 'shp_a', 'rdr_b', 2)).toEqual({ type: 'reorder', riderId: 'rdr_b', shipmentIds: ['shp_b', 'shp_a'] });
    expect(editFor(board, 'shp_a', 'rdr_b', 1)).toBeNull();
    expect(editFor(board, 'shp_a', null, 0)).toBeNull();
  });
  it('moves a card up or down with the keyboard fallback, and not past the ends', () => {
    expect(moveBy(board, 'shp_a', 1)).toEqual({ type: 'reorder', riderId: 'rdr_b', shipmentIds: ['shp_b', 'shp_a'] });
    expect(moveBy(board, 'shp_b', -1)).toEqual({ type: 'reorder', riderId: 'rdr_b', shipmentIds: ['shp_b', 'shp_a'] });
    expect(moveBy(board, 'shp_a', -1)).toBeNull();
    expect(moveBy(board, 'shp_b', 1)).toBeNull();
    expect(moveBy(board, 'shp_d', 1)).toBeNull();
  });
});
