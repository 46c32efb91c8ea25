/** The report's words in zh-CN and English, and its time formats (UTC and the facility's zone). */
export type ReportLocale = 'zh-CN' | 'en';

const zh = {
  title: '冷链温度记录报告', subtitle: 'Temperature record report',
  shipment: '运单', orderToken: '订单令牌', facility: '发货仓', timeZone: '时区', state: '状态', class: '温区', limits: '温度限值',
  generated: '生成时间', contentHash: '内容哈希 (SHA-256)', result: '结论', pass: '合格', fail: '不合格',
  summary: '汇总', readings: '读数', first: '首条', last: '末条', min: '最低', max: '最高', mean: '平均', mkt: '平均动力学温度 (MKT)',
  tor: '超限时长', largestGap: '最大间隔', budget: '稳定性预算', budgetLeft: '剩余预算', none: '无',
  boxes: '保温箱与探头', box: '箱号', probes: '探头数', interval: '采样间隔', calibration: '校准到期', calState: { ok: '有效', due_soon: '即将到期', overdue: '已过期' },
  legs: '保管段', holder: '保管方', from: '开始', to: '结束', open: '进行中',
  curve: '温度曲线', curveNote: '红色虚线为限值，红色阴影为告警期间',
  alarms: '告警', notified: (tier: number, sent: number, all: number) => `第 ${tier} 级通知 ${sent}/${all}`, type: '类型', severity: '级别', raised: '触发', acknowledged: '确认', resolved: '解除', by: '由', note: '备注',
  gaps: (min: number) => `数据间隔（超过 ${min} 分钟）`, gapFrom: '自', gapTo: '至', duration: '时长',
  reasons: { no_readings: '无读数', out_of_range: '超出温度范围', freeze: '冻结', gap: '监测间断', chain_broken: '记录链校验失败' } as Record<string, string>,
  integrity: '记录完整性', chainEntries: '链上读数', sealHead: '封存链头', sealed: '已封存', notSealed: '未封存（运输中）', anchored: '已锚定（每日签名默克尔根）', notAnchored: '尚未锚定',
  verification: '校验', verifiedOk: '通过：与采集时一致', modified: '采集后被修改', brokenAt: (i: number, why: string) => `第 ${i} 条不符（${why}）`,
  qa: '质量处置', qaStatus: '状态', decision: '决定', rootCause: '根本原因', capa: '纠正与预防措施', signatures: '电子签名', notQuarantined: '未隔离',
  decisions: { release: '放行', reject: '拒收' } as Record<string, string>,
  page: (n: number, of: number) => `第 ${n} 页，共 ${of} 页`,
  min_: '分钟', s_: '秒',
};
const en: typeof zh = {
  title: 'Temperature record report', subtitle: '冷链温度记录报告',
  shipment: 'Shipment', orderToken: 'Order token', facility: 'Facility', timeZone: 'Time zone', state: 'State', class: 'Temperature class', limits: 'Limits',
  generated: 'Generated', contentHash: 'Content hash (SHA-256)', result: 'Result', pass: 'PASS', fail: 'FAIL',
  summary: 'Summary', readings: 'Readings', first: 'First', last: 'Last', min: 'Min', max: 'Max', mean: 'Mean', mkt: 'Mean kinetic temperature (MKT)',
  tor: 'Time out of range', largestGap: 'Largest gap', budget: 'Stability budget', budgetLeft: 'Budget left', none: 'none',
  boxes: 'Boxes and probes', box: 'Box', probes: 'Probes', interval: 'Sample interval', calibration: 'Calibration due', calState: { ok: 'valid', due_soon: 'due soon', overdue: 'overdue' },
  legs: 'Custody legs', holder: 'Holder', from: 'From', to: 'To', open: 'open',
  curve: 'Temperature curve', curveNote: 'dashed red lines: limits; red shading: alarm periods',
  alarms: 'Alarms', notified: (tier: number, sent: number, all: number) => `tier ${tier} notified ${sent}/${all}`, type: 'Type', severity: 'Severity', raised: 'Raised', acknowledged: 'Acknowledged', resolved: 'Resolved', by: 'by', note: 'note',
  gaps: (min: number) => `Gaps in the data (over ${min} min)`, gapFrom: 'From', gapTo: 'To', duration: 'Duration',
  reasons: { no_readings: 'no readings', out_of_range: 'out of range', freeze: 'freeze', gap: 'monitoring gap', chain_broken: 'record chain broken' },
  integrity: 'Record integrity', chainEntries: 'Entries in the chain', sealHead: 'Seal head', sealed: 'sealed', notSealed: 'not sealed (still on its way)', anchored: 'anchored (signed daily Merkle root)', notAnchored: 'not anchored yet',
  verification: 'Verification', verifiedOk: 'passed: as captured', modified: 'modified since capture', brokenAt: (i: number, why: string) => `entry ${i} does not match (${why})`,
  qa: 'QA disposition', qaStatus: 'Status', decision: 'Decision', rootCause: 'Root cause', capa: 'CAPA', signatures: 'E-signatures', notQuarantined: 'not quarantined',
  decisions: { release: 'released', reject: 'rejected' },
  page: (n: number, of: number) => `Page ${n} of ${of}`,
  min_: 'min', s_: 's',
};
export const REPORT_TEXT: Record<ReportLocale, typeof zh> = { 'zh-CN': zh, en };

const fmt = new Map<string, Intl.DateTimeFormat>();
/** `2026-12-05 16:04:05` in `timeZone`. */
export function localTime(d: Date, timeZone: string): string {
  let f = fmt.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    fmt.set(timeZone, f);
  }
  return f.format(d);
}
/** `2026-12-05T08:04:05Z` */
export const utcTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Local time with the UTC time after it, for a printed line. */
export const bothTimes = (d: Date, timeZone: string) => `${localTime(d, timeZone)} (${utcTime(d)})`;
export const minutes = (ms: number) => Math.round(ms / 6000) / 10;
/** A duration as people read it: seconds under a minute, else minutes to 0.1. */
export const duration = (ms: number, locale: ReportLocale) => {
  const t = REPORT_TEXT[locale];
  return ms > 0 && ms < 60_000 ? `${Math.round(ms / 100) / 10} ${t.s_}` : `${minutes(ms)} ${t.min_}`;
};
