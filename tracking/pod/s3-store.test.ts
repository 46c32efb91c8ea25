import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { S3Store, type S3StoreOptions } from './s3-store';

// A test double of S3: object storage is not one of the services the project's stack installs,
// so S3Store is tested against this small server on 127.0.0.1. It re-checks every request the
// way S3 does, following the SigV4 steps itself (not through sigv4.ts): canonical request from
// what arrived, string to sign, signing key from the secret it knows, signature compared; the
// body's SHA-256 against x-amz-content-sha256; the date within 15 minutes.
const CREDS = { accessKeyId: 'PODTESTKEY', secretAccessKey: 'pod-test-secret/abc+def' };
const REGION = 'eu-central-1';

interface Received {
  method: string;
  host: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

class FakeS3 {
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();
  readonly log: Received[] = [];
  status?: number; // when set, every request answers this

  handle(r: Received): { status: number; body: Buffer | string; headers?: Record<string, string> } {
    this.log.push(r);
    if (this.status) return { status: this.status, body: '<Error><Code>SlowDown</Code></Error>' };
    const denied = this.verify(r);
    if (denied) return { status: 403, body: `<Error><Code>${denied}</Code></Error>` };
    const id = `${r.host} ${r.path}`;
    if (r.method === 'PUT') {
      this.objects.set(id, { body: r.body, contentType: String(r.headers['content-type']) });
      return { status: 200, body: '' };
    }
    const o = this.objects.get(id);
    return o ? { status: 200, body: o.body, headers: { 'content-type': o.contentType } } : { status: 404, body: '<Error><Code>NoSuchKey</Code></Error>' };
  }

