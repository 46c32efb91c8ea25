/**
 * Thousands of points (open orders, boxes) clustered with supercluster: a cluster is one small
 * DOM marker with its count, ringed in the worst colour of what it holds; a point on its own is a
 * circle on the shared canvas renderer. The index is rebuilt at most once per animation frame
 * after `setItems`, and the view is redrawn from it after each pan or zoom (only what is in view
 * plus a margin is drawn). A layer owns its Leaflet objects: `mount(map)`, `setItems`, `destroy()`.
 * Items are WGS-84; `toMap` shifts them to the base map's datum before they are indexed.
 */
import L from 'leaflet';
import Supercluster, { type ClusterProperties, type PointFeature } from 'supercluster';
import type { LatLng } from '../../../../../web-shared/geo/datum';

/** Points stop clustering above this zoom; selecting an item zooms past it. */
export const CLUSTER_MAX_ZOOM = 16;

interface PointProps { id: string; rank: number }
interface ClusterProps { rank: number }

export interface ClusterLayerOptions<T> {
  /** Names the layer in the DOM (`data-layer`) and its cluster markers' class. */
  kind: string;
  renderer: L.Renderer;
  toMap: (p: LatLng) => LatLng;
  at: (item: T) => LatLng | null;
  /** Lower is worse; a cluster shows the lowest rank of its points. */
  rank: (item: T) => number;
  colorOfRank: (rank: number) => string;
  radius: number;
  label: (item: T) => string;
  onClick?: (item: T) => void;
  /** Hears what the layer drew after each redraw (pages and tests read it). */
  onDrawn?: (drawn: { points: number; clusters: number }) => void;
}

export class ClusterLayer<T extends { id: string }> {
  private readonly group = L.featureGroup();
  private readonly index = new Supercluster<PointProps, ClusterProps>({
    // radius is in supercluster's 512-pixel tiles: 80 is 40 screen pixels on Leaflet's 256-pixel tiles.
    radius: 80, maxZoom: CLUSTER_MAX_ZOOM, minPoints: 3,
    map: (p) => ({ rank: p.rank }),
    reduce: (acc, p) => { if (p.rank < acc.rank) acc.rank = p.rank; },
  });
  private readonly items = new Map<string, T>();
  private readonly where = new Map<string, LatLng>();
  private readonly points = new Map<string, L.CircleMarker>();
  /** Cluster markers by what they show, so a redraw keeps the DOM of those that did not change. */
  private clusters = new Map<string, L.Marker>();
  private map: L.Map | null = null;
  private visible = true;
  private dirty = false;
  private highlightRing: L.CircleMarker | null = null;
  private highlighted: string | null = null;
  private readonly redraw = () => this.render();

  constructor(private readonly opts: ClusterLayerOptions<T>) {}

  mount(map: L.Map): this {
    this.map = map;
    this.group.addTo(map);
    map.on('moveend', this.redraw);
    return this;
  }

  /** Replaces every item; the index is rebuilt on the next animation frame. */
  setItems(items: Iterable<T>): void {
    this.items.clear();
    for (const it of items) this.items.set(it.id, it);
    if (this.dirty) return;
    this.dirty = true;
    requestAnimationFrame(() => { this.dirty = false; this.rebuild(); });
  }

  get(id: string): T | undefined { return this.items.get(id); }

  /** Where an item is drawn (map datum), if it has a position. */
  positionOf(id: string): LatLng | undefined {
    const it = this.items.get(id);
    const p = it && this.opts.at(it);
    return p ? this.opts.toMap(p) : undefined;
  }

  /** Rings one item (null: none) so the eye finds it after the list picked it. */
  highlight(id: string | null): void {
    this.highlighted = id;
    this.placeRing();
  }

  setVisible(map: L.Map, visible: boolean): void {
    this.visible = visible;
    if (visible) { this.group.addTo(map); this.render(); } else this.group.remove();
  }

  destroy(): void {
    this.map?.off('moveend', this.redraw);
    this.group.remove();
    this.points.clear();
    this.clusters.clear();
    this.map = null;
  }

