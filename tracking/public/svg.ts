/**
 * The page's two pictures as inline SVG, drawn on the server: the temperature curve with its
 * limits, and a small map with the roads around the destination. Coordinates are rounded to
 * 0.1 px and all roads share one <path> (one stroke), which keeps a map of a few hundred roads near 10 kB.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const f1 = (x: number) => (Math.round(x * 10) / 10).toString();

export interface CurveLabels { title: string; limits: string; from: string; to: string }

/**
 * The curve as a band from each slice's lowest to its highest probe value, over a green band
 * for the allowed range; points outside it show red dots. `points` are time-ordered.
 */
export function curveSvg(points: Array<{ at: string; min: number; max: number }>, limits: { low: number; high: number }, labels: CurveLabels): string {
  const W = 320, H = 130, L = 30, R = 6, T = 8, B = 20;
  const lo = Math.min(limits.low - 2, ...points.map((p) => p.min));
  const hi = Math.max(limits.high + 2, ...points.map((p) => p.max));
  const t0 = Date.parse(points[0].at), t1 = Date.parse(points[points.length - 1].at);
  const x = (at: string) => L + (t1 === t0 ? (W - L - R) / 2 : ((Date.parse(at) - t0) / (t1 - t0)) * (W - L - R));
  const y = (v: number) => T + ((hi - v) / (hi - lo)) * (H - T - B);
  const upper = points.map((p) => `${f1(x(p.at))},${f1(y(p.max))}`);
  const lower = points.map((p) => `${f1(x(p.at))},${f1(y(p.min))}`).reverse();
  const outside = points.filter((p) => p.max > limits.high || p.min < limits.low)
    .map((p) => `<circle cx="${f1(x(p.at))}" cy="${f1(y(p.max > limits.high ? p.max : p.min))}" r="2.2" fill="#c62828"/>`).join('');
  const band = points.length === 1
    ? `<line x1="${f1(x(points[0].at))}" x2="${f1(x(points[0].at))}" y1="${f1(y(points[0].max) - 2)}" y2="${f1(y(points[0].min) + 2)}" stroke="#1565c0" stroke-width="3"/>`
    : `<polygon points="${[...upper, ...lower].join(' ')}" fill="#1565c0" fill-opacity=".35" stroke="#1565c0" stroke-width="1.2" stroke-linejoin="round"/>`;
  return `<svg class="curve" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(labels.title)}" xmlns="http://www.w3.org/2000/svg">`
    + `<title>${esc(labels.title)}</title>`
    + `<rect x="${L}" y="${f1(y(limits.high))}" width="${W - L - R}" height="${f1(y(limits.low) - y(limits.high))}" fill="#e8f5e9"/>`
    + `<g stroke="#2e7d32" stroke-dasharray="4 3" stroke-width="1"><line x1="${L}" x2="${W - R}" y1="${f1(y(limits.high))}" y2="${f1(y(limits.high))}"/><line x1="${L}" x2="${W - R}" y1="${f1(y(limits.low))}" y2="${f1(y(limits.low))}"/></g>`
    + `<g font-size="10" fill="#444" text-anchor="end"><text x="${L - 3}" y="${f1(y(limits.high) + 3)}">${limits.high}°</text><text x="${L - 3}" y="${f1(y(limits.low) + 3)}">${limits.low}°</text></g>`
    + band + outside
    + `<g font-size="10" fill="#444"><text x="${L}" y="${H - 5}">${esc(labels.from)}</text><text x="${W - R}" y="${H - 5}" text-anchor="end">${esc(labels.to)}</text></g>`
    + `<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#999"/>`
    + `</svg>`;
}

export interface MapLabels { title: string; rider: string; destination: string }

/**
 * A map at least `spanM` metres wide around the destination (wider when the rider is farther), north up,
 * in a local equirectangular projection: at city scale its distortion is far below the ~100 m
 * the positions are rounded to.
 */
export function mapSvg(o: { destination: { lat: number; lng: number }; rider: { lat: number; lng: number } | null; roads: Array<Array<[number, number]>>; spanM: number }, labels: MapLabels): string {
  const W = 320, H = 220;
  const c = o.destination;
  const mPerDegLat = 111_320, mPerDegLng = 111_320 * Math.cos((c.lat * Math.PI) / 180);
  // px per metre: the requested span, zoomed out until the rider is 14 px inside the frame (at most 8 km wide).
  const dx = o.rider ? Math.abs(o.rider.lng - c.lng) * mPerDegLng : 0, dy = o.rider ? Math.abs(o.rider.lat - c.lat) * mPerDegLat : 0;
  const scale = Math.max(W / 8000, Math.min(W / o.spanM, dx ? (W / 2 - 14) / dx : Infinity, dy ? (H / 2 - 14) / dy : Infinity));
  const px = (lng: number) => W / 2 + (lng - c.lng) * mPerDegLng * scale;
  const py = (lat: number) => H / 2 - (lat - c.lat) * mPerDegLat * scale;
  const d = o.roads.map((line) => line.map(([lng, lat], i) => `${i ? 'L' : 'M'}${f1(px(lng))} ${f1(py(lat))}`).join('')).join('');
  const rider = o.rider
    ? `<circle cx="${f1(px(o.rider.lng))}" cy="${f1(py(o.rider.lat))}" r="7" fill="#1565c0" stroke="#fff" stroke-width="2"><title>${esc(labels.rider)}</title></circle>`
    : '';
  return `<svg class="map" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(labels.title)}" xmlns="http://www.w3.org/2000/svg">`
    + `<title>${esc(labels.title)}</title><rect width="${W}" height="${H}" fill="#f4f1ea"/>`
    + (d ? `<path d="${d}" fill="none" stroke="#d3cbb8" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>` : '')
    + `<circle cx="${W / 2}" cy="${H / 2}" r="9" fill="#c62828" fill-opacity=".25" stroke="#c62828" stroke-width="2"><title>${esc(labels.destination)}</title></circle><circle cx="${W / 2}" cy="${H / 2}" r="3" fill="#c62828"/>`
    + rider
    + `</svg>`;
}
