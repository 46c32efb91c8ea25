/**
 * The README's tables of the box contract, rendered from the JSON Schema
 * (`coldbox-telemetry-1.schema.json`, itself generated from schema.ts), so that a box built from
 * the README sends what the decoder accepts. `app/readme.test.ts` fails when the README's copy is
 * stale; `REGEN=1` rewrites it.
 */

/** The part of JSON Schema (draft 2020-12) the contract uses. */
interface Json {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  title?: string;
  description?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Json;
  properties?: Record<string, Json>;
  required?: string[];
  additionalProperties?: boolean;
  $defs?: Record<string, Json>;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** `|` would end a table cell, and `<boxId>` outside code would be read as an HTML tag. */
function text(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part) => part.startsWith('`')
      ? part.replace(/\|/g, '\\|')
      : part
        .replace(/\b[a-z]+\/coldchain\/[^\s,;]+/g, (topic) => '\u0000' + topic + '\u0000')
        .split('\u0000')
        .map((p, i) => (i % 2 === 1 ? '`' + p + '`' : p.replace(/\|/g, '\\|').replace(/</g, '&lt;')))
        .join(''))
    .join('');
}

const code = (s: string) => '`' + s.replace(/\|/g, '\\|') + '`';

function range(lo: number | undefined, hi: number | undefined, unit = ''): string {
  const l = lo === undefined || lo <= -MAX_SAFE ? undefined : lo;
  const h = hi === undefined || hi >= MAX_SAFE ? undefined : hi;
  if (l !== undefined && h !== undefined) return l === h ? `${l}${unit}` : `${l}–${h}${unit}`;
  if (l !== undefined) return `≥ ${l}${unit}`;
  if (h !== undefined) return `≤ ${h}${unit}`;
  return '';
}

function typeOf(s: Json): string {
  if (s.const !== undefined) return code(JSON.stringify(s.const));
  if (s.enum) return s.enum.map((v) => code(typeof v === 'string' ? v : JSON.stringify(v))).join(' or ');
  const parts: string[] = [];
  switch (s.type) {
    case 'array': {
      const n = range(s.minItems, s.maxItems);
      const it = s.items ?? {};
      const item = it.type === 'object' ? 'objects (their fields below)' : typeOf(it) === it.type ? `${it.type}s` : typeOf(it);
      parts.push(`array of ${n ? n + ' ' : ''}${item}`);
      break;
    }
    case 'string': {
      const n = range(s.minLength, s.maxLength, ' chars');
      parts.push(n ? `string, ${n}` : 'string');
      if (s.pattern) parts.push(code(s.pattern));
      break;
    }
    case 'integer':
    case 'number': {
      const r = range(s.minimum, s.maximum);
      parts.push(r ? `${s.type} ${r}` : s.type);
      break;
    }
    default:
      parts.push(s.type ?? 'any');
  }
  return parts.join(', ');
}

/** One row per field, nested objects (an array's items) flattened as `name[].field`. */
function rows(obj: Json, prefix: string, out: string[]): void {
  const required = new Set(obj.required ?? []);
  for (const [name, s] of Object.entries(obj.properties ?? {})) {
    const path = prefix + name;
    out.push(`| ${code(path)} | ${typeOf(s)} | ${required.has(name) ? 'yes' : 'no'} | ${text(s.description ?? '')} |`);
    if (s.type === 'array' && s.items?.type === 'object') rows(s.items, `${path}[].`, out);
    if (s.type === 'object') rows(s, `${path}.`, out);
  }
}

/** True when this object and every object nested in it refuse unknown fields. */
function closed(s: Json): boolean {
  if (s.type === 'object' && s.additionalProperties !== false) return false;
  return Object.values(s.properties ?? {}).every((p) => (p.type === 'array' && p.items ? closed(p.items) : p.type === 'object' ? closed(p) : true));
}

/** The contract as markdown: per message its topic and QoS (from the schema's descriptions) and a table of its fields. */
export function contractTables(schema: Json): string {
  const out: string[] = [];
  for (const def of Object.values(schema.$defs ?? {})) {
    const name = code(def.title ?? '?');
    if (def.type !== 'object') {
      out.push(`**${name}** — ${text(def.description ?? '')}: ${typeOf(def)}.`, '');
      continue;
    }
    out.push(`**${name}** — ${text(def.description ?? '')}.${closed(def) ? ' No other fields are accepted.' : ''}`, '');
    out.push('| field | type | required | what it is |', '|---|---|---|---|');
    rows(def, '', out);
    out.push('');
  }
  return out.join('\n').trimEnd();
}
