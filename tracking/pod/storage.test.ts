import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { checkKey, LocalDiskStore } from './storage';
import { sha256Hex } from './pod-store';

const JPEG = Buffer.from('ffd8ffe000104a46494600', 'hex'); // the bytes do not matter to a store

const BAD_KEYS: Array<[string, unknown]> = [
  ['parent', '../x'],
  ['parent inside', 'pod/../../x'],
  ['absolute', '/etc/passwd'],
  ['backslashes', '..\\..\\x'],
  ['a drive', 'C:\\x'],
  ['NUL', 'pod/a\0.jpg'],
  ['empty', ''],
  ['an empty segment', 'pod//a.jpg'],
  ['a trailing slash', 'pod/'],
  ['a dot segment', 'pod/./a.jpg'],
  ['a hidden name', 'pod/.tmp-x'],
  ['home', '~/x'],
  ['a space', 'pod/a b.jpg'],
  ['a URL', 'http://x/y'],
  ['an encoded parent', '%2e%2e/x'],
  ['a non-ASCII letter', 'pod/ä.jpg'],
  ['over 512 characters', 'a'.repeat(513)],
  ['not a string', 42],
];

describe('checkKey', () => {
  it.each([['pod/shp_01/9f86d081.jpg'], ['a'], ['A-1_b.c/d..e']])('accepts %s', (key) => {
    expect(checkKey(key)).toEqual(key.split('/'));
  });

  it.each(BAD_KEYS)('refuses %s', (_n, key) => {
    expect(() => checkKey(key as string)).toThrow(expect.objectContaining({ kind: 'invalid_input', code: 'storage_key_invalid' }));
  });
});

describe('LocalDiskStore (a real temporary directory)', () => {
  let dir: string;
  let root: string;
  let store: LocalDiskStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pod-store-'));
    root = join(dir, 'root');
    store = new LocalDiskStore(root);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const files = async () => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));

  it('puts and gets back the same bytes, reporting their SHA-256 and size', async () => {
    const stored = await store.put('pod/shp_01/a.jpg', JPEG, 'image/jpeg');
    expect(stored).toEqual({ key: 'pod/shp_01/a.jpg', sha256: sha256Hex(JPEG), bytes: JPEG.length });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.get('pod/shp_01/a.jpg')).toEqual(JPEG);
    expect(await readFile(join(root, 'pod', 'shp_01', 'a.jpg'))).toEqual(JPEG);
    expect(await files()).toEqual(['root/pod/shp_01/a.jpg']); // no temporary file left behind
  });

  it('replaces what was under the key', async () => {
    await store.put('k', Buffer.from('one'), 'image/png');
    await store.put('k', Buffer.from('two'), 'image/png');
    expect((await store.get('k'))!.toString()).toBe('two');
  });

  it('concurrent puts to one key leave one whole value, never a mix', async () => {
    const values = Array.from({ length: 20 }, (_, i) => Buffer.alloc(64 * 1024, i));
    await Promise.all(values.map((v) => store.put('same', v, 'image/webp')));
    const got = (await store.get('same'))!;
    expect(values.some((v) => v.equals(got))).toBe(true);
    expect(await files()).toEqual(['root/same']);
  });

  it('an empty object is an object', async () => {
    await store.put('empty', Buffer.alloc(0), 'image/jpeg');
    expect(await store.get('empty')).toEqual(Buffer.alloc(0));
  });

  it('gets null for a missing key, a key under a file, and a key naming a directory', async () => {
    await store.put('pod/a.jpg', JPEG, 'image/jpeg');
    expect(await store.get('pod/missing.jpg')).toBeNull();
    expect(await store.get('pod/a.jpg/b')).toBeNull();
    expect(await store.get('pod')).toBeNull();
  });

  it.each(BAD_KEYS)('refuses a key with %s, for put and get, writing nothing', async (_n, key) => {
    await writeFile(join(dir, 'x'), 'outside');
    await expect(store.put(key as string, JPEG, 'image/jpeg')).rejects.toMatchObject({ code: 'storage_key_invalid' });
    await expect(store.get(key as string)).rejects.toBeInstanceOf(AppError);
    expect(await files()).toEqual(['x']);
    expect(await readFile(join(dir, 'x'), 'utf8')).toBe('outside');
  });

  it.each([[''], ['jpeg'], ['image/'], ['image/jpeg\r\nx-evil: 1'], [undefined]])('refuses content type %j', async (type) => {
    await expect(store.put('k', JPEG, type as string)).rejects.toMatchObject({ code: 'storage_content_type_invalid' });
  });

  it('a write that fails leaves no temporary file', async () => {
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'pod'), 'a file where a directory is needed');
    await expect(store.put('pod/a.jpg', JPEG, 'image/jpeg')).rejects.toThrow();
    await store.put('dir/a.jpg', JPEG, 'image/jpeg');
    await expect(store.put('dir', JPEG, 'image/jpeg')).rejects.toThrow(); // rename over a directory
    expect((await files()).sort()).toEqual(['root/dir/a.jpg', 'root/pod']);
  });
});
