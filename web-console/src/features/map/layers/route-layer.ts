/**
 * Riders' planned routes as lines on the roads (canvas), one polyline per facility × rider.
 * A layer owns its Leaflet objects: `mount(map)`, `update(...)`, `destroy()`; Vue only calls these.
 * Lines are WGS-84 GeoJSON; `toMap` shifts them to the base map's datum. A route with a leg the
 * network does not reach is drawn dashed (straight legs).
 */
import L from 'leaflet';
import type { LatLng } from '../../../../../web-shared/geo/datum';

export interface RouteLine { riderId: string; onRoads: boolean; coordinates: Array<[number, number]>; color: string; label: string }

export class RouteLayer {
  private readonly group = L.featureGroup();
  private readonly byFacility = new Map<string, L.Polyline[]>();

  /** `onDrawn` hears how many lines the layer draws in all (pages and tests read it). */
  constructor(private readonly opts: { renderer: L.Renderer; toMap: (p: LatLng) => LatLng; onDrawn?: (lines: number) => void }) {}

  mount(map: L.Map): this {
    this.group.addTo(map);
    return this;
  }

  /** Replaces one facility's routes. */
  update(facilityId: string, lines: RouteLine[]): void {
    for (const l of this.byFacility.get(facilityId) ?? []) this.group.removeLayer(l);
    const drawn = lines.filter((r) => r.coordinates.length >= 2).map((r) => {
      const pts = r.coordinates.map(([lng, lat]) => { const m = this.opts.toMap({ lat, lng }); return [m.lat, m.lng] as [number, number]; });
      const line = L.polyline(pts, { renderer: this.opts.renderer, color: r.color, weight: 4, opacity: 0.85, dashArray: r.onRoads ? undefined : '6 6', interactive: true });
      line.bindTooltip(r.label, { sticky: true });
      this.group.addLayer(line);
      line.bringToBack();
      return line;
    });
    this.byFacility.set(facilityId, drawn);
    this.opts.onDrawn?.([...this.byFacility.values()].reduce((n, l) => n + l.length, 0));
  }

  bounds(): L.LatLngBounds | null {
    const b = this.group.getBounds();
    return b.isValid() ? b : null;
  }

  setVisible(map: L.Map, visible: boolean): void {
    if (visible) this.group.addTo(map);
    else this.group.remove();
  }

  destroy(): void {
    this.group.remove();
    this.byFacility.clear();
  }
}
