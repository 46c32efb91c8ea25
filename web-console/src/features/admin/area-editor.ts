/**
 * The service-area editor's map objects: every facility's area (faint), the one being edited
 * as a circle (radius) with its centre, and a pin for a facility being placed. Positions in
 * and out are WGS-84; the map's datum converts at its edge. Vue only calls these methods.
 */
import L from 'leaflet';
import type { FeatureCollection, LatLng } from '../../../../web-shared/api/types';
import type { MapView } from '../../../../web-shared/map/map-view';
import { AreaLayer } from '../map/layers/area-layer';

const EDIT_COLOR = '#d35400';

export class AreaEditor {
  private areas: AreaLayer;
  private circle: L.Circle | null = null;
  private centre: L.CircleMarker | null = null;
  private onClick: ((p: LatLng, metresFromCentre: number | null) => void) | null = null;

  constructor(private readonly view: MapView, colorOf: (facilityId: string) => string) {
    this.areas = new AreaLayer(view.renderer, view.datum.toMap, colorOf);
    view.map.on('click', (e: L.LeafletMouseEvent) => {
      const at = view.datum.fromMap({ lat: e.latlng.lat, lng: e.latlng.lng });
      const c = this.centre?.getLatLng();
      this.onClick?.(at, c ? Math.round(view.map.distance(c, e.latlng)) : null);
    });
  }

  showAreas(fc: FeatureCollection): void { this.areas.mount(this.view.map, fc); }

  /** Clicks on the map go to `f` (WGS-84, and the distance in metres to the edited centre). */
  listen(f: ((p: LatLng, metresFromCentre: number | null) => void) | null): void { this.onClick = f; }

  /** Draws the edited area: a circle of `radiusM` metres round `center`, or only the centre. */
  edit(center: LatLng | null, radiusM: number | null): void {
    if (!center) { this.clear(); return; }
    const m = this.view.datum.toMap(center);
    const ll = L.latLng(m.lat, m.lng);
    this.centre ??= L.circleMarker(ll, { renderer: this.view.renderer, radius: 6, color: '#fff', weight: 2, fillColor: EDIT_COLOR, fillOpacity: 1, interactive: false }).addTo(this.view.map);
    this.centre.setLatLng(ll);
    if (radiusM && radiusM > 0) {
      this.circle ??= L.circle(ll, { renderer: this.view.renderer, radius: radiusM, color: EDIT_COLOR, weight: 2.5, dashArray: '6 4', fillColor: EDIT_COLOR, fillOpacity: 0.08, interactive: false }).addTo(this.view.map);
      this.circle.setLatLng(ll).setRadius(radiusM);
    } else {
      this.circle?.remove();
      this.circle = null;
    }
  }

  /** Fits the map to the edited circle (or centres on the point). */
  focus(): void {
    if (this.circle) this.view.map.fitBounds(this.circle.getBounds(), { padding: [30, 30] });
    else if (this.centre) this.view.map.setView(this.centre.getLatLng(), Math.max(this.view.map.getZoom(), 14));
  }

  clear(): void {
    this.circle?.remove();
    this.centre?.remove();
    this.circle = null;
    this.centre = null;
  }

  destroy(): void {
    this.clear();
    this.areas.destroy();
    this.onClick = null;
  }
}
