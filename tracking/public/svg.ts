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

const W_MAP = 320, H_MAP = 220, TILE = 256, MIN_Z = 8, MAX_Z = 19;
const worldX = (lng: number, z: number) => ((lng + 180) / 360) * TILE * 2 ** z;
const worldY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * TILE * 2 ** z;
};

/**
 * Which web-mercator tiles a map needs, and how they are scaled: the map is at least `spanM`
 * metres wide around the destination (wider when the rider is farther, until the rider is 14 px
 * inside the frame; at most 8 km wide), north up. The tiles come from the zoom just below that
 * scale, magnified by `k` (1 ≤ k < 2), so a map needs at most 3 × 2 tiles.
 */
export interface MapFrame { z: number; k: number; cx: number; cy: number; tiles: Array<{ x: number; y: number }> }

export function mapFrame(destination: { lat: number; lng: number }, rider: { lat: number; lng: number } | null, spanM: number): MapFrame {
  const c = destination;
  const mPerDegLat = 111_320, mPerDegLng = 111_320 * Math.cos((c.lat * Math.PI) / 180);
  const dx = rider ? Math.abs(rider.lng - c.lng) * mPerDegLng : 0, dy = rider ? Math.abs(rider.lat - c.lat) * mPerDegLat : 0;
  const scale = Math.max(W_MAP / 8000, Math.min(W_MAP / spanM, dx ? (W_MAP / 2 - 14) / dx : Infinity, dy ? (H_MAP / 2 - 14) / dy : Infinity));
  const pxPerM0 = TILE / (40_075_016.686 * Math.cos((c.lat * Math.PI) / 180));
  const z = Math.min(MAX_Z, Math.max(MIN_Z, Math.floor(Math.log2(scale / pxPerM0))));
  const k = scale / (pxPerM0 * 2 ** z);
  const cx = worldX(c.lng, z), cy = worldY(c.lat, z);
  const hw = W_MAP / 2 / k, hh = H_MAP / 2 / k;
  const tiles: MapFrame['tiles'] = [];
  for (let y = Math.floor((cy - hh) / TILE); y <= Math.floor((cy + hh) / TILE); y++) {
    for (let x = Math.floor((cx - hw) / TILE); x <= Math.floor((cx + hw) / TILE); x++) tiles.push({ x, y });
  }
  return { z, k, cx, cy, tiles };
}

/**
 * A tile's roads as one SVG path and its waterways as another, in its own pixels, kept per tile
 * object: the tiles come from geo's cache, so each is turned into text once and every view places
 * it with a transform.
 */
type Lines = Array<Array<[number, number]>>;
const tilePaths = new WeakMap<object, { d: string; w: string }>();
const pathOf = (lines: Lines) => lines.map((line) => line.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${y}`).join('')).join('');
export function tilePath(tile: { roads: Array<{ lines: Lines }>; water?: Lines }): { d: string; w: string } {
  let p = tilePaths.get(tile);
  if (p === undefined) {
    p = { d: tile.roads.map((r) => pathOf(r.lines)).join(''), w: pathOf(tile.water ?? []) };
    tilePaths.set(tile, p);
  }
  return p;
}

/** The map: the frame's tiles (paths in tile pixels, as `tilePath` gives), the door and the rider. */
export function mapSvg(o: { frame: MapFrame; destination: { lat: number; lng: number }; rider: { lat: number; lng: number } | null; tiles: Array<{ x: number; y: number; d: string; w?: string }> }, labels: MapLabels): string {
  const W = W_MAP, H = H_MAP;
  const { z, k, cx, cy } = o.frame;
  const place = (t: { x: number; y: number }, d: string) => `<path transform="translate(${f1(W / 2 + (t.x * TILE - cx) * k)} ${f1(H / 2 + (t.y * TILE - cy) * k)}) scale(${k.toFixed(4)})" vector-effect="non-scaling-stroke" d="${d}"/>`;
  const roads = o.tiles.filter((t) => t.d).map((t) => place(t, t.d)).join('');
  const water = o.tiles.filter((t) => t.w).map((t) => place(t, t.w!)).join('');
  const rider = o.rider
    ? `<circle cx="${f1(W / 2 + (worldX(o.rider.lng, z) - cx) * k)}" cy="${f1(H / 2 + (worldY(o.rider.lat, z) - cy) * k)}" r="7" fill="#1565c0" stroke="#fff" stroke-width="2"><title>${esc(labels.rider)}</title></circle>`
    : '';
  return `<svg class="map" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(labels.title)}" xmlns="http://www.w3.org/2000/svg">`
    + `<title>${esc(labels.title)}</title><rect width="${W}" height="${H}" fill="#f4f1ea"/>`
    + (water ? `<g fill="none" stroke="#a8cbe8" stroke-width="9" stroke-linecap="round" stroke-linejoin="round">${water}</g>` : '')
    + (roads ? `<g fill="none" stroke="#d3cbb8" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${roads}</g>` : '')
    + `<circle cx="${W / 2}" cy="${H / 2}" r="9" fill="#c62828" fill-opacity=".25" stroke="#c62828" stroke-width="2"><title>${esc(labels.destination)}</title></circle><circle cx="${W / 2}" cy="${H / 2}" r="3" fill="#c62828"/>`
    + rider
    + `</svg>`;
}
