/**
 * PNG (ISO/IEC 15948, W3C PNG 3rd edition) chunk walk: signature, IHDR, every chunk to IEND
 * with its CRC checked, and a copy without the chunks that carry metadata.
 *
 * Hostile input: a chunk's length is checked against the buffer before it is read, and each
 * step moves forward by at least 12 bytes, so the walk ends on any input.
 */
import { crc32 } from 'node:zlib';
import { corrupt } from './image-errors';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngChunk {
  type: string;
  /** Offset of the length field. */
  start: number;
  /** Offset past the CRC. */
  end: number;
}

export interface ParsedPng {
  width: number;
  height: number;
  chunks: PngChunk[];
}

/** Bit depths allowed per colour type (PNG 11.2.2 table 11.1). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);
const MAX_U31 = 0x7fffffff;

export function parsePng(buf: Buffer): ParsedPng {
  const bad = (reason: string) => corrupt('png', reason);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw bad('bad signature');
  const chunks: PngChunk[] = [];
  let pos = 8;
  let hasIdat = false;
  let hasPlte = false;
  for (;;) {
    if (pos + 12 > buf.length) throw bad('no IEND chunk');
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (length > MAX_U31) throw bad('chunk length out of range');
    if (!/^[A-Za-z]{4}$/.test(type)) throw bad(`invalid chunk type at byte ${pos}`);
    const end = pos + 12 + length;
    if (end > buf.length) throw bad(`${type} chunk runs past the end of the file`);
    if (crc32(buf.subarray(pos + 4, end - 4)) !== buf.readUInt32BE(end - 4)) throw bad(`checksum mismatch in ${type} chunk`);
    if ((chunks.length === 0) !== (type === 'IHDR')) throw bad('IHDR is not the first chunk, or appears twice');
    // Upper-case first letter = critical: a decoder must refuse a critical chunk it does not know.
    if (type.charCodeAt(0) < 0x61 && !CRITICAL.has(type)) throw bad(`unknown critical chunk ${type}`);
    if (type === 'IHDR' && length !== 13) throw bad('IHDR has the wrong length');
    if (type === 'IDAT') hasIdat = true;
    if (type === 'PLTE') hasPlte = true;
    chunks.push({ type, start: pos, end });
    pos = end;
    if (type === 'IEND') break;
  }
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const [depth, colourType, compression, filter, interlace] = buf.subarray(24, 29);
  if (width === 0 || height === 0 || width > MAX_U31 || height > MAX_U31) throw bad('image size out of range');
  if (!DEPTHS[colourType]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) throw bad('invalid IHDR fields');
  if (!hasIdat) throw bad('no image data');
  if (colourType === 3 && !hasPlte) throw bad('palette image without PLTE');
  return { width, height, chunks };
}

/**
 * Ancillary chunks that survive stripping: an allowlist, so private chunks (a vendor's 'caBX',
 * 'orNT', …) go too. Kept are the ones that change how pixels look: transparency, colour space
 * (gAMA, cHRM, sRGB, iCCP, cICP, mDCv, cLLI — see jpeg.ts on why colour profiles stay),
 * significant bits, background, histogram, physical size, suggested palette, and APNG's frames.
 * Dropped, among all others: eXIf (Exif with GPS and device), tEXt/zTXt/iTXt (comments, XMP),
 * tIME (when it was last edited), and Apple's iDOT, whose offsets into the file stripping breaks.
 */
const KEEP_ANCILLARY = new Set(['tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'cICP', 'mDCv', 'cLLI', 'sBIT', 'bKGD', 'hIST', 'pHYs', 'sPLT', 'acTL', 'fcTL', 'fdAT']);

/**
 * The same PNG without metadata chunks and without anything after IEND. Kept chunks are copied
 * byte for byte, so their CRCs stay valid; nothing is recomputed.
 */
export function stripPng(buf: Buffer): Buffer {
  const { chunks } = parsePng(buf);
  const kept = chunks.filter((c) => CRITICAL.has(c.type) || KEEP_ANCILLARY.has(c.type));
  return Buffer.concat([PNG_SIGNATURE, ...kept.map((c) => buf.subarray(c.start, c.end))]);
}
