/**
 * Serves the built web apps (Vite's output, `npm run build:web`): their hashed assets under
 * `/ui/`, each app's page at its own prefix (`/console/`) for every client route below it,
 * so a reload of `/console/orders` finds the app. Hashed files never change: cached for good;
 * the page itself is revalidated every time, so a new build is picked up at the next load.
 * The build writes a gzip copy beside each text file (`x.js.gz`, vite.config.ts); it is sent to
 * browsers that accept gzip (on a phone's 3G link the rider app's first load is mostly bytes).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';

/** Vite's output folder (git-ignored). */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
/** Where Vite's `base` puts every built file. */
export const UI_PREFIX = '/ui/';

export interface WebApp {
  /** URL prefix of the app, e.g. `/console`. */
  prefix: string;
  /** Its page, relative to the build folder, e.g. `web-console/index.html`. */
  page: string;
  /** What the app is called in the "not built" page. */
  title: string;
  /**
   * Build files served at a path under the prefix instead of /ui/, revalidated every time: a
   * service worker's scope is the folder it is served from (`/rider/sw.js` → `/rider/`), and a
   * stale worker would keep an old app alive. E.g. `{ 'sw.js': 'rider-sw.js' }`.
   */
  files?: Record<string, string>;
  /** The page's Permissions-Policy when it needs a device (the rider app: camera and position); default none. */
  permissions?: string;
}

export interface StaticUiOptions {
  apps: WebApp[];
  dist?: string;
  /** Origins besides our own that pages may load images from (an external tile server). */
  imageOrigins?: string[];
}

async function fileAt(file: string): Promise<{ size: number; mtime: Date } | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/** Sends `file` (or its prebuilt `.gz` to a client that takes gzip), revalidated by its date. */
async function send(ctx: Koa.Context, file: string, s: { size: number; mtime: Date }): Promise<void> {
  ctx.lastModified = s.mtime;
  ctx.vary('Accept-Encoding');
  if (ctx.fresh) { ctx.status = 304; return; }
  const gz = ctx.acceptsEncodings('gzip', 'identity') === 'gzip' ? await fileAt(`${file}.gz`) : null;
  // A copy older than its file is from an earlier build: not sent.
  const use = gz && gz.mtime >= s.mtime ? { path: `${file}.gz`, size: gz.size } : { path: file, size: s.size };
  if (use.path !== file) ctx.set('Content-Encoding', 'gzip');
  ctx.length = use.size;
  ctx.body = ctx.method === 'HEAD' ? null : createReadStream(use.path);
}

function notBuilt(title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}: not built</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
<h1>${title} is not built</h1>
<p>The API is running, but the web apps' build (<code>dist/web/</code>) is missing or incomplete.</p>
<p>Run <code>npm run build:web</code> in the repository, then reload this page.
<code>npm start</code> and <code>npm test</code> build it themselves when it is missing or out of date.</p>
<p>The API itself works: <a href="/api/v1/docs">/api/v1/docs</a>.</p></body></html>`;
}

/** Koa middleware for the web apps; everything else passes through. */
export function staticUi(opts: StaticUiOptions): (app: Koa) => void {
  const dist = opts.dist ?? WEB_DIST;
  // Element Plus and Leaflet set inline styles; no script runs but our own files.
  const csp = [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${(opts.imageOrigins ?? []).map((o) => ` ${o}`).join('')}`,
    "connect-src 'self'", "font-src 'self' data:", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'",
  ].join('; ');

  return (app) => app.use(async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path.startsWith(UI_PREFIX)) {
      let rel: string;
      try { rel = decodeURIComponent(ctx.path.slice(UI_PREFIX.length)); } catch { return next(); }
      const file = path.resolve(dist, rel);
      if (!file.startsWith(dist + path.sep)) return next();
      const s = await fileAt(file);
      if (!s) {
        ctx.status = 404;
        ctx.type = 'text/plain';
        ctx.body = `No file ${ctx.path} in the web build; rebuild it (npm run build:web) and reload the page.`;
        return;
      }
      ctx.type = path.extname(file);
      ctx.set('Cache-Control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      await send(ctx, file, s);
      return;
    }
    const webApp = opts.apps.find((a) => ctx.path === a.prefix || ctx.path.startsWith(a.prefix + '/'));
    if (!webApp) return next();
    if (ctx.path === webApp.prefix) {
      ctx.redirect(webApp.prefix + '/' + (ctx.querystring ? `?${ctx.querystring}` : ''));
      return;
    }
    const own = webApp.files?.[ctx.path.slice(webApp.prefix.length + 1)];
    if (own) {
      const file = path.join(dist, own);
      const s = await fileAt(file);
      if (!s) {
        ctx.status = 404;
        ctx.type = 'text/plain';
        ctx.body = `No file ${own} in the web build; rebuild it (npm run build:web).`;
        return;
      }
      ctx.type = own.endsWith('.webmanifest') ? 'application/manifest+json' : path.extname(own);
      ctx.set('Cache-Control', 'no-cache');
      await send(ctx, file, s);
      return;
    }
    const page = path.join(dist, webApp.page);
    const s = await fileAt(page);
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'html';
    if (!s) {
      ctx.status = 503;
      ctx.body = notBuilt(webApp.title);
      return;
    }
    ctx.set('Content-Security-Policy', csp);
    if (webApp.permissions) ctx.set('Permissions-Policy', webApp.permissions);
    await send(ctx, page, s);
  });
}
