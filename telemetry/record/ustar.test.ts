import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeUstar, readUstar, TarFormatError, ustarEnd, ustarFile } from './ustar';

const archive = (files: Array<[string, string]>) => Buffer.concat([...files.flatMap(([n, d]) => ustarFile(n, Buffer.from(d), Date.UTC(2026, 11, 5))), ustarEnd()]);

describe('ustar', () => {
  it('round-trips files of 0, 1, 512 and 513 bytes in order, padded to 512-byte blocks', () => {
    const files: Array<[string, string]> = [['a/empty', ''], ['a/one', 'x'], ['b/block.json', 'y'.repeat(512)], ['c/over', 'z'.repeat(513)]];
    const buf = archive(files);
    expect(buf.length % 512).toBe(0);
    expect(looksLikeUstar(buf)).toBe(true);
    expect(readUstar(buf).map((e) => [e.name, e.data.toString()])).toEqual(files);
  });

  it('GNU tar lists and extracts what it writes, byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ustar-'));
    const file = join(dir, 'x.tar');
    writeFileSync(file, archive([['records/shp_1.json', '{"a":"温度 5 °C"}\n'], ['manifest.json', '{}\n']]));
    expect(execFileSync('tar', ['-tf', file]).toString().trim().split('\n')).toEqual(['records/shp_1.json', 'manifest.json']);
    expect(execFileSync('tar', ['-xOf', file, 'records/shp_1.json']).toString()).toBe('{"a":"温度 5 °C"}\n');
  });

  it('a damaged header is an error naming where; a JSON file is not ustar', () => {
    const buf = archive([['a', 'data'], ['b', 'more']]);
    buf[512 * 2 + 3] ^= 1; // second header's name
    expect(() => readUstar(buf)).toThrow(TarFormatError);
    expect(() => readUstar(buf)).toThrow(/at byte 1024/);
    expect(looksLikeUstar(Buffer.from(JSON.stringify({ entries: [] }).padEnd(600)))).toBe(false);
    expect(() => ustarFile('n'.repeat(101), Buffer.alloc(0), 0)).toThrow(/1\.\.100 bytes/);
  });
});
