/** 指标页的简体中文文案（`kpi` 命名空间）。键与 en.ts 一致。 */
export default {
  nav: '指标', title: '关键绩效指标', day: '日期', facility: '仓/店', allFacilities: '全部仓/店',
  csv: '下载 CSV', reload: '重新加载', byHour: '按小时', byFacility: '按仓/店',
  meta: '{date}（{zone}）：{orders} 个订单，{shipments} 个运单，已送达 {delivered} 个',
  empty: '当天没有订单。请选择其他日期或仓/店；有订单后才会显示指标。',
  noFacilities: '当天没有仓/店有运单。',
  loadFailed: '指标加载失败：{message}。请点“重新加载”重试。',
  tile: {
    within30: '30 分钟送达率', avgDoor: '平均下单到送达', onTime: '准时率', fulfilment: '履约率', intact: '冷链完好率',
    excursions: '每千冷链运单偏离数', ackMedian: '告警确认用时（中位数）', ackP90: '告警确认用时（P90）', ack5: '5 分钟内确认的告警',
  },
  unit: { min: '{n} 分钟', per1000: '每千单 {n} 次', orders: '{n} 单', shipments: '{n} 单' },
  why: {
    instant: '当天没有已送达的即时运单：无可计算的基数。',
    delivered: '当天没有送达的运单：无可计算的基数。',
    ended: '当天没有结束（送达、失败或退回）的运单：无可计算的基数。',
    coldEnded: '当天没有结束的冷链运单：无可计算的基数。',
    cold: '当天没有冷链运单：无可计算的基数。',
    acked: '当天没有已确认的告警：无可计算的数据。',
    raised: '当天没有告警：无可计算的基数。',
  },
  alarmsLine: '告警 {raised} 个，已确认 {acked} 个',
  chart: { orders: '订单', delivered: '已送达', riders: '在岗骑手', count: '单数', ridersAxis: '骑手' },
  col: { orders: '订单', delivered: '已送达' },
};