  private verify(r: Received): string | null {
    const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(String(r.headers.authorization));
    if (!auth) return 'AuthorizationHeaderMalformed';
    const [, akid, day, region, signedHeaders, signature] = auth;
    if (akid !== CREDS.accessKeyId) return 'InvalidAccessKeyId';
    if (region !== REGION) return 'AuthorizationHeaderMalformed';
    const stamp = String(r.headers['x-amz-date']);
    const sent = Date.parse(stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    if (!(Math.abs(Date.now() - sent) < 15 * 60_000) || stamp.slice(0, 8) !== day) return 'RequestTimeTooSkewed';
    const names = signedHeaders.split(';');
    if (!['host', 'x-amz-content-sha256', 'x-amz-date'].every((n) => names.includes(n))) return 'AccessDenied';
    const payloadHash = String(r.headers['x-amz-content-sha256']);
    if (createHash('sha256').update(r.body).digest('hex') !== payloadHash) return 'XAmzContentSHA256Mismatch';
    const value = (n: string) => (n === 'host' ? r.host : String(r.headers[n] ?? '').trim().replace(/ +/g, ' '));
    const [path, query = ''] = r.path.split('?');
    const canonicalRequest = [r.method, path, query, names.map((n) => `${n}:${value(n)}\n`).join(''), signedHeaders, payloadHash].join('\n');
    const stringToSign = ['AWS4-HMAC-SHA256', stamp, `${day}/${region}/s3/aws4_request`, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
    let key: Buffer = createHmac('sha256', `AWS4${CREDS.secretAccessKey}`).update(day).digest();
    for (const part of [region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    return createHmac('sha256', key).update(stringToSign).digest('hex') === signature ? null : 'SignatureDoesNotMatch';
  }

  /** The same double as a fetch function, for a virtual-hosted name that does not resolve here. */
  fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = init?.body ? Buffer.from(init.body as Uint8Array) : Buffer.alloc(0);
    const out = this.handle({ method: init?.method ?? 'GET', host: url.host, path: url.pathname + url.search, headers, body });
    return new Response(out.status === 200 ? new Uint8Array(Buffer.from(out.body)) : String(out.body), { status: out.status, headers: out.headers });
  };
}

const s3 = new FakeS3();
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const out = s3.handle({ method: req.method!, host: req.headers.host!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(out.status, out.headers).end(out.body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const store = (over: Partial<S3StoreOptions> = {}) => new S3Store({ endpoint, bucket: 'pod-photos', region: REGION, ...CREDS, forcePathStyle: true, ...over });
const PHOTO = Buffer.from('ffd8ffe000104a4649460001 then the rest of a photo', 'latin1');

describe('S3Store over HTTP against a verifying S3 double', () => {
  it('PUT then GET returns the same bytes; the double accepted the signature and the body hash', async () => {
    const put = await store().put('pod/shp_01/a.jpg', PHOTO, 'image/jpeg');
    expect(put).toEqual({ key: 'pod/shp_01/a.jpg', sha256: createHash('sha256').update(PHOTO).digest('hex'), bytes: PHOTO.length });
    const last = s3.log.at(-1)!;
    expect(last).toMatchObject({ method: 'PUT', path: '/pod-photos/pod/shp_01/a.jpg' });
    expect(last.headers['content-type']).toBe('image/jpeg');
    expect(last.headers['x-amz-content-sha256']).toBe(put.sha256);
    expect(s3.objects.get(`${last.host} /pod-photos/pod/shp_01/a.jpg`)?.body).toEqual(PHOTO);
    expect(await store().get('pod/shp_01/a.jpg')).toEqual(PHOTO);
  });

  it('a missing object is null', async () => {
    expect(await store().get('pod/shp_01/none.jpg')).toBeNull();
  });

  it('a 2 MiB body round-trips', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0xab);
    await store().put('pod/big.jpg', big, 'image/jpeg');
    expect((await store().get('pod/big.jpg'))!.equals(big)).toBe(true);
  });

  it('a wrong secret is refused by the double (SignatureDoesNotMatch) and surfaces as AppError upstream', async () => {
    const e = await store({ secretAccessKey: 'wrong' }).put('pod/x.jpg', PHOTO, 'image/jpeg').catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ kind: 'upstream', code: 'object_store_failed', details: { status: 403, code: 'SignatureDoesNotMatch' } });
    expect(e.message).toMatch(/check the store's credentials/);
  });

  it('a body changed on the way is refused (XAmzContentSHA256Mismatch): the signed hash binds it', async () => {
    const tamper: typeof fetch = (url, init) => fetch(url, { ...init, body: new Uint8Array(Buffer.from('another photo')) });
    const e = await store({ fetch: tamper }).put('pod/t.jpg', PHOTO, 'image/jpeg').catch((x) => x);
    expect(e).toMatchObject({ details: { status: 403, code: 'XAmzContentSHA256Mismatch' } });
  });

  it('a clock 20 minutes off is refused (RequestTimeTooSkewed)', async () => {
    const e = await store({ now: () => new Date(Date.now() - 20 * 60_000) }).get('pod/shp_01/a.jpg').catch((x) => x);
    expect(e).toMatchObject({ details: { status: 403, code: 'RequestTimeTooSkewed' } });
  });

  it('keeps a path prefix of the endpoint', async () => {
    await store({ endpoint: `${endpoint}/storage` }).put('k.jpg', PHOTO, 'image/jpeg');
    expect(s3.log.at(-1)!.path).toBe('/storage/pod-photos/k.jpg');
  });

  it('a 5xx answer is AppError upstream with the store code; an unreachable store is AppError unavailable', async () => {
    s3.status = 503;
    try {
      await expect(store().get('k.jpg')).rejects.toMatchObject({ kind: 'upstream', details: { status: 503, code: 'SlowDown' } });
    } finally {
      s3.status = undefined;
    }
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    await expect(store({ endpoint: `http://127.0.0.1:${port}` }).get('k.jpg')).rejects.toMatchObject({ kind: 'unavailable', code: 'object_store_unreachable' });
  });

  it('refuses bad keys and content types before any request', async () => {
    const before = s3.log.length;
    await expect(store().put('../x', PHOTO, 'image/jpeg')).rejects.toMatchObject({ code: 'storage_key_invalid' });
    await expect(store().get('/etc/passwd')).rejects.toMatchObject({ code: 'storage_key_invalid' });
    await expect(store().put('ok.jpg', PHOTO, 'jpeg')).rejects.toMatchObject({ code: 'storage_content_type_invalid' });
    expect(s3.log.length).toBe(before);
  });
});

describe('S3Store addressing', () => {
  it('virtual-hosted style puts the bucket in the host name (and signs that host)', async () => {
    const v = new S3Store({ endpoint: 'https://s3.eu-central-1.example.test', bucket: 'pod-photos', region: REGION, ...CREDS, fetch: s3.fetch });
    expect(v.objectUrl('pod/a.jpg').href).toBe('https://pod-photos.s3.eu-central-1.example.test/pod/a.jpg');
    await v.put('pod/a.jpg', PHOTO, 'image/jpeg');
    expect(s3.log.at(-1)).toMatchObject({ host: 'pod-photos.s3.eu-central-1.example.test', path: '/pod/a.jpg' });
    expect(await v.get('pod/a.jpg')).toEqual(PHOTO);
  });

  it('path style keeps the host and puts the bucket first in the path', () => {
    const p = new S3Store({ endpoint: 'http://127.0.0.1:9000/', bucket: 'pod-photos', region: 'us-east-1', ...CREDS, forcePathStyle: true });
    expect(p.objectUrl('pod/a.jpg').href).toBe('http://127.0.0.1:9000/pod-photos/pod/a.jpg');
  });

  it.each([
    ['a malformed endpoint', { endpoint: 'not a url' }],
    ['a non-HTTP endpoint', { endpoint: 'ftp://s3.example.test' }],
    ['an invalid bucket name', { bucket: 'Pod_Photos' }],
  ])('refuses %s at construction', (_n, over) => {
    expect(() => new S3Store({ endpoint: 'https://s3.example.test', bucket: 'pod-photos', region: REGION, ...CREDS, ...over })).toThrow();
  });
});
