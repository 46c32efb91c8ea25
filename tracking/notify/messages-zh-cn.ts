/** 顾客通知（简体中文）。不含药品名称和顾客姓名（COMPLIANCE 52）。 */
import type { MessageCatalog } from './kinds';

export const zhCN: MessageCatalog = {
  kinds: {
    picked_up: (p) => `您的订单已取货，正在配送。收货验证码：${p.code}，请仅在骑手送达时告知骑手。配送进度：${p.link}`,
    arriving: (p) => `骑手即将到达，请准备收货。配送进度：${p.link}`,
    delivered: (p) => `您的订单已送达，感谢您的耐心等待。配送及温度记录：${p.link}`,
    failed: (p) => `很抱歉，您的订单未能送达：${p.reasonText}。我们会尽快与您联系安排后续事宜。详情：${p.link}`,
    delayed: (p) => `很抱歉，您的订单将晚于承诺时间送达${p.eta ? `，预计 ${p.eta} 送达` : ''}。配送进度：${p.link}`,
    excursion_review: (p) => `重要提示：您的订单在配送途中温度超出规定范围，药房质量人员正在评估。如已收到，请在收到我们的进一步通知前不要使用。详情：${p.link}`,
  },
  reasons: {
    customer_absent: '骑手到达时未能联系到您',
    refused: '订单被拒收',
    wrong_address: '收货地址有误或无法找到',
    cold_chain_breach: '配送途中温度未能保持在规定范围内，为保证用药安全，订单将退回药房',
    damaged: '包裹在配送途中受损',
    other: '配送未能完成',
  },
};
