import { describe, expect, it } from 'vitest';
import { parsePlanReason, planReasonText, type PlanReason } from './plan-reason';

describe('plan reasons', () => {
  it('reads back every reason dispatch writes', () => {
    const made: PlanReason[] = [
      { kind: 'order_placed', params: { orderId: 'ord_7k2m9x' } },
      { kind: 'order_cancelled', params: { orderId: 'ord_7k2m9x' } },
      { kind: 'order_confirmed', params: { orderId: 'ord_7k2m9x' } },
      { kind: 'order_rx_verified', params: { orderId: 'ord_7k2m9x' } },
      { kind: 'rider_status', params: { riderId: 'rdr_li01', status: 'offline' } },
      { kind: 'shipment_pinned', params: { shipmentId: 'shp_4h8q2c' } },
      { kind: 'edit', params: { edit: 'assign', userId: 'usr_disp01' } },
      { kind: 'manual', params: { userId: 'usr_disp01' } },
      { kind: 'manual', params: {} },
      { kind: 'shipment_replaced', params: { replacementId: 'shp_9r2x1a', shipmentId: 'shp_4h8q2c' } },
    ];
    for (const r of made) expect(parsePlanReason(planReasonText(r))).toEqual(r);
  });
  it('reads the texts tracking and telemetry hand to requestPlan', () => {
    expect(parsePlanReason('shipment shp_4h8q2c picked up')).toEqual({ kind: 'shipment_picked_up', params: { shipmentId: 'shp_4h8q2c' } });
    expect(parsePlanReason('shipment shp_4h8q2c failed: cold-chain breach')).toEqual({ kind: 'shipment_failed', params: { shipmentId: 'shp_4h8q2c', failure: 'cold-chain breach' } });
    expect(parsePlanReason('shipment shp_4h8q2c handed over')).toEqual({ kind: 'shipment_handed_over', params: { shipmentId: 'shp_4h8q2c' } });
    expect(parsePlanReason('alarm TEMP_HIGH (critical) on box_th0007, alm_3f9k2p'))
      .toEqual({ kind: 'alarm', params: { type: 'TEMP_HIGH', severity: 'critical', boxId: 'box_th0007', alarmId: 'alm_3f9k2p' } });
  });
  it('keeps an unknown text as it is', () => {
    expect(parsePlanReason('planner restarted')).toEqual({ kind: 'other', params: { text: 'planner restarted' } });
    expect(parsePlanReason(null)).toEqual({ kind: 'other', params: { text: '' } });
  });
});
