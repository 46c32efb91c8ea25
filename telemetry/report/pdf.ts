/**
 * The report as a PDF, drawn with PDFKit (see the README for why): A4, the CJK font embedded
 * (subset) so Chinese prints anywhere, every page footed with its number and the content hash.
 * The curve is vector paths: the warmest and coldest probe per time slice, the limits dashed,
 * alarm periods shaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { getKey } from '../../platform/config/registry';
import { reportKeys } from './config';
import type { TemperatureReport } from './model';
import { REPORT_TEXT, bothTimes, duration, localTime, utcTime, type ReportLocale } from './text';

const CANDIDATES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc',
];
let font: { bytes: Buffer; family?: string } | null | undefined;
/** The CJK font's bytes, read once per process (parsing is PDFKit's, per document). */
function cjkFont(): { bytes: Buffer; family?: string } {
  if (font === undefined) {
    const configured = getKey(reportKeys.cjkFont);
    const path = configured || CANDIDATES.find((p) => existsSync(p));
    font = path && existsSync(path) ? { bytes: readFileSync(path), family: path.endsWith('.ttc') ? (path.includes('wqy') ? 'WenQuanYiMicroHei' : 'NotoSansCJKsc-Regular') : undefined } : null;
  }
  if (!font) throw new Error('no CJK font for report PDFs: install fonts-wqy-microhei (the bootstrap does) or set REPORT_CJK_FONT');
  return font;
}

const A4 = { w: 595.28, h: 841.89 };
const M = 40;
const W = A4.w - 2 * M;
const GREY = '#666666';
const ENDED = new Set(['delivered', 'collected', 'returned', 'cancelled']);
const RED = '#c0392b';

