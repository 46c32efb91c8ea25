/**
 * Where proof-of-delivery photos are kept: one port, PodStore, and two stores behind it — a
 * directory on local disk (one machine, development, tests) and any S3-compatible object store
 * (several api processes, which must not depend on one machine's disk). Keys follow the rules
 * in pod-store.ts.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { checkKey, checkPut, sha256Hex, type PodStore, type StoredObject } from './pod-store';

/**
 * Files under `root`, one per key at `root/<key>`. A write goes to a temporary file in the same
 * directory, is flushed to disk, then renamed over the key: a reader sees the old file or the
 * new one, never half of one, and a crash leaves at worst a temporary file (their names start
 * with '.', which no key can). The content type is not kept; inspectImage reads it from the bytes.
 */
export class LocalDiskStore implements PodStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    const path = join(this.root, ...checkKey(key));
    // checkKey already rules out escaping; this says so again where the path is made.
    if (!path.startsWith(this.root + sep)) throw new Error(`key ${key} resolved outside the store`);
    return path;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<StoredObject> {
    checkPut(key, bytes, contentType);
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = join(dirname(path), `.tmp-${randomUUID()}`);
    try {
      const fh = await open(tmp, 'wx', 0o640);
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return { key, sha256: sha256Hex(bytes), bytes: bytes.length };
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (e) {
      // ENOTDIR: a parent of the key is a file; EISDIR: the key names a directory. Neither holds an object.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
      throw e;
    }
  }
}

export { checkKey, type PodStore, type StoredObject } from './pod-store';
export { S3Store, type S3StoreOptions } from './s3-store';
