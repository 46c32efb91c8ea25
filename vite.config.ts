/**
 * One Vite build for the web apps: each app is an entry page (the console, `web-console/index.html`,
 * and the rider app, `rider-app/index.html`), sharing web-shared/ (API client, feed, i18n) as common
 * chunks. Output in dist/web/ (git-ignored), served by the api: files at /ui/, each page at its
 * own prefix (platform/http/static-ui.ts). `npm start` / `npm test` rebuild it when stale.
 *
 * The rider app is a PWA: vite-plugin-pwa (Workbox generateSW) writes `rider-sw.js`, which the
 * api serves as `/rider/sw.js` so its scope is `/rider/`. Its precache holds only the files the
 * rider page loads (not the console's), as absolute `/ui/…` URLs because the worker does not live
 * beside them.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { VitePWA } from 'vite-plugin-pwa';
import { riderManifest, riderIcons } from './rider-app/build/manifest';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Files the rider page needs (its entry chunk, every chunk it imports, static or lazy, and their CSS). */
const riderFiles = new Set<string>();

/** Vant's icon font, taken out of its CSS (see `transform` below); named by its hash, so cached for good. */
let iconFont: { file: string; bytes: Buffer } | null = null;

function riderApp(): Plugin {
  return {
    name: 'rider-app',
    // Vant's icon font lists a CDN copy after the one inlined in its CSS; nothing may come from a CDN.
    // The inlined copy (25 kB, a third of the app's CSS) moves to a file of its own: inlined, it
    // held up the first paint, while as a file the browser fetches it when the first icon shows,
    // without holding up the text; the service worker keeps it for offline use.
    transform(code, id) {
      if (!/vant\/es\/icon\/index\.css/.test(id)) return null;
      const out = code
        .replace(/,\s*url\(["']?(?:https?:)?\/\/[^)]+\)\s*format\([^)]*\)/g, '')
        .replace(/url\(["']?data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)["']?\)/, (_m, b64: string) => {
          const bytes = Buffer.from(b64, 'base64');
          iconFont = { file: `assets/vant-icon-${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}.woff2`, bytes };
          return `url(/ui/${iconFont.file})`;
        });
      return { code: out, map: null };
    },
    generateBundle(_opts, bundle) {
      const byName = new Map(Object.entries(bundle));
      const visit = (file: string) => {
        if (riderFiles.has(file)) return;
        riderFiles.add(file);
        const c = byName.get(file);
        if (c?.type !== 'chunk') return;
        const meta = (c as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }).viteMetadata;
        for (const f of [...c.imports, ...c.dynamicImports, ...(meta?.importedCss ?? []), ...(meta?.importedAssets ?? [])]) visit(f);
      };
      for (const [file, c] of byName) if (c.type === 'chunk' && c.isEntry && c.name === 'rider') visit(file);
      riderFiles.add('rider-app/index.html');
      if (iconFont) {
        this.emitFile({ type: 'asset', fileName: iconFont.file, source: iconFont.bytes });
        riderFiles.add(iconFont.file);
      }
      this.emitFile({ type: 'asset', fileName: 'rider-manifest.webmanifest', source: JSON.stringify(riderManifest) });
      for (const icon of riderIcons()) {
        this.emitFile({ type: 'asset', fileName: icon.fileName, source: icon.png });
        riderFiles.add(icon.fileName);
      }
    },
  };
}

/**
 * A gzip copy beside each text file of the build (`x.js.gz`), which the api sends to browsers that
 * take gzip (platform/http/static-ui.ts): compressed once here at level 9, not per request.
 */
function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    writeBundle(opts, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(file)) continue;
        const full = path.join(opts.dir!, file);
        const raw = readFileSync(full);
        if (raw.length > 1024) writeFileSync(`${full}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/ui/',
  publicDir: false,
  plugins: [
    vue(),
    riderApp(),
    precompress(),
    VitePWA({
      strategies: 'generateSW',
      filename: 'rider-sw.js',
      injectRegister: false,
      manifest: false,
      includeManifestIcons: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,woff2}'],
        // The rider page's own files only; the console is not carried offline.
        manifestTransforms: [async (entries) => ({ manifest: entries.filter((e) => riderFiles.has(e.url.replace(/^\/ui\//, ''))), warnings: [] })],
        modifyURLPrefix: { '': '/ui/' },
        // One file: the worker lives at /rider/sw.js, away from the build folder its runtime would sit in.
        inlineWorkboxRuntime: true,
        navigateFallback: '/ui/rider-app/index.html',
        navigateFallbackAllowlist: [/^\/rider\//],
        // The API is never answered from a cache: the app keeps its own copy (IndexedDB) and queues writes.
        navigateFallbackDenylist: [/^\/api\//],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
  ],
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    // Element Plus alone is ~300 kB gzip'd when whole; components are imported one by one.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: {
        console: path.join(root, 'web-console/index.html'),
        rider: path.join(root, 'rider-app/index.html'),
      },
    },
  },
});
