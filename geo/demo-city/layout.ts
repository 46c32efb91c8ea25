/**
 * Pure, deterministic layout of the synthetic demo city (no I/O).
 *
 * The city is a square lattice of streets with `spacingM` between parallel streets.
 * Every lattice edge is one road segment (between two intersections). All decisions
 * (which edges exist, jitter, one-way direction) are pure hashes of (seed, i, j, …),
 * so the generator can stream any size without keeping the graph in memory and other
 * contexts can pick points on roads without generating the file.
 *
 * Road classes by line index k (a "line" is a full row or column of the lattice):
 *   k % 16 == 0  → primary, two-way, 60 km/h (the arterial grid, every 1.6 km)
 *   k % 16 == 8  → secondary, one-way (+ direction)  } a one-way pair (couplet),
 *   k % 16 == 9  → secondary, one-way (− direction)  } 50 km/h
 *   otherwise    → residential, 30 km/h (tag left out on ~half of the lines so the
 *                  importer's class default is exercised); ~12 % of lines one-way.
 * A river runs east–west between rows riverRow and riverRow+1; only vertical edges on
 * primary columns (and the last column) cross it, as bridges.
 * Service roads are dead-end spurs from ~8 % of intersections into the block.
 */

/** Lattice coordinates and where the city sits on Earth. */
export interface DemoCityOptions {
  /** PRNG seed; same seed + size → byte-identical file. Default 1. */
  seed?: number;
  /** 'small' (~300 segments, tests), 'demo' (~30,000), 'scale' (~500,000) or a target segment count. Default 'demo'. */
  size?: DemoCitySize;
}
export type DemoCitySize = 'small' | 'demo' | 'scale' | number;

/** Centre of the city: Tianhe, Guangzhou (WGS-84). */
export const DEMO_CITY_CENTER = { lat: 23.13, lng: 113.32 } as const;
/** Distance between parallel streets, metres. */
export const SPACING_M = 100;
const M_PER_DEG_LAT = 111_320; // metres per degree of latitude (spherical approximation)

export type RoadClass = 'primary' | 'secondary' | 'residential' | 'service';

export interface Layout {
  seed: number;
  /** Number of lattice intervals per side (n+1 streets each way). */
  n: number;
  riverRow: number;
  originLat: number;
  originLng: number;
  mPerDegLng: number;
}

/** Resolves the size parameter to the lattice dimension n (≈ 2·n² segments). */
export function latticeSize(size: DemoCitySize): number {
  const target = size === 'small' ? 300 : size === 'demo' ? 30_000 : size === 'scale' ? 500_000 : size;
  if (!Number.isFinite(target) || target < 40) throw new RangeError(`size must be ≥ 40 segments, got ${size}`);
  return Math.max(4, Math.round(Math.sqrt(target / 2)));
}

export function makeLayout(opts: DemoCityOptions = {}): Layout {
  const seed = (opts.seed ?? 1) >>> 0;
  const n = latticeSize(opts.size ?? 'demo');
  const halfM = (n * SPACING_M) / 2;
  const mPerDegLng = M_PER_DEG_LAT * Math.cos((DEMO_CITY_CENTER.lat * Math.PI) / 180);
  return {
    seed,
    n,
    riverRow: Math.floor(n * 0.45) === 0 ? 1 : Math.floor(n * 0.45),
    originLat: DEMO_CITY_CENTER.lat - halfM / M_PER_DEG_LAT,
    originLng: DEMO_CITY_CENTER.lng - halfM / mPerDegLng,
    mPerDegLng,
  };
}

/** 32-bit integer hash of the seed and up to 4 ints (xorshift-multiply mixing, as in murmur3's fmix32). */
export function hash(seed: number, a: number, b = 0, c = 0, d = 0): number {
  let h = seed ^ 0x9e3779b9;
  for (const v of [a, b, c, d]) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}
/** Hash mapped to [0, 1). */
export function hash01(seed: number, a: number, b = 0, c = 0, d = 0): number {
  return hash(seed, a, b, c, d) / 4294967296;
}

/** mulberry32 PRNG, returns a function yielding [0, 1). */
export function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LineInfo {
  cls: RoadClass;
  /** 0 two-way; +1 one-way in increasing index direction; −1 decreasing. */
  oneway: 0 | 1 | -1;
  maxspeed: number | null;
  name: string;
}

const PRIMARY_NAMES = ['Tianhe Road', 'Huangpu Avenue', 'Tiyu Road', 'Zhongshan Avenue', 'Guangzhou Avenue', 'Linhe Road', 'Huacheng Avenue', 'Jiefang Road'];
const SECONDARY_NAMES = ['Tiyu East Road', 'Tiyu West Road', 'Huaxia Road', 'Zhujiang Road', 'Xiancun Road', 'Shipai Road', 'Longkou Road', 'Tianhe North Road'];

