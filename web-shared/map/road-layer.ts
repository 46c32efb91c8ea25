/**
 * The offline base map: our road network, drawn per tile on a canvas from the api's road
 * tiles (/geo/road-tiles/z/x/y, coordinates already in tile pixels). Rivers first, then the
 * roads styled by class, casing first then fill, so crossings look joined.
 */
import L from 'leaflet';
import { api } from '../api/endpoints';

export const LAND = '#eef0e8';
const WATER = '#a8cbe8';
/** A river's width in pixels at zoom 15. */
const WATER_WIDTH = 14;

interface Style { casing: string; fill: string; width: number }
/** Widths in pixels at zoom 15; drawn bottom to top in this order. */
const STYLES: Array<[string, Style]> = [
  ['service', { casing: '#d0d3cb', fill: '#ffffff', width: 2 }],
  ['living_street', { casing: '#c9ccc4', fill: '#ffffff', width: 2.5 }],
  ['unclassified', { casing: '#c4c7be', fill: '#ffffff', width: 3 }],
  ['residential', { casing: '#c4c7be', fill: '#ffffff', width: 3.5 }],
  ['tertiary', { casing: '#c8b98a', fill: '#fffbe0', width: 4.5 }],
  ['secondary', { casing: '#c9a95a', fill: '#fdf1b8', width: 5.5 }],
  ['primary', { casing: '#d08c4a', fill: '#fcd79a', width: 7 }],
  ['trunk', { casing: '#c0623a', fill: '#f9b28a', width: 8 }],
  ['motorway', { casing: '#b04a3a', fill: '#f59c86', width: 9 }],
];
const ORDER = new Map(STYLES.map(([c], i) => [c, i]));
const STYLE = new Map(STYLES);

type Tile = HTMLCanvasElement & { abort?: AbortController };

export class RoadLayer extends L.GridLayer {
  constructor(private readonly template: string, opts: L.GridLayerOptions) {
    super({ ...opts, className: 'road-layer' });
    this.on('tileunload', (e: L.TileEvent) => (e.tile as unknown as Tile).abort?.abort());
    // Whether every tile in view is drawn, on the element: tests (and people debugging) can wait for it.
    this.on('loading', () => { this.getContainer()?.setAttribute('data-state', 'loading'); });
    this.on('load', () => { this.getContainer()?.setAttribute('data-state', 'loaded'); });
  }

  protected createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const size = this.getTileSize();
    const ratio = window.devicePixelRatio || 1;
    const tile = document.createElement('canvas') as Tile;
    tile.width = size.x * ratio;
    tile.height = size.y * ratio;
    const ctx = tile.getContext('2d')!;
    ctx.scale(ratio * (size.x / 256), ratio * (size.y / 256));
    ctx.fillStyle = LAND;
    ctx.fillRect(0, 0, 256, 256);
    tile.abort = new AbortController();
    const url = this.template.replace('{z}', String(coords.z)).replace('{x}', String(coords.x)).replace('{y}', String(coords.y));
    api.roadTile(url, tile.abort.signal).then((t) => {
      // Roads widen with zoom, more slowly than the map does, so side streets stay streets.
      const scale = Math.min(2.2, Math.max(0.3, 1.6 ** (coords.z - 15)));
      const groups = [...t.roads].sort((a, b) => (ORDER.get(a.class) ?? 0) - (ORDER.get(b.class) ?? 0));
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      if (t.water.length) {
        ctx.strokeStyle = WATER;
        ctx.lineWidth = Math.max(1.5, WATER_WIDTH * scale);
        ctx.beginPath();
        for (const line of t.water) line.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
        ctx.stroke();
      }
      for (const pass of ['casing', 'fill'] as const) {
        for (const g of groups) {
          const s = STYLE.get(g.class) ?? STYLE.get('service')!;
          ctx.strokeStyle = s[pass];
          ctx.lineWidth = Math.max(pass === 'casing' ? 1.2 : 0.6, s.width * scale + (pass === 'casing' ? 2.5 : 0));
          ctx.beginPath();
          for (const line of g.lines) {
            line.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
          }
          ctx.stroke();
        }
      }
      tile.dataset.roads = String(t.roads.reduce((n, g) => n + g.lines.length, 0));
      tile.dataset.water = String(t.water.length);
      done(undefined, tile);
    }, (e: Error) => {
      if (e.name !== 'AbortError') done(e, tile);
    });
    return tile;
  }
}
