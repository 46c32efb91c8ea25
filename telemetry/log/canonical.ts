/**
 * Canonical serialisation of a reading for the tamper-evident log (COMPLIANCE C.37): a fixed
 * list of fields in a fixed (alphabetical) order, fixed number formatting, JSON syntax. Fields
 * not listed here (drift flags, server-side annotations) never enter the hash, so adding a
 * column later cannot break old chains. Format id `coldchain.templog/1`; changing anything in
 * this file means a new format id, never an edit.
 */
import type { NormalizedReading } from '../contract/decode';

/** What the log commits to: the reading as the device sent it plus both timestamps (ALCOA+, C.38). */
export type LogReading = Pick<
  NormalizedReading,
  'boxId' | 'fw' | 'seq' | 'readingIndex' | 'ts' | 'receivedAt' | 'probes' | 'rh' | 'door' | 'batt' | 'hist'
>;

export const LOG_FORMAT = 'coldchain.templog/1';

/**
 * Measured values (°C, %RH, %) are written with 4 decimals: exact for 1/16 °C probe steps
 * (0.0625) and far below any probe's accuracy (±0.5 °C). The readings table must keep at least
 * this precision (numeric(7,4)) so that recomputing from stored rows is exact.
 */
const DECIMALS = 4;

function fixed(v: number, field: string): string {
  if (!Number.isFinite(v)) throw new Error(`${field}: not a finite number`);
  const s = v.toFixed(DECIMALS);
  return /^-0\.0+$/.test(s) ? s.slice(1) : s; // −0 and tiny negatives print as 0
}

function int(v: number, field: string): string {
  if (!Number.isSafeInteger(v)) throw new Error(`${field}: not a safe integer`);
  return String(v);
}

const nullable = <T>(v: T | null, f: (x: T) => string) => (v === null ? 'null' : f(v));

/** Rounds measured values to the log precision; apply before storing so stored = hashed. */
export function quantizeReading<T extends LogReading>(r: T): T {
  const q = (v: number) => Number(v.toFixed(DECIMALS));
  return { ...r, probes: r.probes.map(q), rh: r.rh === null ? null : q(r.rh), batt: r.batt === null ? null : q(r.batt) };
}

/**
 * `{"batt":…,"boxId":…,"door":…,"fw":…,"hist":…,"probes":[…],"readingIndex":…,"receivedAt":…,"rh":…,"seq":…,"ts":…}`
 * with no whitespace. Throws on non-finite numbers or non-integer ids/timestamps.
 */
export function canonicalReading(r: LogReading): string {
  return (
    '{' +
    [
      `"batt":${nullable(r.batt, (v) => fixed(v, 'batt'))}`,
      `"boxId":${JSON.stringify(r.boxId)}`,
      `"door":${nullable(r.door, String)}`,
      `"fw":${JSON.stringify(r.fw)}`,
      `"hist":${String(r.hist)}`,
      `"probes":[${r.probes.map((v, i) => fixed(v, `probes.${i}`)).join(',')}]`,
      `"readingIndex":${int(r.readingIndex, 'readingIndex')}`,
      `"receivedAt":${int(r.receivedAt, 'receivedAt')}`,
      `"rh":${nullable(r.rh, (v) => fixed(v, 'rh'))}`,
      `"seq":${int(r.seq, 'seq')}`,
      `"ts":${int(r.ts, 'ts')}`,
    ].join(',') +
    '}'
  );
}
