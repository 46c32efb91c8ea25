/** Every string of the tracking page and the label, in zh-CN and English (same keys; a test checks). */
import type { State } from '../lifecycle/machine';
import type { ColdChainStatus } from './view';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type Range = { low: number; high: number };

const zh = {
  htmlLang: 'zh-CN',
  title: '订单跟踪',
  switchTo: 'English',
  parcel: (i: number, n: number) => (n > 1 ? `包裹 ${i}/${n}` : '您的包裹'),
  state: {
    planned: '药房正在备货', assigned: '已安排骑手', at_pickup: '骑手已到店取货', picked_up: '骑手已取货',
    in_transit: '骑手正在配送', arriving: '骑手即将到达', delivered: '已送达', failed: '本次配送未完成',
    returning: '包裹正在退回药房', returned: '包裹已退回药房', cancelled: '订单已取消',
    ready_for_pickup: '可到店自取', collected: '已自取',
  } satisfies Record<State, string>,
  eta: (t: string) => `预计 ${t} 送达`,
  promised: (a: string | null, b: string) => (a ? `承诺时段 ${a}–${b}` : `承诺 ${b} 前送达`),
  mapTitle: '骑手的大致位置（约 100 米精度）',
  mapRider: '骑手',
  mapDestination: '收货地点（大致）',
  mapNoRider: '暂时没有骑手的位置。',
  mapNote: '位置约每分钟更新；刷新页面查看最新位置。',
  badge: {
    kept_in_range: (r: Range, done: boolean) => (done ? `全程保持 ${r.low}–${r.high} °C` : `至今保持 ${r.low}–${r.high} °C`),
    no_record: () => '暂无温度记录',
    under_review: () => '温度曾超出范围 — 药房质量部正在评估',
    released: () => '质量部已评估放行',
    rejected: () => '质量部判定不可使用，药房将联系您',
  } satisfies Record<ColdChainStatus, (r: Range, done: boolean) => string>,
  curveTitle: (r: Range) => `运输途中的温度（允许 ${r.low}–${r.high} °C）`,
  readings: (n: number) => `${n} 条温度记录`,
  verifyTitle: '查看收货码',
  verifyHelp: '输入下单手机号的后 4 位，查看收货码和用药储存说明。',
  verifyLabel: '手机号后 4 位',
  verifyButton: '确认',
  verifyWrong: '号码不匹配，请重试。',
  tooMany: (m: number) => `尝试次数过多，请 ${m} 分钟后再试。`,
  code: '收货码',
  codeHelp: '骑手送达时请告知此收货码。',
  codeNone: '收货码将在骑手取货后生成。',
  guidanceTitle: '储存说明',
  guidanceNote: '按药品的储存温度类别给出；具体用法用量请阅读药品说明书或遵医嘱。',
  guidance: {
    chilled: '冷藏药品：收到后请尽快放入冰箱冷藏（2–8 °C），不要冷冻，避光保存。',
    frozen: '冷冻药品：收到后请立即冷冻保存（−15 °C 以下），解冻后不要再次冷冻。',
    ambient: '常温药品：阴凉干燥处保存（不超过 25 °C），避光。',
  } as Record<string, string>,
  rx: '处方药：请按医生或药师的指导使用。',
  noShipments: '订单正在处理中。',
  privacy: '本页不显示姓名、电话、地址或药品名称。',
  notFoundTitle: '链接无效或已过期',
  tooManyTitle: '请求过于频繁',
  class: { chilled: '冷藏 2–8 °C', frozen: '冷冻', ambient: '常温' } as Record<string, string>,
  labelTitle: '配送标签',
  labelRecipient: '收件人',
  labelPhone: '电话',
  labelOrder: '订单码',
  labelShipment: '包裹',
  labelClass: '温区',
  labelScan: '扫码查看配送和温度记录',
};

type Messages = typeof zh;

