/**
 * Personal-data key rings from configuration (PII_KEYS = "kid:base64url,…", newest first;
 * PII_INDEX_KEY for blind indexes). Encryption and masking themselves are in platform/privacy.
 */
import { getKey } from './config/registry';
import { keys } from './config/keys';
import { parseKeyRing, type KeyRing } from './privacy';

let cached: { enc: KeyRing; idx: KeyRing } | undefined;

export function piiRings(): { enc: KeyRing; idx: KeyRing } {
  if (cached) return cached;
  const list = getKey(keys.piiKeys);
  const entries = list.map((s) => {
    const i = s.indexOf(':');
    return [s.slice(0, i), s.slice(i + 1)] as const;
  });
  if (!entries.length || entries.some(([kid, k]) => !kid || !k)) throw new Error('PII_KEYS must be kid:base64url entries');
  const enc = parseKeyRing({ currentKid: entries[0][0], keys: Object.fromEntries(entries) });
  const idx = parseKeyRing({ currentKid: 'i1', keys: { i1: getKey(keys.piiIndexKey) } });
  cached = { enc, idx };
  return cached;
}
