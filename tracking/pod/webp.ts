/**
 * WebP (RIFF container, RFC 9649) chunk walk: the RIFF header, every chunk inside the RIFF
 * size, the canvas size (from VP8X, or from the VP8/VP8L bitstream header of a simple file),
 * and a copy without the EXIF and XMP chunks.
 *
 * Hostile input: sizes are checked against the RIFF size and the buffer before use, and each
 * step moves forward by at least 8 bytes, so the walk ends on any input.
 */
import { corrupt } from './image-errors';

export interface WebpChunk {
  /** FourCC, e.g. 'VP8 ', 'VP8L', 'VP8X', 'EXIF', 'XMP '. */
  fourcc: string;
  /** Offset of the FourCC. */
  start: number;
  /** Offset of the payload. */
  dataStart: number;
  /** Offset past the payload and its padding byte (chunks are padded to even length). */
  end: number;
}

export interface ParsedWebp {
  width: number;
  height: number;
  chunks: WebpChunk[];
  /** Offset past the RIFF body (8 + RIFF size). */
  riffEnd: number;
}

/** VP8X flag bits (RFC 9649 2.7): ICC 0x20, alpha 0x10, EXIF 0x08, XMP 0x04, animation 0x02. */
export const VP8X_EXIF = 0x08;
export const VP8X_XMP = 0x04;
const VP8X_ANIMATION = 0x02;

export function parseWebp(buf: Buffer): ParsedWebp {
  const bad = (reason: string) => corrupt('webp', reason);
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') throw bad('bad RIFF header');
  const riffEnd = 8 + buf.readUInt32LE(4);
  if (riffEnd > buf.length) throw bad('cut short (the RIFF size is larger than the file)');
  const chunks: WebpChunk[] = [];
  let pos = 12;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) throw bad(`a chunk header is cut short at byte ${pos}`);
    const fourcc = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const dataStart = pos + 8;
    const end = dataStart + size + (size & 1);
    if (end > riffEnd) throw bad(`the '${fourcc}' chunk runs past the end of the file`);
    chunks.push({ fourcc, start: pos, dataStart, end });
    pos = end;
  }
  const first = chunks[0];
  if (!first) throw bad('no chunks');
  const size = (c: WebpChunk) => buf.readUInt32LE(c.start + 4);
  let dims: { width: number; height: number };
  if (first.fourcc === 'VP8X') {
    if (size(first) < 10) throw bad('VP8X chunk too short');
    const d = first.dataStart;
    dims = { width: 1 + buf.readUIntLE(d + 4, 3), height: 1 + buf.readUIntLE(d + 7, 3) };
    const animated = (buf[d] & VP8X_ANIMATION) !== 0;
    const image = chunks.find((c) => (animated ? c.fourcc === 'ANMF' : c.fourcc === 'VP8 ' || c.fourcc === 'VP8L'));
    if (!image) throw bad('no image data');
    if (!animated) bitstreamSize(buf, image, bad); // validates the frame header
  } else if (first.fourcc === 'VP8 ' || first.fourcc === 'VP8L') {
    dims = bitstreamSize(buf, first, bad);
  } else {
    throw bad(`first chunk is '${first.fourcc}', not an image`);
  }
  return { ...dims, chunks, riffEnd };
}

/** Frame size from a VP8 key frame header (RFC 6386 9.1) or a VP8L header (RFC 9649 3.2.1). */
function bitstreamSize(buf: Buffer, c: WebpChunk, bad: (r: string) => Error): { width: number; height: number } {
  const d = c.dataStart;
  const size = buf.readUInt32LE(c.start + 4);
  if (c.fourcc === 'VP8 ') {
    if (size < 10) throw bad('VP8 frame header too short');
    // Bit 0 of the frame tag is 0 on a key frame; the start code 9d 01 2a follows the tag.
    if ((buf[d] & 1) !== 0 || buf[d + 3] !== 0x9d || buf[d + 4] !== 0x01 || buf[d + 5] !== 0x2a) throw bad('bad VP8 key frame header');
    const width = buf.readUInt16LE(d + 6) & 0x3fff;
    const height = buf.readUInt16LE(d + 8) & 0x3fff;
    if (width === 0 || height === 0) throw bad('frame has no size');
    return { width, height };
  }
  if (size < 5 || buf[d] !== 0x2f) throw bad('bad VP8L header');
  const bits = buf.readUInt32LE(d + 1);
  if (bits >>> 29 !== 0) throw bad('unknown VP8L version');
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

/**
 * Chunks that survive stripping: an allowlist, so unknown chunks go too. Kept: the bitstream
 * (VP8, VP8L, ALPH), animation (ANIM, ANMF) and the colour profile (ICCP; see jpeg.ts on why).
 * Dropped: EXIF (GPS, device), 'XMP ', and anything else.
 */
const KEEP = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

/**
 * The same WebP without EXIF and XMP: their VP8X flags cleared, the RIFF size rewritten, and
 * anything after the RIFF body dropped. Kept chunks are copied byte for byte (with padding).
 */
export function stripWebp(buf: Buffer): Buffer {
  const { chunks } = parseWebp(buf);
  const body = chunks.filter((c) => KEEP.has(c.fourcc)).map((c) => Buffer.from(buf.subarray(c.start, c.end)));
  for (const chunk of body) {
    if (chunk.toString('latin1', 0, 4) === 'VP8X') chunk[8] &= ~(VP8X_EXIF | VP8X_XMP);
  }
  const header = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  header.writeUInt32LE(4 + body.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([header, ...body]);
}
