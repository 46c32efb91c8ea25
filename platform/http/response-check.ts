/**
 * Does a JSON answer match its declared schema exactly? Missing or mistyped fields fail the
 * zod parse; fields the schema does not declare (which zod objects strip silently) fail here,
 * so the OpenAPI document describes every field a client receives, no more and no less.
 */
import type { ZodType } from 'zod';

/** A short description of how `json` differs from `schema`, or null when it matches. */
export function responseMismatch(schema: ZodType, json: string): string | null {
  const value: unknown = JSON.parse(json);
  const r = schema.safeParse(value);
  if (!r.success) {
    return r.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  const extra: string[] = [];
  undeclared(value, r.data, '', extra);
  return extra.length ? `undeclared field(s): ${extra.slice(0, 8).join(', ')}${extra.length > 8 ? ` and ${extra.length - 8} more` : ''}` : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Keys present in the answer but gone from the parsed value (stripped by the schema). */
function undeclared(input: unknown, output: unknown, path: string, out: string[]): void {
  if (out.length > 50) return;
  if (Array.isArray(input) && Array.isArray(output)) {
    for (let i = 0; i < input.length; i++) undeclared(input[i], output[i], `${path}[${i}]`, out);
  } else if (isObject(input) && isObject(output)) {
    for (const k of Object.keys(input)) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in output)) out.push(p);
      else undeclared(input[k], output[k], p, out);
    }
  }
}
