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

/** Deepest nesting a request body may have: no API body needs more than a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of JSON text, found by one scan outside strings, before it is parsed: a
 * 1 MB body of `[[[[…` parses, but serialising it again (idempotency, audit) overflows the stack.
 */
export function jsonDepth(text: string): number {
  let depth = 0, max = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > max) max = depth; } else if (c === 125 || c === 93) depth--;
  }
  return max;
}
