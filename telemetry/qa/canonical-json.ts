/**
 * Canonical JSON for signed content: object keys sorted by UTF-16 code unit, no whitespace,
 * arrays in their order, `undefined` members left out, dates as ISO 8601 UTC strings. The same
 * value always gives the same bytes, so its SHA-256 can be recomputed later (Part 11 §11.70).
 */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('canonicalJson: not a finite number');
    return JSON.stringify(v);
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
