/**
 * Synthetic demo city as OpenStreetMap XML (see layout.ts for the street plan).
 * Streams the file: memory stays flat whatever the size (500,000 segments ≈ 120 MB of XML).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { LatLng } from '../coords';
import {
  type DemoCityOptions,
  type Layout,
  SPACING_M,
  edgeExists,
  hasServiceSpur,
  lineInfo,
  makeLayout,
  mulberry32,
  nodeId,
  nodeUsed,
  nodeXY,
  spurNodeId,
  xyToLatLng,
} from './layout';

export { DEMO_CITY_CENTER, type DemoCityOptions, type DemoCitySize } from './layout';

/** Bounding box in WGS-84 degrees. */
export interface BBox {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

/**
 * What was written. `segments` counts lattice edges (block-length road pieces); a router merges
 * the few that meet at a node where no other road joins (after a missing cross street), so an
 * import reports slightly fewer edges (30,136 of 30,186 for the demo city).
 */
export interface DemoCityStats {
  nodes: number;
  ways: number;
  segments: number;
  bridges: number;
  bbox: BBox;
}

/** Bounding box of the demo city's roads (with a 30 m margin for jitter). Defaults as in DemoCityOptions. */
export function demoCityBbox(opts: DemoCityOptions = {}): BBox {
  const l = makeLayout(opts);
  const sw = xyToLatLng(l, -30, -30);
  const ne = xyToLatLng(l, l.n * SPACING_M + 30, l.n * SPACING_M + 30);
  return { minLat: sw.lat, minLng: sw.lng, maxLat: ne.lat, maxLng: ne.lng };
}

const fmt = (v: number) => v.toFixed(7); // 1e-7° ≈ 1 cm, the precision OSM stores
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Buffered writer that honours back-pressure. */
class Out {
  private buf: string[] = [];
  private len = 0;
  constructor(private readonly w: Writable) {}
  async write(s: string): Promise<void> {
    this.buf.push(s);
    this.len += s.length;
    if (this.len > 1 << 16) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buf.length) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.len = 0;
    if (!this.w.write(chunk)) await once(this.w, 'drain');
  }
}

function tagsXml(tags: Record<string, string | number | null | undefined>): string {
  let s = '';
  for (const [k, v] of Object.entries(tags)) if (v !== null && v !== undefined) s += `<tag k="${k}" v="${esc(String(v))}"/>`;
  return s;
}

/**
 * Writes the demo city as OSM XML to `out` (not closed). Deterministic for (seed, size).
 * @returns counts and bbox
 */
