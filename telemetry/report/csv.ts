/**
 * The report as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the
 * Chinese): `#` lines carry the header and figures, then one row per reading with its time in
 * UTC and in the facility's zone, the box, each probe, the door, whether it came from the box's
 * buffer, and whether it was in range.
 */
import type { TemperatureReport } from './model';
import { localTime, minutes, utcTime } from './text';

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection); quote and prefix.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const line = (...v: unknown[]) => v.map(cell).join(',');

export function reportCsv(r: TemperatureReport): string {
  const tz = r.subject.facility.timeZone;
  const f = r.figures;
  const probes = Math.max(1, ...r.readings.map((x) => x.probes.length));
  const head = [
    line('# shipment', r.subject.shipmentId), line('# order_token', r.subject.orderToken),
    line('# facility', r.subject.facility.id, r.subject.facility.name), line('# time_zone', tz), line('# state', r.subject.state),
    line('# temperature_class', r.subject.temperatureClass), line('# limits_c', r.limits.low, r.limits.high), line('# freeze_limit_c', r.limits.freezeLimit), line('# gap_limit_min', minutes(r.limits.gapLimitMs)),
    line('# result', f.result, f.reasons.join(' ')), line('# readings', f.readings),
    line('# min_c', f.minC), line('# max_c', f.maxC), line('# mean_c', f.meanC === null ? null : f.meanC.toFixed(2)), line('# mkt_c', f.mktC === null ? null : f.mktC.toFixed(2)),
    line('# time_out_of_range_min', minutes(f.timeOutOfRangeMs)), line('# largest_gap_min', minutes(f.largestGapMs)),
    line('# stability_budget_min', r.subject.stabilityBudgetMin), line('# budget_left_min', r.budgetLeftMin),
    ...r.subject.legs.map((l) => line('# leg', l.holder, l.boxId, utcTime(l.from), l.to ? utcTime(l.to) : '')),
    ...r.subject.boxes.map((b) => line('# box', b.id, b.probes, b.sampleIntervalS, b.calibrationDue, b.calibrationState)),
    ...r.alarms.map((a) => line('# alarm', a.id, a.boxId, a.type, a.severity, a.status, utcTime(a.raisedAt), a.acknowledgedAt ? utcTime(a.acknowledgedAt) : '', a.acknowledgedBy, a.ackNote, a.resolvedAt ? utcTime(a.resolvedAt) : '', a.resolvedBy, a.resolveNote)),
    ...r.alarms.flatMap((a) => a.notifications.map((n) => line('# alarm_notification', a.id, n.tier, n.channel, n.contactId, n.outcome, utcTime(n.at)))),
    ...f.gaps.map((g) => line('# gap', utcTime(new Date(g.from)), utcTime(new Date(g.to)), minutes(g.durationMs))),
    line('# record_entries', r.integrity.entries), line('# record_sealed', r.integrity.sealed ? 1 : 0), line('# record_anchored', r.integrity.anchored ? 1 : 0),
    line('# record_seal_head', r.integrity.sealHead), line('# record_verified', r.integrity.verified ? 1 : 0), line('# modified_since_capture', r.integrity.modifiedSinceCapture ? 1 : 0),
    ...(r.integrity.firstBroken ? [line('# first_broken_entry', r.integrity.firstBroken.index, r.integrity.firstBroken.boxId, r.integrity.firstBroken.ts, r.integrity.firstBroken.reason)] : []),
    ...(r.disposition ? [line('# qa_case', r.disposition.caseId, r.disposition.status, r.disposition.disposition, r.disposition.rejectAction)] : []),
    ...(r.disposition?.signatures ?? []).map((s) => line('# qa_signature', s.printedName, s.meaning, utcTime(s.signedAt), s.signedAtLocal)),
    line('# content_sha256', r.contentSha256), line('# generated_utc', utcTime(r.generatedAt)),
    line('ts_utc', `ts_local`, 'box_id', ...Array.from({ length: probes }, (_, i) => `t${i + 1}_c`), 'door_open', 'from_buffer', 'in_range'),
  ];
  const rows = r.readings.map((x) => {
    const inRange = x.probes.every((t) => t >= r.limits.low && t <= r.limits.high);
    return line(utcTime(x.ts), localTime(x.ts, tz), x.boxId, ...Array.from({ length: probes }, (_, i) => x.probes[i] ?? ''), x.door === null ? '' : x.door ? 1 : 0, x.hist ? 1 : 0, inRange ? 1 : 0);
  });
  return '\ufeff' + [...head, ...rows].join('\r\n') + '\r\n';
}
