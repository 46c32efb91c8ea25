import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  blindIndex,
  blindIndexCandidates,
  blindIndexEquals,
  decryptField,
  encryptField,
  envelopeKeyId,
  FieldCryptoError,
  KeyRingConfigSchema,
  needsReencryption,
  parseKeyRing,
  phoneBlindIndex,
  reencryptField,
} from './field-crypto';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64url');
const ringV1 = parseKeyRing({ currentKid: 'k1', keys: { k1 } });
const ringV2 = parseKeyRing({ currentKid: 'k2', keys: { k1, k2 } });
const otherRing = parseKeyRing({ currentKid: 'k1', keys: { k1: randomBytes(32).toString('base64') } });

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof FieldCryptoError ? e.code : `other:${(e as Error).message}`;
  }
  return undefined;
}

describe('encryptField / decryptField', () => {
  it('round-trips unicode text and produces the v1 envelope', () => {
    const env = encryptField('张三 13812345678 广州市天河区', ringV1);
    expect(env).toMatch(/^v1:k1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(decryptField(env, ringV1)).toBe('张三 13812345678 广州市天河区');
    expect(decryptField(encryptField('', ringV1), ringV1)).toBe('');
  });

  it('uses a fresh IV each time so equal plaintexts give different envelopes', () => {
    expect(encryptField('x', ringV1)).not.toBe(encryptField('x', ringV1));
  });

  it('fails with the wrong key', () => {
    const env = encryptField('secret', ringV1);
    expect(code(() => decryptField(env, otherRing))).toBe('auth_failed');
  });

  it('fails when any part is tampered with', () => {
    const env = encryptField('secret phone', ringV1);
    const [v, kid, iv, tag, ct] = env.split(':');
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] ^= 1;
      return b.toString('base64url');
    };
    expect(code(() => decryptField([v, kid, iv, tag, flip(ct)].join(':'), ringV1))).toBe('auth_failed');
    expect(code(() => decryptField([v, kid, iv, flip(tag), ct].join(':'), ringV1))).toBe('auth_failed');
    expect(code(() => decryptField([v, kid, flip(iv), tag, ct].join(':'), ringV1))).toBe('auth_failed');
    // Relabelling to another key in the ring also fails (kid is authenticated).
    expect(code(() => decryptField(['v1', 'k2', iv, tag, ct].join(':'), ringV2))).toBe('auth_failed');
  });

  it('binds the context: a ciphertext moved to another row does not decrypt', () => {
    const env = encryptField('13812345678', ringV1, { context: 'orders.phone:ord_a' });
    expect(decryptField(env, ringV1, { context: 'orders.phone:ord_a' })).toBe('13812345678');
    expect(code(() => decryptField(env, ringV1, { context: 'orders.phone:ord_b' }))).toBe('auth_failed');
    expect(code(() => decryptField(env, ringV1))).toBe('auth_failed');
  });

  it('rejects malformed envelopes and unknown key ids', () => {
    expect(code(() => decryptField('hello', ringV1))).toBe('malformed');
    expect(code(() => decryptField('v2:k1:a:b:c', ringV1))).toBe('malformed');
    expect(code(() => decryptField('v1:k1:!!:b:c', ringV1))).toBe('malformed');
    expect(code(() => decryptField('v1:k1:AAAA:AAAA:AAAA', ringV1))).toBe('malformed');
    const env = encryptField('x', ringV2);
    expect(code(() => decryptField(env, ringV1))).toBe('unknown_key');
  });
});

describe('key rotation', () => {
  it('old envelopes still decrypt after rotation, new ones use the new key, and re-encryption upgrades them', () => {
    const old = encryptField('13812345678', ringV1, { context: 'c' });
    expect(envelopeKeyId(old)).toBe('k1');
    expect(decryptField(old, ringV2, { context: 'c' })).toBe('13812345678');
    expect(needsReencryption(old, ringV2)).toBe(true);

    const upgraded = reencryptField(old, ringV2, { context: 'c' });
    expect(envelopeKeyId(upgraded)).toBe('k2');
    expect(needsReencryption(upgraded, ringV2)).toBe(false);
    expect(reencryptField(upgraded, ringV2, { context: 'c' })).toBe(upgraded);

    // Once k1 is retired, only upgraded rows are readable.
    const ringV3 = parseKeyRing({ currentKid: 'k2', keys: { k2 } });
    expect(decryptField(upgraded, ringV3, { context: 'c' })).toBe('13812345678');
    expect(code(() => decryptField(old, ringV3, { context: 'c' }))).toBe('unknown_key');
  });
});

describe('key ring config', () => {
  it('rejects short keys, a missing current key, bad kids and extra fields', () => {
    expect(KeyRingConfigSchema.safeParse({ currentKid: 'k1', keys: { k1: randomBytes(16).toString('base64') } }).success).toBe(false);
    expect(KeyRingConfigSchema.safeParse({ currentKid: 'k9', keys: { k1 } }).success).toBe(false);
    expect(KeyRingConfigSchema.safeParse({ currentKid: 'K:1', keys: { 'K:1': k1 } }).success).toBe(false);
    expect(KeyRingConfigSchema.safeParse({ currentKid: 'k1', keys: { k1 }, extra: 1 }).success).toBe(false);
    expect(KeyRingConfigSchema.safeParse({ currentKid: 'k1', keys: { k1: 'not base64!' } }).success).toBe(false);
  });
});

describe('blind index', () => {
  const indexRing = parseKeyRing({ currentKid: 'i1', keys: { i1: randomBytes(32).toString('base64') } });

  it('is deterministic, keyed and domain-separated', () => {
    const a = blindIndex('13812345678', indexRing, 'phone');
    expect(a).toMatch(/^i1:[A-Za-z0-9_-]{43}$/);
    expect(blindIndex('13812345678', indexRing, 'phone')).toBe(a);
    expect(blindIndex('13812345679', indexRing, 'phone')).not.toBe(a);
    expect(blindIndex('13812345678', indexRing, 'name')).not.toBe(a);
    const otherKey = parseKeyRing({ currentKid: 'i1', keys: { i1: randomBytes(32).toString('base64') } });
    expect(blindIndex('13812345678', otherKey, 'phone')).not.toBe(a);
    expect(blindIndexEquals(a, blindIndex('13812345678', indexRing, 'phone'))).toBe(true);
    expect(blindIndexEquals(a, 'i1:x')).toBe(false);
  });

  it('normalises phone numbers before indexing', () => {
    const a = phoneBlindIndex('13812345678', indexRing);
    expect(phoneBlindIndex('+86 138-1234-5678', indexRing)).toBe(a);
    expect(phoneBlindIndex('0086 138 1234 5678', indexRing)).toBe(a);
    expect(phoneBlindIndex('not a phone', indexRing)).toBeNull();
  });

  it('gives one candidate per key while rotating', () => {
    const ring = parseKeyRing({ currentKid: 'i2', keys: { i1: k1, i2: k2 } });
    const c = blindIndexCandidates('x', ring, 'phone');
    expect(c.map((s) => s.split(':')[0])).toEqual(['i1', 'i2']);
    expect(c).toContain(blindIndex('x', ring, 'phone'));
  });
});
