import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticUi } from './static-ui';

const JS = 'export const x = 1;\n'.repeat(200);
let base: string;
let server: ReturnType<Koa['listen']>;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'static-ui-'));
  mkdirSync(path.join(dist, 'assets'));
  mkdirSync(path.join(dist, 'app'));
  writeFileSync(path.join(dist, 'assets/a.js'), JS);
  writeFileSync(path.join(dist, 'assets/a.js.gz'), gzipSync(JS));
  writeFileSync(path.join(dist, 'assets/old.js'), JS);
  writeFileSync(path.join(dist, 'assets/old.js.gz'), gzipSync('stale'));
  // A copy from an earlier build (older than its file) is not sent.
  utimesSync(path.join(dist, 'assets/old.js.gz'), new Date(2020, 0, 1), new Date(2020, 0, 1));
  writeFileSync(path.join(dist, 'app/index.html'), '<!doctype html><title>x</title>');
  const app = new Koa();
  staticUi({ apps: [{ prefix: '/app', page: 'app/index.html', title: 'App' }], dist })(app);
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

// Node's fetch would decompress on its own and hide the encoding: raw bytes via `accept-encoding` by hand.
async function get(p: string, encoding: string | null) {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(base + p, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('static web build', () => {
  it('sends the prebuilt gzip copy to a client that takes gzip, the plain file otherwise', async () => {
    const gz = await get('/ui/assets/a.js', 'gzip, deflate, br');
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(gz.body.length).toBeLessThan(JS.length / 10);
    expect(gunzipSync(gz.body).toString()).toBe(JS);
    for (const enc of [null, 'identity', 'br', 'gzip;q=0']) {
      const plain = await get('/ui/assets/a.js', enc);
      expect(plain.headers['content-encoding'], String(enc)).toBeUndefined();
      expect(plain.body.toString()).toBe(JS);
    }
  });

  it('never sends a gzip copy older than its file, nor one that does not exist', async () => {
    const old = await get('/ui/assets/old.js', 'gzip');
    expect(old.headers['content-encoding']).toBeUndefined();
    expect(old.body.toString()).toBe(JS);
    const page = await get('/app/', 'gzip');
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body.toString()).toContain('<title>x</title>');
    expect((await get('/ui/assets/none.js', 'gzip')).status).toBe(404);
  });
});
