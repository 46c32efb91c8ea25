/**
 * PodStore on any S3-compatible object store, with Node's fetch and our SigV4 signer
 * (sigv4.ts): PUT and GET Object, nothing else. The payload hash is signed and sent as
 * x-amz-content-sha256, so the store itself refuses a body that changed on the way.
 */
import { AppError } from '../../platform/errors';
import { EMPTY_SHA256, signV4, uriEncode } from './sigv4';
import { checkKey, checkPut, sha256Hex, type PodStore, type StoredObject } from './pod-store';

export interface S3StoreOptions {
  /** e.g. https://s3.eu-central-1.amazonaws.com, http://127.0.0.1:9000 (MinIO) */
  endpoint: string;
  bucket: string;
  /** Signing region; 'us-east-1' for MinIO unless it was configured otherwise. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** true: https://endpoint/bucket/key (MinIO, most self-hosted); false: https://bucket.endpoint/key. Default false. */
  forcePathStyle?: boolean;
  /** Per request, default 30 000 ms. */
  timeoutMs?: number;
  /** For tests. */
  fetch?: typeof fetch;
  /**
   * Signing time, default the machine's clock. Not the simulation clock: S3 refuses a request
   * signed more than 15 minutes away from its own time.
   */
  now?: () => Date;
}

export class S3Store implements PodStore {
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;

  constructor(private readonly opts: S3StoreOptions) {
    const url = new URL(opts.endpoint); // throws on a malformed endpoint, at start-up
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`S3 endpoint must be http(s): ${opts.endpoint}`);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(opts.bucket)) throw new Error(`not an S3 bucket name: ${opts.bucket}`);
    this.fetch = opts.fetch ?? fetch;
    this.now = opts.now ?? (() => new Date());
  }

  /** The object's URL: path style or virtual-hosted, the endpoint's own path kept as a prefix. */
  objectUrl(key: string): URL {
    const url = new URL(this.opts.endpoint);
    const base = url.pathname.replace(/\/+$/, '');
    const path = checkKey(key).map((s) => uriEncode(s)).join('/');
    if (this.opts.forcePathStyle) url.pathname = `${base}/${this.opts.bucket}/${path}`;
    else {
      url.hostname = `${this.opts.bucket}.${url.hostname}`;
      url.pathname = `${base}/${path}`;
    }
    return url;
  }

  private async send(method: 'GET' | 'PUT', key: string, headers: Record<string, string>, payloadHash: string, body?: Buffer): Promise<Response> {
    const url = this.objectUrl(key);
    const signed = signV4(
      { method, url, headers: { ...headers, 'x-amz-content-sha256': payloadHash }, payloadHash },
      this.opts,
      { region: this.opts.region, service: 's3', date: this.now() },
    );
    try {
      // A copy: fetch's types want a view of a plain ArrayBuffer, and a Buffer may be a pool's slice.
      return await this.fetch(url, { method, headers: signed.headers, body: body && new Uint8Array(body), signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000) });
    } catch (e) {
      throw new AppError('unavailable', 'object_store_unreachable', `The photo store at ${url.host} did not answer (${(e as Error).message}). Try again shortly.`, { host: url.host });
    }
  }

  private async failure(res: Response, doing: string): Promise<AppError> {
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? null;
    return new AppError('upstream', 'object_store_failed', `The photo store refused to ${doing}: HTTP ${res.status}${code ? ` ${code}` : ''}. Try again; if it persists, check the store's credentials and bucket.`, {
      status: res.status,
      code,
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<StoredObject> {
    checkPut(key, bytes, contentType);
    const sha256 = sha256Hex(bytes);
    const res = await this.send('PUT', key, { 'content-type': contentType }, sha256, bytes);
    if (!res.ok) throw await this.failure(res, `store ${key}`);
    await res.body?.cancel();
    return { key, sha256, bytes: bytes.length };
  }

  async get(key: string): Promise<Buffer | null> {
    checkKey(key);
    const res = await this.send('GET', key, {}, EMPTY_SHA256);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw await this.failure(res, `read ${key}`);
    return Buffer.from(await res.arrayBuffer());
  }
}
