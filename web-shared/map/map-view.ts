/**
 * Every app's map (the console's pages, the rider's route): Leaflet with the canvas renderer, on our own road network (offline)
 * or on an external provider's tiles (MAP_TILE_URL), whose datum decides how overlays shift.
 */
import L from 'leaflet';
import { watch } from 'vue';
import type { Basemap } from '../api/types';
import { datumOf } from '../geo/datum';
import { LAND, RoadLayer } from './road-layer';

export interface MapView {
  map: L.Map;
  renderer: L.Renderer;
  datum: ReturnType<typeof datumOf>;
  roads: L.GridLayer | L.TileLayer;
  destroy(): void;
}

/** `offlineLabel` is read reactively (a translated message): the credit follows the page's language. */
export function createMapView(el: HTMLElement, basemap: Basemap, offlineLabel: () => string): MapView {
  const renderer = L.canvas({ padding: 0.5 });
  const map = L.map(el, { preferCanvas: true, renderer, zoomControl: true, attributionControl: true, minZoom: basemap.roadTiles.minZoom, maxZoom: basemap.roadTiles.maxZoom });
  map.attributionControl.setPrefix(false);
  el.style.background = LAND;
  const ext = basemap.external;
  const roads = ext
    ? L.tileLayer(ext.url, { attribution: ext.attribution, maxZoom: 19, subdomains: '1234' })
    : new RoadLayer(basemap.roadTiles.url, { tileSize: basemap.roadTiles.tileSize, minZoom: basemap.roadTiles.minZoom, maxZoom: basemap.roadTiles.maxZoom, attribution: offlineLabel() });
  roads.addTo(map);
  const datum = datumOf(ext?.crs ?? 'wgs84');
  const b = basemap.bbox;
  if (b) {
    const sw = datum.toMap({ lat: b[1], lng: b[0] }), ne = datum.toMap({ lat: b[3], lng: b[2] });
    map.fitBounds([[sw.lat, sw.lng], [ne.lat, ne.lng]]);
  } else {
    // No road network loaded yet: the demo city's centre (Tianhe, Guangzhou).
    const c = datum.toMap({ lat: 23.13, lng: 113.32 });
    map.setView([c.lat, c.lng], 13);
  }
  const stopLabel = ext ? () => undefined : watch(offlineLabel, (now, before) => {
    map.attributionControl.removeAttribution(before).addAttribution(now);
  });
  return { map, renderer, datum, roads, destroy: () => { stopLabel(); map.remove(); } };
}
