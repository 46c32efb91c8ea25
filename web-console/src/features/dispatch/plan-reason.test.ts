import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import zhCN from '../../../../web-shared/i18n/zh-CN';
import en from '../../../../web-shared/i18n/en';
import { planReasonLabel, type Translate } from './plan-reason';

const composer = (locale: 'zh-CN' | 'en'): Translate => {
  const g = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } }).global;
  return { t: (k, p) => g.t(k, p), te: (k) => g.te(k) };
};

describe('plan reasons in the reader\'s language', () => {
  it('names the user who edited, not their id', () => {
    const r = { kind: 'edit', params: { edit: 'assign', userId: 'usr_9x8y7z', userName: '王调度' } };
    for (const l of ['zh-CN', 'en'] as const) {
      const s = planReasonLabel(composer(l), r);
      expect(s).toContain('王调度');
      expect(s).not.toContain('usr_');
    }
    const e = composer('en');
    expect(planReasonLabel(e, r)).toBe('assignment by 王调度');
    const zh = composer('zh-CN');
    expect(planReasonLabel(zh, r)).toBe('王调度 指派');
    expect(planReasonLabel(e, { kind: 'manual', params: { userId: 'usr_gone', userName: '' } })).toBe('re-optimised by a former user');
  });
  it('says every kind in both languages, with riders and alarm types by name', () => {
    const zh = composer('zh-CN'), e = composer('en');
    const riders = (id: string) => (id === 'rdr_li01' ? '李骑手' : undefined);
    expect(planReasonLabel(zh, { kind: 'rider_status', params: { riderId: 'rdr_li01', status: 'offline' } }, riders)).toBe('骑手 李骑手 下线');
    expect(planReasonLabel(e, { kind: 'alarm', params: { type: 'TEMP_HIGH', severity: 'critical', boxId: 'box_1', alarmId: 'alm_1' } })).toBe('Too warm alarm on box box_1');
    expect(planReasonLabel(zh, { kind: 'order_placed', params: { orderId: 'ord_1' } })).toBe('新订单 ord_1');
    expect(planReasonLabel(e, { kind: 'shipment_failed', params: { shipmentId: 'shp_1', failure: 'cold-chain breach' } })).toBe('shipment shp_1 failed (cold-chain breach)');
    expect(planReasonLabel(e, { kind: 'shipment_replaced', params: { replacementId: 'shp_2', shipmentId: 'shp_1' } })).toBe('replacement shp_2 for shipment shp_1');
    expect(planReasonLabel(e, { kind: 'other', params: { text: 'planner restarted' } })).toBe('planner restarted');
    expect(planReasonLabel(e, null, undefined, 'order ord_1')).toBe('order ord_1');
  });
});