/** Class and tags for line k in direction 'h' (row, runs east) or 'v' (column, runs north). */
export function lineInfo(l: Layout, dir: 'h' | 'v', k: number): LineInfo {
  const m = k % 16;
  const axis = dir === 'h' ? 'East-West' : 'North-South';
  const blk = Math.floor(k / 16);
  if (m === 0) {
    return { cls: 'primary', oneway: 0, maxspeed: 60, name: `${PRIMARY_NAMES[blk % PRIMARY_NAMES.length]} ${dir === 'h' ? 'E' : 'N'}${blk + 1}` };
  }
  if (m === 8 || m === 9) {
    return {
      cls: 'secondary',
      oneway: m === 8 ? 1 : -1,
      maxspeed: 50,
      name: `${SECONDARY_NAMES[blk % SECONDARY_NAMES.length]} ${dir === 'h' ? 'E' : 'N'}${blk + 1} ${m === 8 ? 'Outbound' : 'Inbound'}`,
    };
  }
  const r = hash01(l.seed, 1, dir === 'h' ? 0 : 1, k);
  const oneway: 0 | 1 | -1 = r < 0.06 ? 1 : r < 0.12 ? -1 : 0;
  const tagged = hash01(l.seed, 2, dir === 'h' ? 0 : 1, k) < 0.5;
  return { cls: 'residential', oneway, maxspeed: tagged ? 30 : null, name: `${axis} Lane ${k}` };
}

/**
 * Whether the lattice edge starting at (i, j) exists. 'h' = (i,j)→(i+1,j), 'v' = (i,j)→(i,j+1).
 */
export function edgeExists(l: Layout, dir: 'h' | 'v', i: number, j: number): boolean {
  const { n } = l;
  if (i < 0 || j < 0 || i > n || j > n) return false;
  if (dir === 'h' && i >= n) return false;
  if (dir === 'v' && j >= n) return false;
  if (dir === 'v' && j === l.riverRow) return isBridgeColumn(l, i);
  const info = lineInfo(l, dir, dir === 'h' ? j : i);
  if (info.cls !== 'residential') return true;
  // ~4 % of residential segments missing: breaks the perfect grid (cul-de-sacs, parks).
  return hash01(l.seed, 3, dir === 'h' ? 0 : 1, i, j) >= 0.04;
}

/** Columns with a bridge over the river: every primary column plus the last column. */
export function isBridgeColumn(l: Layout, i: number): boolean {
  return i % 16 === 0 || i === l.n;
}

/** True when intersection (i,j) has at least one road. */
export function nodeUsed(l: Layout, i: number, j: number): boolean {
  return edgeExists(l, 'h', i, j) || edgeExists(l, 'h', i - 1, j) || edgeExists(l, 'v', i, j) || edgeExists(l, 'v', i, j - 1);
}

/** Whether intersection (i,j) gets a dead-end service road into the block to its north-east. */
export function hasServiceSpur(l: Layout, i: number, j: number): boolean {
  if (i >= l.n || j >= l.n || j === l.riverRow) return false;
  return hash01(l.seed, 4, i, j) < 0.08 && nodeUsed(l, i, j);
}

/** Local metres (x east, y north, origin at the south-west corner) of intersection (i,j), jittered ≤ 12 m off arterials. */
export function nodeXY(l: Layout, i: number, j: number): [number, number] {
  const jx = lineInfo(l, 'v', i).cls === 'residential' ? (hash01(l.seed, 5, i, j) - 0.5) * 24 : 0;
  const jy = lineInfo(l, 'h', j).cls === 'residential' ? (hash01(l.seed, 6, i, j) - 0.5) * 24 : 0;
  return [i * SPACING_M + jx, j * SPACING_M + jy];
}

/** Local metres → WGS-84 (equirectangular; error < 1 m over a 50 km city). */
export function xyToLatLng(l: Layout, x: number, y: number): { lat: number; lng: number } {
  return { lat: l.originLat + y / M_PER_DEG_LAT, lng: l.originLng + x / l.mPerDegLng };
}

/** OSM node id of intersection (i,j). Ids are positive and dense. */
export function nodeId(l: Layout, i: number, j: number): number {
  return 1 + j * (l.n + 1) + i;
}
/** OSM node id of the far end of the service spur at (i,j). */
export function spurNodeId(l: Layout, i: number, j: number): number {
  return (l.n + 1) * (l.n + 1) + 1 + j * l.n + i;
}
