/**
 * One Vite build for the web apps: each app is an entry page (today the console; the rider app
 * joins as `rider-app/index.html`), sharing web-shared/ (API client, feed, i18n) as common
 * chunks. Output in dist/web/ (git-ignored), served by the api: files at /ui/, each page at its
 * own prefix (platform/http/static-ui.ts). `npm start` / `npm test` rebuild it when stale.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/ui/',
  publicDir: false,
  plugins: [vue()],
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    // Element Plus alone is ~300 kB gzip'd when whole; components are imported one by one.
    chunkSizeWarningLimit: 1200,
    rollupOptions: { input: { console: path.join(root, 'web-console/index.html') } },
  },
});
