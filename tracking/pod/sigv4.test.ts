import { describe, expect, it } from 'vitest';
import { amzDate, EMPTY_SHA256, sha256Hex, signV4, uriEncode } from './sigv4';

// Every expected value below is AWS's published one, not this signer's output:
// - "aws-sig-v4-test-suite" (AWS General Reference, Signature Version 4 test suite), credentials
//   AKIDEXAMPLE, region us-east-1, service "service", 2015-08-30T12:36:00Z;
// - the S3 API Reference, "Signature calculations for the Authorization header", examples
//   "GET Object" and "PUT Object", credentials AKIAIOSFODNN7EXAMPLE, 2013-05-24T00:00:00Z.
const SUITE = {
  creds: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  scope: { region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') },
};
const S3_DOCS = {
  creds: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  scope: { region: 'us-east-1', service: 's3', date: new Date('2013-05-24T00:00:00Z') },
};

describe('signV4 against the AWS test suite', () => {
  it('get-vanilla: canonical request, string to sign, signature, Authorization', () => {
    const r = signV4({ method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: {}, payloadHash: EMPTY_SHA256 }, SUITE.creds, SUITE.scope);
    expect(r.canonicalRequest).toBe(['GET', '/', '', 'host:example.amazonaws.com', 'x-amz-date:20150830T123600Z', '', 'host;x-amz-date', EMPTY_SHA256].join('\n'));
    expect(r.stringToSign).toBe(['AWS4-HMAC-SHA256', '20150830T123600Z', '20150830/us-east-1/service/aws4_request', 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63'].join('\n'));
    expect(r.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('post-vanilla', () => {
    const r = signV4({ method: 'POST', url: new URL('https://example.amazonaws.com/'), headers: {}, payloadHash: EMPTY_SHA256 }, SUITE.creds, SUITE.scope);
    expect(r.stringToSign.split('\n')[3]).toBe('553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87');
    expect(r.signature).toBe('5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
  });

  it('get-vanilla-query-order-key-case: parameters sorted by name', () => {
    const r = signV4({ method: 'GET', url: new URL('https://example.amazonaws.com/?Param2=value2&Param1=value1'), headers: {}, payloadHash: EMPTY_SHA256 }, SUITE.creds, SUITE.scope);
    expect(r.canonicalRequest.split('\n')[2]).toBe('Param1=value1&Param2=value2');
    expect(r.signature).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });

  it('header names are case-insensitive (post-header-key-case gives post-vanilla)', () => {
    const r = signV4({ method: 'POST', url: new URL('https://example.amazonaws.com/'), headers: { HOST: 'example.amazonaws.com' }, payloadHash: EMPTY_SHA256 }, SUITE.creds, SUITE.scope);
    expect(r.signature).toBe('5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
    expect(Object.keys(r.headers).map((h) => h.toLowerCase())).not.toContain('host');
  });
});

describe('signV4 against the S3 documentation examples', () => {
  it('GET Object: first 10 bytes of test.txt', () => {
    const r = signV4(
      { method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256 }, payloadHash: EMPTY_SHA256 },
      S3_DOCS.creds,
      S3_DOCS.scope,
    );
    expect(r.canonicalRequest).toBe(
      ['GET', '/test.txt', '', 'host:examplebucket.s3.amazonaws.com', 'range:bytes=0-9', `x-amz-content-sha256:${EMPTY_SHA256}`, 'x-amz-date:20130524T000000Z', '', 'host;range;x-amz-content-sha256;x-amz-date', EMPTY_SHA256].join('\n'),
    );
    expect(r.stringToSign.split('\n')[3]).toBe('7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(r.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it("PUT Object: 'Welcome to Amazon S3.' as test$file.text ($ encoded in the path)", () => {
    const body = 'Welcome to Amazon S3.';
    const hash = sha256Hex(body);
    expect(hash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const r = signV4(
      {
        method: 'PUT',
        url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY', 'x-amz-content-sha256': hash },
        payloadHash: hash,
      },
      S3_DOCS.creds,
      S3_DOCS.scope,
    );
    expect(r.canonicalRequest.split('\n').slice(0, 2)).toEqual(['PUT', '/test%24file.text']);
    expect(r.signedHeaders).toBe('date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class');
    expect(r.stringToSign.split('\n')[3]).toBe('9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d');
    expect(r.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });
});

describe('signV4 details', () => {
  it('a session token is signed and sent', () => {
    const r = signV4({ method: 'GET', url: new URL('https://s3.example.test/b/k'), headers: {}, payloadHash: EMPTY_SHA256 }, { ...S3_DOCS.creds, sessionToken: 'tok' }, S3_DOCS.scope);
    expect(r.signedHeaders).toBe('host;x-amz-date;x-amz-security-token');
    expect(r.headers['x-amz-security-token']).toBe('tok');
  });

  it('a path already percent-encoded is not encoded twice', () => {
    const a = signV4({ method: 'GET', url: new URL('https://h.test/b/a%20b'), headers: {}, payloadHash: EMPTY_SHA256 }, S3_DOCS.creds, S3_DOCS.scope);
    const b = signV4({ method: 'GET', url: new URL('https://h.test/b/a b'), headers: {}, payloadHash: EMPTY_SHA256 }, S3_DOCS.creds, S3_DOCS.scope);
    expect(a.canonicalRequest.split('\n')[1]).toBe('/b/a%20b');
    expect(b.signature).toBe(a.signature);
  });

  it('uriEncode keeps only unreserved characters', () => {
    expect(uriEncode("a b!'()*~-_.")).toBe('a%20b%21%27%28%29%2A~-_.');
    expect(uriEncode('a/b')).toBe('a%2Fb');
    expect(uriEncode('a/b', true)).toBe('a/b');
    expect(uriEncode('交付')).toBe('%E4%BA%A4%E4%BB%98');
  });

  it('amzDate is the basic ISO 8601 form in UTC', () => {
    expect(amzDate(new Date('2015-08-30T12:36:00.789Z'))).toBe('20150830T123600Z');
  });
});
