/** Facilities' service areas (GeoJSON from /geo/service-areas), outlined under the markers. */
import L from 'leaflet';
import type { FeatureCollection as GeoJsonCollection } from 'geojson';
import type { FeatureCollection } from '../../../../../web-shared/api/types';
import type { LatLng } from '../../../../../web-shared/geo/datum';

export class AreaLayer {
  private layer: L.GeoJSON | null = null;

  constructor(private readonly renderer: L.Renderer, private readonly toMap: (p: LatLng) => LatLng, private readonly colorOf: (facilityId: string) => string) {}

  mount(map: L.Map, areas: FeatureCollection): this {
    this.layer?.remove();
    this.layer = L.geoJSON(areas as GeoJsonCollection, {
      coordsToLatLng: (c) => { const p = this.toMap({ lng: c[0], lat: c[1] }); return L.latLng(p.lat, p.lng); },
      style: (f) => {
        const color = this.colorOf(String(f?.properties?.facilityId ?? ''));
        return { renderer: this.renderer, color, weight: 1.5, opacity: 0.8, fillColor: color, fillOpacity: 0.03, interactive: false } as L.PathOptions;
      },
    }).addTo(map);
    return this;
  }

  setVisible(map: L.Map, visible: boolean): void {
    if (!this.layer) return;
    if (visible) this.layer.addTo(map);
    else this.layer.remove();
  }

  destroy(): void {
    this.layer?.remove();
    this.layer = null;
  }
}
