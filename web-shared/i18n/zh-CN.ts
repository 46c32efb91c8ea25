/** 简体中文 (default). Keys mirror en.ts: messages.test.ts checks both have the same. */
import consoleAdmin from './console-admin.zh-CN';
import dispatch from '../../web-console/src/features/dispatch/i18n/zh-CN';
import qa from '../../web-console/src/features/qa/i18n/zh-CN';
import kpi from '../../web-console/src/features/kpi/i18n/zh-CN';
import orderDetail from '../../web-console/src/features/orders/i18n/zh-CN';
import login from './login.zh-CN';
export default {
  ...consoleAdmin,
  dispatch,
  qa,
  kpi,
  orderDetail,
  app: { title: '冷链调度台', language: '语言', logout: '退出登录', loggedInAs: '{name}（{role}）' },
  role: { admin: '管理员', dispatcher: '调度员', qa: '质量管理', rider: '骑手', partner: '合作药店' },
  nav: { map: '实时地图', orders: '订单', alarms: '告警', dispatch: '调度' },
  login,
  map: {
    box: { label: '保温箱 {id}', withRider: '随骑手 {name}', atFacility: '在 {name}', nowhere: '位置未知', missing: '没有保温箱 {id} 的状态：它还没有上报过读数。' },
    facilities: '站点', riders: '骑手', serviceAreas: '服务范围', roads: '道路',
    tier: { central: '中心仓', forward: '前置仓', store: '合作药店' },
    riderStatus: { online: '在线', offline: '离线' },
    noPosition: '暂无位置', lastSeen: '{time} 上报',
    feed: { connecting: '正在连接实时数据…', open: '实时更新中', lost: '实时连接已断开，正在重连；地图可能不是最新。' },
    empty: '还没有站点。管理员可在“站点”中添加，或运行 npm start 载入演示数据。',
    loadFailed: '地图数据加载失败：{message}。请刷新页面重试。',
    search: '搜索订单、骑手或站点',
    orders: '待配送订单', boxes: '冷箱', cold: '冷链', selected: '已选中', openOrder: '查看订单',
    urgency: { late: '已超时', critical: '剩余不足 15 分钟', soon: '剩余不足 30 分钟', ok: '剩余 30 分钟以上' }, allUrgency: '全部紧急程度',
    left: '剩余 {min} 分钟', late: '超时 {min} 分钟',
    boxState: { critical: '严重告警', alarm: '告警', offline: '暂无近期读数', ok: '温度正常' },
    emptyOrders: '没有匹配的待配送订单。请清除搜索或紧急程度筛选。', emptyRiders: '没有匹配的骑手。请清除搜索。',
    river: '河流',
    offline: '离线底图：本系统的道路网络',
  },
  orders: {
    title: '订单', status: '状态', channel: '渠道', mode: '配送方式', due: '截止时间', created: '下单时间', facility: '履约站点',
    rider: '骑手', all: '全部', refresh: '刷新', more: '加载更多', empty: '没有符合条件的订单。可以更改筛选条件。',
    loadFailed: '订单加载失败：{message}。请重试。',
    detail: '订单详情', customer: '顾客', phone: '电话', address: '地址', masked: '个人信息已按隐私规则隐去', purged: '已清除', purgedNote: '投诉期满后个人信息已清除；温度记录仍保留',
    items: '商品', quantity: '数量', shipments: '运单', events: '订单事件', eta: '预计送达', noEvents: '暂无事件',
    statusName: {
      awaiting_rx: '待审方', awaiting_confirmation: '待确认', confirmed: '已确认', in_delivery: '配送中', delivered: '已送达', cancelled: '已取消',
    },
    channelName: { app: 'App', mini_program: '小程序', third_party: '第三方平台', store_pos: '门店收银' },
    modeName: { instant: '即时达', scheduled: '预约', recurring: '周期', pickup: '到店自提' },
    shipmentStatusName: { held: '暂缓', ready: '待分配', assigned: '已分配骑手', picked_up: '已取货', returning: '退回途中', delivered: '已送达', cancelled: '已取消', returned: '已退回' },
    eventName: {
      created: '下单', confirmed: '付款确认', cancelled: '取消', rx_verified: '处方审核通过', rx_rejected: '处方被驳回',
      reservation_expired: '预留超时释放', picked_up: '骑手取货', delivered: '送达', returned: '退回',
    },
  },
  alarms: {
    title: '告警', severity: '级别', type: '类型', box: '保温箱', raised: '发生时间', status: '状态', tier: '升级层级',
    acknowledge: '确认', ackNote: '确认备注', ackPrompt: '请写明已采取的措施（至少 3 个字）', ackDone: '已确认告警',
    empty: '目前没有未处理的告警。', loadFailed: '告警加载失败：{message}。',
    severityName: { critical: '紧急', major: '严重', minor: '一般', warning: '提示' },
    statusName: { active: '未确认', acknowledged: '已确认', resolved: '已解决' },
    resolve: '解决', resolveDone: '告警已解决', resolveNote: '解决备注', notePrompt: '处理备注（至少 3 个字，将记入审计）',
    detail: '告警详情', showOnMap: '在地图上查看', sound: '声音提醒', activeCount: '{n} 条未确认告警',
    tierValue: '第 {n} 级', nextTier: '下一级升级', nextTierAt: '{time} 升至第 {n} 级', inTime: '剩余 {left}',
    noNextTier: '已到最高一级', escalationStopped: '已确认，不再升级', limits: '报警限值', limitsValue: '{low} – {high} °C', peak: '峰值',
    typeName: {
      TEMP_HIGH: '温度过高', TEMP_LOW: '温度过低', FREEZE: '冻结', WARN_HIGH: '温度偏高', WARN_LOW: '温度偏低', CUMULATIVE: '累计超温过久',
      BUDGET_EXCEEDED: '超温时间已用尽', DATA_GAP: '数据缺失', MONITORING_LOST: '冷箱未上报', DOOR_OPEN: '箱门未关', LOW_BATTERY: '电量低', PREDICTED_EXCURSION: '即将超温',
    },
    curve: {
      title: '箱温曲线（实时）', legend: '红色虚线：报警限值；红色阴影：超温时段', time: '时间', probe: '探头 {n}',
      empty: '该保温箱暂无读数。', loadFailed: '读数加载失败：{message}。',
    },
  },
  common: { cancel: '取消', ok: '确定', close: '关闭', utc: 'UTC 时间：{time}' },
};
