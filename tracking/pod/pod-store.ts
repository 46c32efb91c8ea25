/**
 * The port for proof-of-delivery photo storage, and the key rules both stores share.
 *
 * Keys are chosen by our code (e.g. `pod/<shipmentId>/<sha256>.jpg`), never taken from a file
 * name. They are still checked, in one place for both stores: a key is '/'-separated segments
 * of letters, digits, '.', '_' and '-', each starting with a letter or digit. That refuses
 * '..', absolute paths, backslashes, NUL and hidden names, so a key cannot leave the store's
 * root, and it means the same thing on disk and in a URL.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors';

export interface StoredObject {
  key: string;
  /** Hex SHA-256 of the bytes stored. */
  sha256: string;
  bytes: number;
}

export interface PodStore {
  /** Stores `bytes` under `key`, replacing what was there; resolves once it is durable. */
  put(key: string, bytes: Buffer, contentType: string): Promise<StoredObject>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_KEY = 512;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** Throws AppError `storage_key_invalid` unless `key` follows the rules above. */
export function checkKey(key: string): string[] {
  const segments = typeof key === 'string' && key.length <= MAX_KEY ? key.split('/') : [];
  if (segments.length === 0 || !segments.every((s) => SEGMENT.test(s))) {
    throw new AppError(
      'invalid_input',
      'storage_key_invalid',
      `Not a valid storage key: ${JSON.stringify(String(key).slice(0, 80))}. Use '/'-separated names of letters, digits, '.', '_' and '-', each starting with a letter or digit.`,
    );
  }
  return segments;
}

/** checkKey, and a Buffer, and a media type such as image/jpeg. */
export function checkPut(key: string, bytes: Buffer, contentType: string): string[] {
  const segments = checkKey(key);
  if (!Buffer.isBuffer(bytes)) throw new TypeError('bytes must be a Buffer');
  if (typeof contentType !== 'string' || !MEDIA_TYPE.test(contentType)) {
    throw new AppError('invalid_input', 'storage_content_type_invalid', `Not a media type: ${JSON.stringify(String(contentType).slice(0, 80))}; expected e.g. image/jpeg.`);
  }
  return segments;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
