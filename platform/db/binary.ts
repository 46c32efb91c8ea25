/**
 * Parameters in PostgreSQL's binary formats, for large values that would otherwise be escaped
 * or measured and encoded twice. node-postgres sends a Buffer parameter as binary (format 1);
 * the statement's cast names the type the server decodes it as.
 */

/** A `jsonb` from a value: the format's version byte (1), then the value's JSON text. */
export function jsonb(value: unknown): Buffer {
  return Buffer.from(`\u0001${JSON.stringify(value)}`);
}

/**
 * A `text[]`: the number of dimensions (1, or 0 when empty), a flag for nulls (0), the element
 * type (text, oid 25), the one dimension's length and lower bound (1), then each element as its
 * byte length and its UTF-8 bytes.
 */
export function textArray(texts: readonly string[]): Buffer {
  if (!texts.length) return Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 25]);
  const parts = texts.map((t) => Buffer.from(t));
  const out = Buffer.allocUnsafe(20 + parts.reduce((n, b) => n + 4 + b.length, 0));
  out.writeInt32BE(1, 0);
  out.writeInt32BE(0, 4);
  out.writeUInt32BE(25, 8);
  out.writeInt32BE(texts.length, 12);
  out.writeInt32BE(1, 16);
  let at = 20;
  for (const b of parts) {
    out.writeInt32BE(b.length, at);
    b.copy(out, at + 4);
    at += 4 + b.length;
  }
  return out;
}