export async function writeDemoCity(out: Writable, opts: DemoCityOptions = {}): Promise<DemoCityStats> {
  const l = makeLayout(opts);
  const o = new Out(out);
  const bbox = demoCityBbox(opts);
  const stats: DemoCityStats = { nodes: 0, ways: 0, segments: 0, bridges: 0, bbox };
  const { n } = l;
  await o.write(`<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="coldchain-demo-city seed=${l.seed} n=${n}">\n`);
  await o.write(`<bounds minlat="${fmt(bbox.minLat)}" minlon="${fmt(bbox.minLng)}" maxlat="${fmt(bbox.maxLat)}" maxlon="${fmt(bbox.maxLng)}"/>\n`);
  const node = async (id: number, p: LatLng) => {
    stats.nodes++;
    await o.write(`<node id="${id}" version="1" lat="${fmt(p.lat)}" lon="${fmt(p.lng)}"/>\n`);
  };
  // Intersections and spur ends.
  for (let j = 0; j <= n; j++) {
    for (let i = 0; i <= n; i++) {
      if (!nodeUsed(l, i, j)) continue;
      const [x, y] = nodeXY(l, i, j);
      await node(nodeId(l, i, j), xyToLatLng(l, x, y));
    }
  }
  // Second pass keeps node ids ascending (osmium reports such files as ordered).
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (!hasServiceSpur(l, i, j)) continue;
      const [x, y] = nodeXY(l, i, j);
      await node(spurNodeId(l, i, j), xyToLatLng(l, x + 35, y + 35));
    }
  }
  // River nodes: a gentle meander halfway between riverRow and riverRow+1.
  const riverBase = 2 * (n + 1) * (n + 1) + 10;
  const rnd = mulberry32(l.seed ^ 0x5eed);
  for (let i = 0; i <= n; i++) {
    const y = (l.riverRow + 0.5) * SPACING_M + (rnd() - 0.5) * 20;
    await node(riverBase + i + 1, xyToLatLng(l, i * SPACING_M, y));
  }
  let wayId = 1;
  const way = async (refs: number[], tags: Record<string, string | number | null | undefined>) => {
    stats.ways++;
    await o.write(`<way id="${wayId++}" version="1">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${tagsXml(tags)}</way>\n`);
  };
  // Streets: one way per maximal run of existing edges along a line (osm2pgrouting splits at intersections).
  for (const dir of ['h', 'v'] as const) {
    for (let k = 0; k <= n; k++) {
      const info = lineInfo(l, dir, k);
      let run: number[] = [];
      const flush = async () => {
        if (run.length >= 2) {
          const refs = info.oneway === -1 ? [...run].reverse() : run;
          await way(refs, {
            highway: info.cls,
            name: info.name,
            oneway: info.oneway ? 'yes' : null,
            maxspeed: info.maxspeed,
            lanes: info.cls === 'primary' ? 6 : info.cls === 'secondary' ? 3 : null,
          });
        }
        run = [];
      };
      for (let t = 0; t < n; t++) {
        const [i, j] = dir === 'h' ? [t, k] : [k, t];
        if (dir === 'v' && j === l.riverRow) {
          // Bridge segments are their own ways (bridge=yes, layer=1) as in real OSM data.
          await flush();
          if (edgeExists(l, 'v', i, j)) {
            stats.segments++;
            stats.bridges++;
            const refs = [nodeId(l, i, j), nodeId(l, i, j + 1)];
            await way(info.oneway === -1 ? refs.reverse() : refs, {
              highway: info.cls,
              name: `${info.name} Bridge`,
              bridge: 'yes',
              layer: 1,
              oneway: info.oneway ? 'yes' : null,
              maxspeed: info.maxspeed,
            });
          }
          continue;
        }
        if (edgeExists(l, dir, i, j)) {
          stats.segments++;
          if (!run.length) run.push(nodeId(l, i, j));
          run.push(dir === 'h' ? nodeId(l, i + 1, j) : nodeId(l, i, j + 1));
        } else {
          await flush();
        }
      }
      await flush();
    }
  }
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (!hasServiceSpur(l, i, j)) continue;
      stats.segments++;
      await way([nodeId(l, i, j), spurNodeId(l, i, j)], { highway: 'service', service: 'driveway' });
    }
  }
  const riverRefs: number[] = [];
  for (let i = 0; i <= n; i++) riverRefs.push(riverBase + i + 1);
  stats.ways++;
  await o.write(`<way id="${wayId++}" version="1">${riverRefs.map((r) => `<nd ref="${r}"/>`).join('')}${tagsXml({ waterway: 'river', name: 'Pearl River (demo)' })}</way>\n`);
  await o.write('</osm>\n');
  await o.flush();
  return stats;
}

/** Writes the demo city to a file path. */
export async function writeDemoCityFile(path: string, opts: DemoCityOptions = {}): Promise<DemoCityStats> {
  const ws = createWriteStream(path);
  const stats = await writeDemoCity(ws, opts);
  ws.end();
  await once(ws, 'finish');
  return stats;
}

/**
 * Random points on or near the demo city's roads (for demo orders, riders, stores).
 * Picks a random existing street segment (not a service spur), a random position along it,
 * then moves up to `maxOffsetM` sideways (a building's doorstep, not mid-road).
 * @param count number of points
 * @param seed PRNG seed for the points (independent of the city seed). Default 42.
 * @param maxOffsetM maximum sideways offset in metres. Default 15.
 */
export function randomPointsNearRoads(opts: DemoCityOptions, count: number, seed = 42, maxOffsetM = 15): LatLng[] {
  const l: Layout = makeLayout(opts);
  const rnd = mulberry32(seed);
  const pts: LatLng[] = [];
  let guard = 0;
  while (pts.length < count) {
    if (++guard > count * 100 + 1000) throw new Error('could not find road segments');
    const dir = rnd() < 0.5 ? 'h' : 'v';
    const i = Math.floor(rnd() * (l.n + 1));
    const j = Math.floor(rnd() * (l.n + 1));
    const t = rnd();
    const off = (rnd() * 2 - 1) * maxOffsetM;
    if (!edgeExists(l, dir, i, j)) continue;
    const [x0, y0] = nodeXY(l, i, j);
    const [x1, y1] = dir === 'h' ? nodeXY(l, i + 1, j) : nodeXY(l, i, j + 1);
    const len = Math.hypot(x1 - x0, y1 - y0);
    const x = x0 + (x1 - x0) * t + (-(y1 - y0) / len) * off;
    const y = y0 + (y1 - y0) * t + ((x1 - x0) / len) * off;
    pts.push(xyToLatLng(l, x, y));
  }
  return pts;
}
