/**
 * The console's temperature curve, one uPlot setup for every page that draws one (QA's shipment
 * record, the alarm panel's live box): one series per probe, the limits as dashed red lines with
 * their values, shaded periods (red above the range, blue below) and optional time markers.
 * Times on the axis and in the legend are in the facility's zone (time-axis.ts).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { timeAxis } from './time-axis';

/** A shaded stretch, in seconds since the epoch: 'hi' above the range, 'lo' below. */
export type Band = [from: number, to: number, kind: 'hi' | 'lo'];
export interface Limits { low: number; high: number }

export interface TempPlot {
  /** Seconds since the epoch, and one column per probe. */
  xs: number[];
  ys: Array<Array<number | null>>;
  tz: string;
  width: number;
  height: number;
  timeLabel: string;
  probeLabel: (k: number) => string;
  /** Read at each draw, so a change shows on the next redraw. */
  limits: () => Limits | null;
  bands: () => Band[];
  /** Vertical markers (seconds), e.g. when an alarm was raised. */
  markers?: () => number[];
}

const PROBE_COLORS = ['#1565c0', '#6a1b9a', '#00838f', '#5d4037'];
const LIMIT = '#dc2626';

/** Stretches where any probe is outside [low, high]. */
export function outOfRange(xs: number[], ys: Array<Array<number | null>>, { low, high }: Limits): Band[] {
  const out: Band[] = [];
  let cur: Band | null = null;
  xs.forEach((x, i) => {
    const vals = ys.map((s) => s[i]).filter((v): v is number => v !== null);
    const kind = vals.some((v) => v > high) ? 'hi' : vals.some((v) => v < low) ? 'lo' : null;
    if (kind && cur && cur[2] === kind) cur[1] = x;
    else {
      if (cur) out.push(cur);
      cur = kind ? [x, x, kind] : null;
    }
  });
  if (cur) out.push(cur);
  return out;
}

export function tempPlot(p: TempPlot, into: HTMLElement): uPlot {
  const time = timeAxis(p.xs, p.tz);
  return new uPlot({
    width: p.width, height: p.height,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), p.tz),
    scales: { x: { time: true }, y: { range: (_u, min, max) => {
      const l = p.limits();
      return [Math.floor(Math.min(min, l?.low ?? min) - 1), Math.ceil(Math.max(max, l?.high ?? max) + 1)];
    } } },
    axes: [{ stroke: '#374151', values: time.values }, { stroke: '#374151', label: '°C', size: 60, values: (_u, v) => v.map((x) => `${x} °C`) }],
    series: [
      { label: p.timeLabel, value: time.legend },
      ...p.ys.map((_c, k) => ({
        label: p.probeLabel(k), stroke: PROBE_COLORS[k % PROBE_COLORS.length], width: 2, spanGaps: false,
        value: (_u: uPlot, v: number | null) => (v == null ? '—' : `${v.toFixed(1)} °C`),
      })),
    ],
    hooks: { drawClear: [(u) => shade(u, p.bands())], draw: [(u) => { limitLines(u, p.limits()); markers(u, p.markers?.() ?? []); }] },
  }, [p.xs, ...p.ys] as uPlot.AlignedData, into);
}

function shade(u: uPlot, bands: Band[]) {
  const { left, top, width, height } = u.bbox;
  u.ctx.save();
  for (const [a, b, kind] of bands) {
    const x0 = Math.max(left, u.valToPos(a, 'x', true));
    const x1 = Math.min(left + width, Math.max(u.valToPos(b, 'x', true), x0 + 3));
    if (x1 <= x0) continue;
    u.ctx.fillStyle = kind === 'hi' ? 'rgba(220, 38, 38, 0.15)' : 'rgba(69, 123, 157, 0.18)';
    u.ctx.fillRect(x0, top, x1 - x0, height);
  }
  u.ctx.restore();
}

function limitLines(u: uPlot, limits: Limits | null) {
  if (!limits) return;
  const { left, width } = u.bbox;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = LIMIT;
  ctx.fillStyle = LIMIT;
  ctx.setLineDash([6, 4]);
  ctx.lineWidth = 1.5;
  ctx.font = `${12 * devicePixelRatio}px sans-serif`;
  // At the right end: on the left the labels would sit on the axis's own values.
  ctx.textAlign = 'right';
  for (const v of [limits.low, limits.high]) {
    const y = u.valToPos(v, 'y', true);
    ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke();
    ctx.fillText(`${v} °C`, left + width - 4, y - 4);
  }
  ctx.restore();
}

function markers(u: uPlot, at: number[]) {
  const { left, top, width, height } = u.bbox;
  u.ctx.save();
  u.ctx.strokeStyle = '#f4a261';
  u.ctx.setLineDash([2, 3]);
  for (const m of at) {
    const x = u.valToPos(m, 'x', true);
    if (x < left || x > left + width) continue;
    u.ctx.beginPath(); u.ctx.moveTo(x, top); u.ctx.lineTo(x, top + height); u.ctx.stroke();
  }
  u.ctx.restore();
}
