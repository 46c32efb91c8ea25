import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeHash, codeMatches, hotp, issueCode, truncate } from './code';

describe('HOTP core (RFC 4226)', () => {
  const secret = Buffer.from('12345678901234567890');
  // Appendix D: HMAC-SHA-1(secret, count) and the HOTP value for counts 0–9.
  const appendixD = [
    ['cc93cf18508d94934c64b65d8ba7667fb7cde4b0', '755224'],
    ['75a48a19d4cbe100644e8ac1397eea747a2d33ab', '287082'],
    ['0bacb7fa082fef30782211938bc1c5e70416ff44', '359152'],
    ['66c28227d03a2d5529262ff016a1e6ef76557ece', '969429'],
    ['a904c900a64b35909874b33e61c5938a8e15ed1c', '338314'],
    ['a37e783d7b7233c083d4f62926c7a25f238d0316', '254676'],
    ['bc9cd28561042c83f219324d3c607256c03272ae', '287922'],
    ['a4fb960c0bc06e1eabb804e5b397cdc4b45596fa', '162583'],
    ['1b3c89f65e6c9e883012052823443f048b4332db', '399871'],
    ['1637409809a679dc698207310c8c7fc07290d9e5', '520489'],
  ];

  it.each(appendixD.map(([mac, code], count) => [count, mac, code]))('count %i: truncate(%s) = %s', (count, mac, code) => {
    expect(truncate(Buffer.from(mac as string, 'hex'))).toBe(code);
    expect(hotp(secret, count as number)).toBe(code);
  });

  it('Appendix D table 2: the 31-bit value before the modulus (count 0 → 1284755224)', () => {
    expect(truncate(Buffer.from(appendixD[0][0], 'hex'), 9)).toBe('284755224');
    expect(truncate(Buffer.from(appendixD[1][0], 'hex'), 9)).toBe('094287082'); // 1094287082, zero kept
  });

  // RFC 6238 Appendix B, SHA-256 (32-byte seed), 8 digits; counter = floor(T / 30).
  it.each([
    [59, '46119246'],
    [1111111109, '68084774'],
    [1111111111, '67062674'],
    [1234567890, '91819424'],
    [2000000000, '90698825'],
    [20000000000, '77737706'],
  ])('truncation of SHA-256 MACs: RFC 6238 T=%i → %s', (t, code) => {
    const seed32 = Buffer.from('12345678901234567890123456789012');
    expect(hotp(seed32, Math.floor(t / 30), { algorithm: 'sha256', digits: 8 })).toBe(code);
  });

  it('refuses a short MAC, a digit count outside 6–9, and a counter outside 8 bytes', () => {
    expect(() => truncate(Buffer.alloc(19))).toThrow(RangeError);
    expect(() => truncate(Buffer.alloc(20), 5)).toThrow(RangeError);
    expect(() => truncate(Buffer.alloc(20), 10)).toThrow(RangeError);
    expect(() => hotp(secret, -1)).toThrow(RangeError);
    expect(() => hotp(secret, 2n ** 64n)).toThrow(RangeError);
    expect(hotp(secret, 2n ** 64n - 1n)).toMatch(/^\d{6}$/);
  });
});

describe('delivery code', () => {
  const secret = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex');

  it('is six digits, the same every time it is asked for', () => {
    const code = issueCode(secret, 'shp_01', 0);
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(issueCode(secret, 'shp_01', 0)).toBe(code);
  });

  it('differs per shipment, per generation and per secret', () => {
    expect(issueCode(secret, 'shp_01', 0)).not.toBe(issueCode(secret, 'shp_02', 0));
    expect(issueCode(secret, 'shp_01', 0)).not.toBe(issueCode(secret, 'shp_01', 1));
    expect(issueCode(secret, 'shp_01', 0)).not.toBe(issueCode(Buffer.alloc(16, 7), 'shp_01', 0));
    // 1,000 shipments in a space of 10^6: about 0.5 collisions expected; the secret is fixed,
    // so this count is fixed too.
    const codes = new Set(Array.from({ length: 1000 }, (_, i) => issueCode(secret, `shp_${i}`, 0)));
    expect(codes.size).toBeGreaterThanOrEqual(995);
  });

  it('keeps leading zeros', () => {
    const withZero = Array.from({ length: 200 }, (_, i) => issueCode(secret, `shp_${i}`, 0)).find((c) => c.startsWith('0'));
    expect(withZero).toMatch(/^0[0-9]{5}$/);
  });

  it('stores a keyed hash: not the code, not its plain SHA-256, bound to the shipment', () => {
    const code = issueCode(secret, 'shp_01', 0);
    const h = codeHash(secret, 'shp_01', code);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(code);
    expect(h).not.toBe(createHash('sha256').update(code).digest('hex'));
    expect(codeHash(secret, 'shp_02', code)).not.toBe(h);
    expect(codeHash(Buffer.alloc(16, 7), 'shp_01', code)).not.toBe(h);
  });

  it('matches the right code only', () => {
    const code = issueCode(secret, 'shp_01', 3);
    const stored = codeHash(secret, 'shp_01', code);
    expect(codeMatches(secret, 'shp_01', code, stored)).toBe(true);
    expect(codeMatches(secret, 'shp_01', code, stored.toUpperCase())).toBe(true);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(codeMatches(secret, 'shp_01', wrong, stored)).toBe(false);
    expect(codeMatches(secret, 'shp_02', code, stored)).toBe(false); // another shipment's door
    expect(codeMatches(Buffer.alloc(16, 7), 'shp_01', code, stored)).toBe(false);
    expect(codeMatches(secret, 'shp_01', issueCode(secret, 'shp_01', 2), stored)).toBe(false); // an old generation
  });

  it.each([
    ['five digits', '12345'],
    ['seven digits', '1234567'],
    ['a space', ' 123456'],
    ['a trailing newline', '123456\n'],
    ['a letter', '12345a'],
    ['full-width digits', '１２３４５６'],
    ['Arabic-Indic digits', '١٢٣٤٥٦'],
    ['empty', ''],
    ['a number, not a string', 123456 as unknown as string],
    ['null', null as unknown as string],
  ])('an attempt with %s is false, without throwing', (_n, attempt) => {
    const stored = codeHash(secret, 'shp_01', '123456');
    expect(codeMatches(secret, 'shp_01', attempt, stored)).toBe(false);
  });

  it.each([
    ['short', 'abcd'],
    ['not hex', 'z'.repeat(64)],
    ['too long', 'a'.repeat(66)],
    ['empty', ''],
    ['undefined', undefined as unknown as string],
  ])('a stored hash that is %s matches nothing', (_n, stored) => {
    expect(codeMatches(secret, 'shp_01', '123456', stored)).toBe(false);
  });

  it('refuses a short secret, an empty or NUL-bearing shipment id, a bad generation or code', () => {
    expect(() => issueCode(Buffer.alloc(15), 'shp_01', 0)).toThrow(/at least 16 bytes/);
    expect(() => issueCode('secret' as unknown as Buffer, 'shp_01', 0)).toThrow(RangeError);
    expect(() => issueCode(secret, '', 0)).toThrow(/shipmentId/);
    expect(() => issueCode(secret, 'shp\u00001', 0)).toThrow(/NUL/);
    for (const g of [-1, 1.5, NaN, Infinity, 2 ** 53]) expect(() => issueCode(secret, 'shp_01', g)).toThrow(/generation/);
    expect(() => codeHash(secret, 'shp_01', '12345')).toThrow(/6 digits/);
  });
});
