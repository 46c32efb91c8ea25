import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { DEFAULT_MAX_IMAGE_BYTES, inspectImage, sniffImageType, stripMetadata } from './image';
import { parseJpeg } from './jpeg';
import { parsePng, PNG_SIGNATURE } from './png';
import { parseWebp } from './webp';

// Fixtures: 8×6 pictures written by Pillow, then tagged by exiftool with a GPS position
// (31°13'49.44"N 121°28'25.32"E), make "PodCam", serial "SN998877" and XMP creator "rider_42";
// each also carries an sRGB ICC profile. pod.jpg has a COM segment and IPTC (APP13), pod.png
// tEXt, zTXt, iTXt (XMP), eXIf and a tIME chunk. lossless.webp and progressive.jpg are plain.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const JPEG = fixture('pod.jpg');
const PNG = fixture('pod.png');
const WEBP = fixture('pod.webp');
const LOSSLESS_WEBP = fixture('lossless.webp');
const PROGRESSIVE_JPEG = fixture('progressive.jpg');
const ALL = { 'pod.jpg': JPEG, 'pod.png': PNG, 'pod.webp': WEBP, 'lossless.webp': LOSSLESS_WEBP, 'progressive.jpg': PROGRESSIVE_JPEG };

/** GPSLatitude as exiftool wrote it: rationals 31/1 13/1 1236/25, big-endian TIFF. */
const GPS_LATITUDE = Buffer.from('0000001f000000010000000d00000001000004d400000019', 'hex');
const IDENTIFYING = [GPS_LATITUDE, Buffer.from('SN998877'), Buffer.from('rider_42'), Buffer.from('PodCam'), Buffer.from('shot at door')];

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw new Error(`expected an AppError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected an AppError, nothing was thrown');
}

const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
};
/** A PNG with the fixture's chunks, IHDR replaced and extra chunks before IDAT. */
function pngWith(opts: { width?: number; height?: number; extra?: Buffer[] }): Buffer {
  const { chunks } = parsePng(PNG);
  const ihdr = Buffer.from(PNG.subarray(16, 29));
  if (opts.width !== undefined) ihdr.writeUInt32BE(opts.width, 0);
  if (opts.height !== undefined) ihdr.writeUInt32BE(opts.height, 4);
  const rest = chunks.filter((c) => c.type !== 'IHDR').map((c) => PNG.subarray(c.start, c.end));
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), ...(opts.extra ?? []), ...rest]);
}
const jpegSegment = (marker: number, data: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
};
/** pod.jpg with segments inserted right after SOI. */
const jpegWith = (...segments: Buffer[]) => Buffer.concat([JPEG.subarray(0, 2), ...segments, JPEG.subarray(2)]);

describe('inspectImage', () => {
  it.each([
    ['pod.jpg', 'jpeg'],
    ['progressive.jpg', 'jpeg'],
    ['pod.png', 'png'],
    ['pod.webp', 'webp'],
    ['lossless.webp', 'webp'],
  ] as const)('%s is %s, 8×6', (name, type) => {
    expect(inspectImage(ALL[name])).toEqual({ type, width: 8, height: 6 });
  });

  it('reads the type from the bytes only: a PNG is a PNG whatever it was called', () => {
    // There is no content-type parameter to trust; the magic bytes decide.
    expect(sniffImageType(PNG)).toBe('png');
    expect(sniffImageType(Buffer.from('GIF89a……'))).toBeNull();
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['GIF', Buffer.from('GIF89a\x08\x00\x06\x00', 'latin1')],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['HEIC', Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1')],
    ['BMP', Buffer.from('BM\x36\0\0\0', 'latin1')],
    ['RIFF but WAVE', Buffer.from('RIFF\x04\0\0\0WAVE', 'latin1')],
    ['two JPEG bytes', Buffer.from([0xff, 0xd8])],
    ['PNG signature lacking its last byte', PNG_SIGNATURE.subarray(0, 7)],
  ])('%s → image_type_unsupported', (_n, bytes) => {
    const e = appError(() => inspectImage(bytes));
    expect(e).toMatchObject({ kind: 'invalid_input', code: 'image_type_unsupported', status: 400 });
    expect(e.message).toMatch(/not a JPEG, PNG or WebP image\. Take the photo/);
  });

  it('refuses a file over maxBytes (image_too_large), accepts one exactly at it', () => {
    const e = appError(() => inspectImage(JPEG, { maxBytes: JPEG.length - 1 }));
    expect(e).toMatchObject({ kind: 'invalid_input', code: 'image_too_large', details: { bytes: JPEG.length, maxBytes: JPEG.length - 1 } });
    expect(e.message).toMatch(/Take it again at a lower resolution/);
    expect(inspectImage(JPEG, { maxBytes: JPEG.length }).type).toBe('jpeg');
  });

  it('defaults to 2 MiB', () => {
    expect(DEFAULT_MAX_IMAGE_BYTES).toBe(2 * 1024 * 1024);
    const pad = (n: number) => pngWith({ extra: [pngChunk('prVt', Buffer.alloc(n))] });
    const base = pad(0).length;
    expect(inspectImage(pad(DEFAULT_MAX_IMAGE_BYTES - base)).type).toBe('png');
    expect(appError(() => inspectImage(pad(DEFAULT_MAX_IMAGE_BYTES - base + 1))).code).toBe('image_too_large');
  });

  it('refuses a small file declaring a huge canvas (maxPixels)', () => {
    const huge = pngWith({ width: 100_000, height: 100_000 });
    expect(huge.length).toBeLessThan(2000);
    expect(appError(() => inspectImage(huge))).toMatchObject({ code: 'image_too_large', details: { width: 100_000, height: 100_000 } });
    expect(inspectImage(huge, { maxPixels: 1e10 })).toMatchObject({ width: 100_000, height: 100_000 });
  });

  it.each(Object.keys(ALL))('%s cut short at any length is refused with an AppError, never read past its end', (name) => {
    const bytes = ALL[name as keyof typeof ALL];
    for (let n = 0; n < bytes.length; n++) {
      const e = appError(() => inspectImage(bytes.subarray(0, n)));
      // Too short to show the magic bytes → unsupported; otherwise → corrupt.
      expect(e.code, `length ${n}`).toBe(sniffImageType(bytes.subarray(0, n)) ? 'image_corrupt' : 'image_type_unsupported');
    }
  });

  it('a damaged file says so, and what to do', () => {
    const e = appError(() => inspectImage(JPEG.subarray(0, 1000)));
    expect(e).toMatchObject({ kind: 'invalid_input', code: 'image_corrupt', details: { type: 'jpeg' } });
    expect(e.message).toMatch(/^The photo could not be read: the JPEG file is cut short or damaged \(.+\)\. Upload it again; if that fails too, take a new photo\.$/);
  });

  it.each([
    ['PNG with a flipped bit in IDAT (CRC)', () => flip(PNG, parsePng(PNG).chunks.find((c) => c.type === 'IDAT')!.start + 9), /checksum mismatch in IDAT/],
    ['PNG whose first chunk is not IHDR', () => Buffer.concat([PNG_SIGNATURE, PNG.subarray(33)]), /IHDR/],
    ['PNG with width 0', () => pngWith({ width: 0 }), /size/],
    ['PNG with an unknown critical chunk', () => pngWith({ extra: [pngChunk('ZZZZ', Buffer.alloc(1))] }), /unknown critical chunk ZZZZ/],
    ['PNG with a chunk length past 2^31', () => setU32BE(PNG, 33, 0x80000000), /length/],
    ['PNG with nothing after IHDR', () => Buffer.concat([PNG.subarray(0, 33), pngChunk('IEND', Buffer.alloc(0))]), /no image data/],
    ['JPEG with a segment length past the end', () => setU16BE(JPEG, 4, 0xffff), /runs past/],
    ['JPEG with a segment length of 1', () => setU16BE(JPEG, 4, 1), /runs past/],
    ['JPEG with a second SOI', () => jpegWith(Buffer.from([0xff, 0xd8])), /unexpected marker/],
    ['JPEG with no frame before EOI', () => Buffer.from([0xff, 0xd8, 0xff, 0xd9]), /no image data/],
    ['JPEG with garbage where a marker belongs', () => jpegWith(jpegSegment(0xe0, Buffer.from('JFIF\0')), Buffer.from([0x12, 0x34])), /no marker at byte 11/],
    ['JPEG without EOI', () => JPEG.subarray(0, JPEG.length - 2), /cut short inside the image data/],
    ['WebP whose RIFF size exceeds the file', () => setU32LE(WEBP, 4, WEBP.length), /cut short/],
    ['WebP whose chunk size exceeds the RIFF', () => setU32LE(WEBP, 16, 0xfffffff0), /runs past/],
    ['WebP whose first chunk is EXIF', () => riff([chunkOf(WEBP, 'EXIF')]), /first chunk is 'EXIF'/],
    ['WebP VP8X without an image', () => riff([chunkOf(WEBP, 'VP8X')]), /no image data/],
    ['WebP VP8 without the key-frame start code', () => riff([flip(chunkOf(WEBP, 'VP8 '), 11)]), /VP8 key frame/],
    ['WebP VP8L with a bad signature byte', () => flip(LOSSLESS_WEBP, 20), /VP8L header/],
  ])('%s → image_corrupt', (_n, make, reason) => {
    const e = appError(() => inspectImage(make()));
    expect(e.code).toBe('image_corrupt');
    expect((e.details as { reason: string }).reason).toMatch(reason);
  });
});

describe('stripMetadata', () => {
  it.each(['pod.jpg', 'pod.png', 'pod.webp'] as const)('%s: GPS, serial, make, creator and comments are gone; the picture stays', (name) => {
    const before = ALL[name];
    const after = stripMetadata(before);
    for (const b of IDENTIFYING.slice(0, 4)) expect(before.includes(b), `fixture holds ${b.toString('hex')}`).toBe(true);
    for (const b of IDENTIFYING) expect(after.includes(b), `still holds ${b.toString('latin1')}`).toBe(false);
    expect(after.includes(Buffer.from('http://ns.adobe.com/xap'))).toBe(false);
    expect(inspectImage(after)).toEqual(inspectImage(before));
    expect(after.length).toBeLessThan(before.length);
  });

  it('JPEG: drops APP1 (Exif, XMP), APP13 and COM; keeps JFIF, ICC and every decoding segment in order', () => {
    const markers = (b: Buffer) => parseJpeg(b).segments.map((s) => s.marker.toString(16));
    const before = markers(JPEG);
    expect(before).toEqual(expect.arrayContaining(['e1', 'ed', 'fe', 'e2']));
    const after = markers(stripMetadata(JPEG));
    expect(after).toEqual(before.filter((m) => !['e1', 'ed', 'fe'].includes(m)));
    expect(after).toEqual(['d8', 'e0', 'e2', 'db', 'db', 'c0', 'c4', 'c4', 'c4', 'c4', 'da', 'd9']);
    expect(stripMetadata(JPEG).includes(Buffer.from('ICC_PROFILE\0'))).toBe(true);
  });

  it('JPEG: keeps APP14 Adobe (colour transform), drops JFXX thumbnails, MPF and unknown APPn', () => {
    const adobe = jpegSegment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
    const jfxx = jpegSegment(0xe0, Buffer.from('JFXX\0\x10thumbnail', 'latin1'));
    const mpf = jpegSegment(0xe2, Buffer.from('MPF\0offsets', 'latin1'));
    const vendor = jpegSegment(0xe9, Buffer.from('SN998877', 'latin1'));
    const out = stripMetadata(jpegWith(adobe, jfxx, mpf, vendor));
    expect(out.includes(adobe)).toBe(true);
    for (const s of [jfxx, mpf, vendor]) expect(out.includes(s)).toBe(false);
  });

  it('JPEG: a progressive file (several scans, tables between them) strips to itself', () => {
    expect(parseJpeg(PROGRESSIVE_JPEG).segments.filter((s) => s.marker === 0xda).length).toBeGreaterThan(1);
    expect(stripMetadata(PROGRESSIVE_JPEG).equals(PROGRESSIVE_JPEG)).toBe(true);
  });

  it('PNG: keeps IHDR, iCCP, IDAT, IEND byte for byte (CRCs valid); drops tIME, tEXt, zTXt, iTXt, eXIf', () => {
    expect(parsePng(PNG).chunks.map((c) => c.type)).toEqual(['IHDR', 'tIME', 'iCCP', 'tEXt', 'zTXt', 'tEXt', 'iTXt', 'eXIf', 'IDAT', 'IEND']);
    const out = stripMetadata(PNG);
    const kept = parsePng(out).chunks; // parsePng checks every CRC
    expect(kept.map((c) => c.type)).toEqual(['IHDR', 'iCCP', 'IDAT', 'IEND']);
    for (const c of kept) expect(PNG.includes(out.subarray(c.start, c.end))).toBe(true);
  });

  it('PNG: private ancillary chunks go, rendering ones (pHYs, gAMA) stay', () => {
    const phys = pngChunk('pHYs', Buffer.from('00000b1300000b1301', 'hex'));
    const gama = pngChunk('gAMA', Buffer.from('0000b18f', 'hex'));
    const secret = pngChunk('prVt', Buffer.from('SN998877'));
    const types = parsePng(stripMetadata(pngWith({ extra: [phys, gama, secret] }))).chunks.map((c) => c.type);
    expect(types).toEqual(['IHDR', 'pHYs', 'gAMA', 'iCCP', 'IDAT', 'IEND']);
  });

  it('WebP: drops EXIF and XMP, clears their VP8X flags, keeps ICCP, rewrites the RIFF size', () => {
    expect(parseWebp(WEBP).chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'EXIF', 'XMP ']);
    expect(WEBP[20]).toBe(0x20 | 0x08 | 0x04);
    const out = stripMetadata(WEBP);
    expect(parseWebp(out).chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ']);
    expect(out[20]).toBe(0x20); // ICC only
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out.subarray(30).equals(Buffer.concat([chunkOf(WEBP, 'ICCP'), chunkOf(WEBP, 'VP8 ')]))).toBe(true);
  });

  it('WebP: a simple (VP8L) file strips to itself', () => {
    expect(stripMetadata(LOSSLESS_WEBP).equals(LOSSLESS_WEBP)).toBe(true);
  });

  it.each(['pod.jpg', 'pod.png', 'pod.webp'] as const)('%s: bytes after the end of the image are dropped (a second picture, an Exif blob)', (name) => {
    const trailer = Buffer.concat([JPEG, Buffer.from('Exif\0\0SN998877')]);
    expect(stripMetadata(Buffer.concat([ALL[name], trailer])).equals(stripMetadata(ALL[name]))).toBe(true);
  });

  it.each(Object.keys(ALL))('%s: stripping twice changes nothing more', (name) => {
    const once = stripMetadata(ALL[name as keyof typeof ALL]);
    expect(stripMetadata(once).equals(once)).toBe(true);
  });

  it('refuses what it cannot read, with the same errors as inspectImage', () => {
    expect(appError(() => stripMetadata(Buffer.from('GIF89a'))).code).toBe('image_type_unsupported');
    expect(appError(() => stripMetadata(PNG.subarray(0, 100))).code).toBe('image_corrupt');
  });
});

describe('hostile input', () => {
  // Deterministic PRNG (mulberry32) so a failure names a reproducible case.
  const prng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  function mutate(src: Buffer, rnd: () => number): Buffer {
    const at = (n: number) => Math.floor(rnd() * n);
    let b = Buffer.from(src);
    const edits = 1 + at(4);
    for (let k = 0; k < edits; k++) {
      const i = at(b.length);
      switch (at(6)) {
        case 0: b[i] ^= 1 << at(8); break; // flip a bit
        case 1: b[i] = at(256); break; // a random byte
        case 2: b[i] = [0x00, 0xff, 0x7f, 0x80][at(4)]; break; // boundary values, in lengths too
        case 3: b = Buffer.concat([b.subarray(0, i), Buffer.from([at(256)]), b.subarray(i)]); break; // insert
        case 4: b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1 + at(8))]); break; // delete a few
        case 5: b = b.subarray(0, Math.max(i, 12)); break; // truncate (keeps the magic most times)
      }
    }
    return b;
  }

  it.each(Object.keys(ALL).map((name, i) => [name, i + 1] as const))('%s: 2,000 random mutations each parse or throw AppError; what parses strips to something that parses', (name, seed) => {
    const rnd = prng(seed);
    const outcome = { parsed: 0, refused: 0 };
    for (let n = 0; n < 2000; n++) {
      let bytes = mutate(ALL[name as keyof typeof ALL], rnd);
      // PNG's CRCs catch almost every mutation; half the time, make them right again so the
      // structural checks behind them get hit too.
      if (name.endsWith('.png') && rnd() < 0.5) bytes = recrc(bytes);
      let info;
      try {
        info = inspectImage(bytes, { maxPixels: Infinity });
      } catch (e) {
        if (!(e instanceof AppError)) throw new Error(`mutation ${n} of ${name} threw ${String(e)}`, { cause: e });
        outcome.refused++;
        continue;
      }
      outcome.parsed++;
      const stripped = stripMetadata(bytes);
      expect(inspectImage(stripped, { maxPixels: Infinity })).toEqual(info);
    }
    // Both branches ran: the mutations are neither all harmless nor all fatal.
    expect(outcome.parsed).toBeGreaterThan(20);
    expect(outcome.refused).toBeGreaterThan(20);
  });

  it('random bytes behind each magic number are refused, never crash', () => {
    const rnd = prng(99);
    const magics = [Buffer.from([0xff, 0xd8, 0xff]), PNG_SIGNATURE, Buffer.from('RIFF\xff\xff\xff\x7fWEBP', 'latin1'), Buffer.from('RIFF\x10\0\0\0WEBPVP8X', 'latin1')];
    for (let n = 0; n < 2000; n++) {
      const tail = Buffer.from(Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256)));
      const bytes = Buffer.concat([magics[n % magics.length], tail]);
      expect(appError(() => inspectImage(bytes)).code).toBe('image_corrupt');
    }
  });

  it('a JPEG of fill bytes and stuffed zeros ends (no endless walk)', () => {
    const scanHeader = jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0]));
    const sof = jpegSegment(0xc0, Buffer.from([8, 0, 6, 0, 8, 1, 1, 0x11, 0]));
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8]), sof, scanHeader, Buffer.alloc(100_000, 0xff), Buffer.from([0xff, 0x00, 0xff, 0xd0])]);
    expect(appError(() => inspectImage(bytes)).code).toBe('image_corrupt');
    const ok = Buffer.concat([Buffer.from([0xff, 0xd8]), sof, scanHeader, Buffer.from([1, 0xff, 0, 0xff, 0xd3, 2]), Buffer.alloc(1000, 0xff), Buffer.from([0xd9])]);
    expect(inspectImage(ok)).toEqual({ type: 'jpeg', width: 8, height: 6 });
  });
});

/** Rewrites the CRC of every PNG chunk that fits in the buffer. */
function recrc(b: Buffer): Buffer {
  const c = Buffer.from(b);
  for (let pos = 8; pos + 12 <= c.length; ) {
    const end = pos + 12 + c.readUInt32BE(pos);
    if (end > c.length) break;
    c.writeUInt32BE(crc32(c.subarray(pos + 4, end - 4)), end - 4);
    pos = end;
  }
  return c;
}
function flip(b: Buffer, i: number): Buffer {
  const c = Buffer.from(b);
  c[i] ^= 0x01;
  return c;
}
function setU16BE(b: Buffer, i: number, v: number): Buffer {
  const c = Buffer.from(b);
  c.writeUInt16BE(v, i);
  return c;
}
function setU32BE(b: Buffer, i: number, v: number): Buffer {
  const c = Buffer.from(b);
  c.writeUInt32BE(v, i);
  return c;
}
function setU32LE(b: Buffer, i: number, v: number): Buffer {
  const c = Buffer.from(b);
  c.writeUInt32LE(v, i);
  return c;
}
/** One WebP chunk of a file, header and padding included. */
function chunkOf(file: Buffer, fourcc: string): Buffer {
  const c = parseWebp(file).chunks.find((k) => k.fourcc === fourcc)!;
  return file.subarray(c.start, c.end);
}
function riff(chunks: Buffer[]): Buffer {
  const head = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  head.writeUInt32LE(4 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}
