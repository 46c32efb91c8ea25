/**
 * Bulk import from a third-party platform's CSV export. Each row becomes one order through
 * the same path as POST /orders; the answer reports every row (created with its id, or the
 * error code and message) and a bad row never stops the others.
 *
 * Columns (header row required, any order): external_ref, channel, customer_name,
 * customer_phone, customer_address, lat, lng, crs, delivery_mode (instant|scheduled|pickup),
 * promise_minutes, window_start, window_end (ISO 8601), items ("sku_a:2;sku_b:1"), rx_ref.
 */
import { AppError } from '../platform/errors';
import { createOrder } from './orders/create';
import type { Actor } from './orders/types';

export const CSV_MAX_ROWS = 2000;

/** RFC 4180 parser: quoted fields, doubled quotes, CRLF or LF, commas inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (quoted) throw new AppError('invalid_input', 'csv_malformed', 'The CSV ends inside a quoted field.');
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const REQUIRED = ['channel', 'customer_name', 'customer_phone', 'customer_address', 'lat', 'lng', 'delivery_mode', 'items'];

export function rowToOrder(h: Record<string, string>): Record<string, unknown> {
  const num = (k: string) => (h[k] === undefined || h[k] === '' ? undefined : Number(h[k]));
  const items = (h.items ?? '').split(';').filter(Boolean).map((p) => {
    const [skuId, q] = p.split(':');
    return { skuId: skuId?.trim(), quantity: Number(q) };
  });
  const mode = h.delivery_mode;
  const delivery = mode === 'scheduled' ? { mode, window: { start: h.window_start, end: h.window_end } }
    : mode === 'pickup' ? { mode } : { mode, ...(num('promise_minutes') !== undefined ? { promiseMinutes: num('promise_minutes') } : {}) };
  return {
    channel: h.channel, ...(h.external_ref ? { externalRef: h.external_ref } : {}), items,
    customer: { name: h.customer_name, phone: h.customer_phone, address: h.customer_address, location: { lat: num('lat'), lng: num('lng'), ...(h.crs ? { crs: h.crs } : {}) } },
    delivery, ...(h.rx_ref ? { rxRef: h.rx_ref } : {}),
  };
}

export async function importOrdersCsv(csv: string, actor: Actor) {
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  if (rows.length < 2) throw new AppError('invalid_input', 'csv_empty', 'The CSV needs a header row and at least one order row.');
  const header = rows[0].map((s) => s.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new AppError('invalid_input', 'csv_missing_columns', `The CSV lacks column(s): ${missing.join(', ')}.`, { missing });
  if (rows.length - 1 > CSV_MAX_ROWS) throw new AppError('invalid_input', 'csv_too_many_rows', `At most ${CSV_MAX_ROWS} rows per import; split the file.`);
  const report: Array<{ row: number; externalRef: string | null; ok: boolean; orderId?: string; status?: string; error?: { code: string; message: string } }> = [];
  for (let i = 1; i < rows.length; i++) {
    const h = Object.fromEntries(header.map((k, j) => [k, (rows[i][j] ?? '').trim()]));
    try {
      const o = await createOrder(rowToOrder(h), actor);
      report.push({ row: i + 1, externalRef: h.external_ref || null, ok: true, orderId: o.id, status: o.status });
    } catch (e) {
      const err = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'internal_error', message: 'unexpected error on this row' };
      report.push({ row: i + 1, externalRef: h.external_ref || null, ok: false, error: err });
    }
  }
  return { total: report.length, created: report.filter((r) => r.ok).length, failed: report.filter((r) => !r.ok).length, rows: report };
}
