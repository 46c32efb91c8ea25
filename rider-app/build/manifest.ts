/**
 * The rider app's web manifest and icons, made at build time (vite.config.ts): installability
 * needs PNG icons of 192 and 512 px; they are drawn here (a white cross on the app's blue, with
 * the maskable safe zone kept clear) rather than kept as binaries in git.
 */
import { PNG } from 'pngjs';

export const riderManifest = {
  name: '冷链骑手 Cold-chain rider',
  short_name: '冷链骑手',
  description: 'Routes, pickups, box temperature and handovers for cold-chain pharmacy riders',
  id: '/rider/',
  start_url: '/rider/',
  scope: '/rider/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#ffffff',
  theme_color: '#1565c0',
  lang: 'zh-CN',
  icons: [
    { src: '/ui/rider-icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/ui/rider-icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/ui/rider-icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

function icon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const bar = size * 0.09, arm = size * 0.26, c = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = Math.abs(x + 0.5 - c), dy = Math.abs(y + 0.5 - c);
      // A plus and an ×: a six-armed snowflake would need anti-aliasing to read at 48 px.
      const plus = (dx < bar / 2 && dy < arm) || (dy < bar / 2 && dx < arm);
      const u = (dx + dy) / Math.SQRT2, v = Math.abs(x - y) / Math.SQRT2, w = Math.abs(x + y - size) / Math.SQRT2;
      const cross = (v < bar / 2 || w < bar / 2) && u < arm * 1.05 && Math.hypot(dx, dy) < arm;
      const white = plus || cross;
      const i = (y * size + x) * 4;
      png.data[i] = white ? 255 : 0x15;
      png.data[i + 1] = white ? 255 : 0x65;
      png.data[i + 2] = white ? 255 : 0xc0;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export function riderIcons(): Array<{ fileName: string; png: Buffer }> {
  return [192, 512].map((s) => ({ fileName: `rider-icon-${s}.png`, png: icon(s) }));
}