  private rebuild(): void {
    const features: Array<PointFeature<PointProps>> = [];
    this.where.clear();
    for (const it of this.items.values()) {
      const p = this.opts.at(it);
      if (!p) continue;
      const m = this.opts.toMap(p);
      this.where.set(it.id, m);
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [m.lng, m.lat] }, properties: { id: it.id, rank: this.opts.rank(it) } });
    }
    this.index.load(features);
    this.render();
  }

  private render(): void {
    const map = this.map;
    if (!map || !this.visible) return;
    const b = map.getBounds().pad(0.25);
    const zoom = Math.round(map.getZoom());
    const found = this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
    const kept = new Map<string, L.Marker>();
    const seen = new Set<string>();
    for (const f of found) {
      const [lng, lat] = f.geometry.coordinates;
      const props = f.properties as Partial<ClusterProperties> & (PointProps | ClusterProps);
      if (props.cluster) {
        const key = `${props.cluster_id}|${props.point_count}|${props.rank}|${lat},${lng}`;
        kept.set(key, this.clusters.get(key) ?? this.clusterMarker(props.cluster_id!, props.point_count!, props.rank, lat, lng));
        continue;
      }
      const item = this.items.get((props as PointProps).id);
      if (!item) continue;
      seen.add(item.id);
      this.pointMarker(item, props.rank, lat, lng);
    }
    for (const [id, m] of this.points) if (!seen.has(id)) { this.group.removeLayer(m); this.points.delete(id); }
    for (const [key, m] of this.clusters) if (!kept.has(key)) this.group.removeLayer(m);
    this.clusters = kept;
    this.placeRing();
    this.opts.onDrawn?.({ points: this.points.size, clusters: this.clusters.size });
  }

  private pointMarker(item: T, rank: number, lat: number, lng: number): void {
    const fillColor = this.opts.colorOfRank(rank);
    let m = this.points.get(item.id);
    if (!m) {
      m = L.circleMarker([lat, lng], { renderer: this.opts.renderer, radius: this.opts.radius, fillColor, color: '#ffffff', weight: 1.5, fillOpacity: 1, opacity: 1 })
        .bindTooltip(() => this.opts.label(this.items.get(item.id) ?? item), { direction: 'top', offset: [0, -this.opts.radius] });
      const click = this.opts.onClick;
      if (click) m.on('click', () => { const it = this.items.get(item.id); if (it) click(it); });
      this.points.set(item.id, m);
      this.group.addLayer(m);
      return;
    }
    const at = m.getLatLng();
    if (at.lat !== lat || at.lng !== lng) m.setLatLng([lat, lng]);
    if (m.options.fillColor !== fillColor) m.setStyle({ fillColor });
  }

  private clusterMarker(clusterId: number, count: number, rank: number, lat: number, lng: number): L.Marker {
    const size = count < 10 ? 28 : count < 100 ? 34 : count < 1000 ? 40 : 46;
    const color = this.opts.colorOfRank(rank);
    const icon = L.divIcon({
      className: `map-cluster map-cluster-${this.opts.kind}`,
      html: `<span style="border-color:${color}" data-count="${count}" data-rank="${rank}">${count}</span>`,
      iconSize: [size, size],
    });
    const m = L.marker([lat, lng], { icon, keyboard: true, title: String(count), riseOnHover: true });
    m.on('click', () => {
      const map = this.map;
      if (!map) return;
      map.setView([lat, lng], Math.min(this.index.getClusterExpansionZoom(clusterId), map.getMaxZoom()));
    });
    this.group.addLayer(m);
    return m;
  }

  private placeRing(): void {
    const map = this.map;
    const p = this.highlighted ? this.where.get(this.highlighted) : undefined;
    if (!map || !p || !this.visible) { this.highlightRing?.remove(); this.highlightRing = null; return; }
    if (!this.highlightRing) {
      this.highlightRing = L.circleMarker([p.lat, p.lng], { renderer: this.opts.renderer, radius: this.opts.radius + 6, color: '#111827', weight: 3, fill: false, interactive: false });
    } else this.highlightRing.setLatLng([p.lat, p.lng]);
    if (!map.hasLayer(this.highlightRing)) this.highlightRing.addTo(map);
  }
}
