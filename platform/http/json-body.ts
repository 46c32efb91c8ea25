/**
 * Answers serialised once. A value that was already turned into JSON for another purpose (an
 * order's decision is written to PostgreSQL as JSON text) can carry that text
 * ({@link withJsonText}); {@link serializeBody} then splices it into the answer instead of
 * serialising the value again, because a large value costs the API's one thread each time it is
 * serialised, and an answer with an Idempotency-Key is serialised for the reply and the replay.
 */
const texts = new WeakMap<object, string>();

/** Records `text` as the JSON of `value` (the caller guarantees they agree); returns `value`. */
export function withJsonText<T extends object>(value: T, text: string): T {
  texts.set(value, text);
  return value;
}

/**
 * JSON of an answer body: as JSON.stringify, except that a top-level property whose value
 * carries its JSON text is written from that text (and comes last in the object).
 */
export function serializeBody(body: unknown): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return JSON.stringify(body);
  let spliced = '';
  for (const k in body) {
    const v = (body as Record<string, unknown>)[k];
    const t = v !== null && typeof v === 'object' ? texts.get(v) : undefined;
    if (t !== undefined) spliced += `,${JSON.stringify(k)}:${t}`;
  }
  if (!spliced) return JSON.stringify(body);
  // The other properties, copied (not deleted from a copy: that would make a slow dictionary object).
  const rest: Record<string, unknown> = {};
  for (const k in body) {
    const v = (body as Record<string, unknown>)[k];
    if (v === null || typeof v !== 'object' || !texts.has(v)) rest[k] = v;
  }
  const head = JSON.stringify(rest);
  return head === '{}' ? `{${spliced.slice(1)}}` : `${head.slice(0, -1)}${spliced}}`;
}
