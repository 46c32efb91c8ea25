/**
 * For tests of the web apps in Debian's Chromium: an `api` process serving the built apps on a
 * free port (as `npm start` serves them), and the browser. The apps must be built (`npm test`
 * builds them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

export interface ServedApi { base: string; stop(): Promise<void> }

/** `app/cli.ts serve api` on a free port, once it answers /healthz. */
export async function startServedApi(env: Record<string, string> = {}): Promise<ServedApi> {
  for (const f of ['web-console/index.html', 'rider-app/index.html']) {
    if (!existsSync(path.join(ROOT, 'dist/web', f))) throw new Error(`dist/web/${f} missing: npm test builds the web apps (npm run build:web)`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'app/cli.ts', 'serve', 'api'], {
    cwd: ROOT, env: { ...process.env, ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', API_WORKERS: '1', PROCESS_NAME: 'api' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (i >= 300 || api.exitCode !== null) throw new Error(`the api did not come up on ${base}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    async stop() {
      if (api.exitCode !== null) return;
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
    },
  };
}

/** Debian's Chromium; `data-test` attributes are what getByTestId finds. */
export async function launchChromium(args: string[] = []): Promise<Browser> {
  selectors.setTestIdAttribute('data-test');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', ...args] });
}

/** A console page in its own context: Shanghai time, the given language already chosen, 20 s waits. */
export async function consolePage(browser: Browser, locale: 'zh-CN' | 'en', viewport = { width: 1280, height: 860 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale, timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  await ctx.addInitScript((l) => { localStorage.setItem('coldchain.locale', l); }, locale);
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Logs in on the console's login page and waits for the landing page. */
export async function consoleLogIn(page: Page, base: string, u: { username: string; password: string }, landing: RegExp): Promise<void> {
  await page.goto(`${base}/console/`);
  await page.getByTestId('username').fill(u.username);
  await page.getByTestId('password').fill(u.password);
  await page.getByTestId('submit').click();
  await page.waitForURL(landing);
}

/**
 * Waits until loading masks are gone and no CSS animation or transition is running (drawers and
 * messages slid in): a message caught fading in has a washed-out colour that axe-core then flags.
 */
export async function settled(page: Page): Promise<void> {
  await page.locator('.el-loading-mask').waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForTimeout(100);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity), null, { timeout: 5000 }).catch(() => undefined);
}

/** A screenshot once the page has settled. */
export async function settledShot(page: Page, file: string): Promise<void> {
  await settled(page);
  await page.screenshot({ path: file });
}
