/** CSV cells for the app's exports (RFC 4180; the BOM and CRLF are the caller's, as in telemetry/report/csv.ts). */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection); quote and prefix.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}
export const csvLine = (...v: unknown[]) => v.map(csvCell).join(',');
