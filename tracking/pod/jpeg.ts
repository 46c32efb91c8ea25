/**
 * JPEG (ITU-T T.81 / JFIF) marker walk: every segment from SOI to EOI, the frame size from the
 * SOF header, and a copy without the segments that carry metadata.
 *
 * Hostile input: every length is checked against the buffer before it is used, and each step
 * moves forward by at least two bytes, so the walk ends on any input.
 */
import { corrupt } from './image-errors';

export interface JpegSegment {
  /** Second marker byte (0xE1 = APP1, 0xDA = SOS, …). */
  marker: number;
  /** Offset of the segment's first 0xFF (fill bytes before the marker included). */
  start: number;
  /** Offset just past the length field, i.e. where the payload starts (= end for bare markers). */
  dataStart: number;
  /** Offset past the segment; for SOS, past the entropy-coded data that follows it. */
  end: number;
}

export interface ParsedJpeg {
  width: number;
  height: number;
  segments: JpegSegment[];
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

/** SOF0–SOF15 less DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Markers that stand alone, without a length: RST0–7 and TEM. */
const isBare = (m: number) => (m >= 0xd0 && m <= 0xd7) || m === 0x01;

export function parseJpeg(buf: Buffer): ParsedJpeg {
  const bad = (reason: string) => corrupt('jpeg', reason);
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== SOI) throw bad('no start-of-image marker');
  const segments: JpegSegment[] = [{ marker: SOI, start: 0, dataStart: 2, end: 2 }];
  let frame: { width: number; height: number } | undefined;
  let scans = 0;
  let pos = 2;
  for (;;) {
    const start = pos;
    if (pos >= buf.length) throw bad('no end-of-image marker');
    if (buf[pos] !== 0xff) throw bad(`no marker at byte ${pos}`);
    while (pos + 1 < buf.length && buf[pos + 1] === 0xff) pos++; // fill bytes (T.81 B.1.1.2)
    if (pos + 1 >= buf.length) throw bad('no end-of-image marker');
    const marker = buf[pos + 1];
    pos += 2;
    if (marker === EOI) {
      if (!frame || scans === 0) throw bad('no image data');
      segments.push({ marker, start, dataStart: pos, end: pos });
      return { ...frame, segments };
    }
    if (marker === SOI || marker === 0x00) throw bad(`unexpected marker 0x${marker.toString(16)} at byte ${start}`);
    if (isBare(marker)) {
      segments.push({ marker, start, dataStart: pos, end: pos });
      continue;
    }
    if (pos + 2 > buf.length) throw bad('cut short in a segment header');
    const length = buf.readUInt16BE(pos);
    const end = pos + length;
    if (length < 2 || end > buf.length) throw bad(`segment 0x${marker.toString(16)} runs past the end of the file`);
    const dataStart = pos + 2;
    if (isSof(marker)) {
      if (frame) throw bad('two frame headers');
      if (length < 8) throw bad('frame header too short');
      const height = buf.readUInt16BE(dataStart + 1);
      const width = buf.readUInt16BE(dataStart + 3);
      const components = buf[dataStart + 5];
      if (components === 0 || length < 8 + 3 * components) throw bad('frame header too short');
      // Height 0 means "given later by a DNL marker", which no camera writes; refusing it keeps
      // the size known before anything decodes the file.
      if (width === 0 || height === 0) throw bad('frame has no size');
      frame = { width, height };
    }
    if (marker !== SOS) {
      segments.push({ marker, start, dataStart, end });
      pos = end;
      continue;
    }
    if (!frame) throw bad('image data before the frame header');
    const components = buf[dataStart];
    if (length < 6 || length !== 6 + 2 * components) throw bad('malformed scan header');
    // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor RSTn.
    let i = end;
    for (;;) {
      i = buf.indexOf(0xff, i);
      if (i < 0 || i + 1 >= buf.length) throw bad('cut short inside the image data');
      const next = buf[i + 1];
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
      else break;
    }
    segments.push({ marker, start, dataStart, end: i });
    scans++;
    pos = i;
  }
}

/**
 * Which segments survive stripping: an allowlist, so metadata in segments we have never heard of
 * goes too. Everything that is not APPn or COM (tables, frame, scans, restart interval) is needed
 * to decode and stays. Of the APPn segments, three stay:
 *  - APP0 "JFIF": the file's own identification and pixel aspect ratio.
 *  - APP2 "ICC_PROFILE": the colour space. Phones shoot in Display P3; without the profile the
 *    photo shows washed-out colours, and a proof photo should show the parcel as it looked. A
 *    profile describes colours, not the scene: no place, no serial number. Its header has a
 *    creation date, on phones the fixed date of the vendor's profile (a library that makes one
 *    per file stamps the time it ran, which the delivery record states anyway).
 *  - APP14 "Adobe": says whether the three channels are YCbCr or RGB (and CMYK/YCCK), so it
 *    changes the decoded colours.
 * Dropped: APP1 (Exif with GPS and device, XMP), APP13 (Photoshop/IPTC), other APP2 (MPF, whose
 * offsets point at a second picture after EOI), vendor APPn and COM.
 */
function keepSegment(buf: Buffer, s: JpegSegment): boolean {
  if (s.marker === COM) return false;
  if (s.marker < 0xe0 || s.marker > 0xef) return true;
  const id = (tag: string) => buf.toString('latin1', s.dataStart, Math.min(s.end, s.dataStart + tag.length)) === tag;
  if (s.marker === 0xe0) return id('JFIF\0');
  if (s.marker === 0xe2) return id('ICC_PROFILE\0');
  if (s.marker === 0xee) return id('Adobe');
  return false;
}

/**
 * The same JPEG without metadata segments and without anything after EOI (phones append a
 * second, full-size picture there, with its own Exif). Kept segments are copied byte for byte.
 */
export function stripJpeg(buf: Buffer): Buffer {
  const { segments } = parseJpeg(buf);
  return Buffer.concat(segments.filter((s) => keepSegment(buf, s)).map((s) => buf.subarray(s.start, s.end)));
}