const en: Messages = {
  htmlLang: 'en',
  title: 'Order tracking',
  switchTo: '中文',
  parcel: (i, n) => (n > 1 ? `Parcel ${i} of ${n}` : 'Your parcel'),
  state: {
    planned: 'The pharmacy is preparing your order', assigned: 'A rider has been assigned', at_pickup: 'The rider is at the pharmacy',
    picked_up: 'The rider has picked up your parcel', in_transit: 'On its way to you', arriving: 'The rider is almost there',
    delivered: 'Delivered', failed: 'This delivery could not be completed', returning: 'Your parcel is going back to the pharmacy',
    returned: 'Your parcel is back at the pharmacy', cancelled: 'The order was cancelled',
    ready_for_pickup: 'Ready for collection at the store', collected: 'Collected',
  },
  eta: (t) => `Expected at ${t}`,
  promised: (a, b) => (a ? `promised ${a}–${b}` : `promised by ${b}`),
  mapTitle: "The rider's approximate position (to about 100 m)",
  mapRider: 'Rider',
  mapDestination: 'Delivery area (approximate)',
  mapNoRider: "The rider's position is not available yet.",
  mapNote: 'Positions update about every minute; reload the page to see the latest.',
  badge: {
    kept_in_range: (r, done) => (done ? `Kept at ${r.low}–${r.high} °C the whole way` : `Kept at ${r.low}–${r.high} °C so far`),
    no_record: () => 'No temperature record yet',
    under_review: () => 'Temperature excursion — under review by pharmacy QA',
    released: () => 'Released by pharmacy QA',
    rejected: () => 'Rejected by pharmacy QA — the pharmacy will contact you',
  },
  curveTitle: (r) => `Temperature on the way (allowed ${r.low}–${r.high} °C)`,
  readings: (n) => `${n} temperature readings`,
  verifyTitle: 'Show the delivery code',
  verifyHelp: 'Enter the last 4 digits of the phone number on the order to see the delivery code and storage instructions.',
  verifyLabel: 'Last 4 digits',
  verifyButton: 'Confirm',
  verifyWrong: 'Those digits do not match. Please try again.',
  tooMany: (m) => `Too many tries. Please try again in ${m} min.`,
  code: 'Delivery code',
  codeHelp: 'Tell the rider this code when your parcel arrives.',
  codeNone: 'The code is issued when the rider picks up your parcel.',
  guidanceTitle: 'Storage',
  guidanceNote: "Given by the medicine's storage class; for how to take it, read the package leaflet or follow your doctor's advice.",
  guidance: {
    chilled: 'Refrigerated medicine: put it in the fridge (2–8 °C) as soon as it arrives. Do not freeze. Keep it away from light.',
    frozen: 'Frozen medicine: put it in the freezer (below −15 °C) at once. Do not refreeze once thawed.',
    ambient: 'Store in a cool, dry place (below 25 °C), away from light.',
  },
  rx: 'Prescription medicine: use it as your doctor or pharmacist told you.',
  noShipments: 'Your order is being processed.',
  privacy: 'This page shows no names, phone numbers, addresses or medicine names.',
  notFoundTitle: 'This link is not valid or has expired',
  tooManyTitle: 'Too many requests',
  class: { chilled: 'Chilled 2–8 °C', frozen: 'Frozen', ambient: 'Ambient' },
  labelTitle: 'Delivery label',
  labelRecipient: 'To',
  labelPhone: 'Phone',
  labelOrder: 'Order code',
  labelShipment: 'Parcel',
  labelClass: 'Temperature',
  labelScan: 'Scan for delivery status and temperature record',
};

export const MESSAGES: Record<Lang, Messages> = { 'zh-CN': zh, en };

/**
 * The page's language: `?lang=` when given, else the first of Accept-Language's preferences
 * (by q) that is Chinese or English; Chinese when nothing matches.
 */
export function pickLang(query: unknown, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'zh-CN') return query;
  const prefs = (acceptLanguage ?? '').split(',').map((part, i) => {
    const [tag, ...params] = part.trim().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
    return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
  }).filter((p) => p.tag && p.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const p of prefs) {
    if (p.tag === 'zh' || p.tag.startsWith('zh-')) return 'zh-CN';
    if (p.tag === 'en' || p.tag.startsWith('en-')) return 'en';
  }
  return 'zh-CN';
}
