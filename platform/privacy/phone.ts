/**
 * Parsing of mainland-China phone numbers, shared by order validation, label
 * masking and the phone blind index (which must agree on one normal form, or
 * "+86 138 1234 5678" and "13812345678" would not match).
 */

/** Mobile: 1[3-9]xxxxxxxxx (MIIT numbering plan; 11 digits). */
export const CN_MOBILE = /^1[3-9]\d{9}$/;

export type CnPhone =
  | { kind: 'mobile'; /** 11 digits, no country code */ national: string; hadCountryCode: boolean }
  | {
      kind: 'landline';
      /** With trunk 0: 3 digits for 010/02x, otherwise 4 (e.g. 0755). */
      areaCode: string;
      /** 7–8 digits, never starting with 0 or 1. */
      subscriber: string;
      extension: string | null;
      hadCountryCode: boolean;
    };

const EXTENSION = /(?:\s*(?:转|分机|ext\.?|x|#)\s*)(\d{1,6})$/i;
const DASHED_EXTENSION = /^(0\d{2,3}-[2-9]\d{6,7})-(\d{1,6})$/;
const COUNTRY = /^(?:\+86|0086|86)/;

/**
 * Parses a Chinese mobile or landline number written with optional `+86` /
 * `0086`, spaces, hyphens, parentheses around the area code, and an extension
 * (`转123`, `ext 123`, `x123`, `#123`, or a third hyphen group). Returns null
 * for anything else (foreign numbers, short codes, letters).
 */
export function parseCnPhone(raw: string): CnPhone | null {
  let s = raw.trim();
  let extension: string | null = null;
  const dashed = DASHED_EXTENSION.exec(s);
  if (dashed) {
    s = dashed[1];
    extension = dashed[2];
  } else {
    const ext = EXTENSION.exec(s);
    if (ext) {
      extension = ext[1];
      s = s.slice(0, ext.index);
    }
  }
  const compact = s.replace(/[\s\-()（）]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  const hadCountryCode = COUNTRY.test(compact) && compact.length > 11;
  const national = hadCountryCode ? compact.replace(COUNTRY, '') : compact;

  if (CN_MOBILE.test(national)) {
    return extension === null ? { kind: 'mobile', national, hadCountryCode } : null;
  }
  // After a country code the trunk 0 is dropped (+86 20 …); put it back.
  const withTrunk = hadCountryCode && !national.startsWith('0') ? `0${national}` : national;
  const m = /^(0[12]\d|0[3-9]\d{2})([2-9]\d{6,7})$/.exec(withTrunk);
  if (!m) return null;
  return { kind: 'landline', areaCode: m[1], subscriber: m[2], extension, hadCountryCode };
}

/**
 * One canonical string per number: mobile `13812345678`; landline
 * `020-87654321` or `020-87654321-123`. Null when not a CN number.
 */
export function normalizeCnPhone(raw: string): string | null {
  const p = parseCnPhone(raw);
  if (!p) return null;
  if (p.kind === 'mobile') return p.national;
  return `${p.areaCode}-${p.subscriber}${p.extension ? `-${p.extension}` : ''}`;
}
