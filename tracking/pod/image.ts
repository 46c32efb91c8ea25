/**
 * Proof-of-delivery photos: what a file is, and a copy of it that tells nothing but the picture.
 *
 * The format is read from the file's own bytes (magic numbers and structure), never from a
 * declared content type or file name, which the uploader controls. A photo straight from a
 * phone carries Exif with the GPS position and the device's make, model and serial; the
 * customer's tracking page shows the photo, so stripMetadata runs before anything is stored.
 *
 * Each format has its own walker (jpeg.ts, png.ts, webp.ts); none decodes pixels.
 */
import { parseJpeg, stripJpeg } from './jpeg';
import { parsePng, stripPng } from './png';
import { parseWebp, stripWebp } from './webp';
import { tooLarge, tooManyPixels, unsupported, type ImageType } from './image-errors';

export type { ImageType } from './image-errors';

export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

export interface InspectOptions {
  /** Largest file accepted, in bytes (default 2 MiB). */
  maxBytes?: number;
  /**
   * Largest width × height accepted (default 40 million, about 7300 × 5500). A small file can
   * declare a huge canvas; whatever later decodes it (a thumbnailer, a browser) would need
   * width × height × 4 bytes of memory.
   */
  maxPixels?: number;
}

export const DEFAULT_MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_IMAGE_PIXELS = 40_000_000;

/** The format by magic bytes alone, or null. Does not check the rest of the file. */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

const PARSE = { jpeg: parseJpeg, png: parsePng, webp: parseWebp };
const STRIP = { jpeg: stripJpeg, png: stripPng, webp: stripWebp };

/**
 * Type and size of a JPEG, PNG or WebP photo, after walking its whole structure.
 * @throws AppError invalid_input: `image_type_unsupported` (none of the three),
 *   `image_too_large` (over maxBytes or maxPixels), `image_corrupt` (cut short or damaged).
 */
export function inspectImage(bytes: Buffer, opts: InspectOptions = {}): ImageInfo {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  const type = sniffImageType(bytes);
  if (!type) throw unsupported();
  if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
  const { width, height } = PARSE[type](bytes);
  if (width * height > maxPixels) throw tooManyPixels(width, height, maxPixels);
  return { type, width, height };
}

/**
 * A copy of the photo without the metadata that can carry place, time or device (Exif, XMP,
 * IPTC, comments, text chunks), and without bytes after the image's end. Pixels and colour
 * profile are untouched; the result is the same format. No size limit: inspect first.
 * @throws AppError invalid_input `image_type_unsupported` or `image_corrupt`, as inspectImage.
 */
export function stripMetadata(bytes: Buffer): Buffer {
  const type = sniffImageType(bytes);
  if (!type) throw unsupported();
  return STRIP[type](bytes);
}
