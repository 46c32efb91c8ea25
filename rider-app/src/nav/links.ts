/**
 * "Navigate" hands a stop to the phone's map app. Stops are stored in WGS-84; AMap and Tencent
 * expect GCJ-02, Baidu BD-09 (its `coord_type=bd09ll`), Apple Maps and `geo:` (RFC 5870) WGS-84.
 * Outside China GCJ-02 equals WGS-84 (the formula leaves such points as they are); BD-09's offset
 * would still apply, so Baidu is given WGS-84 there (`coord_type=wgs84`).
 */
import { outOfChina, wgs84ToBd09, wgs84ToGcj02, type LatLng } from '../../../web-shared/geo/datum';

export type MapApp = 'amap' | 'baidu' | 'tencent' | 'apple' | 'geo';
export const MAP_APPS: readonly MapApp[] = ['amap', 'baidu', 'tencent', 'apple', 'geo'];

/** 6 decimals ≈ 0.1 m: more is noise, fewer moves the pin. */
const f = (n: number) => n.toFixed(6);
const SOURCE = 'coldchain-rider';

/** The link that opens `app` with a route (or a pin) to `to`, named `name` (no personal data: a stop label). */
export function navLink(app: MapApp, to: LatLng, name: string): string {
  const n = encodeURIComponent(name);
  switch (app) {
    case 'amap': {
      const p = wgs84ToGcj02(to);
      return `https://uri.amap.com/navigation?to=${f(p.lng)},${f(p.lat)},${n}&mode=ride&coordinate=gaode&callnative=1&src=${SOURCE}`;
    }
    case 'baidu': {
      const abroad = outOfChina(to);
      const p = abroad ? to : wgs84ToBd09(to);
      return `baidumap://map/direction?destination=latlng:${f(p.lat)},${f(p.lng)}|name:${n}&coord_type=${abroad ? 'wgs84' : 'bd09ll'}&mode=riding&src=${SOURCE}`;
    }
    case 'tencent': {
      const p = wgs84ToGcj02(to);
      return `qqmap://map/routeplan?type=bike&to=${n}&tocoord=${f(p.lat)},${f(p.lng)}&referer=${SOURCE}`;
    }
    case 'apple':
      return `https://maps.apple.com/?daddr=${f(to.lat)},${f(to.lng)}&dirflg=w&q=${n}`;
    case 'geo':
      return `geo:${f(to.lat)},${f(to.lng)}?q=${f(to.lat)},${f(to.lng)}(${n})`;
  }
}
