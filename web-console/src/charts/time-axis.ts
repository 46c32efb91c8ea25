/**
 * The time axis of the console's temperature curves (uPlot, seconds since the epoch): 24-hour
 * clock times in the facility's zone, whatever the browser's locale, with seconds when the curve
 * spans minutes rather than hours; a tick that would read as the one before it (splits closer than
 * a second) is left blank. The legend shows the full date and time of the point under the cursor.
 */
import type uPlot from 'uplot';

export function timeAxis(xs: number[], timeZone: string): { values: uPlot.Axis['values']; legend: (u: uPlot, v: number | null) => string } {
  const short = xs.length > 1 && xs[xs.length - 1] - xs[0] < 600;
  const tick = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', ...(short ? { second: '2-digit' } : {}), hourCycle: 'h23' });
  const full = new Intl.DateTimeFormat('en-GB', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  // Month/day as the console's other times read (12/06 02:41), whatever a locale's order.
  const fullText = (d: Date) => {
    const p = Object.fromEntries(full.formatToParts(d).map((x) => [x.type, x.value]));
    return `${p.month}/${p.day} ${p.hour}:${p.minute}:${p.second}`;
  };
  return {
    values: (_u, splits) => splits.map((s) => tick.format(new Date(s * 1000))).map((label, i, all) => (i > 0 && all[i - 1] === label ? '' : label)),
    legend: (_u, v) => (v == null ? '—' : fullText(new Date(v * 1000))),
  };
}
