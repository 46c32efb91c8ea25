/**
 * The run's report: the result as JSON and an HTML page (inline SVG bar charts per hour, no
 * scripts, nothing fetched) under the run's folder. The figures are the KPI API's; the
 * simulator's own counters are shown apart, as what it did, not as results.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DayResult } from './runner';

interface Kpis {
  date: string; timeZone: string;
  totals: Record<string, number | null>;
  alarms: Record<string, number | null>;
  hours: Array<{ hour: number; orders: number; delivered: number; ridersAtWork: number }>;
  facilities: Array<{ facilityId: string; name: string; orders: number; delivered: number }>;
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null | undefined, unit = '') => (x === null || x === undefined ? '–' : `${x}${unit}`);

/** A bar chart of 24 values, one bar per hour, as inline SVG. */
export function hourChart(title: string, values: number[], color: string): string {
  const w = 720, h = 180, pad = 28, bw = (w - pad * 2) / 24;
  const max = Math.max(1, ...values);
  const bars = values.map((v, i) => {
    const bh = ((h - pad * 2) * v) / max;
    return `<rect x="${(pad + i * bw + 2).toFixed(1)}" y="${(h - pad - bh).toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${bh.toFixed(1)}" fill="${color}"><title>${String(i).padStart(2, '0')}:00 ${v}</title></rect>`
      + (i % 3 === 0 ? `<text x="${(pad + i * bw + bw / 2).toFixed(1)}" y="${h - 10}" font-size="10" text-anchor="middle">${String(i).padStart(2, '0')}</text>` : '');
  }).join('');
  return `<figure><figcaption>${esc(title)} (max ${max})</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`
    + `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#999"/>${bars}</svg></figure>`;
}

export function reportHtml(r: DayResult): string {
  const k = r.kpis as Kpis | null;
  const t = k?.totals ?? {};
  const a = k?.alarms ?? {};
  const rows: Array<[string, string]> = [
    ['orders', num(t.orders)], ['shipments', num(t.shipments)], ['delivered', num(t.delivered)],
    ['within 30 min (instant)', pct(t.within30MinRate)], ['order to door, average (instant)', num(t.avgOrderToDoorMin, ' min')],
    ['on time', pct(t.onTimeRate)], ['fulfilment', pct(t.fulfilmentRate)], ['intact (cold)', pct(t.intactRate)],
    ['excursions per 1,000 cold shipments', num(t.excursionsPer1000Cold)],
    ['alarms raised / acknowledged', `${num(a.raised)} / ${num(a.acknowledged)}`], ['alarm to acknowledgement, median / p90', `${num(a.medianAckMin, ' min')} / ${num(a.p90AckMin, ' min')}`],
    ['alarms acknowledged within 5 min', pct(a.within5MinRate)],
  ];
  const c = r.counters;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Simulated day ${esc(r.runId)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:24px;max-width:800px}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}figure{margin:16px 0}figcaption{font-weight:600}</style></head><body>
<h1>Simulated day ${esc(r.runId)}</h1>
<p>Seed ${esc(r.seed)}, speed ${esc(r.speed)}×, ${esc(r.startedAt)} → ${esc(r.endedAt)} (${esc(r.wallS)} s). KPIs of ${esc(k?.date ?? '–')} (${esc(k?.timeZone ?? '')}) from <code>GET /api/v1/kpis</code>: the system's own records.</p>
<h2>KPIs</h2><table>${rows.map(([n, v]) => `<tr><th>${esc(n)}</th><td class="n">${esc(v)}</td></tr>`).join('')}</table>
<h2>Per hour</h2>
${k ? hourChart('Orders per hour (system)', k.hours.map((h) => h.orders), '#3b82f6') + hourChart('Delivered per hour (system)', k.hours.map((h) => h.delivered), '#16a34a') + hourChart('Riders at work per hour (system)', k.hours.map((h) => h.ridersAtWork), '#f59e0b') : '<p>No KPIs: the KPI API did not answer.</p>'}
${hourChart('Orders placed per hour (simulator)', r.placedPerHour, '#94a3b8')}
<h2>What the simulator did</h2><table>${Object.entries(c).map(([n, v]) => `<tr><th>${esc(n)}</th><td class="n">${esc(typeof v === 'object' ? JSON.stringify(v) : v)}</td></tr>`).join('')}</table>
${r.lastErrors.length ? `<h2>Last errors</h2><ul>${r.lastErrors.map((e) => `<li><code>${esc(e)}</code></li>`).join('')}</ul>` : ''}
</body></html>
`;
}

/** Writes result.json and report.html into `dir`; returns their paths. */
export function writeReport(dir: string, r: DayResult): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'result.json'), html = path.join(dir, 'report.html');
  writeFileSync(json, JSON.stringify(r, null, 2));
  writeFileSync(html, reportHtml(r));
  return { json, html };
}
