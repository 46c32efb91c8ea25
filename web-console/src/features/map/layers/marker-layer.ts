/**
 * Points on the map drawn by the canvas renderer (thousands stay cheap), one circle per id.
 * A layer owns its Leaflet objects: `mount(map)`, `update(items)`, `destroy()`; Vue only
 * calls these. Items are WGS-84; `toMap` shifts them to the base map's datum.
 */
import L from 'leaflet';
import type { LatLng } from '../../../../../web-shared/geo/datum';

export interface MarkerStyle { radius: number; fill: string; stroke?: string }

export class MarkerLayer<T extends { id: string }> {
  private readonly group = L.featureGroup();
  private readonly markers = new Map<string, L.CircleMarker>();
  private highlighted: string | null = null;

  constructor(private readonly opts: {
    renderer: L.Renderer;
    toMap: (p: LatLng) => LatLng;
    at: (item: T) => LatLng | null;
    style: (item: T) => MarkerStyle;
    label: (item: T) => string;
    onClick?: (item: T) => void;
  }) {}

  mount(map: L.Map): this {
    this.group.addTo(map);
    return this;
  }

  /** Adds or moves the given items; `replace` also removes those not given. */
  update(items: T[], replace = false): void {
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(item.id);
      const p = this.opts.at(item);
      let m = this.markers.get(item.id);
      if (!p) {
        if (m) { this.group.removeLayer(m); this.markers.delete(item.id); }
        continue;
      }
      const s = this.opts.style(item);
      const ll = this.opts.toMap(p);
      const ring = item.id === this.highlighted;
      const path = { renderer: this.opts.renderer, radius: s.radius + (ring ? 2 : 0), fillColor: s.fill, color: ring ? '#111827' : s.stroke ?? '#ffffff', weight: ring ? 3 : 2, fillOpacity: 1, opacity: 1 };
      if (!m) {
        m = L.circleMarker([ll.lat, ll.lng], path).bindTooltip(this.opts.label(item), { direction: 'top', offset: [0, -s.radius] });
        const click = this.opts.onClick;
        if (click) m.on('click', () => click(item));
        this.markers.set(item.id, m);
        this.group.addLayer(m);
      } else {
        m.setLatLng([ll.lat, ll.lng]);
        m.setStyle(path);
        m.setTooltipContent(this.opts.label(item));
      }
    }
    if (replace) {
      for (const [id, m] of this.markers) if (!seen.has(id)) { this.group.removeLayer(m); this.markers.delete(id); }
    }
  }

  /** Rings one marker (null: none), drawn on top, so the eye finds what the list picked. */
  highlight(item: T | null, previous: T | null): void {
    this.highlighted = item?.id ?? null;
    if (previous) this.update([previous]);
    if (item) { this.update([item]); this.markers.get(item.id)?.bringToFront(); }
  }

  get size(): number { return this.markers.size; }

  setVisible(map: L.Map, visible: boolean): void {
    if (visible) this.group.addTo(map);
    else this.group.remove();
  }

  destroy(): void {
    this.group.remove();
    this.markers.clear();
  }
}
