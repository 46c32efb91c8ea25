/**
 * A minimal POSIX ustar (IEEE Std 1003.1-1988, "ustar\0" "00") writer and reader for the
 * regulator's record archive: regular files only, names ≤ 100 bytes, sizes < 8 GiB (11 octal
 * digits). Every `tar` (GNU, bsdtar, 7-Zip) opens it. Hand-written rather than a dependency
 * because this subset is ~80 lines and the offline verifier then reads archives with no package
 * beyond Node itself.
 *
 * Layout: per file a 512-byte header, the data, zero padding to a 512-byte boundary; the
 * archive ends with two zero blocks.
 */

const BLOCK = 512;

function octal(n: number, width: number): string {
  // width - 1 digits then NUL, the form every reader accepts
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** The 512-byte header of a regular file. */
export function ustarHeader(name: string, size: number, mtimeMs: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100 || !name || name.includes('\0')) throw new Error(`tar entry name must be 1..100 bytes: ${name}`);
  if (size >= 8 ** 11) throw new Error(`tar entry ${name} is too large for ustar`);
  const h = Buffer.alloc(BLOCK);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'ascii');            // mode
  h.write(octal(0, 8), 108, 'ascii');                // uid
  h.write(octal(0, 8), 116, 'ascii');                // gid
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtimeMs / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');                 // checksum field counts as spaces while summing
  h.write('0', 156, 'ascii');                        // typeflag: regular file
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** Header, data and padding of one file. */
export function ustarFile(name: string, data: Buffer, mtimeMs: number): Buffer[] {
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return [ustarHeader(name, data.length, mtimeMs), data, ...(pad ? [Buffer.alloc(pad)] : [])];
}

/** The end-of-archive marker: two zero blocks. */
export const ustarEnd = (): Buffer => Buffer.alloc(BLOCK * 2);

export interface TarEntry {
  name: string;
  data: Buffer;
  /** where the data starts in the archive */
  offset: number;
}

export class TarFormatError extends Error {}

/** True when the bytes begin with a ustar header. */
export function looksLikeUstar(buf: Buffer): boolean {
  return buf.length >= BLOCK && buf.toString('ascii', 257, 262) === 'ustar';
}

const field = (h: Buffer, at: number, len: number) => h.toString('utf8', at, at + len).replace(/\0.*$/s, '');

/**
 * The regular files of an archive, in order. A header whose checksum is wrong, or a file that
 * runs past the end, is a TarFormatError naming where (a damaged archive is reported, not guessed at).
 */
export function readUstar(buf: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  let at = 0;
  while (at + BLOCK <= buf.length) {
    const h = buf.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    const stored = parseInt(field(h, 148, 8).trim(), 8);
    const name = field(h, 0, 100);
    if (stored !== sum) throw new TarFormatError(`tar header at byte ${at} (${name || '?'}) has a bad checksum`);
    const size = parseInt(field(h, 124, 12).trim() || '0', 8);
    const type = field(h, 156, 1) || '0';
    const start = at + BLOCK;
    if (start + size > buf.length) throw new TarFormatError(`tar entry ${name} runs past the end of the archive`);
    if (type === '0') out.push({ name, data: buf.subarray(start, start + size), offset: start });
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}