export async function reportPdf(r: TemperatureReport, locale: ReportLocale): Promise<Buffer> {
  const t = REPORT_TEXT[locale];
  // The alarm chain under the raise time: per escalation tier, how many of its notices went out.
  const chain = (a: TemperatureReport['alarms'][number]) => [...new Set(a.notifications.map((n) => n.tier))].sort((x, y) => x - y)
    .map((tier) => { const ns = a.notifications.filter((n) => n.tier === tier && n.channel !== 'webhook'); return t.notified(tier, ns.filter((n) => n.outcome === 'sent').length, ns.length); });
  const tz = r.subject.facility.timeZone;
  const f = r.figures;
  const doc = new PDFDocument({ size: 'A4', margins: { top: M, bottom: M + 20, left: M, right: M }, bufferPages: true, info: { Title: `${t.title} ${r.subject.shipmentId}`, Producer: 'coldchain-dispatch' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res, rej) => { doc.on('end', () => res(Buffer.concat(chunks))); doc.on('error', rej); });
  const { bytes, family } = cjkFont();
  doc.registerFont('cjk', bytes as never, family as never);
  doc.font('cjk');

  const bottom = A4.h - M - 20;
  const room = (h: number) => { if (doc.y + h > bottom) doc.addPage(); };
  const heading = (s: string) => { room(40); doc.moveDown(0.6).fontSize(12).fillColor('#000').text(s, M, doc.y); doc.moveTo(M, doc.y + 1).lineTo(M + W, doc.y + 1).lineWidth(0.5).strokeColor('#999').stroke(); doc.moveDown(0.3); };
  const kv = (k: string, v: string, colour = '#000') => { room(14); const y = doc.y; doc.fontSize(9).fillColor(GREY).text(k, M, y, { width: 150 }); doc.fillColor(colour).text(v, M + 155, y, { width: W - 155 }); doc.y = Math.max(doc.y, y + 12); };
  const table = (cols: Array<{ label: string; w: number }>, rows: string[][]) => {
    const line = (cells: string[], colour: string) => {
      const heights = cells.map((c, i) => doc.heightOfString(c, { width: cols[i].w - 4 }));
      const h = Math.max(11, ...heights) + 2;
      room(h);
      const y = doc.y;
      let x = M;
      cells.forEach((c, i) => { doc.fillColor(colour).text(c, x, y, { width: cols[i].w - 4 }); x += cols[i].w; });
      doc.y = y + h;
    };
    doc.fontSize(8);
    line(cols.map((c) => c.label), GREY);
    for (const row of rows) line(row, '#000');
  };
  const deg = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} °C`);

  // Title and who/what.
  doc.fontSize(18).fillColor('#000').text(t.title, M, M);
  doc.fontSize(10).fillColor(GREY).text(t.subtitle);
  doc.moveDown(0.5);
  kv(t.shipment, r.subject.shipmentId);
  kv(t.orderToken, r.subject.orderToken);
  kv(t.facility, `${r.subject.facility.name} (${r.subject.facility.id})`);
  kv(t.timeZone, `${tz}; UTC`);
  kv(t.state, r.subject.state);
  kv(t.class, r.subject.temperatureClass);
  kv(t.limits, `${r.limits.low} – ${r.limits.high} °C${r.limits.freezeLimit !== null ? `; freeze ≤ ${r.limits.freezeLimit} °C` : ''}`);
  kv(t.result, f.result === 'PASS' ? t.pass : `${t.fail}: ${f.reasons.map((x) => t.reasons[x] ?? x).join(', ')}`, f.result === 'PASS' ? '#1e7e34' : RED);
  kv(t.generated, bothTimes(r.generatedAt, tz));

  heading(t.summary);
  kv(t.readings, String(f.readings));
  if (f.firstTs !== null) kv(t.first, bothTimes(new Date(f.firstTs), tz));
  if (f.lastTs !== null) kv(t.last, bothTimes(new Date(f.lastTs), tz));
  kv(`${t.min} / ${t.max} / ${t.mean}`, `${deg(f.minC)} / ${deg(f.maxC)} / ${deg(f.meanC)}`);
  kv(t.mkt, deg(f.mktC));
  kv(t.tor, duration(f.timeOutOfRangeMs, locale), f.timeOutOfRangeMs > 0 ? RED : '#000');
  kv(t.largestGap, duration(f.largestGapMs, locale));
  kv(t.budget, r.subject.stabilityBudgetMin === null ? t.none : `${r.subject.stabilityBudgetMin} ${t.min_}`);
  if (r.budgetLeftMin !== null) kv(t.budgetLeft, `${r.budgetLeftMin} ${t.min_}`, r.budgetLeftMin < 0 ? RED : '#000');

  heading(t.curve);
  drawCurve(doc, r, tz);
  doc.fontSize(7.5).fillColor(GREY).text(t.curveNote, M, doc.y + 2);

  heading(t.boxes);
  table([{ label: t.box, w: 150 }, { label: t.probes, w: 60 }, { label: t.interval, w: 90 }, { label: t.calibration, w: 215 }],
    r.subject.boxes.map((b) => [b.id, String(b.probes), `${b.sampleIntervalS} ${t.s_}`, `${b.calibrationDue} (${t.calState[b.calibrationState]})`]));

  heading(t.legs);
  table([{ label: t.holder, w: 150 }, { label: t.box, w: 115 }, { label: t.from, w: 125 }, { label: t.to, w: 125 }],
    // The last leg of an ended shipment (the customer, or the facility after a return) has no end.
    r.subject.legs.map((l, i, all) => [l.holder, l.boxId ?? '—', localTime(l.from, tz), l.to ? localTime(l.to, tz) : i === all.length - 1 && ENDED.has(r.subject.state) ? '—' : t.open]));

  heading(t.alarms);
  if (!r.alarms.length) doc.fontSize(9).fillColor('#000').text(t.none, M, doc.y);
  else table([{ label: t.type, w: 95 }, { label: t.severity, w: 50 }, { label: t.raised, w: 90 }, { label: t.acknowledged, w: 140 }, { label: t.resolved, w: 140 }],
    r.alarms.map((a) => [
      `${a.type}\n${a.boxId}`, a.severity, [localTime(a.raisedAt, tz), ...chain(a)].join('\n'),
      a.acknowledgedAt ? `${localTime(a.acknowledgedAt, tz)} ${t.by} ${a.acknowledgedBy ?? '—'}${a.ackNote ? `\n${a.ackNote}` : ''}` : '—',
      a.resolvedAt ? `${localTime(a.resolvedAt, tz)} ${t.by} ${a.resolvedBy ?? '—'}${a.resolveNote ? `\n${a.resolveNote}` : ''}` : '—',
    ]));

  heading(t.gaps(r.limits.gapLimitMs / 60_000));
  if (!f.gaps.length) doc.fontSize(9).fillColor('#000').text(t.none, M, doc.y);
  else table([{ label: t.gapFrom, w: 200 }, { label: t.gapTo, w: 200 }, { label: t.duration, w: 115 }],
    f.gaps.map((g) => [localTime(new Date(g.from), tz), localTime(new Date(g.to), tz), duration(g.durationMs, locale)]));

  heading(t.integrity);
  const g = r.integrity;
  kv(t.chainEntries, `${g.entries}; ${g.sealed ? t.sealed : t.notSealed}; ${g.anchored ? t.anchored : t.notAnchored}`);
  if (g.sealHead) kv(t.sealHead, g.sealHead);
  kv(t.verification, g.firstBroken ? `${t.modified}: ${t.brokenAt(g.firstBroken.index, g.firstBroken.reason)}` : g.verified ? t.verifiedOk : g.sealed ? t.modified : t.notSealed, g.firstBroken ? RED : '#000');

  heading(t.qa);
  const d = r.disposition;
  if (!d) doc.fontSize(9).fillColor('#000').text(t.notQuarantined, M, doc.y);
  else {
    kv(t.qaStatus, `${d.status} (${d.caseId})`);
    if (d.disposition) kv(t.decision, `${t.decisions[d.disposition] ?? d.disposition}${d.rejectAction ? ` — ${d.rejectAction}` : ''}`);
    if (d.rootCause) kv(t.rootCause, d.rootCause);
    if (d.capa) kv(t.capa, d.capa);
    for (const s of d.signatures) kv(t.signatures, `${s.printedName} · ${s.meaning} · ${s.signedAtLocal} (${utcTime(s.signedAt)})`);
  }

  heading(t.contentHash);
  doc.fontSize(8).fillColor('#000').text(r.contentSha256, M, doc.y);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.fontSize(7).fillColor(GREY).text(`${r.subject.shipmentId} · SHA-256 ${r.contentSha256.slice(0, 16)}… · ${t.page(i + 1, range.count)}`, M, A4.h - M - 8, { width: W, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

/** Warmest and coldest probe per slice of time, the limits and the alarm periods. */
function drawCurve(doc: PDFKit.PDFDocument, r: TemperatureReport, tz: string): void {
  const H = 170;
  if (doc.y + H + 30 > A4.h - M - 20) doc.addPage();
  const top = doc.y + 4;
  const left = M + 32;
  const w = W - 32;
  const xs = r.readings.map((x) => x.ts.getTime());
  const legStart = r.subject.legs.length ? Math.min(...r.subject.legs.map((l) => l.from.getTime())) : xs[0];
  const t0 = Math.min(xs[0] ?? legStart ?? 0, legStart ?? Infinity);
  const t1 = Math.max(xs[xs.length - 1] ?? t0 + 1, t0 + 60_000);
  const his = r.readings.map((x) => Math.max(...x.probes));
  const los = r.readings.map((x) => Math.min(...x.probes));
  const yMin = Math.floor(Math.min(r.limits.low - 2, ...los));
  const yMax = Math.ceil(Math.max(r.limits.high + 2, ...his));
  const X = (ms: number) => left + ((ms - t0) / (t1 - t0)) * w;
  const Y = (c: number) => top + H - ((c - yMin) / (yMax - yMin)) * H;

  doc.save();
  for (const a of r.alarms) {
    const end = (a.resolvedAt ?? new Date(t1)).getTime();
    const x0 = X(Math.max(t0, a.raisedAt.getTime()));
    const x1 = X(Math.min(t1, end));
    if (x1 > x0) doc.rect(x0, top, Math.max(1, x1 - x0), H).fillOpacity(0.15).fill(RED);
  }
  doc.fillOpacity(1);
  doc.rect(left, top, w, H).lineWidth(0.5).strokeColor('#999').stroke();
  doc.fontSize(7).fillColor(GREY);
  for (let i = 0; i <= 4; i++) {
    const c = yMin + ((yMax - yMin) * i) / 4;
    doc.text(`${c.toFixed(1)}`, M, Y(c) - 3, { width: 28, align: 'right', lineBreak: false });
    const ms = t0 + ((t1 - t0) * i) / 4;
    // Month-day hour:minute, or hour:minute:second when the whole record is under ten minutes.
    const label = t1 - t0 < 600_000 ? localTime(new Date(ms), tz).slice(11) : localTime(new Date(ms), tz).slice(5, 16);
    doc.text(label, X(ms) - 30, top + H + 3, { width: 60, align: 'center', lineBreak: false });
  }
  for (const lim of [r.limits.low, r.limits.high]) doc.moveTo(left, Y(lim)).lineTo(left + w, Y(lim)).dash(3, { space: 2 }).lineWidth(0.8).strokeColor(RED).stroke().undash();

  // At most ~2 points per horizontal point: min and max of each slice keep short spikes.
  const slices = Math.min(r.readings.length, Math.floor(w));
  const hi: Array<[number, number]> = [];
  const lo: Array<[number, number]> = [];
  for (let s = 0; s < slices; s++) {
    const a = Math.floor((s * r.readings.length) / slices);
    const b = Math.max(a + 1, Math.floor(((s + 1) * r.readings.length) / slices));
    let mx = -Infinity; let mn = Infinity;
    for (let i = a; i < b; i++) { mx = Math.max(mx, his[i]); mn = Math.min(mn, los[i]); }
    hi.push([X(xs[a]), Y(mx)]);
    lo.push([X(xs[a]), Y(mn)]);
  }
  const path = (pts: Array<[number, number]>, colour: string) => {
    if (!pts.length) return;
    doc.moveTo(pts[0][0], pts[0][1]);
    for (const [x, y] of pts.slice(1)) doc.lineTo(x, y);
    doc.lineWidth(1).strokeColor(colour).stroke();
  };
  path(hi, '#1f6fb2');
  path(lo, '#7fb3e0');
  doc.restore();
  doc.y = top + H + 14;
}
