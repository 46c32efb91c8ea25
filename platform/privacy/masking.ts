/**
 * Masking of personal data for labels, rider screens, dispatcher lists and
 * logs, following the national e-waybill standard 快递电子运单 (in force
 * 2023-02-01): the recipient's name hides ≥1 character, the phone hides ≥6
 * digits, the address hides the unit / room number. See COMPLIANCE.md §E 53.
 */
import { parseCnPhone } from './phone';

/** Mask character. ASCII `*` prints on every thermal label printer. */
export const MASK = '*';

const SEPARATORS = new Set([' ', '·', '•', '.', '-', "'", '　']);

/**
 * Masks a person's name: keeps the first character, replaces every other
 * character with `*` (separators such as spaces and the middle dot `·` of
 * transliterated names are kept so the shape stays readable).
 *
 * - `张三` → `张*`, `欧阳娜娜` → `欧***`: the standard asks for ≥1 hidden
 *   character; keeping only the first character also covers compound
 *   surnames (欧阳, 司马) without a surname dictionary — hiding more than the
 *   minimum is allowed and leaks less.
 * - A one-character name becomes `*` (the minimum of one hidden character wins).
 * - `John Smith` → `J*** *****`; `阿卜杜·热合曼` → `阿**·***`.
 * Code points, not UTF-16 units, are counted, so rare characters (𠮷) count as one.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return MASK;
  return chars.map((c, i) => (i === 0 || SEPARATORS.has(c) ? c : MASK)).join('');
}

/**
 * Masks a phone number so that ≥6 digits are hidden.
 * - Mobile: first 3 and last 2 digits kept: `13812345678` → `138******78`
 *   (`+86 138******78` when written with the country code).
 * - Landline: the area code is kept (it is only a city), the subscriber number
 *   keeps its last 2 digits (8-digit) or last digit (7-digit) so that ≥6 are
 *   hidden: `020-87654321` → `020-******21`; an extension is hidden entirely.
 * - Anything unparseable: every digit hidden except the last 2 when there are
 *   ≥8 digits, all digits otherwise — never fewer than 6 hidden unless the input
 *   has fewer digits than that, in which case all are hidden.
 */
export function maskPhone(phone: string): string {
  const p = parseCnPhone(phone);
  if (p?.kind === 'mobile') {
    const masked = `${p.national.slice(0, 3)}${MASK.repeat(6)}${p.national.slice(9)}`;
    return p.hadCountryCode ? `+86 ${masked}` : masked;
  }
  if (p?.kind === 'landline') {
    const keep = p.subscriber.length - 6;
    const sub = MASK.repeat(6) + p.subscriber.slice(p.subscriber.length - keep);
    const ext = p.extension ? `-${MASK.repeat(p.extension.length)}` : '';
    return `${p.hadCountryCode ? '+86 ' : ''}${p.areaCode}-${sub}${ext}`;
  }
  const digits = phone.replace(/\D/g, '').length;
  const keepFrom = digits >= 8 ? digits - 2 : digits;
  let seen = 0;
  return phone.trim().replace(/\d/g, (d) => (seen++ < keepFrom ? MASK : d));
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const NUM = '0-9０-９一二三四五六七八九十百零〇两';
// Road / lane with its optional direction and house number: 天河路385号, 中山大道西89号, 花城大道.
const ROAD = new RegExp(
  `(?:大道|路|街|巷|弄|胡同|道)(?:[东南西北中]段?)?(?:[${NUM}]+(?:[-之][0-9０-９]+)?号)?`,
  'g',
);
// District-level markers used when no road is present.
const DISTRICT = /(?:自治区|自治州|省|市|区|县|旗|镇|乡|街道|村)/g;
const CN_UNIT_WORD = '(?=[栋幢座号楼层单元室房户期梯])';
const CN_NUMERAL_BEFORE_UNIT = new RegExp(`[一二三四五六七八九十百零〇两]+${CN_UNIT_WORD}`, 'g');
const ALNUM = /[0-9０-９A-Za-zＡ-Ｚａ-ｚ]/g;
const LATIN_UNIT =
  /\b(flat|apt\.?|apartment|unit|room|rm\.?|suite|ste\.?|floor|fl\.?|level|lvl\.?|block|blk\.?|building|bldg\.?|tower)(\s*#?\s*)([A-Za-z0-9][A-Za-z0-9-]*)/gi;
const HASH_UNIT = /#\s*[A-Za-z0-9-]+/g;

function lastMatchEnd(re: RegExp, s: string): number {
  let end = -1;
  for (const m of s.matchAll(re)) end = m.index + m[0].length;
  return end;
}

function maskChars(s: string, re: RegExp): string {
  return s.replace(re, (m) => MASK.repeat(Array.from(m).length));
}

/**
 * Masks the unit / building / room part of an address and keeps the
 * district and street, so a label or a list still shows where the parcel
 * goes but not which door.
 *
 * Chinese addresses: everything up to the last road name and its house
 * number is kept (`天河区天河路385号`); after it, every digit and Latin letter
 * and any Chinese numeral directly before 栋/座/单元/室… becomes `*`:
 * `广州市天河区天河路385号太古汇一座2单元1503室` → `广州市天河区天河路385号太古汇*座*单元****室`.
 * Without a road, the same applies after the last district-level marker
 * (区, 县, 镇, 街道, 村…); without that, to the whole string.
 *
 * Latin addresses: the value after Flat / Apt / Unit / Room / Suite / Floor /
 * Block / Building / Tower / `#` is masked: `Flat 12B, 34 Harbour Road` →
 * `Flat ***, 34 Harbour Road`.
 */
export function maskAddress(address: string): string {
  const a = address.trim();
  if (!CJK.test(a)) {
    return a
      .replace(LATIN_UNIT, (_m, word: string, gap: string, value: string) => `${word}${gap}${MASK.repeat(value.length)}`)
      .replace(HASH_UNIT, (m) => `#${MASK.repeat(m.length - 1)}`);
  }
  let cut = lastMatchEnd(ROAD, a);
  if (cut < 0) cut = lastMatchEnd(DISTRICT, a);
  if (cut < 0) cut = 0;
  const head = a.slice(0, cut);
  const tail = maskChars(maskChars(a.slice(cut), CN_NUMERAL_BEFORE_UNIT), ALNUM);
  return head + tail;
}

/** The three PII fields of an order's recipient. */
export interface RecipientPii {
  name: string;
  phone: string;
  address: string;
}

/** Masks all recipient fields at once. */
export function maskRecipient(r: RecipientPii): RecipientPii {
  return { name: maskName(r.name), phone: maskPhone(r.phone), address: maskAddress(r.address) };
}
