/** 订单详情中的履约决策、运单与温度记录（`orderDetail` 命名空间）。键与 en.ts 一致。 */
export default {
  sourcing: {
    title: '履约决策', facility: '站点', tier: '层级', outcome: '结果', eta: '预计送达', why: '原因',
    none: '该订单没有保存履约决策。', noReason: '—',
    outcomeName: { chosen: '选中', eligible: '可全部履约', partial: '仅能部分履约', rejected: '不可履约' },
    reasonName: {
      out_of_service_area: '不在服务范围内', closed: '该时段未营业', no_cold_capability: '无法保持该温区',
      out_of_stock: '无库存', no_box: '没有空闲冷箱', cold_paused: '该点已暂停即时冷链配送', cannot_meet_promise: '无法按承诺时间送达', unroutable: '无可行道路',
    },
    forSku: '（{sku}）', latest: '最早送达 {time}',
  },
  shipment: {
    replaces: '补发，替代 {id}', replacedBy: '已补发：{id}',
    state: '状态', rider: '骑手', legs: '保管段', holder: '保管方', box: '保温箱', from: '开始', to: '结束', now: '至今',
    holderKind: { facility: '站点', rider: '骑手', store: '门店', customer: '顾客' },
    noLegs: '尚未取货。', loadFailed: '运单加载失败：{message}。',
    stateName: {
      planned: '待分配', assigned: '已分配', at_pickup: '骑手已到站', picked_up: '已取货', in_transit: '配送中', arriving: '即将送达',
      delivered: '已送达', failed: '配送失败', returning: '退回途中', returned: '已退回', cancelled: '已取消', ready_for_pickup: '待自提', collected: '已自提',
    },
  },
  record: {
    title: '温度记录', range: '温区', readings: '{n} 条读数', minMax: '最低 / 最高', mkt: '平均动力学温度', outOfRange: '超限时长', gaps: '最长间隔',
    sealed: '已封存', open: '记录中（运单未结束）', none: '暂无读数：取货后开始记录。',
    report: '报告', pdf: 'PDF（{lang}）', csv: 'CSV', loadFailed: '温度记录加载失败：{message}。',
    minutes: '{n} 分钟', seconds: '{n} 秒',
  },
};
