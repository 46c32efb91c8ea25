import { describe, expect, it } from 'vitest';
import { MAP_APPS, navLink } from './links';

// WGS-84 (39.915, 116.404) → GCJ-02 (39.91640428150164, 116.41024449916938): wandergis/coordtransform's
// published vector; BD-09 of that GCJ-02 point by the closed form (z·sinθ + 0.006, z·cosθ + 0.0065)
// is (39.922700, 116.416627) to 6 decimals.
const BEIJING = { lat: 39.915, lng: 116.404 };
// Outside China GCJ-02 is WGS-84 unchanged, and Baidu is told the point is WGS-84.
const LONDON = { lat: 51.5007, lng: -0.1246 };

describe('navigate links', () => {
  it('AMap and Tencent get GCJ-02, Baidu BD-09, Apple and geo: WGS-84', () => {
    expect(navLink('amap', BEIJING, 'Stop 1')).toBe('https://uri.amap.com/navigation?to=116.410244,39.916404,Stop%201&mode=ride&coordinate=gaode&callnative=1&src=coldchain-rider');
    expect(navLink('tencent', BEIJING, 'Stop 1')).toBe('qqmap://map/routeplan?type=bike&to=Stop%201&tocoord=39.916404,116.410244&referer=coldchain-rider');
    expect(navLink('baidu', BEIJING, 'Stop 1')).toBe('baidumap://map/direction?destination=latlng:39.922700,116.416627|name:Stop%201&coord_type=bd09ll&mode=riding&src=coldchain-rider');
    expect(navLink('apple', BEIJING, 'Stop 1')).toBe('https://maps.apple.com/?daddr=39.915000,116.404000&dirflg=w&q=Stop%201');
    expect(navLink('geo', BEIJING, 'Stop 1')).toBe('geo:39.915000,116.404000?q=39.915000,116.404000(Stop%201)');
  });

  it('leaves a point outside China as it is for every app', () => {
    for (const app of MAP_APPS) {
      const link = navLink(app, LONDON, 'x');
      expect(link, app).toMatch(/51\.500700/);
      expect(link, app).toMatch(/-0\.124600/);
    }
    expect(navLink('baidu', LONDON, 'x')).toContain('coord_type=wgs84&');
  });

  it('escapes the stop name', () => {
    expect(navLink('geo', BEIJING, '站 1&2')).toContain('(%E7%AB%99%201%262)');
  });
});
