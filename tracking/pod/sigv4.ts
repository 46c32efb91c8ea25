/**
 * AWS Signature Version 4 for header-signed S3 requests, the scheme every S3-compatible store
 * (AWS, MinIO, Ceph RGW, R2, OSS/COS in S3 mode) accepts. Steps as in AWS's "Signature Version 4
 * signing process": canonical request → string to sign → signing key → signature.
 *
 * Paths are encoded the S3 way: each segment once, no dot-segment normalisation. Other AWS
 * services want the path encoded twice; this signer is only for object storage.
 */
import { createHash, createHmac } from 'node:crypto';

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) also sign and send x-amz-security-token. */
  sessionToken?: string;
}

export interface SigV4Request {
  method: string;
  url: URL;
  /** Headers to sign and send; host and x-amz-date are added. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body, or 'UNSIGNED-PAYLOAD'. */
  payloadHash: string;
}

export interface SigV4Scope {
  region: string;
  /** 's3' for object storage. */
  service: string;
  date: Date;
}

export interface SignedRequest {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  /** Headers to send, authorization included; host is left to the HTTP client (same value). */
  headers: Record<string, string>;
}

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** 20150830T123600Z */
export const amzDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** RFC 3986 percent-encoding: everything but A–Z a–z 0–9 - _ . ~ (and '/' when keepSlash). */
export function uriEncode(s: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/') ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a lone '%' is itself
  }
};

function canonicalQuery(url: URL): string {
  if (url.search.length <= 1) return '';
  return url.search
    .slice(1)
    .split('&')
    .map((pair) => {
      const i = pair.indexOf('=');
      const [k, v] = i < 0 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
      return [uriEncode(decode(k)), uriEncode(decode(v))];
    })
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function signV4(req: SigV4Request, creds: SigV4Credentials, scope: SigV4Scope): SignedRequest {
  const stamp = amzDate(scope.date);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = { ...req.headers, 'x-amz-date': stamp };
  if (creds.sessionToken) headers['x-amz-security-token'] = creds.sessionToken;
  const canonical = new Map<string, string>([['host', req.url.host]]);
  for (const [name, value] of Object.entries(headers)) {
    const n = name.toLowerCase();
    const v = value.trim().replace(/ +/g, ' ');
    canonical.set(n, n !== 'host' && canonical.has(n) ? `${canonical.get(n)},${v}` : v);
  }
  const names = [...canonical.keys()].sort();
  const signedHeaders = names.join(';');
  const path = req.url.pathname.split('/').map((seg) => uriEncode(decode(seg))).join('/');
  const canonicalRequest = [
    req.method.toUpperCase(),
    path || '/',
    canonicalQuery(req.url),
    names.map((n) => `${n}:${canonical.get(n)}\n`).join(''),
    signedHeaders,
    req.payloadHash,
  ].join('\n');
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, day), scope.region), scope.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const out: Record<string, string> = { ...headers };
  for (const name of Object.keys(out)) if (name.toLowerCase() === 'host') delete out[name];
  out.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signature, signedHeaders, headers: out };
}
